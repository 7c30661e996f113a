#!/usr/bin/env bash
# A private, throwaway PostgreSQL server for tests and trials (Debian's postgresql package; never the system cluster).
#
#   scripts/postgres.sh start <dir> <port>   a new cluster in <dir>/data (anything in <dir> is deleted first), listening
#                                            on 127.0.0.1:<port> only, with database "confero" owned by role "confero"
#                                            whose password is random for this run: <dir>/password (mode 600)
#   scripts/postgres.sh stop <dir>           stop it (a no-op when it does not run)
#
# Run as root (as the test command is), the server runs as the OS user "postgres": PostgreSQL refuses to run as root.
# The superuser "postgres" can log in through the cluster's own Unix socket in <dir>/run only (peer authentication);
# TCP logins need a password (scram-sha-256). Nothing is skipped silently: whatever fails stops the script non-zero.
set -euo pipefail

action=${1:?usage: postgres.sh start <dir> <port> | stop <dir>}
dir=${2:?usage: postgres.sh start <dir> <port> | stop <dir>}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "PostgreSQL's server programs are missing (/usr/lib/postgresql/<version>/bin): apt-get install postgresql" >&2
    exit 1
fi

# as_owner <command…>: runs as "postgres" when we are root, else as ourselves.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A server killed with its build leaves postmaster.pid behind: stop only one that pg_ctl sees running.
stop() {
    if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
    fi
}

case $action in
stop)
    [ -d "$dir" ] || exit 0
    dir=$(cd "$dir" && pwd)
    stop
    exit 0
    ;;
start) ;;
*)
    echo "usage: postgres.sh start <dir> <port> | stop <dir>" >&2
    exit 2
    ;;
esac

port=${3:?usage: postgres.sh start <dir> <port>}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
stop
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "127.0.0.1:$port is already taken; cannot start a private PostgreSQL there" >&2
    exit 1
fi
rm -rf "${dir:?}"/*
mkdir -p "$dir/data" "$dir/run"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir" "$dir/data" "$dir/run"
fi
# Every directory above <dir> must let "postgres" through; say so rather than fail obscurely inside initdb.
if ! as_owner test -w "$dir/data"; then
    echo "The postgres user cannot write $dir/data (a parent directory without o+x?)" >&2
    exit 1
fi

# A password of 32 letters and digits: safe in SQL quotes and in a properties file as is.
umask 077
password=$(head -c 48 /dev/urandom | base64 -w 0 | tr -dc 'A-Za-z0-9')
password=${password:0:32}
printf '%s\n' "$password" >"$dir/password"
umask 022

as_owner "$bindir/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=peer \
    --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    exit 1
}
# Loopback only, its own port and socket directory: it never meets the system's cluster or another engineer's.
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/run -c max_connections=100" start >/dev/null || {
    tail -n 30 "$dir/server.log" >&2
    exit 1
}
# The password goes through standard input, never a command line that ps would show.
printf "CREATE ROLE confero LOGIN PASSWORD '%s';\nCREATE DATABASE confero OWNER confero ENCODING 'UTF8';\n" \
    "$password" | as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port" -U postgres -d postgres
version=$(as_owner "$bindir/psql" -X -At -h "$dir/run" -p "$port" -U postgres -d confero -c 'SHOW server_version')
echo "PostgreSQL $version on 127.0.0.1:$port (data $dir/data; database confero, user confero, password in $dir/password)"
