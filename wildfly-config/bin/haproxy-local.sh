#!/usr/bin/env bash
# HAProxy in front of the local domain (domain-local.sh), with the production configuration
# wildfly-config/haproxy/confero.cfg: TLS on a loopback port with a generated certificate, round robin with cookie
# affinity over two servers' HTTP ports, the /healthCheck probe, the statistics page and runtime socket.
#
#   haproxy-local.sh start  <state-dir> [name=host:port ...]   start (backends default: mmr-1 and mmr-2 of the domain)
#   haproxy-local.sh stop   <state-dir>
#   haproxy-local.sh status <state-dir>                         each server's state as the health check sees it
#
# <state-dir> receives the certificate (confero-lb.pem, 0600, and confero-lb.crt to trust), servers.cfg, the runtime
# socket haproxy.sock, haproxy.log, and haproxy.env — the addresses chosen, to source:
#   CONFERO_LB_URL (https://localhost:<port>), CONFERO_LB_HTTPS_PORT, CONFERO_LB_HTTP_PORT, CONFERO_LB_STATS_PORT,
#   CONFERO_LB_STATS_SOCKET, CONFERO_LB_SOURCE.
# Ports: CONFERO_LB_HTTPS_PORT, CONFERO_LB_HTTP_PORT, CONFERO_LB_STATS_PORT, else the first free ones from 19443,
# 19080 and 19404. HAProxy connects to the servers from CONFERO_LB_SOURCE (default 127.0.0.2, another loopback
# address), which is what the servers' confero.trusted.proxies must list — and what a client on 127.0.0.1 is not.
# Backends default to 127.0.0.1 at the HTTP ports of mmr-1 and mmr-2 (8180 and 8280 + CONFERO_DOMAIN_OFFSET).
set -euo pipefail

usage="usage: haproxy-local.sh start|stop|status <state-dir> [name=host:port ...]"
action=${1:?$usage}
state=${2:?$usage}
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$state"
state=$(cd "$state" && pwd)
pidfile="$state/haproxy.pid"

# shellcheck source=process.sh
. "$here/bin/process.sh"

stats_csv() {
    # shellcheck disable=SC1091
    . "$state/haproxy.env"
    curl -sf --max-time 5 "http://127.0.0.1:$CONFERO_LB_STATS_PORT/;csv"
}

case $action in
stop)
    process_stop "$pidfile" "HAProxy" 10
    exit 0
    ;;
status)
    process_running "$pidfile" || { echo "HAProxy is not running ($state)"; exit 3; }
    stats_csv | awk -F, '$1 == "confero" && $2 != "BACKEND" { print $2, $18, $37 }'
    exit 0
    ;;
start) ;;
*)
    echo "$usage" >&2
    exit 2
    ;;
esac

command -v haproxy >/dev/null 2>&1 || { echo "haproxy is not installed (scripts/prerequisites.sh test)" >&2; exit 1; }
process_stop "$pidfile" "HAProxy" 10

free_port() { # free_port <first>: the first port from <first> that nothing listens on at 127.0.0.1
    local p=$1
    while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do
        p=$((p + 1))
    done
    echo "$p"
}
offset=${CONFERO_DOMAIN_OFFSET:-1000}
https_port=${CONFERO_LB_HTTPS_PORT:-$(free_port 19443)}
http_port=${CONFERO_LB_HTTP_PORT:-$(free_port 19080)}
stats_port=${CONFERO_LB_STATS_PORT:-$(free_port 19404)}
source_address=${CONFERO_LB_SOURCE:-127.0.0.2}
if [ $# -eq 0 ]; then
    set -- "mmr-1=127.0.0.1:$((8180 + offset))" "mmr-2=127.0.0.1:$((8280 + offset))"
fi

bash "$here/bin/haproxy-cert.sh" "$state" >/dev/null
{
    echo "# Written by haproxy-local.sh: the servers of the local domain."
    echo "backend confero from confero-servers"
    for server in "$@"; do
        name=${server%%=*}
        address=${server#*=}
        [ -n "$name" ] && [ "$name" != "$server" ] || { echo "not name=host:port: $server" >&2; exit 2; }
        echo "    server $name $address cookie $name"
    done
} >"$state/servers.cfg"

export CONFERO_LB_HTTPS_BIND="127.0.0.1:$https_port"
export CONFERO_LB_HTTP_BIND="127.0.0.1:$http_port"
export CONFERO_LB_PUBLIC_URL="https://localhost:$https_port"
export CONFERO_LB_CERT="$state/confero-lb.pem"
export CONFERO_LB_STATS_SOCKET="$state/haproxy.sock"
export CONFERO_LB_STATS_BIND="127.0.0.1:$stats_port"
export CONFERO_LB_LOG=stdout
export CONFERO_LB_SOURCE="$source_address"
cat >"$state/haproxy.env" <<EOF_ENV
CONFERO_LB_URL=$CONFERO_LB_PUBLIC_URL
CONFERO_LB_HTTPS_PORT=$https_port
CONFERO_LB_HTTP_PORT=$http_port
CONFERO_LB_STATS_PORT=$stats_port
CONFERO_LB_STATS_SOCKET=$CONFERO_LB_STATS_SOCKET
CONFERO_LB_SOURCE=$source_address
EOF_ENV

config=(-f "$here/haproxy/confero.cfg" -f "$state/servers.cfg")
haproxy -c -q "${config[@]}" || { echo "HAProxy refused the configuration" >&2; exit 1; }
# Master-worker in the foreground of a background job: logs go to haproxy.log, the pid file names the master.
nohup haproxy -W -db "${config[@]}" >"$state/haproxy.log" 2>&1 &
echo $! >"$pidfile"

deadline=$((SECONDS + 20))
until (exec 3<>"/dev/tcp/127.0.0.1/$https_port") 2>/dev/null && [ -S "$CONFERO_LB_STATS_SOCKET" ]; do
    if ! process_running "$pidfile" || [ $SECONDS -ge $deadline ]; then
        echo "HAProxy did not start; see $state/haproxy.log:" >&2
        tail -n 20 "$state/haproxy.log" >&2
        process_stop "$pidfile" "HAProxy" 5
        exit 1
    fi
    sleep 0.2
done
cat <<EOF_BANNER
HAProxy running (pid $(cat "$pidfile")), state in $state
  public URL   $CONFERO_LB_PUBLIC_URL   (certificate to trust: $state/confero-lb.crt)
  plain HTTP   http://127.0.0.1:$http_port/   (redirects to the public URL)
  statistics   http://127.0.0.1:$stats_port/   runtime API: $CONFERO_LB_STATS_SOCKET
  servers      $*   (connected from $source_address)
  For Confero to believe its X-Forwarded-* headers, the servers need confero.trusted.proxies=$source_address/32,
  and confero.public.url=$CONFERO_LB_PUBLIC_URL for the links they hand out.
EOF_BANNER
