#!/usr/bin/env bash
# Start a local Neo4j 5.26 Community server (jars from Maven Central, no Docker)
# in the background, wait until it accepts Bolt logins, and write out/neo4j.env.
#
#   bash scripts/neo4j-up.sh        # start (or report that it already runs)
#   source out/neo4j.env            # NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD
#   bash scripts/neo4j-down.sh      # stop
#
# Environment (all optional):
#   NEO4J_PASSWORD       password of user neo4j            (default blocpassword, >= 8 chars)
#   NEO4J_BOLT_PORT      Bolt port on 127.0.0.1            (default 7687)
#   NEO4J_HTTP_PORT      HTTP/Browser port on 127.0.0.1    (default 7474)
#   NEO4J_HEAP           JVM heap                          (default 1g)
#   NEO4J_PAGECACHE      page cache                        (default 256m)
#   NEO4J_START_TIMEOUT  seconds to wait for the server    (default 180)
#   NEO4J_AUTH_MAX_FAILED_ATTEMPTS  wrong logins before a 5s lock (default 0 = no lock)
#   NEO4J_MVN_ARGS       extra Maven arguments, e.g. -Dmaven.repo.local=/tmp/m2
#
# Everything it writes lives under out/ (git-ignored): out/neo4j/{build,data,logs,
# plugins,plugin-libs,run}, out/neo4j/neo4j.pid, out/neo4j/neo4j.log and out/neo4j.env.
# Progress goes to stderr.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/out/neo4j"
POM="$ROOT/tools/neo4j/pom.xml"
SRC="$ROOT/tools/neo4j/src"
BUILD="$OUT/build"
CP_FILE="$BUILD/classpath.txt"
STAMP_FILE="$BUILD/inputs.sha256"
PID_FILE="$OUT/neo4j.pid"
LOG_FILE="$OUT/neo4j.log"
READY_FILE="$OUT/run/bloc-ready"
STARTED_ENV="$OUT/run/started.env"
ENV_FILE="$ROOT/out/neo4j.env"
MAIN_CLASS="org.bloc.neo4j.LocalNeo4jServer"

NEO4J_PASSWORD="${NEO4J_PASSWORD:-blocpassword}"
BOLT_PORT="${NEO4J_BOLT_PORT:-7687}"
HTTP_PORT="${NEO4J_HTTP_PORT:-7474}"
HEAP="${NEO4J_HEAP:-1g}"
PAGECACHE="${NEO4J_PAGECACHE:-256m}"
TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
MVN_ARGS="${NEO4J_MVN_ARGS:-}"

log() { echo "neo4j-up: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

env_lines() { # $1=bolt port $2=password
    echo "export NEO4J_URI=bolt://localhost:$1"
    echo "export NEO4J_USER=neo4j"
    printf 'export NEO4J_PASSWORD=%q\n' "$2"
}

# Is $1 the pid of our server (and not some other process that reused the pid)?
is_our_server() {
    [[ -n "${1:-}" && -r "/proc/$1/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$1/cmdline" | grep -q "$MAIN_CLASS"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

mkdir -p "$OUT"
cd "$ROOT"

# One neo4j-up at a time (parallel make targets, two terminals...).
exec 9>"$OUT/up.lock"
flock -w 900 9 || die "another neo4j-up.sh holds $OUT/up.lock"

# --- already running? -------------------------------------------------------
pid=""
[[ -f "$PID_FILE" ]] && pid="$(tr -dc '0-9' <"$PID_FILE")"
if is_our_server "$pid"; then
    wanted="$(env_lines "$BOLT_PORT" "$NEO4J_PASSWORD")"
    if [[ -f "$STARTED_ENV" ]] && [[ "$(cat "$STARTED_ENV")" != "$wanted" ]]; then
        log "WARNING: the running server was started with other settings (port/password);"
        log "         out/neo4j.env describes the running server. Run scripts/neo4j-down.sh and"
        log "         scripts/neo4j-up.sh again to apply the new ones."
        cp "$STARTED_ENV" "$ENV_FILE"
    else
        echo "$wanted" >"$ENV_FILE"
    fi
    log "Neo4j already running (pid $pid); wrote out/neo4j.env"
    exit 0
fi
[[ -n "$pid" ]] && log "removing stale pid file (pid $pid is not running)"
rm -f "$PID_FILE" "$READY_FILE"

for p in "$BOLT_PORT" "$HTTP_PORT"; do
    if port_open "$p"; then
        die "port $p on 127.0.0.1 is already in use by another process (another Neo4j?). Stop it or set NEO4J_BOLT_PORT / NEO4J_HTTP_PORT."
    fi
done

command -v java >/dev/null || die "java (17+) is not on PATH"

# --- build: resolve jars, compile the launcher, copy APOC (cached) -----------
inputs_hash() {
    {
        cat "$POM"
        find "$SRC" -type f -name '*.java' | LC_ALL=C sort | xargs cat
        echo "mvn-args: $MVN_ARGS"
    } | sha256sum | cut -d' ' -f1
}

build_is_current() {
    [[ -s "$CP_FILE" && -f "$STAMP_FILE" && -d "$BUILD/classes/org" && -d "$OUT/plugins" && -d "$OUT/plugin-libs" ]] || return 1
    [[ "$(cat "$STAMP_FILE")" == "$(inputs_hash)" ]] || return 1
    local jar
    # every jar must still be in the local Maven repository
    while IFS= read -r jar; do
        [[ -z "$jar" || -f "$jar" ]] || return 1
    done < <(tr ':' '\n' <"$CP_FILE")
    ls "$OUT"/plugins/apoc-core-*.jar >/dev/null 2>&1 || return 1
}

if build_is_current; then
    log "using cached build in out/neo4j/build (no Maven run needed)"
else
    command -v mvn >/dev/null || die "mvn (Maven 3.6+) is not on PATH"
    rm -rf "$OUT/plugins" "$OUT/plugin-libs"
    log "building tools/neo4j with Maven (the first time it downloads ~0.2 GB of jars from Maven Central into ~/.m2)..."
    t0=$SECONDS
    # shellcheck disable=SC2086
    if ! mvn -o -q -B -f "$POM" $MVN_ARGS process-classes >"$OUT/mvn.log" 2>&1; then
        # shellcheck disable=SC2086
        mvn -q -B -f "$POM" $MVN_ARGS process-classes >"$OUT/mvn.log" 2>&1 || {
            tail -n 40 "$OUT/mvn.log" >&2
            die "Maven build failed (full output: out/neo4j/mvn.log)"
        }
    fi
    [[ -s "$CP_FILE" ]] || die "Maven did not write $CP_FILE"
    inputs_hash >"$STAMP_FILE"
    log "build done in $((SECONDS - t0))s"
fi

# --- start --------------------------------------------------------------------
# Like the official bin/neo4j, plugins/* is on the classpath too (APOC registers
# extensions through ServiceLoader); Neo4j also scans plugins/ for procedures.
# APOC's libraries (plugin-libs/) are only put on the classpath.
mkdir -p "$OUT/run" "$OUT/logs"
[[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"

log "starting Neo4j (bolt 127.0.0.1:$BOLT_PORT, http 127.0.0.1:$HTTP_PORT, heap $HEAP, pagecache $PAGECACHE)"
t0=$SECONDS
BLOC_NEO4J_HOME="$OUT" NEO4J_PASSWORD="$NEO4J_PASSWORD" NEO4J_BOLT_PORT="$BOLT_PORT" \
NEO4J_HTTP_PORT="$HTTP_PORT" NEO4J_PAGECACHE="$PAGECACHE" \
    nohup java \
        -Xms256m "-Xmx$HEAP" \
        -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow \
        -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
        --add-opens=java.base/java.nio=ALL-UNNAMED \
        --add-opens=java.base/java.io=ALL-UNNAMED \
        --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
        --enable-native-access=ALL-UNNAMED \
        -Dlog4j2.disable.jmx=true -Djdk.nio.maxCachedBufferSize=1024 \
        -Dio.netty.tryReflectionSetAccessible=true -Dfile.encoding=UTF-8 \
        -cp "$BUILD/classes:$OUT/plugins/*:$OUT/plugin-libs/*:$(cat "$CP_FILE")" "$MAIN_CLASS" \
        >"$LOG_FILE" 2>&1 </dev/null 9>&- &
pid=$!
echo "$pid" >"$PID_FILE"

while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
        log "Neo4j exited during startup; last lines of out/neo4j/neo4j.log:"
        tail -n 40 "$LOG_FILE" >&2 || true
        rm -f "$PID_FILE"
        exit 1
    fi
    if [[ -f "$READY_FILE" ]] && port_open "$BOLT_PORT"; then
        break
    fi
    if (( SECONDS - t0 >= TIMEOUT )); then
        log "Neo4j did not become ready within ${TIMEOUT}s; last lines of out/neo4j/neo4j.log:"
        tail -n 40 "$LOG_FILE" >&2 || true
        log "stopping pid $pid"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null || true
        rm -f "$PID_FILE"
        exit 1
    fi
    sleep 0.5
done

env_lines "$BOLT_PORT" "$NEO4J_PASSWORD" >"$STARTED_ENV"
cp "$STARTED_ENV" "$ENV_FILE"
log "Neo4j $(grep -o 'Neo4j [0-9][0-9.]*' "$LOG_FILE" | head -n1 | cut -d' ' -f2) ready in $((SECONDS - t0))s (pid $pid)"
log "  bolt://localhost:$BOLT_PORT  user neo4j  (source out/neo4j.env)"
log "  Browser: http://localhost:$HTTP_PORT/browser/"
