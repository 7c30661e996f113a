#!/usr/bin/env bash
# Deploys (or replaces) the Confero EAR on a configured standalone server, offline.
#   deploy.sh <server-dir> <confero.ear>
set -euo pipefail
server=${1:?usage: deploy.sh <server-dir> <confero.ear>}
ear=$(cd "$(dirname "${2:?usage: deploy.sh <server-dir> <confero.ear>}")" && pwd)/$(basename "$2")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

[ -f "$ear" ] || { echo "no EAR at $ear" >&2; exit 1; }
# The runtime name must stay confero.ear: the resource-adapters subsystem refers to archive="confero.ear#media.rar".
JBOSS_HOME="$server" JAVA_OPTS="${JAVA_OPTS:-} -Dconfero.ear=$ear -Dconfero.tls.keystore.password=resolved-at-start" \
    "$server/bin/jboss-cli.sh" --file="$here/cli/standalone/deploy.cli" >/dev/null
echo "Deployed $ear to $server"
