#!/usr/bin/env bash
# A fresh private server for the testsuite: a copy of the configured server (wildfly-config/target/wildfly), an empty
# data directory and a TLS keystore of its own.
#   prepare-server.sh <configured-server> <test-server> <test-data>
set -euo pipefail
src=${1:?configured server}
dst=${2:?test server dir}
data=${3:?test data dir}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

[ -x "$src/bin/standalone.sh" ] || { echo "no configured server at $src: build wildfly-config first" >&2; exit 1; }
rm -rf "$dst" "$data"
cp -a "$src" "$dst"
mkdir -p "$data"
bash "$here/../../../../wildfly-config/bin/ensure-tls.sh" "$data" >/dev/null
# Geo-IP for the lookup, as run.sh fetches it; a cached copy from an earlier run saves the download.
cache="$here/../../../target/geoip-cache"
bash "$here/../../../../scripts/fetch-geoip.sh" "$cache" >/dev/null 2>&1 || true
if [ -d "$cache" ]; then
    cp -r "$cache" "$data/geoip"
fi
echo "Test server ready in $dst (data: $data)"
