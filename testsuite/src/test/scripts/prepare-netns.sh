#!/usr/bin/env bash
# The network-namespace tests' server data and network: an empty data directory whose TLS certificate covers the
# test addresses, and the namespace topology of scripts/netns.sh (client namespace cfc, 10.77.0.0/16 only).
#   prepare-netns.sh <test-data> <https-port> <media-port>
set -euo pipefail
data=${1:?test data dir}
https_port=${2:?https port}
media_port=${3:?media port}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root="$here/../../../.."

rm -rf "$data"
mkdir -p "$data"
bash "$root/wildfly-config/bin/ensure-tls.sh" "$data" ip:10.77.1.1 ip:10.77.2.1 ip:10.77.3.1 >/dev/null
cache="$root/testsuite/target/geoip-cache"
if [ -d "$cache" ]; then
    cp -r "$cache" "$data/geoip"
fi
bash "$root/scripts/netns.sh" up "$https_port" "$media_port"
echo "Network namespace cfc ready; netns test data in $data"
