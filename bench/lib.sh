# Shared by the bench/ scripts (source it): builds what is missing, starts roles with the JVM settings that ship,
# measures, and writes one Markdown section per script into target/bench/<script>.md.
#
# Environment:
#   BENCH_RUNS=5                  rounds per figure (each reports median, min and max)
#   BENCH_BASELINE_APP=<dir>      a quarkus-app directory of an older build (bench/baseline.sh <git ref> makes one):
#                                 every round then runs the old build right after the new one, so both see the
#                                 same machine load and the ratio is honest
#   BENCH_BASELINE_OPTS="..."     JVM options of the old build (default: none, i.e. JVM defaults, as it shipped)
#   BENCH_APP=target/quarkus-app  the build under test
#   BENCH_DROP_OPTS=<regex>       drops matching JVM options of the containers (e.g. -XX:TieredStopAtLevel=1: with C2)
#   BENCH_CPUS=<list>             runs the roles on these CPUs only (taskset -c), e.g. 1: a container's 1-CPU limit,
#                                 which the JVM's ActiveProcessorCount=1 only sizes for and does not enforce
#   BENCH_ADD_OPTS_<container>="..."  JVM options added last to that container's (storage, location, normalizer,
#                                 bridge), e.g. BENCH_ADD_OPTS_location=-XX:-SegmentedCodeCache
#   BENCH_GO_LOCATION=<binary>    the Go bridge's location, built outside this repository (docs/benchmarks.md, "Side by
#                                 side with the Go bridge's location"): bench/location-*.sh run it in every round too
#   BENCH_KEEP=1                  keep the logs and data of the run (in /tmp/bench.*)
#   BENCH_JDK25=<java home>       a JDK 25 for the AOT-cache variants of bench/startup.sh
#                                 (default /usr/lib/jvm/temurin-25-jdk-amd64 when present)
set -uo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
cd "$ROOT" || exit 1
RUNS=${BENCH_RUNS:-5}
RESULTS=${BENCH_RESULTS:-$ROOT/target/bench}
APP=$(cd "${BENCH_APP:-target/quarkus-app}" 2>/dev/null && pwd || echo "$ROOT/target/quarkus-app")
BASELINE=${BENCH_BASELINE_APP:+$(cd "$BENCH_BASELINE_APP" && pwd)}
SIDECARS=deploy/sidecar/backstage-sidecars.yaml
STANDALONE=deploy/standalone/deployment.yaml
BENCH_PIDS=()
BENCH_TMP=""
mkdir -p "$RESULTS"

bench_cleanup() {
    local p
    for p in "${BENCH_PIDS[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${BENCH_PIDS[@]}"; do wait "$p" 2>/dev/null; done
    if [ -n "${BENCH_KEEP:-}" ]; then echo "logs kept in $BENCH_TMP" >&2; elif [ -n "$BENCH_TMP" ]; then rm -rf "$BENCH_TMP"; fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# Builds the application, the bench helpers (test classes) and their classpath when missing.
bench_prepare() {
    [ -f "$APP/quarkus-run.jar" ] || ./mvnw -B -q package -DskipTests || exit 1
    [ -f target/test-classes/io/modelcatalogbridge/bench/PushLoad.class ] || ./mvnw -B -q test-compile || exit 1
    [ -s target/bench.classpath ] || ./mvnw -B -q dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null || exit 1
    BENCH_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat target/bench.classpath)"
    BENCH_TMP=$(mktemp -d /tmp/bench.XXXXXX)
    # The image writes its class-data archives (one per role) with training runs of its own JVM; here the local JVM
    # writes them for this build (again after every package: an archive of other jars is ignored by the JVM).
    train_archive java "-XX:ArchiveClassesAtExit=$APP/app-cds-{role}.jsa" "$APP/app-cds-run.jsa"
}

# train_archive <java> <archive flag with {role}> <archive file written last>: runs src/main/docker/train.sh unless
# that archive is newer than the application.
train_archive() {
    local java=$1 flag=$2 file=$3
    if [ -f "$file" ] && [ "$file" -nt "$APP/app" ] && [ "$file" -nt "$APP/quarkus-run.jar" ]; then return 0; fi
    rm -f "$file"
    local p
    p=$(free_port)
    echo "training run for $(basename "$file") ($java)"
    TRAIN_PORTS="$p $((p + 1)) $((p + 2))" src/main/docker/train.sh "$APP" examples/registry-snapshot "$flag" "$java" \
        >"$BENCH_TMP/train-$(basename "$file").log" 2>&1 || { cat "$BENCH_TMP/train-$(basename "$file").log" >&2; exit 1; }
}

# Runs a bench helper (load generators, simulators) with a fixed heap, apart from the measured processes.
bench_java() { java -Xmx512m -XX:+UseSerialGC -cp "$BENCH_CP" "$@"; }
# bench_java_bg <pid variable> <class> [args...]: the same in the background; the variable gets the JVM's own pid
# (a backgrounded shell function gives its subshell's pid, and stopping that left the JVM running).
bench_java_bg() {
    local var=$1
    shift
    java -Xmx512m -XX:+UseSerialGC -cp "$BENCH_CP" "$@" &
    BENCH_PIDS+=("$!")
    printf -v "$var" '%s' "$!"
}

now_ms() { date +%s%3N; }
rss_mib() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
peak_mib() { awk '/^VmHWM/ {print int($2 / 1024)}' "/proc/$1/status"; }
# CPU time (user + system) a process used so far, in ms.
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The image's launcher (run-java.sh of the UBI OpenJDK runtime images) turns these variables into JVM options;
# this repeats its rules so a role started here gets exactly the options it gets in its container.
launcher_opts() {
    if [ -n "${ENV_JAVA_OPTS+x}" ]; then echo "$ENV_JAVA_OPTS"; return; fi
    local o=""
    [ "${MEM_LIMIT_MIB:-0}" -gt 0 ] && o+="-XX:MaxRAM=${MEM_LIMIT_MIB}m "        # the container's memory limit
    [ "${CPU_LIMIT:-0}" -gt 0 ] && o+="-XX:ActiveProcessorCount=$CPU_LIMIT "      # the CPUs the JVM sees in it
    case "${ENV_JAVA_MAX_MEM_RATIO:-}" in
        0) ;;
        "") o+="-XX:MaxRAMPercentage=80.0 " ;;
        *) o+="-XX:MaxRAMPercentage=$(printf %.0f "$ENV_JAVA_MAX_MEM_RATIO").0 " ;;
    esac
    o+="${ENV_GC_CONTAINER_OPTIONS:--XX:+UseParallelGC} -XX:MinHeapFreeRatio=${ENV_GC_MIN_HEAP_FREE_RATIO:-10} "
    o+="-XX:MaxHeapFreeRatio=${ENV_GC_MAX_HEAP_FREE_RATIO:-20} -XX:GCTimeRatio=${ENV_GC_TIME_RATIO:-4} "
    o+="-XX:AdaptiveSizePolicyWeight=${ENV_GC_ADAPTIVE_SIZE_POLICY_WEIGHT:-90} "
    [ -n "${ENV_GC_MAX_METASPACE_SIZE:-}" ] && o+="-XX:MaxMetaspaceSize=${ENV_GC_MAX_METASPACE_SIZE}m "
    [ -n "${ENV_GC_METASPACE_SIZE:-}" ] && o+="-XX:MetaspaceSize=${ENV_GC_METASPACE_SIZE}m "
    # The image's entry point (launch.sh) puts the role's class-data archive in front of JAVA_OPTS_APPEND.
    local append=${ENV_JAVA_OPTS_APPEND:-}
    [ -f "$APP/app-cds-${LAUNCH_ROLE:-run}.jsa" ] && append="-XX:SharedArchiveFile=/deployments/app-cds-${LAUNCH_ROLE:-run}.jsa $append"
    o+="-XX:+ExitOnOutOfMemoryError $append"
    # Image paths point into the application directory here.
    echo "${o//\/deployments\//$APP/}"
}

# JVM options and environment of a container of a deploy/ manifest, as "opts|env" (cached per container).
container_settings() {
    # two declarations: a local's value is expanded before any name on the same line is assigned
    local manifest=$1 container=$2
    local cache="$BENCH_TMP/settings-$(basename "$manifest")-$container"
    if [ ! -f "$cache" ]; then
        local s
        s=$(bench_java io.modelcatalogbridge.bench.ContainerSettings "$manifest" "$container") || exit 1
        # the role the container runs: a sidecar is named after its role, the standalone Deployment runs `run`
        local role=$container
        [ "$manifest" = "$STANDALONE" ] && role=run
        (
            eval "$s"
            LAUNCH_ROLE=$role
            env=""
            [ -n "${ENV_MALLOC_ARENA_MAX:-}" ] && env+="MALLOC_ARENA_MAX=$ENV_MALLOC_ARENA_MAX "
            [ -n "${ENV_JDK_JAVA_OPTIONS:-}" ] && env+="JDK_JAVA_OPTIONS=$ENV_JDK_JAVA_OPTIONS "
            echo "$(launcher_opts)|$env"
        ) >"$cache"
    fi
    cat "$cache"
}

# start_role <name> <app dir> <manifest> <container> [VAR=value ...] -- <role arguments ...>
# Starts the packaged application as its container would (new build) or with JVM defaults (old build); sets
# <name>_PID. Output goes to $BENCH_TMP/<name>.log. ROLE_JAVA picks another java binary; ROLE_ARCHIVE replaces
# the container's class-data archive option ("none" drops it) — for the start-up variants.
start_role() {
    local name=$1 app=$2 manifest=$3 container=$4
    shift 4
    local vars=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
    shift
    local opts env
    if [ "$app" = "$APP" ]; then
        IFS='|' read -r opts env <<<"$(container_settings "$manifest" "$container")"
        [ -n "${BENCH_DROP_OPTS:-}" ] && opts=$(echo "$opts" | sed -E "s/${BENCH_DROP_OPTS}//g")
        local extra="BENCH_ADD_OPTS_$container"
        [ -n "${!extra:-}" ] && opts+=" ${!extra}"
        if [ -n "${ROLE_ARCHIVE:-}" ]; then
            opts=$(echo "$opts" | sed -E 's/-XX:(SharedArchiveFile|AOTCache)=[^ ]*//g')
            [ "$ROLE_ARCHIVE" != none ] && opts+=" $ROLE_ARCHIVE"
        fi
    else
        opts=${BENCH_BASELINE_OPTS:-}
        env=""
    fi
    local pin=()
    [ -n "${BENCH_CPUS:-}" ] && pin=(taskset -c "$BENCH_CPUS")
    # shellcheck disable=SC2086 # options are words
    env KUBECONFIG="${KUBECONFIG:-$BENCH_TMP/no-kubeconfig}" $env "${vars[@]}" \
        "${pin[@]}" "${ROLE_JAVA:-java}" $opts -jar "$app/quarkus-run.jar" "$@" >"$BENCH_TMP/$name.log" 2>&1 &
    local pid=$!
    BENCH_PIDS+=("$pid")
    printf -v "${name}_PID" '%s' "$pid"
    echo "$(date +%T) started $name (pid $pid): ${ROLE_JAVA:-java} $opts -jar $app/quarkus-run.jar $*" >>"$BENCH_TMP/commands.log"
}

# http_ok <port> <path>: whether GET <path> on 127.0.0.1 answers 200, through bash's /dev/tcp (no process started).
http_ok() {
    local status="" fd
    { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&"$fd"
    IFS= read -r -t 5 status <&"$fd"
    exec {fd}>&-
    [[ $status == "HTTP/1."?" 200"* ]]
}

# wait_ready <port> [timeout s] [path] [pause s]: polls every 20 ms (or every pause) until the path answers 200;
# prints ms waited. The poll starts no process (bash's clock, /dev/tcp, a read with a timeout as the pause): one curl costs ~10 ms of CPU, and a
# poller forking curl and date every 20 ms took a third of a core from the role it timed on this 2-core machine.
wait_ready() {
    local port=$1 timeout=${2:-180} path=${3:-/q/health/ready} every=${4:-0.02} start now pause
    exec {pause}<> <(:)
    start=${EPOCHREALTIME/./}
    until http_ok "$port" "$path"; do
        now=${EPOCHREALTIME/./}
        if [ $(((now - start) / 1000)) -gt $((timeout * 1000)) ]; then
            echo "port $port not ready within ${timeout}s; logs in $BENCH_TMP" >&2
            tail -n 20 "$BENCH_TMP"/*.log >&2
            exec {pause}>&-
            return 1
        fi
        read -r -t "$every" -u "$pause" _ || true
    done
    now=${EPOCHREALTIME/./}
    exec {pause}>&-
    echo $(((now - start) / 1000))
}

stop_pid() { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; return 0; }

# Variants each round runs, old right after new so both see the same load.
variants() { if [ -n "$BASELINE" ]; then echo "new old"; else echo "new"; fi; }
app_of() { if [ "$1" = new ]; then echo "$APP"; else echo "$BASELINE"; fi; }

# record <variant> <metric> <value>: one measurement of one round.
record() { echo "$2|$1|$3" >>"$RESULTS/$BENCH_NAME.raw"; echo "  $1 $2 = $3"; }

bench_begin() { # <name> <title>
    BENCH_NAME=$1
    BENCH_TITLE=$2
    : >"$RESULTS/$BENCH_NAME.raw"
    BENCH_LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "== $BENCH_TITLE ($RUNS rounds: $(variants | tr '\n' ' ')${BENCH_GO_LOCATION:+and go})"
}

# median min max of the values of one metric and variant
stats() {
    awk -F'|' -v m="$1" -v v="$2" '$1 == m && $2 == v {print $3}' "$RESULTS/$BENCH_NAME.raw" | sort -g | awk '
        { v[NR] = $1 }
        END { if (NR == 0) exit; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
              printf "%s|%s|%s|%d", fmt(m), fmt(v[1]), fmt(v[NR]), NR }
        function fmt(x) { return (x == int(x)) ? sprintf("%d", x) : sprintf("%.2f", x) }'
}

# bench_end <command as run> <notes...>: writes the section; one row per metric (in the order first recorded), a
# median and min – max column pair per variant (this build, old build, or a script's own variants).
bench_end() {
    local cmd=$1 raw="$RESULTS/$BENCH_NAME.raw" out="$RESULTS/$BENCH_NAME.md" metric v line head sep
    shift
    local vs
    vs=$(cut -d'|' -f2 "$raw" | awk '!seen[$0]++')
    head="| figure |"
    sep="|---|"
    for v in $vs; do
        head+=" $(variant_label "$v"): median | min – max |"
        sep+="---|---|"
    done
    {
        echo "### $BENCH_TITLE"
        echo
        echo "\`$cmd\` — $(date -u +%FT%TZ), load average $BENCH_LOAD_BEFORE before, $(cut -d' ' -f1-3 /proc/loadavg) after."
        echo
        echo "$head runs |"
        echo "$sep---|"
        cut -d'|' -f1 "$raw" | awk '!seen[$0]++' | while IFS= read -r metric; do
            line="| $metric |"
            runs=0
            for v in $vs; do
                IFS='|' read -r m mn mx n <<<"$(stats "$metric" "$v")"
                line+=" ${m:-–} | ${mn:-–} – ${mx:-–} |"
                [ "${n:-0}" -gt "$runs" ] && runs=$n
            done
            echo "$line $runs |"
        done
        for note in "$@"; do echo; echo "$note"; done
        echo
    } >"$out"
    cat "$out"
}

variant_label() {
    case $1 in
        new) echo "this build" ;;
        old) echo "old build" ;;
        go) echo "Go bridge" ;;
        *) echo "$1" ;;
    esac
}

# A line describing the machine, for the results section.
machine() {
    echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), \
$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)"
}
