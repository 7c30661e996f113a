# Sourced by run.sh and domain-local.sh: a background server process known by its pid file.
#   process_running <pidfile>                       is it alive?
#   process_stop <pidfile> <label> <seconds>        SIGTERM (a clean WildFly shutdown), SIGKILL after <seconds>

process_running() {
    [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

process_stop() {
    local pidfile=$1 label=$2 seconds=$3 pid
    if process_running "$pidfile"; then
        pid=$(cat "$pidfile")
        echo "Stopping $label (pid $pid)"
        kill "$pid"
        for _ in $(seq 1 $((seconds * 2))); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            kill -9 "$pid"
        fi
    fi
    rm -f "$pidfile"
}
