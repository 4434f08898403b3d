#!/bin/sh
# Records the classes an agent's life loads (meta-data, validate-all, start, monitor when idle
# and when an event arrives, stop, probe) into one class list. The Debian package ships it, and
# its postinst turns it into a class-data-sharing archive with the installed JDK, for the jar's
# installed path: a JDK 17 archive is valid only for that JDK and that exact path.
# Needs no cluster and no network but loopback: an IMDS simulator on 127.0.0.1 and a CIB_file
# (without Pacemaker's CLIs, crm_simulate and cibadmin, on the PATH the cluster steps fail and are
# recorded as failures).
#
# usage: train.sh JAVA JAR OUTPUT_CLASSLIST WORK_DIR
set -eu
java=$1 jar=$2 out=$3 work=$4
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/rsc" "$work/plugins"
cp "$here/cib.xml" "$work/cib.xml"
# Class lists name classes, not paths: train on a private copy that a parallel build cannot rewrite.
cp "$jar" "$work/azevents.jar"
jar=$work/azevents.jar
trap '' PIPE

mkfifo "$work/sim.in"
: > "$work/sim.out"
"$java" -jar "$jar" simulator --vm node1 --zones > "$work/sim.out" 2> "$work/sim.err" < "$work/sim.in" &
sim=$!
exec 3> "$work/sim.in"
trap 'echo quit >&3 2>/dev/null; exec 3>&-; wait "$sim" 2>/dev/null || true' EXIT
url=
i=0
while [ -z "$url" ] && [ $i -lt 100 ]; do
  url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$work/sim.out")
  [ -n "$url" ] || { i=$((i + 1)); sleep 0.1; }
done
[ -n "$url" ] || { echo "train.sh: the IMDS simulator did not start" >&2; cat "$work/sim.err" >&2; exit 1; }

n=0
# An empty plugin directory, as the packages install it: its read is on every agent's path.
step() { # the same flags as the wrappers, so the same classes load
  n=$((n + 1))
  CIB_file="$work/cib.xml" HA_RSCTMP="$work/rsc" OCF_RESOURCE_INSTANCE=train OCF_ROOT=/usr/lib/ocf \
  AZEVENTS_HISTORY_DIR="$work/history" AZEVENTS_PLUGIN_DIR="$work/plugins" \
  OCF_RESKEY_imds_url="$url" OCF_RESKEY_CRM_meta_on_node=node1 OCF_RESKEY_CRM_meta_timeout=20000 \
    "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable \
    -XX:DumpLoadedClassList="$work/$n.classlist" -jar "$jar" ocf azure-events-az "$1" > "$work/$n.out" 2>&1 || true
}
step monitor        # the probe before start: not running
step start
step monitor        # the first cycle records azName
step monitor        # idle: the hot path, once every 10 s on every node
echo "schedule Reboot node1" >&3
sleep 0.5
step monitor        # the event: drain
step monitor        # the drain is written: the node is empty, so approve
step monitor        # waiting for the event to end
step validate-all
step meta-data
step stop

# One list, in first-seen order: a lambda line must follow the class that defines it.
cat "$work"/[0-9]*.classlist | awk '!seen[$0]++' > "$out"
grep -q '^io/azevents/cli/Main$' "$out" || { echo "train.sh: no azevents class in $out" >&2; exit 1; }
echo "train.sh: $(grep -vc '^[#@]' "$out") classes in $out"
