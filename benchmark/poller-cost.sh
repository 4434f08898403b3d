#!/bin/bash
# The resident poller's idle cost on this machine, without a cluster lab: the packaged wrapper
# starts the poller against a CIB file (Pacemaker's CLIs run on it as on a live CIB) and an IMDS
# simulator on loopback; then CPU (the poller's and its children's, from /proc/<pid>/stat), RSS,
# threads, processes spawned, IMDS connections and CIB writes are sampled over a window.
#
# usage: benchmark/poller-cost.sh [--window SECONDS] [--trace SECONDS] [--jar JAR] [-- OCF_RESKEY_x=y ...]
# Prints one line of figures per measure and "cpu_s_per_hour" (CPU seconds per node-hour).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
window=60 trace=30 jar=$ROOT/azevents-cli/target/azevents.jar
extra=()
while (($#)); do
    case $1 in
        --window) window=$2; shift ;;
        --trace) trace=$2; shift ;;
        --jar) jar=$2; shift ;;
        --) shift; extra=("$@"); break ;;
        *) echo "poller-cost.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
work=$(mktemp -d /tmp/azevents-poller-cost.XXXXXX)
home=$work/home
mkdir -p "$home" "$work/rsc"
cp "$jar" "$home/azevents.jar"
cp "$ROOT/packaging/cds/cib.xml" "$work/cib.xml"
sim=
cleanup() {
    env "${envs[@]}" "$ROOT/packaging/ocf/azure-events-az" stop >/dev/null 2>&1 || true
    [[ -n $sim ]] && { echo quit >&3 2>/dev/null || true; exec 3>&-; wait "$sim" 2>/dev/null || true; }
    rm -rf "$work"
}
mkfifo "$work/sim.in"
java -jar "$home/azevents.jar" simulator --vm node1 --zones >"$work/sim.out" 2>"$work/sim.err" <"$work/sim.in" &
sim=$!
exec 3>"$work/sim.in"
url=
for _ in $(seq 100); do
    url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/sim.out")
    [[ -n $url ]] && break
    sleep 0.1
done
[[ -n $url ]] || { echo "poller-cost.sh: simulator did not start" >&2; exit 1; }
envs=(AZEVENTS_POLLER_JAVA_OPTIONS="${POLLER_OPTS:-}" CIB_file="$work/cib.xml" HA_RSCTMP="$work/rsc" OCF_RESOURCE_INSTANCE=cost OCF_ROOT=/usr/lib/ocf
      AZEVENTS_HOME="$home" OCF_RESKEY_imds_url="$url" OCF_RESKEY_CRM_meta_on_node=node1
      OCF_RESKEY_mode=resident HA_LOGFACILITY=none "${extra[@]}")
trap cleanup EXIT
env "${envs[@]}" "$ROOT/packaging/ocf/azure-events-az" start
pid=$(<"$work/rsc/azevents-cost.state.pid")
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15+$16+$17}' "/proc/$pid/stat"; }
[[ -n ${HOLD:-} ]] && { echo "PID $pid"; sleep "$HOLD"; }
sleep 15 # warm-up: the JIT and the first cycles
c0=$(cpu); t0=$(date +%s.%N)
sleep "$window"
c1=$(cpu); t1=$(date +%s.%N)
rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
threads=$(awk '/^Threads/ {print $2}' "/proc/$pid/status")
awk -v c="$((c1 - c0))" -v hz="$ticks" -v t0="$t0" -v t1="$t1" -v rss="$rss" -v hwm="$hwm" -v th="$threads" 'BEGIN {
    s = c / hz; w = t1 - t0;
    printf "window_s %.1f\ncpu_ms_per_10s %.1f\ncpu_s_per_hour %.1f\nrss_mib %.1f\npeak_rss_mib %.1f\nthreads %d\n",
        w, s * 10000 / w, s * 3600 / w, rss / 1024, hwm / 1024, th }'
if ((trace > 0)) && command -v strace >/dev/null; then
    strace -f -qq -p "$pid" -e trace=execve,connect,rename -o "$work/trace" & st=$!
    sleep "$trace"; kill -INT "$st"; wait "$st" 2>/dev/null || true
    awk -v w="$trace" '/execve\(/ && / = 0$/ { split($0, a, "\""); n[a[2]]++; if (a[2] !~ /jspawnhelper/) e++ }
        /connect\(/ && /sin_port/ { c++ } /rename\(/ { r++ }
        END { printf "spawns_per_min %.1f", e * 60 / w; for (k in n) printf " %s:%d", k, n[k]; printf "\n";
              printf "imds_connects_per_min %.1f\nrenames_per_min %.1f\n", c * 60 / w, r * 60 / w }' "$work/trace"
    grep -c 'cibadmin.*--patch\|cibadmin.*--modify\|cibadmin.*--replace\|crm_attribute' "$work/trace" | sed 's/^/cib_write_spawns /' || true
fi
