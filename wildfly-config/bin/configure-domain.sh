#!/usr/bin/env bash
# Configures a WildFly 39 installation's managed domain for Confero, offline: the "confero" profile (WildFly's "ha"
# profile plus exactly the settings of cli/standalone/confero.cli), server groups by role and zone
# (cli/domain/confero-domain.cli). Idempotent. The standalone configuration of the same installation is untouched.
#   configure-domain.sh <wildfly-dir>
# CONFERO_METRICS_OTLP=true also adds the Micrometer OTLP registry (cli/domain/otlp.cli) for an OpenTelemetry
# Collector; without it, Prometheus scrapes each server's /prometheus (README, Observability).
set -euo pipefail

server=${1:?usage: configure-domain.sh <wildfly-dir>}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ -x "$server/bin/domain.sh" ] || { echo "no WildFly installation at $server" >&2; exit 1; }

# One source for the profile: the standalone script's subsystem settings, addressed to the domain profile. Extensions
# stay at the root of the domain model, as they are in a standalone one.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
profile="$work/confero-profile.cli"
cat "$here/cli/domain/profile-header.cli" >"$profile"
sed -e '/^embed-server/d' -e '/microprofile-health-smallrye:read-resource/,/^end-if/d' \
    -e '/micrometer\/registry=prometheus:read-resource/,/^end-if/d' -e '/micrometer\/registry=prometheus:write-attribute/d' -e 's#^\( *\)/subsystem=#\1/profile=confero/subsystem=#' \
    -e 's#of /subsystem=#of /profile=confero/subsystem=#' \
    -e 's#^stop-embedded-server#stop-embedded-host-controller#' \
    "$here/cli/standalone/confero.cli" >>"$profile"

cli_log="$server/domain/log/confero-configure.log"
mkdir -p "$(dirname "$cli_log")"
scripts=("$profile" "$here/cli/domain/confero-domain.cli")
if [ "${CONFERO_METRICS_OTLP:-false}" = true ]; then
    scripts+=("$here/cli/domain/otlp.cli")
fi
for script in "${scripts[@]}"; do
    if ! CONFERO_TLS_KEYSTORE_PASSWORD=resolved-at-start JBOSS_HOME="$server" \
        JAVA_OPTS="${JAVA_OPTS:-} -Dconfero.tls.keystore.password=resolved-at-start" "$server/bin/jboss-cli.sh" --file="$script" >>"$cli_log" 2>&1; then
        tail -n 40 "$cli_log" >&2
        echo "Configuring the domain of $server failed (log: $cli_log)" >&2
        exit 1
    fi
done
echo "Configured $server (domain/configuration/domain.xml: profile confero, groups web, zone-default, tunnel)"
