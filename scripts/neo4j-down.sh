#!/usr/bin/env bash
# Stop the local Neo4j started by scripts/neo4j-up.sh: SIGTERM (clean shutdown,
# checkpoint), then SIGKILL after NEO4J_STOP_TIMEOUT seconds (default 60).
# Harmless when it is not running. Progress goes to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/out/neo4j"
PID_FILE="$OUT/neo4j.pid"
MAIN_CLASS="org.bloc.neo4j.LocalNeo4jServer"
TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"

log() { echo "neo4j-down: $*" >&2; }

is_our_server() {
    [[ -n "${1:-}" && -r "/proc/$1/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$1/cmdline" | grep -q "$MAIN_CLASS"
}

pid=""
[[ -f "$PID_FILE" ]] && pid="$(tr -dc '0-9' <"$PID_FILE")"
# Fall back to the pid file Neo4j itself writes, in case ours was deleted.
if ! is_our_server "$pid" && [[ -f "$OUT/run/neo4j.pid" ]]; then
    pid="$(tr -dc '0-9' <"$OUT/run/neo4j.pid")"
fi

if ! is_our_server "$pid"; then
    log "Neo4j is not running"
    rm -f "$PID_FILE" "$OUT/run/bloc-ready"
    exit 0
fi

log "stopping Neo4j (pid $pid)"
kill -TERM "$pid" 2>/dev/null || true
t0=$SECONDS
while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS - t0 >= TIMEOUT )); then
        log "still running after ${TIMEOUT}s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
        break
    fi
    sleep 0.5
done
rm -f "$PID_FILE" "$OUT/run/bloc-ready"
log "stopped after $((SECONDS - t0))s"
