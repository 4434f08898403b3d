#!/usr/bin/python3
"""Side-by-side benchmark of azevents against the Python agents (run by benchmark/run.sh).

Runs on the host as root. Every agent runs inside lab node1 (cluster-lab.sh exec), against the
same IMDS simulator (listening on 169.254.169.254:80 in node1's network namespace) and the same
cluster; see benchmark/README.md for what each figure means.
"""
import argparse
import datetime
import json
import os
import platform
import queue
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
MEASURE = os.path.join(HERE, "measure.py")
PY = "/usr/bin/python3"
PY_AZ = "/usr/lib/ocf/resource.d/heartbeat/azure-events-az"
PY_LEGACY = "/usr/lib/ocf/resource.d/heartbeat/azure-events"
SIM_CLASS = "io.azevents.simulation.ImdsSimulator"
IMDS = "169.254.169.254"
NODE = "node1"
DRAINED = "-1000000"


def log(msg):
    print("bench: " + msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
class Lab:
    def __init__(self, script, env):
        self.script, self.env = script, dict(os.environ, **env)
        self.prefix = env["LAB_PREFIX"]

    def run(self, *args, check=True, timeout=300):
        return subprocess.run([self.script, *args], env=self.env, check=check, timeout=timeout,
                              capture_output=True, text=True)

    def up(self, n):
        t = time.time()
        r = self.run("up", str(n), check=False, timeout=180)
        if r.returncode != 0:
            raise SystemExit("lab up failed:\n" + r.stderr)
        log(f"lab up {n}: {time.time() - t:.1f} s")

    def down(self):
        self.run("down", check=False, timeout=120)

    def exec(self, node, argv, check=True, timeout=120, input=None):
        r = subprocess.run([self.script, "exec", node, *argv], env=self.env, capture_output=True, text=True,
                           timeout=timeout, input=input)
        if check and r.returncode != 0:
            raise RuntimeError(f"exec {node} {argv} failed rc={r.returncode}: {r.stderr.strip()[:500]}")
        return r

    def sh(self, node, script, check=True, timeout=120):
        return self.exec(node, ["sh", "-c", script], check=check, timeout=timeout)

    def netns(self, i):
        return f"{self.prefix}n{i}"


# ---------------------------------------------------------------------------------------------
class Simulator:
    """The azevents IMDS simulator in node1's network namespace, driven through its stdin."""
    END = "requests    quit"

    def __init__(self, jar, netns, bind, port, vm):
        self.p = subprocess.Popen(["ip", "netns", "exec", netns, "java", "-cp", jar, SIM_CLASS, "--bind", bind,
                                   "--port", str(port), "--vm", vm, "--zones"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, bufsize=1)
        self.lines = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        first = self.lines.get(timeout=30)
        if "listening on" not in first:
            raise RuntimeError("simulator did not start: " + first)
        self.banner = first.strip()

    def _pump(self):
        for line in self.p.stdout:
            self.lines.put(line.rstrip("\n"))

    def cmd(self, command):
        """Sends a command and returns its output lines (a following unknown command prints the usage as an end mark)."""
        self.p.stdin.write(command + "\nmark\n")
        self.p.stdin.flush()
        out = []
        while True:
            line = self.lines.get(timeout=30)
            if line.startswith("usage: ImdsSimulator"):
                while not self.lines.get(timeout=30).rstrip().endswith(self.END):
                    pass
                return out
            out.append(line)

    def requests(self):
        rs = []
        for line in self.cmd("requests"):
            parts = line.split()
            if len(parts) >= 3:
                rs.append({"at": parts[0], "method": parts[1], "url": parts[2]})
        return rs

    def schedule(self, etype, vm):
        out = self.cmd(f"schedule {etype} {vm}")
        m = re.search(r"scheduled (\S+)", "\n".join(out))
        if not m:
            raise RuntimeError("schedule failed: " + "\n".join(out))
        return m.group(1)

    def close(self):
        try:
            self.p.stdin.write("quit\n")
            self.p.stdin.flush()
            self.p.wait(timeout=5)
        except Exception:
            self.p.kill()
            self.p.wait()


def instant_epoch(s):
    # 2026-11-22T03:48:40.551093706Z -> epoch seconds
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z", s)
    if not m:
        return None
    t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return t.timestamp() + (float("0." + m.group(2)) if m.group(2) else 0.0)


# ---------------------------------------------------------------------------------------------
WRITE_FLAGS = {
    "crm_attribute": {"--update", "-v", "--delete", "-D"},
    "cibadmin": {"--modify", "-M", "--create", "-C", "--replace", "-R", "--delete", "-D", "--patch", "-P",
                 "--bump", "-B", "--delete-all", "-d"},
    "attrd_updater": {"--update", "-U", "--delete", "-D", "--update-both", "-B", "--update-delay", "-Y"},
    "crm_resource": {"--set-parameter", "-p", "--delete-parameter", "-d", "--cleanup", "-C", "--move", "-M",
                     "--ban", "-B", "--clear", "-U"},
    "crm_node": {"--remove", "-R"},
    "crm_standby": {"--update", "-v", "--delete", "-D", "--on", "--off"},
}


def is_write(argv):
    prog = argv[0]
    flags = WRITE_FLAGS.get(prog, set())
    return any(a in flags or a.split("=")[0] in flags for a in argv[1:])


class Agent:
    """One way of running a monitor: a label, argv, OCF environment."""

    def __init__(self, key, label, impl, argv, env, family):
        self.key, self.label, self.impl, self.argv, self.env, self.family = key, label, impl, argv, env, family

    def envargs(self, extra=None):
        out = []
        for k, v in dict(self.env, **(extra or {})).items():
            out += ["--env", f"{k}={v}"]
        return out


class Bench:
    def __init__(self, a):
        self.a = a
        self.work = a.work
        os.makedirs(self.work, exist_ok=True)
        self.lab = Lab(a.lab_script, {"LAB_PREFIX": a.lab_prefix, "LAB_SUBNET": a.lab_subnet,
                                      "LAB_STATE": a.lab_state, "LAB_CLUSTER_NAME": a.lab_prefix + "lab",
                                      "LAB_DC_DEADTIME": "2s"})
        self.sim = None
        self.shim = None
        self.results = {"idle": {}, "nodes": {}, "reboot": {}, "notes": []}

    # -- setup ---------------------------------------------------------------------------------
    def setup_lab(self):
        self.lab.up(3)
        ids = self.lab.sh(NODE, "cibadmin --query -o resources").stdout
        script = ["crm_attribute --type crm_config --name node-health-strategy --update custom"]
        for r in ("dummy1", "dummy2"):
            if f'id="{r}"' not in ids:
                script.append(
                    f"cibadmin --create -o resources -X '<primitive id=\"{r}\" class=\"ocf\" provider=\"pacemaker\" "
                    f"type=\"Dummy\"><operations><op id=\"{r}-mon\" name=\"monitor\" interval=\"10s\"/>"
                    f"</operations></primitive>' 2>/dev/null || true")
                script.append(f"cibadmin --create -o constraints -X '<rsc_location id=\"pref-{r}\" rsc=\"{r}\" "
                              f"node=\"{NODE}\" score=\"100\"/>' 2>/dev/null || true")
        script.append(
            "cibadmin --create -o constraints -X '<rsc_location id=\"loc_azure_health\" rsc-pattern=\"!health-.*\">"
            "<rule id=\"loc_azure_health-rule\" score-attribute=\"#health-azure\"><expression "
            "id=\"loc_azure_health-rule-expression\" attribute=\"#uname\" operation=\"defined\"/></rule>"
            "</rsc_location>' 2>/dev/null || true")
        for i in (1, 2, 3):
            script.append(f"crm_attribute --node node{i} --name '#health-azure' --update 0")
        self.lab.sh(NODE, "\n".join(script))
        self.wait_resources_on(NODE, 30)

    def node_resources(self):
        """resource id -> list of nodes it is active on (crm_mon XML)."""
        xml = self.lab.exec(NODE, ["crm_mon", "-1", "--output-as=xml"], check=False).stdout
        out = {}
        try:
            root = ET.fromstring(xml)
        except ET.ParseError:
            return out
        for r in root.iter("resource"):
            nodes = [n.get("name") for n in r.findall("node")]
            out[r.get("id")] = nodes if r.get("active") == "true" else []
        return out

    def node_empty(self, node):
        return not any(node in ns for ns in self.node_resources().values())

    def wait_resources_on(self, node, timeout):
        end = time.time() + timeout
        while time.time() < end:
            res = self.node_resources()
            if res and all(ns == [node] for ns in res.values()):
                return True
            time.sleep(0.3)
        log(f"resources not all on {node} after {timeout} s: {self.node_resources()}")
        return False

    def setup_imds(self):
        ns = self.lab.netns(1)
        subprocess.run(["ip", "-n", ns, "addr", "replace", f"{IMDS}/32", "dev", "lo"], check=True)
        # Can the simulator serve the Python agents directly? They ask /metadata/instance with 2019-08-01.
        self.sim = Simulator(self.a.jar, ns, "127.0.0.1", 18080, NODE)
        probe = subprocess.run(["ip", "netns", "exec", ns, PY, "-c",
                                "import urllib.request,urllib.error\n"
                                "r=urllib.request.Request('http://127.0.0.1:18080/metadata/instance?api-version=2019-08-01',"
                                "headers={'Metadata':'true'})\n"
                                "try: print(urllib.request.urlopen(r).status)\n"
                                "except urllib.error.HTTPError as e: print(e.code)"],
                               capture_output=True, text=True).stdout.strip()
        if probe == "200" and not self.a.force_shim:
            self.sim.close()
            self.sim = Simulator(self.a.jar, ns, IMDS, 80, NODE)
            self.results["imds"] = {"shim": False, "simulator": self.sim.banner}
        else:
            self.shim = subprocess.Popen(["ip", "netns", "exec", ns, PY, os.path.join(HERE, "imds_shim.py"), IMDS,
                                          "80", "18080"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.8)
            self.results["imds"] = {"shim": True, "simulator": self.sim.banner,
                                    "why": f"the simulator answered {probe} to GET /metadata/instance?api-version="
                                           "2019-08-01 (real IMDS accepts it; both Python agents send it); "
                                           "benchmark/lib/imds_shim.py forwards 169.254.169.254:80 to it and "
                                           "rewrites only that api-version"}
            self.results["notes"].append("IMDS shim in use: " + self.results["imds"]["why"])
        log("IMDS: " + json.dumps(self.results["imds"]))

    def setup_agents(self):
        a = self.a
        home_plain = os.path.join(self.work, "home-nocds")
        home_cds = os.path.join(self.work, "home-cds")
        for h in (home_plain, home_cds):
            os.makedirs(h, exist_ok=True)
            shutil.copy2(a.jar, os.path.join(h, "azevents.jar"))
        wrapper = os.path.join(ROOT, "packaging", "ocf", "azure-events-az")
        wrapper_legacy = os.path.join(ROOT, "packaging", "ocf", "azure-events")
        self.has_wrapper = os.access(wrapper, os.X_OK) and not a.no_wrapper
        flags = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xms8m", "-Xmx64m", "-Xss512k",
                 "-Xlog:disable", "-Xlog:all=warning:stderr"]
        self.jvm_flags = flags

        def base(instance):
            return {"OCF_ROOT": "/usr/lib/ocf", "OCF_RESOURCE_INSTANCE": instance,
                    "OCF_RESKEY_CRM_meta_on_node": NODE, "OCF_RESKEY_CRM_meta_timeout": "90000",
                    "HA_RSCTMP": "/run/resource-agents", "OCF_RESKEY_eventTypes": "Reboot,Redeploy"}

        def jvm(home, agent, cds):
            if self.has_wrapper:
                w = wrapper if agent == "azure-events-az" else wrapper_legacy
                return [w]
            argv = ["java"] + flags
            if cds:
                argv += ["-Xshare:auto", f"-XX:SharedArchiveFile={home}/azevents.jsa"]
            return argv + ["-jar", f"{home}/azevents.jar", "ocf", agent]

        # The one-JVM-per-monitor columns: mode=stateless, since the default is the resident poller.
        az = dict(base("bench-az"), OCF_RESKEY_mode="stateless")
        lg = dict(base("bench-legacy"), OCF_RESKEY_mode="stateless")
        self.agents = {
            "py-az": Agent("py-az", "azure-events-az (Python)", "python", [PY_AZ], az, "az"),
            "java-plain": Agent("java-plain", "azevents az-health stateless, java -jar (no flags)", "azevents",
                                ["java", "-jar", a.jar, "ocf", "azure-events-az"], az, "az"),
            "java-nocds": Agent("java-nocds", "azevents az-health stateless, packaged JVM flags, no CDS", "azevents",
                                jvm(home_plain, "azure-events-az", False), dict(az, AZEVENTS_HOME=home_plain), "az"),
            "java-cds": Agent("java-cds", "azevents az-health stateless, packaged JVM flags + app CDS", "azevents",
                              jvm(home_cds, "azure-events-az", True), dict(az, AZEVENTS_HOME=home_cds), "az"),
            "py-legacy": Agent("py-legacy", "azure-events (Python, legacy)", "python", [PY_LEGACY], lg, "legacy"),
            "java-legacy-cds": Agent("java-legacy-cds", "azevents legacy-pullstate stateless, packaged flags + app CDS",
                                     "azevents", jvm(home_cds, "azure-events", True), dict(lg, AZEVENTS_HOME=home_cds),
                                     "legacy"),
        }
        # the default mode (resident, no mode parameter): its own instance (state, PID and heartbeat
        # files), started only for its own phase
        res_env = dict(base("bench-az-res"), AZEVENTS_HOME=home_cds)
        self.agents["java-resident"] = Agent(
            "java-resident", "azevents az-health, default mode (resident poller + monitor)", "azevents",
            jvm(home_cds, "azure-events-az", True), res_env, "az")
        self.build_cds(home_cds, flags)
        for k in ("java-plain", "java-nocds", "java-cds", "java-legacy-cds"):
            ag = self.agents[k]
            r = self.lab.exec(NODE, [PY, MEASURE, *ag.envargs(), "--", *ag.argv, "start"], check=False)
            if '"rc": 0' not in r.stdout:
                raise RuntimeError(f"{ag.label} start failed: {r.stdout} {r.stderr}")

    def build_cds(self, home, flags):
        """An application CDS archive for the jar at its path in `home`, as the package's postinst would."""
        jar = os.path.join(home, "azevents.jar")
        jsa = os.path.join(home, "azevents.jsa")
        train = os.path.join(ROOT, "packaging", "cds", "train.sh")
        how = None
        if os.access(train, os.R_OK):
            cl = os.path.join(self.work, "azevents.classlist")
            r = subprocess.run(["sh", train, "java", jar, cl, os.path.join(self.work, "cds-train")],
                               capture_output=True, text=True, timeout=300)
            if r.returncode == 0:
                d = subprocess.run(["java", "-Xshare:dump", f"-XX:SharedClassListFile={cl}",
                                    f"-XX:SharedArchiveFile={jsa}", "-cp", jar], capture_output=True, text=True,
                                   timeout=300)
                if d.returncode == 0:
                    how = "packaging/cds/train.sh class list, then java -Xshare:dump (static app CDS)"
            if how is None:
                log("packaging/cds/train.sh path failed; falling back to a dynamic archive: " + r.stderr[-300:])
        if how is None:
            ag = self.agents["java-nocds"]
            argv = [a for a in ag.argv]
            if not self.has_wrapper:
                argv = ["java"] + flags + [f"-XX:ArchiveClassesAtExit={jsa}", "-jar", jar, "ocf", "azure-events-az"]
                self.lab.exec(NODE, [PY, MEASURE, *ag.envargs({"AZEVENTS_HOME": home}), "--", *argv, "start"])
                self.lab.exec(NODE, [PY, MEASURE, *ag.envargs({"AZEVENTS_HOME": home}), "--", *argv, "monitor"])
                how = "dynamic archive (-XX:ArchiveClassesAtExit) of one idle monitor"
        self.results["cds"] = {"archive": jsa, "how": how, "bytes": os.path.getsize(jsa) if os.path.exists(jsa) else 0}
        log("CDS: " + json.dumps(self.results["cds"]))

    # -- one measured run ----------------------------------------------------------------------
    def measure(self, ag, action="monitor", extra_env=None, cib=True, strace=None):
        before = len(self.sim.requests())
        args = [PY, MEASURE, *ag.envargs(extra_env)]
        if cib:
            args.append("--cib")
        if strace:
            args += ["--strace", strace]
        args += ["--log", os.path.join(self.work, f"agent-{ag.key}.log"), "--", *ag.argv, action]
        r = self.lab.exec(NODE, args, check=False, timeout=300)
        try:
            res = json.loads(r.stdout.strip().splitlines()[-1])
        except (IndexError, json.JSONDecodeError):
            raise RuntimeError(f"measure failed for {ag.label}: {r.stdout} {r.stderr}")
        reqs = self.sim.requests()[before:]
        res["imds"] = [f"{q['method']} {q['url'].split('?')[0].rsplit('/', 1)[-1]}" for q in reqs]
        res["imds_at"] = [instant_epoch(q["at"]) for q in reqs]
        res["imds_requests"] = len(reqs)
        if cib and res.get("cib_before") and res.get("cib_after"):
            b, a = res["cib_before"], res["cib_after"]
            res["cib_config_changes"] = (a[0] - b[0]) * 1000000 + (a[1] - b[1]) if a[:2] != b[:2] else 0
            res["cib_status_changes"] = a[2] - b[2] if a[:2] == b[:2] else None
        if strace:
            res["processes"] = len(res["spawned"])
            res["write_requests"] = sum(1 for s in res["spawned"] if is_write(s))
        if res["rc"] != 0:
            self.results["notes"].append(f"{ag.label} {action} exited {res['rc']}")
        return res

    # -- idle --------------------------------------------------------------------------------
    def idle(self, keys, runs, extra_env=None, trace_runs=2):
        for ag in (self.agents[k] for k in keys):   # warm-up: page cache, first-cycle writes (azName...)
            for _ in range(2):
                self.measure(ag, extra_env=extra_env, cib=False)
        samples = {k: [] for k in keys}
        for i in range(runs):                       # interleaved, so background load hits all alike
            for k in keys:
                samples[k].append(self.measure(self.agents[k], extra_env=extra_env))
        traced = {k: [] for k in keys}
        for i in range(trace_runs):
            for k in keys:
                traced[k].append(self.measure(self.agents[k], extra_env=extra_env,
                                              strace=os.path.join(self.work, f"strace-{k}-{i}")))
        out = {}
        for k in keys:
            s, t = samples[k], traced[k]
            out[k] = {
                "label": self.agents[k].label, "runs": len(s),
                "wall_ms": stats([x["wall_ms"] for x in s]),
                "cpu_ms": stats([x["user_ms"] + x["sys_ms"] for x in s]),
                "user_ms": stats([x["user_ms"] for x in s]), "sys_ms": stats([x["sys_ms"] for x in s]),
                "maxrss_mib": stats([x["maxrss_kb"] / 1024 for x in s]),
                "imds_requests": stats([x["imds_requests"] for x in s]),
                "imds_kinds": sorted(set(q for x in s for q in x["imds"])),
                "cib_config_changes": stats([x.get("cib_config_changes") or 0 for x in s]),
                "cib_status_changes": stats([x.get("cib_status_changes") or 0 for x in s]),
                "processes": stats([x["processes"] for x in t]),
                "cib_write_requests": stats([x["write_requests"] for x in t]),
                "programs": summarize_programs(t[-1]["spawned"]) if t else {},
                "failures": sum(1 for x in s if x["rc"] != 0),
            }
            log(f"  {out[k]['label']}: wall {out[k]['wall_ms']['median']:.0f} ms, cpu "
                f"{out[k]['cpu_ms']['median']:.0f} ms, rss {out[k]['maxrss_mib']['median']:.0f} MiB, procs "
                f"{out[k]['processes']['median']}, imds {out[k]['imds_requests']['median']}, writes "
                f"{out[k]['cib_write_requests']['median']}")
        return out

    # -- resident mode -------------------------------------------------------------------------
    def resident_start(self):
        ag = self.agents["java-resident"]
        r = self.lab.exec(NODE, [PY, MEASURE, *ag.envargs(), "--log", os.path.join(self.work, "agent-java-resident.log"),
                                 "--", *ag.argv, "start"], check=False, timeout=120)
        m = json.loads(r.stdout.strip().splitlines()[-1]) if r.stdout.strip() else {}
        if m.get("rc") != 0:
            raise RuntimeError(f"{ag.label} start failed: {r.stdout} {r.stderr}")
        pid = self.resident_pid()
        if pid is None:
            raise RuntimeError("resident poller: no PID file after start")
        log(f"resident poller started (pid {pid} in node1), start took {m['wall_ms']:.0f} ms")
        return pid, m

    def resident_pid(self):
        r = self.lab.sh(NODE, "cat /run/resource-agents/azevents-bench-az-res.state.pid", check=False)
        return int(r.stdout.strip()) if r.stdout.strip().isdigit() else None

    def resident_stop(self):
        ag = self.agents.get("java-resident") if hasattr(self, "agents") else None
        if ag is None:
            return
        self.lab.exec(NODE, [PY, MEASURE, *ag.envargs(), "--log", os.path.join(self.work, "agent-java-resident.log"),
                             "--", *ag.argv, "stop"], check=False, timeout=60)

    def proc_sample(self, pid):
        """CPU ticks (utime+stime+cutime+cstime, /proc/<pid>/stat fields 14-17), RSS and threads of the poller."""
        r = self.lab.sh(NODE, f"cat /proc/{pid}/stat; grep -E '^(VmRSS|VmHWM|Threads):' /proc/{pid}/status; "
                              "getconf CLK_TCK", check=False)
        lines = r.stdout.strip().splitlines()
        if len(lines) < 5:
            raise RuntimeError(f"resident poller {pid} is gone: {r.stdout} {r.stderr}")
        f = lines[0].rsplit(")", 1)[1].split()    # fields from 3 (state) on
        ticks = sum(int(x) for x in f[11:15])      # 14 utime, 15 stime, 16 cutime, 17 cstime
        st = {l.split(":")[0]: int(l.split()[1]) for l in lines[1:4]}
        hz = int(lines[4])
        return {"t": time.time(), "cpu_ms": ticks * 1000 / hz, "rss_kb": st.get("VmRSS"), "hwm_kb": st.get("VmHWM"),
                "threads": st.get("Threads"), "imds": len(self.sim.requests()), "cib": self.cib_version()}

    def cib_version(self):
        r = self.lab.exec(NODE, ["cibadmin", "--query"], check=False)
        v = dict(re.findall(r'\b(epoch|num_updates|admin_epoch)="(\d+)"', r.stdout[:600]))
        return [int(v.get("admin_epoch", 0)), int(v.get("epoch", 0)), int(v.get("num_updates", 0))]

    def resident_idle(self, window, trace_window, monitor_runs, warmup, slice_s=10):
        """The resident mode's idle cost: the wrapper's monitor, plus the poller's cost per 10 s."""
        from measure import parse_strace
        ag = self.agents["java-resident"]
        self.reset_node()
        pid, start = self.resident_start()
        try:
            time.sleep(warmup)                      # past start-up and the JIT's work: steady state
            samples = [self.proc_sample(pid)]
            n = max(1, int(window // slice_s))
            t_next = samples[0]["t"]
            for _ in range(n):
                t_next += slice_s
                time.sleep(max(0.0, t_next - time.time()))
                samples.append(self.proc_sample(pid))
            sl = [{"s": b["t"] - a["t"], "cpu_ms": b["cpu_ms"] - a["cpu_ms"], "imds": b["imds"] - a["imds"],
                   "cib_changes": (b["cib"][1] - a["cib"][1]) * 1000000 + (b["cib"][2] - a["cib"][2])}
                  for a, b in zip(samples, samples[1:])]
            per10 = lambda x, s: x * 10.0 / s
            # processes and CIB writes: strace attached to the poller (all its threads) in a window of its own,
            # since tracing slows the process it traces
            tf = os.path.join(self.work, "strace-resident-poller")
            t0 = time.time()
            self.lab.sh(NODE, f"timeout -s INT {trace_window} strace -f -qq -e trace=execve -s 300 -o {tf} -p {pid}",
                        check=False, timeout=trace_window + 60)
            traced_s = time.time() - t0
            spawned = parse_strace(tf, pid)
            # the monitor, answered by the wrapper from the PID and heartbeat files while the poller runs
            for _ in range(2):
                self.measure(ag, cib=False)
            mon = [self.measure(ag) for _ in range(monitor_runs)]
            mon_t = [self.measure(ag, strace=os.path.join(self.work, f"strace-java-resident-monitor-{i}"))
                     for i in range(2)]
            last = self.proc_sample(pid)
        finally:
            self.resident_stop()
        gone = self.resident_pid() is None
        out = {
            "label": ag.label, "window_s": round(samples[-1]["t"] - samples[0]["t"], 1), "slices": len(sl),
            "poller_start_ms": round(start["wall_ms"]),
            "poller": {
                "cpu_ms_per_10s": stats([per10(x["cpu_ms"], x["s"]) for x in sl]),
                "imds_requests_per_10s": stats([per10(x["imds"], x["s"]) for x in sl]),
                "cib_changes_per_10s": stats([per10(x["cib_changes"], x["s"]) for x in sl]),
                "processes_per_10s": round(per10(len(spawned), traced_s), 2),
                "cib_write_requests_per_10s": round(per10(sum(1 for x in spawned if is_write(x)), traced_s), 2),
                "traced_s": round(traced_s, 1), "programs": summarize_programs(spawned),
                "rss_mib": round(last["rss_kb"] / 1024, 1), "hwm_mib": round(last["hwm_kb"] / 1024, 1),
                "threads": last["threads"], "cpu_ms_total": round(last["cpu_ms"]),
            },
            "monitor": {
                "runs": len(mon),
                "wall_ms": stats([x["wall_ms"] for x in mon]),
                "cpu_ms": stats([x["user_ms"] + x["sys_ms"] for x in mon]),
                "maxrss_mib": stats([x["maxrss_kb"] / 1024 for x in mon]),
                "processes": stats([x["processes"] for x in mon_t]),
                "imds_requests": stats([x["imds_connects"] for x in mon_t]),
                "cib_write_requests": stats([x["write_requests"] for x in mon_t]),
                "programs": summarize_programs(mon_t[-1]["spawned"]) if mon_t else {},
                "failures": sum(1 for x in mon if x["rc"] != 0),
            },
            "stopped_cleanly": gone,
        }
        P, M = out["poller"], out["monitor"]
        log(f"  resident: monitor wall {M['wall_ms']['median']:.1f} ms cpu {M['cpu_ms']['median']:.1f} ms procs "
            f"{M['processes']['median']}; poller per 10 s: cpu {P['cpu_ms_per_10s']['median']:.0f} ms, imds "
            f"{P['imds_requests_per_10s']['median']}, procs {P['processes_per_10s']}, writes "
            f"{P['cib_write_requests_per_10s']}, rss {P['rss_mib']} MiB")
        return out

    def resident_reboot(self, repeat, drain_timeout=30.0, approve_timeout=60.0, end_after=2.0, healthy_timeout=30.0):
        """Reboot reaction of the resident poller alone: no monitor loop drives it. The CIB and crm_mon are
        polled from outside as fast as the lab allows; the approval time is the simulator's own timestamp."""
        ag = self.agents["java-resident"]
        runs = []
        self.lab.exec(NODE, ["crm_attribute", "--type", "crm_config", "--name", "node-health-strategy",
                             "--update", "custom"])
        for rep in range(repeat):
            self.reset_node()
            pid, _ = self.resident_start()
            mon_fail = 0
            mon_n = 0
            try:
                time.sleep(3)                        # a few idle polls first
                log(f"reboot reaction: {ag.label}, run {rep + 1}/{repeat}")
                before = len(self.sim.requests())
                ev = self.sim.schedule("Reboot", NODE)
                t_appear = time.time()
                r = {"event": ev}
                gaps = []
                t_prev = t_appear
                ended_at = None
                last_mon = 0.0
                while True:
                    now = time.time()
                    health = self.node_attrs().get("#health-azure")
                    t_obs = time.time()
                    gaps.append(t_obs - t_prev)
                    t_prev = t_obs
                    if "drain_s" not in r and health == DRAINED:
                        r["drain_s"] = t_obs - t_appear
                    if "drain_s" in r and "empty_s" not in r and self.node_empty(NODE):
                        r["empty_s"] = time.time() - t_appear
                    if "approve_s" not in r:
                        posts = [instant_epoch(q["at"]) for q in self.sim.requests()[before:] if q["method"] == "POST"]
                        if posts:
                            r["approve_s"] = posts[0] - t_appear
                            if "empty_s" in r:
                                r["approve_after_empty_s"] = r["approve_s"] - r["empty_s"]
                    # the monitor Pacemaker runs with the default interval (10 s): the wrapper's, from the
                    # heartbeat (no JVM); it does not drive the poller
                    if t_obs - last_mon >= 10.0:
                        last_mon = t_obs
                        mon_n += 1
                        m = self.lab.exec(NODE, ["env", *[f"{k}={v}" for k, v in ag.env.items()], *ag.argv, "monitor"],
                                          check=False)
                        mon_fail += m.returncode != 0
                    if ended_at is None:
                        late = (("drain_s" not in r and now - t_appear > drain_timeout) or
                                ("approve_s" not in r and now - t_appear > approve_timeout))
                        if late or ("approve_s" in r and time.time() - t_appear >= r["approve_s"] + end_after):
                            if late:
                                r["no_approval_after_s"] = round(now - t_appear, 1)
                            self.sim.cmd(f"complete {ev}")
                            ended_at = time.time()
                    elif health == "0":
                        r["healthy_s"] = t_obs - ended_at
                        break
                    elif time.time() - ended_at > healthy_timeout:
                        r["not_healthy_after_s"] = healthy_timeout
                        break
                r["observe_gap_s"] = round(statistics.median(gaps), 3)
                r["monitor_runs"], r["monitor_failures"] = mon_n, mon_fail
            finally:
                self.resident_stop()
            runs.append(r)
            log("  " + json.dumps(r))
        self.reset_node()
        out = {"label": ag.label, "runs": len(runs), "interval_s": 1, "node_health_strategy": "custom",
               "resident": True, "raw": runs}
        for k in ("drain_s", "empty_s", "approve_s", "approve_after_empty_s", "healthy_s", "observe_gap_s"):
            v = [x[k] for x in runs if k in x]
            out[k] = stats(v) if v else None
        out["no_approval"] = sum(1 for x in runs if "no_approval_after_s" in x)
        out["monitor_failures"] = sum(x.get("monitor_failures", 0) for x in runs)
        out["monitor_runs"] = sum(x.get("monitor_runs", 0) for x in runs)
        return out

    # -- cost against node count (CIB_file) ------------------------------------------------------
    def make_cib(self, n):
        xml = self.lab.exec(NODE, ["cibadmin", "--query"]).stdout
        root = ET.fromstring(xml)
        nodes = root.find("configuration/nodes")
        status = root.find("status")
        tmpl_node = [x for x in nodes if x.get("uname") == "node3"][0]
        tmpl_state = [x for x in status if x.get("uname") == "node3"][0]
        for x in list(nodes):
            if int(x.get("id")) > n:
                nodes.remove(x)
        for x in list(status):
            if int(x.get("id")) > n:
                status.remove(x)
        for i in range(4, n + 1):
            for tmpl, parent in ((tmpl_node, nodes), (tmpl_state, status)):
                s = ET.tostring(tmpl, encoding="unicode")
                s = s.replace('id="3"', f'id="{i}"').replace("node3", f"node{i}")
                s = re.sub(r'"(nodes|status)-3(?=[-"])', lambda m: f'"{m.group(1)}-{i}', s)
                parent.append(ET.fromstring(s))
        path = os.path.join(self.work, f"cib-{n}nodes.xml")
        ET.ElementTree(root).write(path, encoding="unicode")
        os.chmod(path, 0o644)
        v = subprocess.run(["crm_verify", "-x", path], capture_output=True, text=True)
        if v.returncode != 0:
            raise RuntimeError(f"generated {path} is not a valid CIB: {v.stderr.strip()[:400]}")
        return path

    def by_nodes(self, sizes, runs):
        keys = ["py-az", "java-nocds", "java-cds"]
        out = {}
        for n in sizes:
            path = self.make_cib(n)
            log(f"idle on a CIB_file with {n} nodes")
            out[str(n)] = self.idle(keys, runs, extra_env={"CIB_file": path}, trace_runs=1)
        return out

    # -- reboot reaction -----------------------------------------------------------------------
    def node_attrs(self):
        xml = self.lab.exec(NODE, ["cibadmin", "--query", "-o", "nodes"], check=False).stdout
        out = {}
        try:
            root = ET.fromstring(xml)
        except ET.ParseError:
            return out
        for nd in root.iter("node"):
            if nd.get("uname") == NODE:
                for nv in nd.iter("nvpair"):
                    out[nv.get("name")] = nv.get("value")
        return out

    def reset_node(self):
        script = [f"crm_attribute --node {NODE} --name '#health-azure' --update 0"]
        for k in ("azure-events-az_curNodeState", "azure-events-az_pendingEventIDs", "azure-events-az_lastDocVersion",
                  "azure-events-az_healthBeforeDrain"):
            script.append(f"crm_attribute --node {NODE} --name {k} --delete >/dev/null 2>&1")
        script.append("cibadmin --delete -o crm_config -X '<cluster_property_set id=\"azevents-claim-azevents-az-drain\"/>'"
                      " >/dev/null 2>&1")
        self.lab.sh(NODE, "; ".join(script) + "; true")
        self.wait_resources_on(NODE, 30)

    def reboot(self, key, interval, repeat, strategy):
        ag = self.agents[key]
        runs = []
        self.lab.exec(NODE, ["crm_attribute", "--type", "crm_config", "--name", "node-health-strategy",
                             "--update", strategy])
        logf = os.path.join(self.work, f"agent-{key}.log")
        start = os.path.getsize(logf) if os.path.exists(logf) else 0
        for rep in range(repeat):
            self.reset_node()
            for _ in range(2):
                self.measure(ag, cib=False)      # settle: identity attributes written, idle
            log(f"reboot reaction: {ag.label}, run {rep + 1}/{repeat}")
            runs.append(self.reboot_once(ag, interval))
            log("  " + json.dumps({k: v for k, v in runs[-1].items() if k != "trace"}))
        self.reset_node()
        out = summarize_reboot(ag.label, runs, interval)
        out["node_health_strategy"] = strategy
        out["failed_cycles"] = sum(1 for r in runs for c in r["trace"] if c["rc"] != 0)
        out["cycles"] = sum(len(r["trace"]) for r in runs)
        with open(logf, errors="replace") as f:
            f.seek(start)
            out["exit_reasons"] = sorted({l.split(":", 1)[1].strip() for l in f if l.startswith("ocf-exit-reason:")})
        out["no_approval"] = sum(1 for r in runs if "no_approval_after_cycles" in r)
        return out

    def reboot_once(self, ag, interval, max_cycles=40, give_up=6):
        t_next = time.time() + interval / 2
        ev = self.sim.schedule("Reboot", NODE)
        t_appear = time.time()
        trace = []
        r = {"event": ev, "interval_s": interval}
        phase = "drain"
        ended_at = None
        for cycle in range(1, max_cycles + 1):
            time.sleep(max(0.0, t_next - time.time()))
            t_next = time.time() + interval
            empty_before = self.node_empty(NODE)
            m = self.measure(ag, cib=False)
            attrs = self.node_attrs()
            health = attrs.get("#health-azure")
            posts = [t for q, t in zip(m["imds"], m["imds_at"]) if q.startswith("POST")]
            trace.append({"cycle": cycle, "empty_before": empty_before, "health_after": health,
                          "state_after": attrs.get("azure-events-az_curNodeState"), "posts": len(posts),
                          "wall_ms": round(m["wall_ms"]), "rc": m["rc"]})
            if "drain_cycle" not in r and health == DRAINED:
                r["drain_cycle"] = cycle
                r["drain_s"] = m["t_end"] - t_appear
            if "empty_cycle" not in r and empty_before and "drain_cycle" in r:
                r["empty_cycle"] = cycle           # the first cycle that starts with the node empty
            if posts and "approve_cycle" not in r:
                r["approve_cycle"] = cycle
                r["approve_s"] = posts[0] - t_appear
                phase = "approved"
                approved_cycle = cycle
            if phase == "drain" and "drain_cycle" in r and cycle >= r["drain_cycle"] + give_up:
                r["no_approval_after_cycles"] = give_up
                phase, approved_cycle = "approved", cycle - 1   # end the event anyway, to measure the way back
            if phase == "approved" and cycle >= approved_cycle + 1 and ended_at is None:
                # the event runs one more cycle (Started), then ends half an interval before the next cycle
                time.sleep(max(0.0, t_next - interval / 2 - time.time()))
                self.sim.cmd(f"complete {ev}")
                ended_at = time.time()
                end_cycle0 = cycle
                phase = "ended"
                continue
            if phase == "ended" and health == "0":
                r["healthy_cycles"] = cycle - end_cycle0
                r["healthy_s"] = m["t_end"] - ended_at
                break
        r["trace"] = trace
        if ended_at is None:
            self.sim.cmd(f"complete {ev}")
        return r

    # -- all -------------------------------------------------------------------------------------
    def run(self):
        a = self.a
        t0 = time.time()
        self.results["machine"] = machine()
        self.results["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        self.results["runs"] = a.runs
        self.results["quick"] = a.quick
        self.setup_lab()
        self.setup_imds()
        self.setup_agents()
        self.results["jvm"] = {"wrapper": self.has_wrapper, "flags": self.jvm_flags}
        self.results["building_blocks"] = self.blocks()
        log(f"idle monitor, live 3-node lab, {a.runs} interleaved runs per agent")
        keys = ["py-az", "java-plain", "java-nocds", "java-cds"]
        self.results["idle"] = self.idle(keys, a.runs)
        lruns = max(3, a.runs // 3)
        log(f"idle monitor, legacy agents, {lruns} runs each")
        self.results["idle"].update(self.idle(["py-legacy", "java-legacy-cds"], lruns))
        # Windows of whole minutes: the poller reads the cluster once a minute at rest.
        win, twin, warm = (60, 20, 20) if a.quick else (300, 120, 180)
        log(f"default mode (resident): poller steady state over {win} s after {warm} s, strace {twin} s, "
            f"{a.runs} monitor runs")
        self.results["resident"] = {"idle": self.resident_idle(win, twin, a.runs, warm)}
        self.results["node_hour"] = self.node_hour()
        self.results["nodes"] = self.by_nodes([2, 16] if a.quick else [2, 4, 8, 16], max(3, a.runs // 2))
        self.results["reboot"] = {}
        for name, key, strategy, reps in (("py-az", "py-az", "custom", 1),
                                          ("py-az-none", "py-az", "none", a.reboot_runs),
                                          ("java-cds", "java-cds", "custom", a.reboot_runs)):
            self.results["reboot"][name] = self.reboot(key, a.interval, reps, strategy)
        self.results["resident"]["reboot"] = self.resident_reboot(a.reboot_runs)
        self.lab.exec(NODE, ["crm_attribute", "--type", "crm_config", "--name", "node-health-strategy",
                             "--update", "custom"])
        self.results["elapsed_s"] = round(time.time() - t0)
        self.results["machine"]["load_at_end"] = open("/proc/loadavg").read().split()[:3]

    def node_hour(self):
        """The headline: agent CPU seconds per node-hour with Pacemaker's 10 s monitor (360 monitors an hour);
        the default mode adds its poller's CPU (its own and its children's) per 10 s."""
        out = {}
        I = self.results["idle"]
        for k in ("py-az", "java-cds", "py-legacy", "java-legacy-cds"):
            if k in I:
                out[k] = {"label": I[k]["label"], "cpu_s": round(I[k]["cpu_ms"]["median"] * 360 / 1000, 1)}
        RI = self.results.get("resident", {}).get("idle")
        if RI:
            per10 = RI["poller"]["cpu_ms_per_10s"]["median"] + RI["monitor"]["cpu_ms"]["median"]
            out["java-resident"] = {"label": RI["label"], "cpu_s": round(per10 * 360 / 1000, 1),
                                    "rss_mib": RI["poller"]["rss_mib"],
                                    "processes_per_min": round(RI["poller"]["processes_per_10s"] * 6, 1),
                                    "cib_writes_per_min": round(RI["poller"]["cib_write_requests_per_10s"] * 6, 1)}
        base = out.get("py-az", {}).get("cpu_s")
        for k, v in out.items():
            ref = out.get("py-legacy", {}).get("cpu_s") if "legacy" in k else base
            v["ratio"] = round(v["cpu_s"] / ref, 2) if ref else None
        log("CPU per node-hour: " + ", ".join(f"{k} {v['cpu_s']} s ({v['ratio']}x)" for k, v in out.items()))
        return out

    def blocks(self):
        """Single-process costs inside node1, for the analytic node-count model of the legacy agent."""
        out = {}
        for name, argv in (("crm_attribute --query", ["crm_attribute", "--node", NODE, "--name", "#health-azure",
                                                      "--query"]),
                           ("cibadmin --query", ["cibadmin", "--query"]),
                           ("crm_node --list", ["crm_node", "--list"])):
            ws = []
            for _ in range(5):
                r = self.lab.exec(NODE, [PY, MEASURE, "--", *argv], check=False)
                ws.append(json.loads(r.stdout.strip().splitlines()[-1])["wall_ms"])
            out[name] = stats(ws)
        return out

    def close(self):
        try:
            self.resident_stop()
        except Exception as e:
            log(f"stopping the resident poller: {e}")
        if self.sim:
            self.sim.close()
        if self.shim:
            self.shim.terminate()
            self.shim.wait()


def summarize_programs(spawned):
    c = {}
    for s in spawned:
        c[s[0]] = c.get(s[0], 0) + 1
    return c


def summarize_reboot(label, runs, interval):
    def col(k):
        v = [r[k] for r in runs if k in r]
        return stats(v) if v else None
    out = {"label": label, "interval_s": interval, "runs": len(runs)}
    for k in ("drain_cycle", "drain_s", "approve_cycle", "approve_s", "empty_cycle", "healthy_cycles", "healthy_s"):
        out[k] = col(k)
    # approval delay counted from the first cycle that starts with the node empty (1 = that very cycle)
    d = [r["approve_cycle"] - r["empty_cycle"] + 1 for r in runs if "approve_cycle" in r and "empty_cycle" in r]
    out["approve_after_empty_cycles"] = stats(d) if d else None
    out["traces"] = [r["trace"] for r in runs]
    return out


def stats(v):
    v = [x for x in v if x is not None]
    if not v:
        return {"median": None, "min": None, "max": None, "n": 0}
    return {"median": round(statistics.median(v), 2), "min": round(min(v), 2), "max": round(max(v), 2), "n": len(v)}


def machine():
    def first(cmd):
        try:
            r = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
            return (r.stdout + r.stderr).strip().splitlines()[0]
        except Exception:
            return "?"
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = f.readline().split()[1]
    pcmk = first(["pacemakerd", "--version"])
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem_gib": round(int(mem) / 1048576, 1), "kernel": platform.release(),
            "os": first(["sh", "-c", ". /etc/os-release; echo $PRETTY_NAME"]),
            "jdk": first(["java", "-version"]), "jdk_runtime": first(["sh", "-c", "java -version 2>&1 | sed -n 2p"]),
            "python": first([PY, "--version"]), "pacemaker": pcmk,
            "resource_agents": first(["dpkg-query", "-W", "-f", "${Version}", "resource-agents"]),
            "load_at_start": open("/proc/loadavg").read().split()[:3]}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--interval", type=float, default=2.0)
    p.add_argument("--reboot-runs", type=int, default=3)
    p.add_argument("--jar", required=True)
    p.add_argument("--lab-script", required=True)
    p.add_argument("--lab-prefix", default="azb")
    p.add_argument("--lab-subnet", default="10.215.0")
    p.add_argument("--lab-state", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--force-shim", action="store_true")
    p.add_argument("--no-wrapper", action="store_true")
    a = p.parse_args()
    if a.quick:
        a.runs, a.reboot_runs = 5, 1
    b = Bench(a)
    try:
        b.run()
    finally:
        b.close()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "latest.json"), "w") as f:
        json.dump(b.results, f, indent=1)
    log("wrote " + os.path.join(a.out, "latest.json"))


if __name__ == "__main__":
    main()
