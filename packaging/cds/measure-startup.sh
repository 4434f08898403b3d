#!/bin/sh
# Measures the agent's start-up on this machine: wall time (hyperfine) and peak RSS (GNU time) of
# `meta-data` and of an idle `monitor` (IMDS simulator on loopback, a three-node CIB_file, no event),
# for the bare `java -jar`, the wrapper's JVM flags alone, an application CDS archive alone, and the
# wrapper as packaged (flags + archive). Needs hyperfine and /usr/bin/time (apt-get install hyperfine time).
#
# usage: packaging/cds/measure-startup.sh [JAR] [RUNS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jar=${1:-$here/../../azevents-cli/target/azevents.jar}
runs=${2:-30}
java=${AZEVENTS_JAVA:-java}
work=$(mktemp -d /tmp/azevents-measure.XXXXXX)
trap 'echo quit >&3 2>/dev/null; exec 3>&-; rm -rf "$work"' EXIT

# A home as the package lays it out, with the archive its postinst would make.
mkdir -p "$work/home/ocf" "$work/rsc"
cp "$jar" "$work/home/azevents.jar"
cp "$here/../ocf/azure-events-az" "$work/home/ocf/"
"$here/train.sh" "$java" "$work/home/azevents.jar" "$work/home/azevents.classlist" "$work/train" > /dev/null
"$java" -Xshare:dump -XX:SharedClassListFile="$work/home/azevents.classlist" \
    -XX:SharedArchiveFile="$work/home/azevents.jsa" -cp "$work/home/azevents.jar" > /dev/null 2>&1
cp "$here/cib.xml" "$work/cib.xml"

mkfifo "$work/sim.in"
: > "$work/sim.out"
"$java" -jar "$jar" simulator --vm node1 --zones > "$work/sim.out" 2>&1 < "$work/sim.in" &
exec 3> "$work/sim.in"
while ! grep -q listening "$work/sim.out"; do sleep 0.1; done
url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/sim.out")

export AZEVENTS_HOME="$work/home" AZEVENTS_JAVA="$java" CIB_file="$work/cib.xml" HA_RSCTMP="$work/rsc" \
    OCF_RESOURCE_INSTANCE=measure OCF_RESKEY_imds_url="$url" OCF_RESKEY_CRM_meta_on_node=node1 \
    OCF_RESKEY_CRM_meta_timeout=20000
w="$work/home/ocf/azure-events-az"
"$w" start 2> /dev/null
"$w" monitor 2> /dev/null # the first cycle records azName; every later one is idle

j="$work/home/azevents.jar"
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xms8m -Xmx128m"
cds="-XX:SharedArchiveFile=$work/home/azevents.jsa"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $("$java" -version 2>&1 | sed -n 2p)"
for action in meta-data monitor; do
    echo "== ocf azure-events-az $action"
    hyperfine -N -w 3 -r "$runs" --style basic \
        -n "java -jar" "$java -jar $j ocf azure-events-az $action" \
        -n "java -Xshare:off -jar" "$java -Xshare:off -jar $j ocf azure-events-az $action" \
        -n "flags" "$java $flags -jar $j ocf azure-events-az $action" \
        -n "app CDS" "$java $cds -jar $j ocf azure-events-az $action" \
        -n "wrapper (flags + app CDS)" "$w $action" 2>&1 | grep -E "^Benchmark|Time|Range"
    for v in "java -jar|$java -jar $j" "flags|$java $flags -jar $j" "app CDS|$java $cds -jar $j" \
            "wrapper|$w"; do
        name=${v%%|*} cmd=${v#*|}
        rss=$(for i in 1 2 3 4 5 6 7 8 9; do
            if [ "$name" = wrapper ]; then set -- "$w" "$action"; else set -- $cmd ocf azure-events-az "$action"; fi
            /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
        done | sort -n | sed -n 5p)
        echo "  peak RSS, median of 9: $name: $rss KB"
    done
done
