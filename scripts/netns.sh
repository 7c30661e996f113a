#!/usr/bin/env bash
# The test network: a client namespace joined to this host by three veth pairs, so that tests can drop, delay and
# proxy what a client sends without touching any address outside 10.77.0.0/16 (which exists only here).
#
#   host (root namespace)                       namespace cfc (the client)
#   cf-n0 10.77.1.1  ── near zone ─────────  cf-n1 10.77.1.2    the server binds here (zone controller, router)
#   cf-f0 10.77.2.1  ── far zone ──────────  cf-f1 10.77.2.2    DNAT to 10.77.1.1: another path to the same server
#   cf-w0 10.77.3.1  ── web ───────────────  cf-w1 10.77.3.2    DNAT to 10.77.1.1 for the web ports; proxy on :8888
#
#   scripts/netns.sh up [https-port media-port]   (idempotent; defaults 8643 9001, the netns test server's ports)
#   scripts/netns.sh down
# Tests then add their own firewall on the host side of the links (table ip confero_block).
set -euo pipefail

ns=cfc
action=${1:?usage: netns.sh up|down [https-port media-port]}
https_port=${2:-8643}
media_port=${3:-9001}

down() {
    ip netns del "$ns" 2>/dev/null || true # takes the cf-*1 ends, and with them their peers
    for p in n f w; do ip link del "cf-${p}0" 2>/dev/null || true; done
    nft delete table ip confero_test 2>/dev/null || true
    nft delete table ip confero_block 2>/dev/null || true # the tests' firewall, if a run was cut short
}

up() {
    down
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    local i=1
    for p in n f w; do
        ip link add "cf-${p}0" type veth peer name "cf-${p}1" netns "$ns"
        ip addr add "10.77.$i.1/24" dev "cf-${p}0"
        ip link set "cf-${p}0" up
        ip -n "$ns" addr add "10.77.$i.2/24" dev "cf-${p}1"
        ip -n "$ns" link set "cf-${p}1" up
        i=$((i + 1))
    done
    # The far zone and the web address lead to the one server on 10.77.1.1, each over its own link (own delay, own
    # firewall rules); from the host itself too (output), for the proxy's onward connections.
    nft -f - <<NFT
table ip confero_test {
    chain prerouting {
        type nat hook prerouting priority dstnat; policy accept;
        ip daddr { 10.77.2.1, 10.77.3.1 } tcp dport { $https_port, $media_port } dnat to 10.77.1.1
        ip daddr { 10.77.2.1, 10.77.3.1 } udp dport $media_port dnat to 10.77.1.1
    }
    chain output {
        type nat hook output priority -100; policy accept;
        ip daddr { 10.77.2.1, 10.77.3.1 } tcp dport { $https_port, $media_port } dnat to 10.77.1.1
        ip daddr { 10.77.2.1, 10.77.3.1 } udp dport $media_port dnat to 10.77.1.1
    }
}
NFT
}

case $action in
up) up ;;
down) down ;;
*)
    echo "usage: netns.sh up|down [https-port media-port]" >&2
    exit 2
    ;;
esac
