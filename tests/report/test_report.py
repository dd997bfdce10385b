#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of tools/vfstrace-report on handcrafted JSONL logs.

    python3 tests/report/test_report.py [-v]

handcrafted.jsonl holds what a real log can hold and a small run rarely
shows: a path that is not valid UTF-8 (\\udcXX), a path with a backslash
and a newline, threads (one writing before its fork event is logged), an
exec from a thread, a child whose first events come before its fork
event, a reused pid, a process killed by a signal, one with no exit, a
call that never returned, a refused call, and a last line cut short.
handcrafted.txt is the text report it must give, byte for byte.
"""
import importlib.machinery
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOOL = os.path.join(REPO, "tools", "vfstrace-report")
LOG = os.path.join(HERE, "handcrafted.jsonl")
TEXT = os.path.join(HERE, "handcrafted.txt")


def load_tool():
    loader = importlib.machinery.SourceFileLoader("vfstrace_report", TOOL)
    spec = importlib.util.spec_from_loader(loader.name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


report = load_tool()


def run(*args, stdin=None):
    return subprocess.run([sys.executable, TOOL, *args], input=stdin,
                          capture_output=True, timeout=60)


def page_data(path):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    m = re.search(r'<script id="data" type="application/json">(.*?)'
                  r'</script>', page, re.S)
    return page, m.group(1), json.loads(m.group(1))


def tree(events):
    """[(depth, pid, command, status)] of the text report of EVENTS."""
    log = report.Log()
    for ev in events:
        log.add(ev)
    return [(d, p.tgid, p.command(), p.status_text())
            for d, p in report.walk(log.roots())], log


class Handcrafted(unittest.TestCase):
    def test_text(self):
        r = run(LOG)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(TEXT, "rb") as f:
            want = f.read()
        self.assertEqual(r.stdout.decode().splitlines(),
                         want.decode().splitlines())
        self.assertEqual(r.stdout, want)
        self.assertIn(b"handcrafted.jsonl:46: not JSON, skipped", r.stderr)

    def test_stdin(self):
        with open(LOG, "rb") as f:
            r = run("-", stdin=f.read())
        with open(TEXT, "rb") as f:
            self.assertEqual(r.stdout, f.read())

    def test_html(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "r.html")
            r = run(LOG, "--html", out, "-q")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout, b"")
            page, raw, data = page_data(out)
        # Self-contained: nothing to fetch.
        for pat in (r"<link\b", r"\bsrc\s*=", r"\bhref\s*=", r"url\(",
                    r"@import", r"https?://"):
            self.assertIsNone(re.search(pat, page), pat)
        self.assertNotIn("<", raw)          # cannot close its <script>
        procs = data["procs"]
        self.assertEqual([p["p"] for p in procs],
                         [100, 101, 102, 105, 106, 106, 107])
        self.assertEqual(data["roots"], [0])
        self.assertEqual(procs[0]["k"], [1, 3, 4, 5, 6])
        self.assertEqual(procs[1]["k"], [2])
        self.assertEqual(procs[0]["d"], 6)
        s = data["strings"]
        kinds = data["kinds"]
        files = {p["p"]: {kinds[k]: [s[i] for i in lst]
                          for k, lst in enumerate(p["f"]) if lst}
                 for p in procs[:3]}
        self.assertEqual(files[102]["read"], ["/src/sub/bad\\xff\\xfe.c"])
        self.assertEqual(files[102]["written"], ["/src/sub/bad.o"])
        self.assertIn("/src/a\\\\b\\nc", files[100]["written"])
        self.assertIn("/src/caf\u00e9 \\xc3(", files[100]["read"])
        self.assertEqual(procs[2]["a"], "as -o bad.o")
        self.assertEqual(procs[2]["e"],
                         [["/usr/bin/gcc-12", "cc -c 'bad\\xff\\xfe.c'"]])
        self.assertEqual(procs[2]["s"], "exit 0, 3 threads")
        self.assertEqual((procs[3]["s"], procs[3]["c"]),
                         ("killed by SIGKILL", "signal"))
        self.assertEqual((procs[6]["s"], procs[6]["c"]),
                         ("no exit seen", "unknown"))
        self.assertEqual(procs[4]["a"], "(fork) make -j2")
        # Valid UTF-8 JSON for the page: no lone surrogates anywhere.
        raw.encode("utf-8")

    def test_html_title_escaped(self):
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "<b>&@DATA@.jsonl")
            with open(LOG, "rb") as src, open(log, "wb") as dst:
                dst.write(src.read())
            out = os.path.join(d, "r.html")
            self.assertEqual(run(log, "--html", out, "-q").returncode, 0)
            page, _, data = page_data(out)
        self.assertIn("<title>vfstrace report: &lt;b&gt;&amp;@DATA@.jsonl"
                      "</title>", page)
        self.assertEqual(data["title"], "<b>&@DATA@.jsonl")


class Errors(unittest.TestCase):
    def test_missing_log(self):
        r = run("/nonexistent/log.jsonl")
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"No such file", r.stderr)

    def test_empty_log(self):
        r = run("-", stdin=b"")
        self.assertEqual(r.returncode, 1)
        self.assertIn(b"no events", r.stderr)

    def test_unwritable_html(self):
        r = run(LOG, "-q", "--html", "/nonexistent/r.html")
        self.assertEqual(r.returncode, 1)

    def test_broken_pipe(self):
        p = subprocess.Popen(f"{sys.executable} {TOOL} {LOG} | head -n 1",
                             shell=True, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        out, err = p.communicate(timeout=60)
        self.assertEqual(out, b"100 make -j2 [exit 2]\n")
        self.assertNotIn(b"Traceback", err)


def ev(kind, pid, tgid=None, **kw):
    return dict(event=kind, pid=pid, tgid=pid if tgid is None else tgid, **kw)


def call(pid, name, path=None, result=0, errno=None, tgid=None, **kw):
    e = ev("syscall", pid, tgid, syscall=name, result=result, errno=errno,
           **kw)
    if path is not None:
        e["path"] = path
    return e


class Model(unittest.TestCase):
    def test_disp(self):
        self.assertEqual(report.disp("/a/b"), "/a/b")
        self.assertEqual(report.disp("/x\udcff\udc80"), "/x\\xff\\x80")
        self.assertEqual(report.disp("a\tb\x01\x7f"), "a\\tb\\x01\\x7f")
        self.assertEqual(report.disp("a\\b"), "a\\\\b")
        self.assertEqual(report.disp("a\\b", backslash=False), "a\\b")
        self.assertEqual(report.disp("caf\u00e9 \u4e2d"), "caf\u00e9 \u4e2d")
        self.assertEqual(report.disp("\ud800"), "\\ud800")
        self.assertEqual(report.command_line(["echo", "a b", ""], "/x"),
                         "echo 'a b' ''")
        self.assertEqual(report.command_line([], "/bin/x"), "/bin/x")

    def test_reused_pid_before_fork_event(self):
        # 7 exits; a new process 7 logs a call before its fork event.
        rows, _ = tree([
            ev("exec", 1, path="/bin/sh", argv=["sh"]),
            ev("fork", 7, ppid=1, parent_tid=1, thread=False),
            ev("exec", 7, path="/bin/a", argv=["a"]),
            ev("exit", 7, status=0),
            ev("fork", 8, ppid=1, parent_tid=1, thread=False),
            ev("exec", 8, path="/bin/b", argv=["b"]),
            call(7, "openat", "/f", flags="O_RDONLY", result=3),
            ev("fork", 7, ppid=8, parent_tid=8, thread=False),
            ev("exec", 7, path="/bin/c", argv=["c"]),
            ev("exit", 7, status=1),
            ev("exit", 8, status=0),
            ev("exit", 1, status=0),
        ])
        self.assertEqual(rows, [(0, 1, "sh", "exit 0"),
                                (1, 7, "a", "exit 0"),
                                (1, 8, "b", "exit 0"),
                                (2, 7, "c", "exit 1")])

    def test_thread_exits_after_leader(self):
        # A thread's exit logged after its process's does not make a new
        # process, nor change the status.
        rows, _ = tree([
            ev("exec", 1, path="/bin/t", argv=["t"]),
            ev("fork", 2, 1, ppid=1, parent_tid=1, thread=True),
            ev("exit", 1, status=9),
            ev("exit", 2, 1, status=0),
        ])
        self.assertEqual(rows, [(0, 1, "t", "exit 9, 2 threads")])

    def test_sandbox_record(self):
        # vfstrace --sandbox's first record: said in the text and the page
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "sb.jsonl")
            with open(log, "w") as f:
                f.write(json.dumps({"event": "sandbox",
                                    "level": "best-effort",
                                    "landlock_abi": 5, "on": ["a"],
                                    "off": ["abstract unix sockets"]}))
                f.write("\n" + json.dumps({"event": "exit", "pid": 7,
                                           "tgid": 7, "status": 0}) + "\n")
            r = run(log, "--html", os.path.join(d, "sb.html"))
            self.assertEqual(r.returncode, 0, r.stderr)
            lines = r.stdout.decode().splitlines()
            self.assertEqual(lines[0], "sandbox: best-effort, Landlock ABI "
                             "5; off: abstract unix sockets")
            self.assertEqual(lines[1].split()[0], "7")
            _, _, data = page_data(os.path.join(d, "sb.html"))
            self.assertEqual(data["sandbox"], lines[0])

    def test_kinds(self):
        _, log = tree([
            ev("exec", 1, path="/bin/t", argv=["t"]),
            call(1, "renameat2", "/a", path2="/b", flags="RENAME_EXCHANGE"),
            call(1, "bind", "@abstract", fd=3),
            call(1, "bind", "/run/s.sock", fd=3),
            call(1, "linkat", "/old", path2="/new"),
            call(1, "symlink", "rel/target", path2="/l", result=-2,
                 errno="ENOENT"),
            call(1, "unlinkat", "/gone"),
            call(1, "rmdir", "/dir"),
            call(1, "utimensat", "/touched", fd=3),
            call(1, "creat", "/c1", result=3),
            call(1, "getdents64", "/listed", fd=3, result=48),
            call(1, "execve", "/bin/x", result=-13, errno="EACCES"),
            call(1, "openat", None, flags="O_RDONLY", result=3),
            call(1, "openat", "/tmp", flags="O_RDWR|O_TMPFILE", result=3),
        ])
        got = {k: sorted(log.procs[0].files[i])
               for i, k in enumerate(report.KINDS)}
        self.assertEqual(got, {
            "read": ["/listed"],
            "written": ["/a", "/b", "/c1", "/tmp", "/touched"],
            "created": ["/new", "/run/s.sock"],
            "deleted": ["/dir", "/gone"],
            "executed": [],
            "missing": ["/l"],
        })

    def test_deep_tree(self):
        # 5000 levels: no recursion limit in the text or the page.
        events = [ev("exec", 1, path="/bin/sh", argv=["sh"])]
        for pid in range(2, 5002):
            events.append(ev("fork", pid, ppid=pid - 1, parent_tid=pid - 1,
                             thread=False))
        rows, log = tree(events)
        self.assertEqual(len(rows), 5001)
        self.assertEqual(rows[-1][0], 5000)
        data = report.html_data(log, "deep")
        self.assertEqual(data["procs"][0]["d"], 5000)


if __name__ == "__main__":
    unittest.main()
