#!/usr/bin/python3
"""Renders benchmark/results/latest.json as latest.txt (plain table), latest.md (README-ready)
and cost-vs-nodes.png (needs matplotlib; skipped with a message when it is missing).

usage: report.py RESULTS_DIR
"""
import json
import os
import sys

OUT = sys.argv[1]
R = json.load(open(os.path.join(OUT, "latest.json")))
I = R["idle"]
BASE = "py-az"
HEAD = "java-cds"      # the configuration the package ships: wrapper flags + app CDS


def med(d):
    return None if d is None else d.get("median")


def fmt(v, unit=""):
    if v is None:
        return "n/a"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.1f}{unit}" if abs(v) < 10 else f"{v:.0f}{unit}"
    return f"{int(v)}{unit}"


def spread(d, unit=""):
    if not d or d.get("median") is None:
        return "n/a"
    return f"{fmt(d['median'], unit)} ({fmt(d['min'])}–{fmt(d['max'])})"


def ratio(a, b):
    if a is None or b in (None, 0):
        return "n/a" if not (a == 0 and b == 0) else "="
    return f"{a / b:.2f}x"


ROWS = [("wall time, ms: median (min–max)", "wall_ms", True),
        ("CPU time user+sys, ms", "cpu_ms", True),
        ("peak RSS, MiB", "maxrss_mib", True),
        ("processes spawned", "processes", False),
        ("IMDS requests", "imds_requests", False),
        ("CIB write requests", "cib_write_requests", False),
        ("CIB changes (epoch+num_updates)", "cib_changes", False)]


def cell(k, field, with_spread):
    d = I.get(k)
    if d is None:
        return "n/a"
    if field == "cib_changes":
        return fmt((med(d["cib_config_changes"]) or 0) + (med(d["cib_status_changes"]) or 0))
    return spread(d[field]) if with_spread else fmt(med(d[field]))


def value(k, field):
    d = I.get(k)
    if d is None:
        return None
    if field == "cib_changes":
        return (med(d["cib_config_changes"]) or 0) + (med(d["cib_status_changes"]) or 0)
    return med(d[field])


def idle_table():
    cols = [k for k in ("py-az", "java-plain", "java-nocds", "java-cds") if k in I]
    legacy = [k for k in ("py-legacy", "java-legacy-cds") if k in I]
    head = ["idle monitor (live 3-node lab)"] + [I[k]["label"] for k in cols] + [f"ratio {HEAD}/{BASE}"] \
        + [I[k]["label"] for k in legacy] + ["ratio legacy"]
    rows = []
    for name, field, sp in ROWS:
        r = [name] + [cell(k, field, sp) for k in cols] + [ratio(value(HEAD, field), value(BASE, field))]
        r += [cell(k, field, sp) for k in legacy]
        r += [ratio(value("java-legacy-cds", field), value("py-legacy", field))] if legacy else []
        rows.append(r)
    return head, rows


def nodes_table():
    N = R.get("nodes", {})
    sizes = sorted(N, key=int)
    keys = [k for k in ("py-az", "java-nocds", "java-cds") if sizes and k in N[sizes[0]]]
    head = ["idle cost vs nodes (CIB_file)"] + [f"{n} nodes" for n in sizes]
    rows = []
    for k in keys:
        lab = N[sizes[0]][k]["label"]
        rows.append([f"{lab}: wall ms"] + [fmt(med(N[n][k]["wall_ms"])) for n in sizes])
        rows.append([f"{lab}: CPU ms"] + [fmt(med(N[n][k]["cpu_ms"])) for n in sizes])
        rows.append([f"{lab}: processes / IMDS / CIB writes"] +
                    [f"{fmt(med(N[n][k]['processes']))} / {fmt(med(N[n][k]['imds_requests']))} / "
                     f"{fmt(med(N[n][k]['cib_write_requests']))}" for n in sizes])
    return head, rows


def reboot_table():
    B = R.get("reboot", {})
    keys = [k for k in ("py-az", "py-az-none", "java-cds") if k in B]
    if not keys:
        return None, None
    iv = B[keys[0]]["interval_s"]
    head = [f"Reboot reaction (monitor every {fmt(iv)} s, live lab)"] + \
        [f"{B[k]['label']}, node-health-strategy={B[k].get('node_health_strategy')}" for k in keys]
    spec = [("drain requested: cycle that sees the event = 1", "drain_cycle", ""),
            ("  seconds from the event's appearance", "drain_s", " s"),
            ("approval POST: cycle (from the event)", "approve_cycle", ""),
            ("  counted from the first cycle with the node empty (1 = that cycle)", "approve_after_empty_cycles", ""),
            ("  seconds from the event's appearance", "approve_s", " s"),
            ("healthy again (#health-azure=0): cycles after the event's end", "healthy_cycles", ""),
            ("  seconds after the event's end", "healthy_s", " s")]
    rows = [["runs"] + [fmt(B[k]["runs"]) for k in keys]]
    rows += [[name] + [spread(B[k].get(f), u) if f.endswith("_s") else fmt(med(B[k].get(f))) for k in keys]
             for name, f, u in spec]
    rows.append(["runs with no approval within 6 cycles of the drain"] + [fmt(B[k].get("no_approval")) for k in keys])
    rows.append(["monitor cycles that failed (exit != 0) / all"] +
                [f"{B[k].get('failed_cycles')} / {B[k].get('cycles')}" for k in keys])
    return head, rows


def text_table(head, rows):
    w = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    line = lambda r: "  ".join(str(c).ljust(w[i]) for i, c in enumerate(r)).rstrip()
    return "\n".join([line(head), "  ".join("-" * x for x in w)] + [line(r) for r in rows])


def md_table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(out)


def header():
    m = R["machine"]
    return (f"azevents benchmark, {R['date']}; {R['runs']} runs per idle figure"
            f"{' (quick)' if R.get('quick') else ''}\n"
            f"machine: {m['nproc']} CPU ({m['cpu']}), {m['mem_gib']} GiB, {m['os']}, kernel {m['kernel']}, "
            f"load at start {' '.join(m['load_at_start'])}\n"
            f"{m['jdk']} / {m['jdk_runtime']}; {m['python']}; {m['pacemaker']}; resource-agents {m['resource_agents']}\n"
            f"JVM: {'packaging/ocf wrapper' if R.get('jvm', {}).get('wrapper') else 'flags ' + ' '.join(R.get('jvm', {}).get('flags', []))}; "
            f"CDS: {R.get('cds', {}).get('how')}\n"
            f"IMDS: {'simulator behind benchmark/lib/imds_shim.py' if R.get('imds', {}).get('shim') else 'simulator'} "
            f"on 169.254.169.254:80 in node1's network namespace")


def programs():
    lines = []
    for k, d in I.items():
        lines.append(f"  {d['label']}: " + ", ".join(f"{p} x{n}" for p, n in sorted(d["programs"].items()))
                     + (f"; IMDS: {', '.join(d['imds_kinds'])}" if d.get("imds_kinds") else ""))
    return "processes spawned per idle cycle (one traced run):\n" + "\n".join(lines)


def targets():
    """The issue's targets, judged on the shipped configuration (HEAD) against azure-events-az."""
    out = []
    py, j = I.get(BASE), I.get(HEAD)
    if not (py and j):
        return out

    def verdict(ok):
        return "MET" if ok else "NOT MET"
    for f, name in (("wall_ms", "idle wall time <= 1/2 of azure-events-az"), ("cpu_ms", "idle CPU time <= 1/2")):
        a, b = med(j[f]), med(py[f])
        out.append(f"{verdict(a <= b / 2)}: {name}: {fmt(a)} vs {fmt(b)} ms ({a / b:.2f}x)")
    out.append(f"{verdict(med(j['processes']) <= 2)}: <= 2 processes per idle cycle: {fmt(med(j['processes']))}")
    out.append(f"{verdict(med(j['imds_requests']) <= 1)}: 1 IMDS request per idle cycle: {fmt(med(j['imds_requests']))}")
    out.append(f"{verdict(med(j['cib_write_requests']) == 0)}: 0 CIB writes per idle cycle: "
               f"{fmt(med(j['cib_write_requests']))} requests, {fmt(value(HEAD, 'cib_changes'))} changes")
    N = R.get("nodes", {})
    if N:
        sizes = sorted(N, key=int)
        w = [med(N[n][HEAD]["wall_ms"]) for n in sizes]
        c = [med(N[n][HEAD]["cpu_ms"]) for n in sizes]
        p = [med(N[n][HEAD]["processes"]) for n in sizes]
        q = [med(N[n][HEAD]["imds_requests"]) for n in sizes]
        x = [med(N[n][HEAD]["cib_write_requests"]) for n in sizes]
        # judged on CPU time and counts: wall time on a shared machine carries the neighbours' load
        flat = c[-1] <= 1.15 * c[0] and len(set(p)) == 1 and len(set(q)) == 1 and len(set(x)) == 1
        out.append(f"{verdict(flat)}: idle cost flat in node count ({', '.join(sizes)} nodes): CPU "
                   f"{', '.join(fmt(v) for v in c)} ms; wall {', '.join(fmt(v) for v in w)} ms; processes "
                   f"{', '.join(fmt(v) for v in p)}; IMDS {', '.join(fmt(v) for v in q)}; CIB writes "
                   f"{', '.join(fmt(v) for v in x)}")
    B = R.get("reboot", {})
    if HEAD in B:
        d = med(B[HEAD].get("drain_cycle"))
        out.append(f"{verdict(d == 1)}: drain requested in the first cycle that sees the event: cycle {fmt(d)}"
                   f" (azure-events-az: {fmt(med(B.get(BASE, {}).get('drain_cycle')))})")
        a = med(B[HEAD].get("approve_after_empty_cycles"))
        out.append(f"{verdict(a == 1)}: approval in the first cycle after the node is empty: cycle {fmt(a)} "
                   f"counted from that cycle (azure-events-az: {fmt(med(B.get(BASE, {}).get('approve_after_empty_cycles')))})")
    return out


parts = [header(), ""]
h, r = idle_table()
parts += [text_table(h, r), "", programs(), ""]
h2, r2 = nodes_table()
if r2:
    parts += [text_table(h2, r2), "measured: azevents and azure-events-az, each on a CIB_file of that many nodes "
              "(inside node1: IMDS and hostname real, cluster from the file).", ""]
h3, r3 = reboot_table()
if h3:
    parts += [text_table(h3, r3), ""]
parts += ["targets (issue 9), shipped configuration vs azure-events-az:"] + ["  " + t for t in targets()]
B = R.get("reboot", {})
reasons = [f"  {B[k]['label']} (node-health-strategy={B[k].get('node_health_strategy')}): {x}"
           for k in B for x in B[k].get("exit_reasons", [])]
if reasons:
    parts += ["", "agent failures (ocf-exit-reason) during the reboot runs:"] + reasons
notes = sorted(set(R.get("notes", [])), key=R.get("notes", []).index)
if notes:
    parts += ["", "notes:"] + ["  " + n + (f" ({R['notes'].count(n)} times)" if R['notes'].count(n) > 1 else "")
                               for n in notes]
txt = "\n".join(parts) + "\n"
open(os.path.join(OUT, "latest.txt"), "w").write(txt)

md = ["<!-- generated by benchmark/run.sh from results/latest.json -->",
      "```", header(), "```", "", md_table(h, r), ""]
if r2:
    md += [md_table(h2, r2), ""]
if h3:
    md += [md_table(h3, r3), ""]
md += ["Targets (issue 9):", ""] + ["- " + t for t in targets()]
open(os.path.join(OUT, "latest.md"), "w").write("\n".join(md) + "\n")
print(txt)

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("report: matplotlib is missing (apt-get install python3-matplotlib): no cost-vs-nodes.png", file=sys.stderr)
    sys.exit(0)
N = R.get("nodes", {})
if N:
    sizes = sorted(N, key=int)
    fig, ax = plt.subplots(1, 2, figsize=(11, 4.2))
    for k, style in (("py-az", "o-"), ("java-nocds", "s--"), ("java-cds", "^-")):
        if k not in N[sizes[0]]:
            continue
        xs = [int(n) for n in sizes]
        for i, f in enumerate(("wall_ms", "cpu_ms")):
            m = [med(N[n][k][f]) for n in sizes]
            lo = [m[j] - N[n][k][f]["min"] for j, n in enumerate(sizes)]
            hi = [N[n][k][f]["max"] - m[j] for j, n in enumerate(sizes)]
            ax[i].errorbar(xs, m, yerr=[lo, hi], fmt=style, capsize=3, label=N[sizes[0]][k]["label"])
    for i, t in enumerate(("idle monitor wall time (ms)", "idle monitor CPU time user+sys (ms)")):
        ax[i].set_xscale("log", base=2)
        ax[i].set_xticks([int(n) for n in sizes], [str(n) for n in sizes])
        ax[i].set_xlabel("cluster nodes (CIB_file)")
        ax[i].set_title(t)
        ax[i].set_ylim(bottom=0)
        ax[i].grid(alpha=.3)
    ax[0].legend(fontsize=7, loc="lower left")
    fig.suptitle(f"Idle cost against node count: median, min–max ({R['date']}, {R['machine']['nproc']} CPU)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(os.path.join(OUT, "cost-vs-nodes.png"), dpi=110)
    print("report: wrote cost-vs-nodes.png", file=sys.stderr)
