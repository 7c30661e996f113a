#!/usr/bin/env bash
# A Confero domain on this one machine: a domain controller with four servers — web-1 (group web: REST API, lookup,
# web client, HTTP tunnel), mmr-1, mmr-2 (group zone-default: zone controllers and multimedia routers) and tunnel-1
# (group tunnel: an HTTP tunnel server of its own) — sharing one data directory, so that meetings span servers and survive the loss of one.
#
#   domain-local.sh start <configured-wildfly> <data-dir> <confero.ear>    configure the host, deploy, start, wait
#   domain-local.sh stop  <configured-wildfly>                             stop the whole domain
#
# <configured-wildfly> is a copy made for the domain and configured by configure-domain.sh. Ports: everything moves
# by CONFERO_DOMAIN_OFFSET (default 1000): management 9990+offset; web-1 HTTP 8080+offset, HTTPS 8443+offset;
# mmr-1, mmr-2 and tunnel-1 100, 200 and 300 higher; media (UDP and TCP) 8801+offset for web-1, +100, +200, +300;
# JGroups 7600+offset, +100, +200, +300.
# CONFERO_LOCAL_MMR_CAPACITY (default 500) is the participant threshold of mmr-1 and mmr-2: past it, a meeting
# overflows to the other router and the two cascade.
# CONFERO_LOCAL_PUBLIC_URL (default web-1's HTTPS URL) is confero.public.url: a load balancer's URL (haproxy-local.sh)
# tells the servers one is in front. CONFERO_LOCAL_TRUSTED_PROXIES (default 127.0.0.2/32, the address haproxy-local.sh
# connects from) is confero.trusted.proxies. CONFERO_LOCAL_HTTP_CREDENTIALS_PEERS (default 127.0.0.1/32) is
# confero.http.credentials.peers: the tests send HTTP Basic over plain HTTP from there. Each server's confero.node.url is its own https://localhost:<port>.
# CONFERO_LOCAL_BACKUP_INTERVAL_SECONDS (default 0: daily at confero.backup.time) makes the scheduled backup run every
# so many seconds, on exactly one of the four servers per slot.
set -euo pipefail

action=${1:?usage: domain-local.sh start|stop <configured-wildfly> [data-dir confero.ear]}
server=${2:?the configured WildFly directory}
offset=${CONFERO_DOMAIN_OFFSET:-1000}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pidfile="$server/domain/confero-domain.pid"
log="$server/domain/log"

# shellcheck source=process.sh
. "$here/bin/process.sh"
running() { process_running "$pidfile"; }
# The process controller stops its servers on SIGTERM; after a minute it and they are killed.
stop() {
    process_stop "$pidfile" "the Confero domain's process controller" 60
    pkill -9 -f -- "$server/domain" 2>/dev/null || true
}

case $action in
stop)
    stop
    exit 0
    ;;
start) ;;
*)
    echo "usage: domain-local.sh start|stop <configured-wildfly> [data-dir confero.ear]" >&2
    exit 2
    ;;
esac

data=$(mkdir -p "${3:?the shared data directory}" && cd "$3" && pwd)
ear=$(cd "$(dirname "${4:?the EAR}")" && pwd)/$(basename "$4")
stop
bash "$here/bin/ensure-tls.sh" "$data" >/dev/null

port() { echo $(($1 + offset)); }
hosts="127.0.0.1[$(port 7600)],127.0.0.1[$(port 7700)],127.0.0.1[$(port 7800)],127.0.0.1[$(port 7900)]"
# local-host.cli names its values ${confero.local.*}; they are filled in here, so host.xml holds plain values.
values=(
    "confero.local.data=$data" "confero.local.cluster.hosts=$hosts"
    "confero.local.public.url=${CONFERO_LOCAL_PUBLIC_URL:-https://localhost:$(port 8443)}"
    "confero.local.trusted.proxies=${CONFERO_LOCAL_TRUSTED_PROXIES:-127.0.0.2/32}"
    "confero.local.http.credentials.peers=${CONFERO_LOCAL_HTTP_CREDENTIALS_PEERS:-127.0.0.1/32}"
    "confero.local.url.web-1=https://localhost:$(port 8443)" "confero.local.url.tunnel-1=https://localhost:$(port 8743)"
    "confero.local.offset.web-1=$offset" "confero.local.offset.mmr-1=$((offset + 100))"
    "confero.local.offset.mmr-2=$((offset + 200))" "confero.local.media.web-1=$(port 8801)"
    "confero.local.media.mmr-1=$(port 8901)" "confero.local.media.mmr-2=$(port 9001)"
    "confero.local.url.mmr-1=https://localhost:$(port 8543)" "confero.local.url.mmr-2=https://localhost:$(port 8643)"
    "confero.local.offset.tunnel-1=$((offset + 300))" "confero.local.media.tunnel-1=$(port 9101)"
    "confero.local.mmr.capacity=${CONFERO_LOCAL_MMR_CAPACITY:-500}"
    "confero.local.backup.interval=${CONFERO_LOCAL_BACKUP_INTERVAL_SECONDS:-0}"
)
script=$(cat "$here/cli/domain/local-host.cli")
for pair in "${values[@]}"; do
    script=${script//"\${${pair%%=*}}"/${pair#*=}}
done
mkdir -p "$log"
printf '%s\n' "$script" >"$log/confero-local-host.cli"
JBOSS_HOME="$server" CONFERO_TLS_KEYSTORE_PASSWORD=resolved-at-start \
    JAVA_OPTS="${JAVA_OPTS:-} -Dconfero.ear=$ear -Dconfero.tls.keystore.password=resolved-at-start" \
    "$server/bin/jboss-cli.sh" --file="$log/confero-local-host.cli" >"$log/confero-local-host.log" 2>&1 || {
    tail -n 30 "$log/confero-local-host.log" >&2
    exit 1
}

# The servers read the keystore password from the environment they inherit (see cli/domain/confero-domain.cli).
CONFERO_TLS_KEYSTORE_PASSWORD=$(sed -n 's/^confero.tls.keystore.password=//p' "$data/tls/keystore.properties")
export CONFERO_TLS_KEYSTORE_PASSWORD
mkdir -p "$log"
# The shared database, attachments and backups the servers create are their user's only (700/600).
umask 077
LAUNCH_JBOSS_IN_BACKGROUND=1 nohup "$server/bin/domain.sh" --host-config=host.xml \
    -Djboss.management.http.port="$(port 9990)" -Djboss.domain.primary.port="$(port 9990)" \
    -Djboss.bind.address.management=127.0.0.1 >"$log/console.log" 2>&1 &
echo $! >"$pidfile"
unset CONFERO_TLS_KEYSTORE_PASSWORD

deadline=$((SECONDS + 300))
for p in 8080 8180 8280 8380; do
    url="http://127.0.0.1:$(port $p)/healthCheck"
    until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url")" = 200 ]; do
        if ! running || [ $SECONDS -ge $deadline ]; then
            echo "The domain did not become healthy ($url: $(curl -s --max-time 5 "$url")); see $log" >&2
            exit 1
        fi
        sleep 1
    done
done
# The first start's zone lists the public URL (web-1) as its controller; here the routers' servers are the controllers.
if [ -f "$data/first-start.txt" ]; then
    password=$(sed -n 's/^ *password *//p' "$data/first-start.txt")
    curl -sf -o /dev/null -u "admin:$password" -H 'Content-Type: application/json' -X PUT \
        -d "{\"name\":\"default\",\"state\":\"enabled\",\"controllerUrls\":[\"https://localhost:$(port 8543)/api/v1/zc\",\"https://localhost:$(port 8643)/api/v1/zc\"]}" \
        "http://127.0.0.1:$(port 8080)/api/v1/zones/default" || echo "could not point zone default at mmr-1 and mmr-2" >&2
    echo
    cat "$data/first-start.txt"
fi
cat <<EOF_BANNER
Confero domain running (process controller $(cat "$pidfile")), data in $data
  web-1   https://localhost:$(port 8443)   (public URL; REST API, lookup, tunnel)
  mmr-1   https://localhost:$(port 8543)   media $(port 8901)
  mmr-2   https://localhost:$(port 8643)   media $(port 9001)
  tunnel-1 https://localhost:$(port 8743)  (HTTP tunnel only; list it under /api/v1/tunnels)
  console http://127.0.0.1:$(port 9990)/   (add a management user: $server/bin/add-user.sh)
EOF_BANNER
