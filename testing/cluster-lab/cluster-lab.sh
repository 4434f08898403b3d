#!/bin/bash
# A real multi-node Pacemaker + Corosync cluster on one machine, one node per set of namespaces
# (network, mount, PID, UTS, IPC). Needs root, iproute2 (ip netns), util-linux (unshare, nsenter,
# flock), corosync and pacemaker. Nothing is mounted in the host's mount namespace and no address
# or route is added to the host's network namespace.
#
# Usage: cluster-lab.sh up [N]          start N nodes (default 3), return when all are online with a DC
#        cluster-lab.sh down            stop every node of this lab (graceful), delete its namespaces
#        cluster-lab.sh clean           down, then remove the state directory
#        cluster-lab.sh exec NODE CMD.. run CMD inside NODE (node1..nodeN); exit code passed through
#        cluster-lab.sh status          which nodes run, and the cluster as node1 sees it
#        cluster-lab.sh stop NODE       graceful stop of one node
#        cluster-lab.sh crash NODE      SIGKILL of one node (its whole PID namespace)
#        cluster-lab.sh start NODE      restart one node with fresh local state, then wait
#        cluster-lab.sh wait            wait until every started node is online and a DC is elected
#
# Knobs: LAB_PREFIX (az), LAB_SUBNET (10.213.0), LAB_STATE (<script dir>/state),
#        LAB_CLUSTER_NAME (azlab), LAB_TRANSPORT (knet|udpu), LAB_DC_DEADTIME (5s),
#        LAB_NO_QUORUM_POLICY (stop), LAB_FORM_TIMEOUT (60), LAB_STOP_TIMEOUT (20), LAB_FAST_DOWN=1.
set -euo pipefail

SELF=$(readlink -f "${BASH_SOURCE[0]}")
HERE=$(dirname "$SELF")
PREFIX=${LAB_PREFIX:-az}
SUBNET=${LAB_SUBNET:-10.213.0}
STATE=${LAB_STATE:-$HERE/state}
CLUSTER_NAME=${LAB_CLUSTER_NAME:-azlab}
TRANSPORT=${LAB_TRANSPORT:-knet}
DC_DEADTIME=${LAB_DC_DEADTIME:-5s}
NO_QUORUM_POLICY=${LAB_NO_QUORUM_POLICY:-stop}
FORM_TIMEOUT=${LAB_FORM_TIMEOUT:-60}
STOP_TIMEOUT=${LAB_STOP_TIMEOUT:-20}
BRIDGE_NS=${PREFIX}br

die() { echo "cluster-lab: $*" >&2; exit 1; }
log() { echo "cluster-lab: $*" >&2; }

node_ns() { echo "${PREFIX}n$1"; }
node_dir() { echo "$STATE/node$1"; }

# "node3" -> 3, validated against the lab's size
node_index() {
    local name=$1 i
    [[ $name =~ ^node([0-9]+)$ ]] || die "not a node name: $name"
    i=${BASH_REMATCH[1]}
    [[ -d $(node_dir "$i") ]] || die "no such node in this lab: $name"
    echo "$i"
}

lab_size() { cat "$STATE/size" 2>/dev/null || echo 0; }

with_lock() {
    mkdir -p "$STATE"
    exec 9>"$STATE/.lock"
    flock 9
}

# The host PID of node i's namespace init, if it is alive and really ours (PID 1 of its own PID
# namespace, running `_init i STATE`); empty otherwise.
init_pid() {
    local i=$1 pidfile pid
    pidfile="$(node_dir "$i")/init.pid"
    [[ -r $pidfile ]] || return 0
    pid=$(<"$pidfile")
    is_our_init "$pid" "$i" && echo "$pid"
    return 0
}

is_our_init() {
    local pid=$1 i=$2 cmd nspid
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $cmd == *"$SELF _init $i $STATE "* ]] || return 1
    nspid=$(awk '/^NSpid:/ {print $2, $3}' "/proc/$pid/status" 2>/dev/null) || return 1
    [[ $nspid == "$pid 1" ]] || return 1
    [[ $(grep -s '^State:' "/proc/$pid/status") != *zombie* ]]
}

find_init() {
    local i=$1 p
    for p in /proc/[0-9]*; do
        p=${p#/proc/}
        if is_our_init "$p" "$i"; then echo "$p"; return 0; fi
    done
    return 1
}

write_corosync_conf() {
    local n=$1 dir=$2 j
    {
        echo "totem {"
        echo "    version: 2"
        echo "    cluster_name: $CLUSTER_NAME"
        echo "    transport: $TRANSPORT"
        if [[ $TRANSPORT == knet ]]; then
            echo "    crypto_cipher: none"
            echo "    crypto_hash: none"
        fi
        echo "}"
        echo "nodelist {"
        for ((j = 1; j <= n; j++)); do
            echo "    node {"
            echo "        ring0_addr: $SUBNET.$j"
            echo "        name: node$j"
            echo "        nodeid: $j"
            echo "    }"
        done
        echo "}"
        echo "quorum {"
        echo "    provider: corosync_votequorum"
        ((n == 2)) && echo "    two_node: 1"
        echo "}"
        echo "logging {"
        echo "    to_logfile: yes"
        echo "    logfile: /var/log/corosync/corosync.log"
        echo "    to_stderr: no"
        echo "    to_syslog: no"
        echo "    timestamp: on"
        echo "}"
        echo "system {"
        echo "    sched_rr: no"
        echo "    move_to_root_cgroup: no"
        echo "}"
    } >"$dir/etc-corosync/corosync.conf"
}

write_seed_cib() {
    local dir=$1
    cat >"$dir/lib-pacemaker/cib/cib.xml" <<EOF
<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/>
        <nvpair id="cib-bootstrap-options-no-quorum-policy" name="no-quorum-policy" value="$NO_QUORUM_POLICY"/>
        <nvpair id="cib-bootstrap-options-dc-deadtime" name="dc-deadtime" value="$DC_DEADTIME"/>
        <nvpair id="cib-bootstrap-options-cluster-name" name="cluster-name" value="$CLUSTER_NAME"/>
      </cluster_property_set>
    </crm_config>
    <nodes/>
    <resources/>
    <constraints/>
  </configuration>
  <status/>
</cib>
EOF
    chown hacluster:haclient "$dir/lib-pacemaker/cib/cib.xml"
    chmod 0600 "$dir/lib-pacemaker/cib/cib.xml"
}

# Fresh per-node state: config, an identical seed CIB, empty logs.
prepare_node() {
    local i=$1 n=$2 dir
    dir=$(node_dir "$i")
    rm -rf "$dir"
    mkdir -p "$dir"/{etc-corosync,lib-corosync,log-corosync,log-pacemaker}
    mkdir -p "$dir"/lib-pacemaker/{cib,pengine,blackbox,cores}
    chown -R hacluster:haclient "$dir/lib-pacemaker" "$dir/log-pacemaker"
    chmod 0750 "$dir"/lib-pacemaker "$dir"/lib-pacemaker/*
    write_corosync_conf "$n" "$dir"
    write_seed_cib "$dir"
}

ensure_network() {
    local n=$1 i ns
    ip netns list | grep -qw "^$BRIDGE_NS" || {
        ip netns add "$BRIDGE_NS"
        ip -n "$BRIDGE_NS" link add br0 type bridge
        ip -n "$BRIDGE_NS" link set br0 up
        ip -n "$BRIDGE_NS" link set lo up
    }
    for ((i = 1; i <= n; i++)); do
        ns=$(node_ns "$i")
        ip netns list | grep -qw "^$ns" || ip netns add "$ns"
        if ! ip -n "$ns" link show eth0 >/dev/null 2>&1; then
            ip -n "$BRIDGE_NS" link del "vn$i" >/dev/null 2>&1 || true
            ip -n "$ns" link add eth0 type veth peer name "vn$i" netns "$BRIDGE_NS"
            ip -n "$ns" addr add "$SUBNET.$i/24" dev eth0
            ip -n "$ns" link set lo up
            ip -n "$ns" link set eth0 up
            ip -n "$BRIDGE_NS" link set "vn$i" master br0
            ip -n "$BRIDGE_NS" link set "vn$i" up
        fi
    done
}

start_node() {
    local i=$1 n=$2 dir pid deadline
    dir=$(node_dir "$i")
    prepare_node "$i" "$n"
    ensure_network "$n"
    # The node's processes must not inherit the lock (fd 9).
    setsid ip netns exec "$(node_ns "$i")" \
        unshare --mount --propagation private --pid --fork --mount-proc --uts --ipc \
        "$SELF" _init "$i" "$STATE" </dev/null >"$dir/init.log" 2>&1 9>&- &
    # A loaded 2-core machine (CI beside other builds) can take well over 10 s to get here.
    deadline=$((SECONDS + ${LAB_INIT_TIMEOUT:-60}))
    until pid=$(find_init "$i"); do
        ((SECONDS < deadline)) || die "node$i: namespace init did not appear (see $dir/init.log)"
        sleep 0.2
    done
    [[ $(ip netns identify "$pid") == "$(node_ns "$i")" ]] || die "node$i: init $pid is in the wrong netns"
    echo "$pid" >"$dir/init.pid"
}

# Runs as PID 1 of the node's PID namespace, inside its own mount/UTS/IPC/net namespaces.
node_init() {
    local i=$1 dir cs_pid pm_pid
    dir=$(node_dir "$i")
    hostname "node$i"
    mount --bind "$dir/etc-corosync" /etc/corosync
    mount --bind "$dir/lib-corosync" /var/lib/corosync
    mount --bind "$dir/lib-pacemaker" /var/lib/pacemaker
    mount --bind "$dir/log-corosync" /var/log/corosync
    mount --bind "$dir/log-pacemaker" /var/log/pacemaker
    mount -t tmpfs -o mode=0755 tmpfs /run
    mkdir -p /run/crm /run/lock /run/resource-agents /run/netns
    chown hacluster:haclient /run/crm
    chmod 0750 /run/crm
    mount -t tmpfs -o mode=1777 tmpfs /dev/shm

    local stopping=0
    trap 'stopping=1' TERM INT

    corosync -f >>/var/log/corosync/stdout.log 2>&1 &
    cs_pid=$!
    local tries=0
    until corosync-cmapctl totem.cluster_name >/dev/null 2>&1; do
        ((++tries < 200)) || { echo "corosync did not answer" >&2; exit 1; }
        kill -0 "$cs_pid" 2>/dev/null || { echo "corosync died" >&2; exit 1; }
        sleep 0.05
    done
    PCMK_logfile=/var/log/pacemaker/pacemaker.log PCMK_logfacility=none \
        pacemakerd >>/var/log/pacemaker/stdout.log 2>&1 &
    pm_pid=$!
    echo "node$i: corosync $cs_pid pacemakerd $pm_pid"

    # Sit as init: reap orphans (bash reaps any child on wait) until told to stop.
    while ((stopping == 0)); do
        sleep 1 &
        wait $! 2>/dev/null || true
    done
    echo "node$i: stopping"
    kill -TERM "$pm_pid" 2>/dev/null || true
    local deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pm_pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.1 & wait $! 2>/dev/null || true
    done
    kill -TERM "$cs_pid" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while kill -0 "$cs_pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.1 & wait $! 2>/dev/null || true
    done
    echo "node$i: stopped"
    exit 0 # the kernel kills whatever is left in the PID namespace
}

# Returns 0 when node i's crm_mon shows a DC and exactly `want` nodes online.
node_ready() {
    local i=$1 want=$2 pid xml online
    pid=$(init_pid "$i")
    [[ -n $pid ]] || return 1
    xml=$(nsenter --target "$pid" --mount --uts --ipc --net --pid -- \
        env -u CIB_file -u CIB_shadow crm_mon -1 --output-as=xml 2>/dev/null) || return 1
    [[ $xml == *'<current_dc present="true"'* ]] || return 1
    online=$(grep -c '<node name="[^"]*" id="[^"]*" online="true"' <<<"$xml" || true)
    ((online == want))
}

wait_ready() {
    local n i deadline pending
    n=$(lab_size)
    ((n > 0)) || die "no lab (run up first)"
    local -a started=()
    for ((i = 1; i <= n; i++)); do
        [[ -e $(node_dir "$i")/init.pid ]] && started+=("$i")
    done
    deadline=$((SECONDS + FORM_TIMEOUT))
    while :; do
        pending=""
        for i in "${started[@]}"; do
            if [[ -z $(init_pid "$i") ]]; then
                die "node$i is not running (see $(node_dir "$i")/init.log)"
            fi
            node_ready "$i" "${#started[@]}" || pending+=" node$i"
        done
        [[ -z $pending ]] && return 0
        ((SECONDS < deadline)) || die "not ready after ${FORM_TIMEOUT}s:$pending"
        sleep 0.2
    done
}

stop_node() {
    local i=$1 signal=$2 pid deadline
    pid=$(init_pid "$i")
    rm -f "$(node_dir "$i")/init.pid"
    [[ -n $pid ]] || return 0
    kill "-$signal" "$pid" 2>/dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT + 15))
    while is_our_init "$pid" "$i"; do
        if ((SECONDS >= deadline)); then
            kill -KILL "$pid" 2>/dev/null || true
        fi
        sleep 0.05
    done
}

cmd_down() {
    local n i signal=TERM ns
    [[ ${LAB_FAST_DOWN:-0} == 1 ]] && signal=KILL
    n=$(lab_size)
    local -a pids=()
    for ((i = 1; i <= 16; i++)); do
        [[ -d $(node_dir "$i") ]] || continue
        local pid
        pid=$(init_pid "$i")
        rm -f "$(node_dir "$i")/init.pid"
        [[ -n $pid ]] || continue
        kill "-$signal" "$pid" 2>/dev/null || true
        pids+=("$i:$pid")
    done
    local deadline=$((SECONDS + STOP_TIMEOUT + 15)) entry left
    while :; do
        left=0
        for entry in "${pids[@]}"; do
            is_our_init "${entry#*:}" "${entry%%:*}" && left=1
        done
        ((left == 0)) && break
        if ((SECONDS >= deadline)); then
            for entry in "${pids[@]}"; do kill -KILL "${entry#*:}" 2>/dev/null || true; done
        fi
        sleep 0.05
    done
    for ns in $(ip netns list | awk '{print $1}'); do
        if [[ $ns == "$BRIDGE_NS" || $ns =~ ^${PREFIX}n[0-9]+$ ]]; then
            ip netns del "$ns" 2>/dev/null || true
        fi
    done
    rm -f "$STATE/size"
    ((n == 0)) || log "down"
}

cmd_up() {
    local n=${1:-3} i
    [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 16)) || die "size must be 1..16: $n"
    [[ $(id -u) == 0 ]] || die "needs root"
    with_lock
    if [[ $(lab_size) != 0 && $(lab_size) != "$n" ]]; then
        log "a lab of $(lab_size) nodes exists; taking it down"
        cmd_down
    fi
    echo "$n" >"$STATE/size"
    ensure_network "$n"
    for ((i = 1; i <= n; i++)); do
        if [[ -z $(init_pid "$i") ]]; then
            start_node "$i" "$n"
        fi
    done
    wait_ready
    log "up: $n nodes online"
}

cmd_exec() {
    (($# >= 2)) || die "usage: exec NODE CMD..."
    local i pid
    i=$(node_index "$1")
    shift
    pid=$(init_pid "$i")
    [[ -n $pid ]] || die "node$i is not running"
    exec nsenter --target "$pid" --mount --uts --ipc --net --pid -- \
        env -u CIB_file -u CIB_shadow "$@"
}

cmd_status() {
    local n i pid
    n=$(lab_size)
    if ((n == 0)); then echo "no lab"; return 0; fi
    for ((i = 1; i <= n; i++)); do
        pid=$(init_pid "$i")
        if [[ -n $pid ]]; then echo "node$i: running (init pid $pid, netns $(node_ns "$i"))"
        else echo "node$i: not running"; fi
    done
    for ((i = 1; i <= n; i++)); do
        if [[ -n $(init_pid "$i") ]]; then
            nsenter --target "$(init_pid "$i")" --mount --uts --ipc --net --pid -- \
                env -u CIB_file -u CIB_shadow crm_mon -1 || true
            break
        fi
    done
}

main() {
    local cmd=${1:-}
    shift || true
    case $cmd in
        up) cmd_up "$@" ;;
        down) with_lock; cmd_down ;;
        clean) with_lock; cmd_down; find "$STATE" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} + ;;
        exec) cmd_exec "$@" ;;
        status) cmd_status ;;
        wait) wait_ready ;;
        stop) with_lock; stop_node "$(node_index "${1:?node}")" TERM ;;
        crash) with_lock; stop_node "$(node_index "${1:?node}")" KILL ;;
        start)
            with_lock
            local i
            i=$(node_index "${1:?node}")
            [[ -n $(init_pid "$i") ]] || start_node "$i" "$(lab_size)"
            wait_ready
            ;;
        _init) node_init "$1" ;;
        *) sed -n '/^# Usage:/,/^# Knobs/p' "$SELF" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
}

main "$@"
