#!/usr/bin/env bash
# The PostgreSQL tests' server and database: a private PostgreSQL (scripts/postgres.sh: its own port on 127.0.0.1, a
# random password for this run), a copy of the configured WildFly switched to it (configure-postgresql.sh), an empty
# data directory with its TLS keystore, and the database password in <test-data>/db.properties (mode 600), which the
# server reads with --properties. If PostgreSQL cannot start, this fails and so does the build.
#   prepare-postgres.sh <configured-server> <test-server> <test-data> <postgres-dir> <postgres-port>
set -euo pipefail
src=${1:?configured server}
dst=${2:?test server dir}
data=${3:?test data dir}
pgdir=${4:?postgres dir}
pgport=${5:?postgres port}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root="$here/../../../.."

[ -x "$src/bin/standalone.sh" ] || { echo "no configured server at $src: build wildfly-config first" >&2; exit 1; }
rm -rf "$dst" "$data"
cp -a "$src" "$dst"
bash "$root/wildfly-config/bin/configure-postgresql.sh" "$dst" >/dev/null
mkdir -p "$data"
bash "$root/wildfly-config/bin/ensure-tls.sh" "$data" >/dev/null
cache="$root/testsuite/target/geoip-cache"
if [ -d "$cache" ]; then
    cp -r "$cache" "$data/geoip"
fi

bash "$root/scripts/postgres.sh" start "$pgdir" "$pgport"
umask 077
printf 'confero.db.password=%s\n' "$(cat "$pgdir/password")" >"$data/db.properties"
echo "PostgreSQL test server ready in $dst (data: $data)"
