#!/usr/bin/env bash
# Puts Confero's database on PostgreSQL: installs the JDBC driver as the WildFly module org.postgresql (the jar the
# wildfly-config build took from Maven Central, or one given) and switches the datasource ConferoDS to it. Offline and
# idempotent; run it after configure-standalone.sh (or configure-domain.sh with --domain) on every installation.
#   configure-postgresql.sh [--domain] <wildfly-dir> [postgresql.jar]
# The server then needs confero.db.url, confero.db.user and the password (see cli/standalone/postgresql.cli).
set -euo pipefail

mode=standalone
if [ "${1:-}" = "--domain" ]; then
    mode=domain
    shift
fi
server=${1:?usage: configure-postgresql.sh [--domain] <wildfly-dir> [postgresql.jar]}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=${2:-$(ls "$here"/target/postgresql/postgresql-*.jar 2>/dev/null | sort -V | tail -n 1)}
[ -x "$server/bin/jboss-cli.sh" ] || { echo "no WildFly installation at $server" >&2; exit 1; }
[ -f "$jar" ] || { echo "no PostgreSQL JDBC driver jar (build wildfly-config first, or name one)" >&2; exit 1; }

bash "$here/bin/install-postgresql-driver.sh" "$server" "$jar"

log="$server/$mode/log/confero-configure.log"
mkdir -p "$(dirname "$log")"
# Placeholders let the embedded server check the expressions; the configuration keeps the expressions themselves.
if ! CONFERO_DB_PASSWORD=resolved-at-start CONFERO_TLS_KEYSTORE_PASSWORD=resolved-at-start JBOSS_HOME="$server" \
    JAVA_OPTS="${JAVA_OPTS:-} -Dconfero.tls.keystore.password=resolved-at-start -Dconfero.db.password=resolved-at-start" \
    "$server/bin/jboss-cli.sh" --file="$here/cli/$mode/postgresql.cli" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "Switching ConferoDS of $server to PostgreSQL failed (log: $log)" >&2
    exit 1
fi
echo "ConferoDS of $server ($mode) now uses PostgreSQL (driver $(basename "$jar"))"
