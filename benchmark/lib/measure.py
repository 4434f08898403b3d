#!/usr/bin/python3
"""Runs one command once, inside a lab node, and prints one JSON line of what it cost.

usage: measure.py [--env K=V]... [--cib] [--strace FILE] [--log FILE] -- CMD [ARG...]

  wall_ms            elapsed time from fork to reaping the command
  user_ms, sys_ms    CPU time of the command and every descendant it waited for (wait4 rusage)
  maxrss_kb          the largest peak RSS of any one process of the tree (ru_maxrss): the JVM or
                     the Python interpreter in practice
  cib_before/after   (epoch, num_updates, admin_epoch) from `cibadmin --query`, outside the
                     timed section (honours CIB_file from --env)
  spawned            (with --strace) one entry per process of the tree other than the command
                     itself that completed an execve: [program, argv...]
  imds_connects      (with --strace) connect() calls of the tree to 169.254.169.254: tells the
                     requests of this command apart from those of a resident poller running beside it
The command runs with exactly the environment given by --env on top of PATH/HOME/LANG.
"""
import json
import os
import re
import subprocess
import sys
import time

VERSION_RE = re.compile(r'\b(epoch|num_updates|admin_epoch)="(\d+)"')


def cib_version(env):
    try:
        out = subprocess.run(["cibadmin", "--query"], env=env, capture_output=True, timeout=30).stdout
    except Exception:
        return None
    head = out[:600].decode(errors="replace")
    v = dict(VERSION_RE.findall(head))
    if not v:
        return None
    return [int(v.get("admin_epoch", 0)), int(v.get("epoch", 0)), int(v.get("num_updates", 0))]


ARGV_RE = re.compile(r'^(\d+)\s+(?:<\.\.\. execve resumed>|execve\("([^"]*)", \[(.*?)\](?:,|\s*<unfinished))')
RET_RE = re.compile(r'=\s*(-?\d+)')


def parse_strace(path, root):
    """pid -> argv of the execve that succeeded last in that pid."""
    last_args = {}
    done = {}
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r'^(\d+)\s+(.*)$', line)
            if not m:
                continue
            pid, rest = int(m.group(1)), m.group(2)
            if rest.startswith('execve("'):
                am = re.match(r'execve\("([^"]*)", \[(.*?)\]', rest)
                if am:
                    args = re.findall(r'"((?:[^"\\]|\\.)*)"', am.group(2))
                    last_args[pid] = [am.group(1)] + args
                if rest.rstrip().endswith("= 0"):
                    done[pid] = last_args.get(pid)
            elif rest.startswith("<... execve resumed>") and rest.rstrip().endswith("= 0"):
                done[pid] = last_args.get(pid)
    out = []
    for pid in sorted(done):
        if pid == root:
            continue
        a = done[pid] or ["?"]
        out.append([os.path.basename(a[0])] + a[2:] if len(a) > 1 else [os.path.basename(a[0])])
    return out


IMDS_CONNECT_RE = re.compile(r'^\d+\s+connect\(\d+, \{sa_family=AF_INET6?, sin6?_port=htons\(80\), '
                             r'.*169\.254\.169\.254')


def count_imds_connects(path):
    with open(path, errors="replace") as f:
        return sum(1 for line in f if IMDS_CONNECT_RE.match(line))


def main():
    args = sys.argv[1:]
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.setdefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    want_cib, strace_file, log = False, None, os.devnull
    while args and args[0] != "--":
        a = args.pop(0)
        if a == "--env":
            k, _, v = args.pop(0).partition("=")
            env[k] = v
        elif a == "--cib":
            want_cib = True
        elif a == "--strace":
            strace_file = args.pop(0)
        elif a == "--log":
            log = args.pop(0)
        else:
            sys.exit("measure.py: unknown option " + a)
    cmd = args[1:]
    res = {"cmd": cmd}
    if want_cib:
        res["cib_before"] = cib_version(env)
    if strace_file:
        cmd = ["strace", "-f", "-qq", "-e", "trace=execve,connect", "-s", "300", "-o", strace_file] + cmd
    with open(log, "ab") as lf:
        t_start = time.time()
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=lf, stderr=lf)
        _, status, ru = os.wait4(p.pid, 0)
        t1 = time.perf_counter()
        p.returncode = os.waitstatus_to_exitcode(status)
    res.update(rc=p.returncode, t_start=t_start, t_end=t_start + (t1 - t0), wall_ms=(t1 - t0) * 1000,
               user_ms=ru.ru_utime * 1000, sys_ms=ru.ru_stime * 1000, maxrss_kb=ru.ru_maxrss)
    if strace_file:
        with open(strace_file, errors="replace") as f:
            first = f.readline()
        # the traced command's own pid is strace's child: the first pid in the file
        root = int(first.split()[0]) if first.strip() else -1
        res["spawned"] = parse_strace(strace_file, root)
        res["imds_connects"] = count_imds_connects(strace_file)
    if want_cib:
        res["cib_after"] = cib_version(env)
    print(json.dumps(res))


if __name__ == "__main__":
    main()
