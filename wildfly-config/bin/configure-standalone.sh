#!/usr/bin/env bash
# Configures a WildFly 39 installation for Confero (standalone mode), offline.
#   configure-standalone.sh [--fresh] <unpacked-distribution> <server-dir>
# Copies the distribution to <server-dir> when that does not exist yet, creates confero.xml from
# standalone-ha.xml when absent, and runs the idempotent cli/standalone/confero.cli against it.
# Point <distribution> and <server-dir> at the same directory to configure an existing installation in place.
set -euo pipefail

fresh=false
if [ "${1:-}" = "--fresh" ]; then
    fresh=true # the build starts from a pristine copy each time, so the result never depends on an earlier build
    shift
fi
dist=${1:?usage: configure-standalone.sh <unpacked-distribution> <server-dir>}
server=${2:?usage: configure-standalone.sh <unpacked-distribution> <server-dir>}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if $fresh || [ ! -x "$server/bin/standalone.sh" ]; then
    [ -x "$dist/bin/standalone.sh" ] || { echo "no WildFly distribution at $dist" >&2; exit 1; }
    rm -rf "$server"
    mkdir -p "$(dirname "$server")"
    cp -a "$dist" "$server"
fi

config="$server/standalone/configuration/confero.xml"
if [ ! -f "$config" ]; then
    cp "$server/standalone/configuration/standalone-ha.xml" "$config"
fi

# The embedded server needs no running process and no management user. Expressions are checked while the script runs:
# the keystore password is only known at start (bin/ensure-tls.sh), so a placeholder stands in for it here; it is not
# written to the configuration, which keeps the expression.
# The CLI's answers go to a log next to the server; a failure stops the script (jboss-cli exits non-zero) and shows it.
cli_log="$server/standalone/log/confero-configure.log"
mkdir -p "$(dirname "$cli_log")"
if ! JBOSS_HOME="$server" JAVA_OPTS="${JAVA_OPTS:-} -Dconfero.tls.keystore.password=resolved-at-start" \
    "$server/bin/jboss-cli.sh" --file="$here/cli/standalone/confero.cli" >"$cli_log" 2>&1; then
    cat "$cli_log" >&2
    echo "Configuring $server failed (log: $cli_log)" >&2
    exit 1
fi
echo "Configured $server (standalone/configuration/confero.xml)"
