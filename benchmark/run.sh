#!/bin/bash
# Side-by-side benchmark: azevents against the Python agents azure-events-az and azure-events
# (Debian's resource-agents), on this machine, in one run. See benchmark/README.md.
#
# usage: sudo benchmark/run.sh [--quick] [--runs N] [--interval SECONDS] [--reboot-runs N] [--keep-lab]
#   --quick        5 idle runs, 1 reboot run (CI: it reports, it does not judge)
#   --keep-lab     leave the benchmark's lab running at the end (default: take it down)
# Environment: BENCH_LAB_PREFIX (azb), BENCH_LAB_SUBNET (10.215.0), BENCH_LAB_STATE, BENCH_WORK,
#              AZEVENTS_JAR (default azevents-cli/target/azevents.jar, built when missing).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
LAB=$ROOT/testing/cluster-lab/cluster-lab.sh
PY=/usr/bin/python3
keep=0
args=()
while (($#)); do
    case $1 in
        --keep-lab) keep=1 ;;
        --quick) args+=(--quick) ;;
        --runs|--interval|--reboot-runs) args+=("$1" "$2"); shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[[ $(id -u) == 0 ]] || { echo "run.sh: needs root (network namespaces): sudo $0" >&2; exit 1; }

export LAB_PREFIX=${BENCH_LAB_PREFIX:-azb} LAB_SUBNET=${BENCH_LAB_SUBNET:-10.215.0}
export LAB_STATE=${BENCH_LAB_STATE:-/tmp/azevents-bench/lab} LAB_CLUSTER_NAME=${LAB_PREFIX}lab
WORK=${BENCH_WORK:-/tmp/azevents-bench/work}
JAR=${AZEVENTS_JAR:-$ROOT/azevents-cli/target/azevents.jar}

need=()
for c in corosync pacemakerd crm_mon cibadmin ip nsenter unshare strace java; do
    command -v "$c" >/dev/null || need+=("$c")
done
[[ -x /usr/lib/ocf/resource.d/heartbeat/azure-events-az ]] || need+=(resource-agents)
$PY -c 'import matplotlib' 2>/dev/null || need+=(python3-matplotlib)
if ((${#need[@]})); then
    echo "run.sh: installing what is missing (${need[*]})" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # A JDK only when there is no java at all: installing one over a running JDK upgrades it under
    # every JVM running on the machine (their next process spawn fails).
    jdk=()
    command -v java >/dev/null || jdk=(openjdk-17-jdk-headless)
    apt-get install -y -qq --no-install-recommends pacemaker pacemaker-cli-utils corosync resource-agents \
        iproute2 util-linux strace python3 python3-matplotlib "${jdk[@]}" >/dev/null ||
        echo "run.sh: apt-get failed; continuing (the plot is skipped without matplotlib)" >&2
fi
if [[ ! -r $JAR ]]; then
    echo "run.sh: building $JAR" >&2
    (cd "$ROOT" && ./mvnw -q install -DskipTests)
fi

mkdir -p "$WORK" "$HERE/results"
cleanup() {
    local rc=$?
    if ((keep == 0)); then "$LAB" down >/dev/null 2>&1 || true; fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

$PY "$HERE/lib/bench.py" --jar "$JAR" --lab-script "$LAB" --lab-prefix "$LAB_PREFIX" --lab-subnet "$LAB_SUBNET" \
    --lab-state "$LAB_STATE" --work "$WORK" --out "$HERE/results" "${args[@]}"
$PY "$HERE/lib/report.py" "$HERE/results"
