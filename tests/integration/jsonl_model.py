#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""
An independent model, in Python, of what README.md says vfstrace does
with the calls of a JSONL log: the classes of a call and the selection
(-e trace=, --trace=, --path, --failed, --ok; "Selecting calls, and the
summary"), the fsatrace line of a call ("fsatrace"), and the -c summary.
It reads only logs, never vfstrace's sources, so that the tests
t_select_*, t_fsatrace* and t_summary* compare two implementations.

Where the README names a call's class, the tables below follow it.  Where
it is silent they follow the table the README names as the one table
(include/syscall_list.h), and say so: those rows are marked "README
silent" and the tests do not build a verdict on them alone.

Commands (exit status 0: agree, 1: disagree, 2: usage or bad input):

  workload                  print the deterministic build (sh) the tests run
  same FULL1 FULL2          two full logs of the workload are the same
                            after normalisation (the control)
  select FULL OUT FMT [--] OPTION...
                            OUT (format FMT: jsonl, text or fsatrace),
                            written by vfstrace with the selection
                            OPTIONs, equals the selection of FULL (a full
                            JSONL log of the same workload)
  grammar FSATRACE          every line follows fsatrace's grammar
  summary LOG SUMMARY json|text [--xrun] [--] [OPTION...]
                            the summary vfstrace wrote in the same run as
                            LOG equals the one computed from LOG (with the
                            selection OPTIONs applied to LOG first); with
                            --xrun LOG is from another run of the workload
  select-batch FULL LIST    select, for each line of LIST: OUT FMT OPTION...
                            (tab-separated)
  check-selected LOG [--] OPTION...
                            every syscall event of LOG is kept by OPTIONs
  created LOG [--without-c] the "created" key is where the README says
  show-summary LOG PATH...  print the model's counts of PATHs (debugging)

Normalisation across runs (two runs of one deterministic workload): pids
become positions in the process tree (a process is named by its parent's
name, its executable and its rank among like siblings), the events of a
process are compared as a multiset (threads merged into their process),
fd numbers and fd-returning results become "fd", and /proc/PID,
pipe:[N], socket:[N] lose their numbers.  Two things compare as sets
(whether there are any, not how many), because they vary from run to run
with the same program: a process's thread fork and exit events (the Go
runtime starts a varying number of threads) and its getdents64 calls
that returned entries, per directory (Go's os.ReadDir was seen to take
one call or two for the same directory).
"""

import collections
import json
import os
import re
import sys

# ---------------------------------------------------------------- logs


def load_jsonl(path):
    events = []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                events.append(json.loads(line))
            except ValueError as e:
                raise SystemExit(f"{path}:{n}: not JSON ({e}): {line!r}")
    return events


def syscalls(events):
    return [e for e in events if e.get("event") == "syscall"]


# ---------------------------------------------------------------- classes
#
# README "Selecting calls": "an open's [classes are] decided by its flags:
# O_RDONLY reads, O_WRONLY writes, O_RDWR reads and writes, O_TRUNC
# writes, O_CREAT/O_TMPFILE create, O_PATH is a stat."  Base classes
# here: read write meta create delete rename exec stat dir; the -e words
# map onto them in WORD_CLASSES.

OPENS = {"open", "openat", "openat2"}
RENAMES = {"rename", "renameat", "renameat2"}
LINKS = {"link", "linkat", "symlink", "symlinkat"}
XATTR_READS = {"getxattr", "lgetxattr", "listxattr", "llistxattr",
               "getxattrat", "listxattrat"}
XATTR_WRITES = {"setxattr", "lsetxattr", "removexattr", "lremovexattr",
                "setxattrat", "removexattrat", "fsetxattr", "fremovexattr"}
STAT_FAMILY = {"stat", "lstat", "oldstat", "oldlstat", "stat64", "lstat64",
               "newfstatat", "fstatat64", "statx"}
ACCESS = {"access", "faccessat", "faccessat2"}
STATFS = {"statfs", "statfs64"}

# name -> (base classes, source)
FIXED = {}


def _rows(names, cls, src="README"):
    for n in names:
        FIXED[n] = (frozenset(cls), src)


# README: fsatrace table rows and the summary's lists.
_rows({"readlink", "readlinkat", "getdents64", "connect"} | XATTR_READS,
      {"read"})
_rows({"creat"}, {"write", "create"})
_rows({"truncate", "truncate64"}, {"write"})
_rows({"mkdir", "mkdirat", "mknod", "mknodat", "bind"} | LINKS, {"create"})
_rows({"unlink", "unlinkat", "rmdir"}, {"delete"})
_rows(RENAMES, {"rename"})
_rows({"chmod", "fchmodat", "fchmodat2", "chown", "chown32", "lchown",
       "lchown32", "fchownat", "utime", "utimes", "futimesat", "utimensat",
       "fchmod", "fchown"} | XATTR_WRITES, {"meta"})
_rows({"execve"}, {"exec"})
_rows(STAT_FAMILY | ACCESS | STATFS, {"stat"})
# README silent: the class "dir" is named but its calls are not listed;
# these follow include/syscall_list.h (C_DIR).  chdir is a "q" (query)
# line of the fsatrace table, but the README does not put it in "stat".
_rows({"chdir", "fchdir", "getcwd", "chroot"}, {"dir"}, "README silent")
FIXED["mkdir"] = (frozenset({"create", "dir"}), "README+silent")
FIXED["mkdirat"] = (frozenset({"create", "dir"}), "README+silent")
FIXED["rmdir"] = (frozenset({"delete", "dir"}), "README+silent")
FIXED["getdents64"] = (frozenset({"read", "dir"}), "README+silent")
_rows({"execveat", "uselib"}, {"exec"}, "README silent")
_rows({"name_to_handle_at", "inotify_add_watch", "fanotify_mark",
       "file_getattr", "open_tree", "open_tree_attr", "fspick"}, {"stat"},
      "README silent")
_rows({"file_setattr", "mount", "umount", "umount2", "pivot_root", "swapon",
       "swapoff", "quotactl", "move_mount", "mount_setattr"}, {"meta"},
      "README silent")
_rows({"acct", "ftruncate", "fallocate"}, {"write"}, "README silent")

WORD_CLASSES = {
    "read": {"read"},
    # README: "write also selects metadata changes (chmod, chown, utimes,
    # xattr writes) and renames; create and delete also select renames".
    "write": {"write", "meta", "rename"},
    "create": {"create", "rename"},
    "delete": {"delete", "rename"},
    "exec": {"exec"},
    "stat": {"stat"},
    "dir": {"dir"},
}
ALL_WORDS = {"all", "file"}


def flag_set(ev):
    f = ev.get("flags")
    return set(f.split("|")) if f else set()


def open_classes(ev):
    fl = flag_set(ev)
    if "O_PATH" in fl:
        return {"stat"}
    cls = set()
    if "O_WRONLY" in fl:
        cls.add("write")
    elif "O_RDWR" in fl:
        cls |= {"read", "write"}
    else:
        cls.add("read")            # O_RDONLY is 0: printed or absent
    if "O_TRUNC" in fl:
        cls.add("write")
    if "O_CREAT" in fl or "O_TMPFILE" in fl:
        cls.add("create")
    return cls


def classes(ev):
    """The base classes of a syscall event; None when the model does not
    know the call (then only "all" and its name select it)."""
    name = ev.get("syscall")
    if name in OPENS:
        return open_classes(ev)
    row = FIXED.get(name)
    return set(row[0]) if row else None


def failed(ev):
    r = ev.get("result")
    return isinstance(r, int) and -4096 < r < 0


def succeeded(ev):
    r = ev.get("result")
    return isinstance(r, int) and not failed(ev)


# ---------------------------------------------------------------- fnmatch

def fnmatch_regex(pattern):
    """fnmatch(3) with flags 0: '*' and '?' match any character, '/' and a
    leading '.' included; [...] with '!' or '^' negation and ranges; a
    backslash quotes the next character."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "*":
            out.append(".*")
        elif c == "?":
            out.append(".")
        elif c == "\\" and i < n:
            out.append(re.escape(pattern[i]))
            i += 1
        elif c == "[":
            j = i
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 1
            if j >= n:
                out.append("\\[")      # no closing ']': a plain '['
                continue
            body = pattern[i:j]
            i = j + 1
            neg = body[:1] in ("!", "^")
            if neg:
                body = body[1:]
            body = body.replace("\\", "\\\\")
            out.append("[" + ("^" if neg else "") + body + "]")
        else:
            out.append(re.escape(c))
    return re.compile("".join(out), re.S)


def path_matches(pattern, path):
    if path is None:
        return False
    if any(c in pattern for c in "*?["):
        return fnmatch_regex(pattern).fullmatch(path) is not None
    p = pattern.rstrip("/") or "/"
    if p == "/":
        return path.startswith("/")
    return path == p or path.startswith(p + "/")


# ---------------------------------------------------------------- selection

class Selection:
    """The selection options of vfstrace, parsed from the same words the
    tests pass on its command line."""

    def __init__(self, argv):
        self.any_trace = False
        self.words = set()         # class words
        self.names = set()         # syscall names
        self.all = False
        self.paths = []
        self.result = 0            # 1 --ok, -1 --failed
        self.format = None
        args = list(argv)
        while args:
            a = args.pop(0)
            if a == "-e":
                self.trace(args.pop(0))
            elif a.startswith("-e"):
                self.trace(a[2:].strip())
            elif a.startswith("--trace="):
                self.trace("trace=" + a[len("--trace="):])
            elif a == "--path":
                self.paths.append(args.pop(0))
            elif a.startswith("--path="):
                self.paths.append(a[len("--path="):])
            elif a == "--failed":
                self.result = -1
            elif a == "--ok":
                self.result = 1
            elif a.startswith("--format="):
                self.format = a[len("--format="):]
            elif a in ("-c", "--summary") or a.startswith("--summary-"):
                pass
            else:
                raise SystemExit(f"jsonl_model: unknown option {a!r}")

    def trace(self, qual):
        if not qual.startswith("trace="):
            raise SystemExit(f"jsonl_model: not trace=: {qual!r}")
        self.any_trace = True
        for w in qual[len("trace="):].split(","):
            if not w:
                continue
            word = w[1:] if w.startswith("%") else w
            if word in ALL_WORDS:
                self.all = True
            elif word in WORD_CLASSES:
                self.words.add(word)
            elif not w.startswith("%"):
                self.names.add(w)
            else:
                raise SystemExit(f"jsonl_model: unknown class {w!r}")

    def restricts(self):
        return self.any_trace or self.paths or self.result

    def keeps(self, ev):
        if ev.get("event") != "syscall":
            return True            # fork, exec, exit: always written
        if self.result > 0 and not succeeded(ev):
            return False
        if self.result < 0 and not failed(ev):
            return False
        if self.any_trace and not self.all:
            if ev.get("syscall") not in self.names:
                cls = classes(ev) or set()
                wanted = set()
                for w in self.words:
                    wanted |= WORD_CLASSES[w]
                if not cls & wanted:
                    return False
        if self.paths:
            ps = [ev.get("path"), ev.get("path2")]
            if not any(path_matches(pat, p) for pat in self.paths
                       for p in ps):
                return False
        return True

    def select(self, events):
        return [e for e in events if self.keeps(e)]


# ---------------------------------------------------------------- fsatrace
#
# README "fsatrace": one line per call that succeeded.
#   w|path   opens for writing or creating, creat, truncate, mkdir, mknod,
#            bind; the new name of link/symlink
#   r|path   opens for reading, readlink, xattr reads, getdents64 (the
#            directory), connect, execve
#   m|dst|src  rename, renameat, renameat2
#   d|path   unlink, unlinkat, rmdir
#   t|path   metadata changes: chmod, chown, utimes, xattr writes
#   q|path   queries: stat family, access, statfs, chdir

FSA_W = {"creat", "truncate", "truncate64", "mkdir", "mkdirat", "mknod",
         "mknodat", "bind"}
FSA_R = {"readlink", "readlinkat", "getdents64", "connect", "execve"} | \
    XATTR_READS
FSA_D = {"unlink", "unlinkat", "rmdir"}
FSA_T = {"chmod", "fchmodat", "fchmodat2", "chown", "chown32", "lchown",
         "lchown32", "fchownat", "utime", "utimes", "futimesat",
         "utimensat"} | XATTR_WRITES
FSA_Q = STAT_FAMILY | ACCESS | STATFS | {"chdir"}
# README silent: what the model accepts either way (a line or none).
FSA_OPTIONAL = {"fchdir": "q", "getcwd": "q", "chroot": "q",
                "execveat": "r", "uselib": "r", "file_setattr": "t",
                "name_to_handle_at": "q", "inotify_add_watch": "q",
                "fanotify_mark": "q", "file_getattr": "q",
                "open_tree": "q", "open_tree_attr": "q", "fspick": "q",
                "mount": "t", "umount": "t", "umount2": "t",
                "pivot_root": "t", "swapon": "t", "swapoff": "t",
                "quotactl": "t", "move_mount": "t", "mount_setattr": "t",
                "acct": "w", "fchmod": "t", "fchown": "t",
                "ftruncate": "w", "fallocate": "w"}

# "/" alone is a path (rm -r stats it), hence .* and not .+ after the /.
FSA_GRAMMAR = re.compile(r"[rwdtq]\|/.*|m\|/.*\|/.*", re.S)


def fsatrace_line(ev):
    """(line, optional): the line README's table gives the event, or None;
    optional when the README does not say (the model then accepts the line
    being there or not).  Paths that are not absolute file names (a pipe's
    "pipe:[N]", a socket's) make no line: fsatrace lines name files."""
    if ev.get("event") != "syscall" or not succeeded(ev):
        return None, False
    name = ev.get("syscall")
    p, p2 = ev.get("path"), ev.get("path2")

    def line(op, path):
        if not path or not path.startswith("/"):
            return None, False
        return f"{op}|{path}", False

    if name in RENAMES:
        if p and p2 and p.startswith("/") and p2.startswith("/"):
            return f"m|{p2}|{p}", False
        return None, False
    if name in FSA_D:
        return line("d", p)
    if name in OPENS:
        cls = open_classes(ev)
        if cls == {"stat"}:
            return line("q", p)          # O_PATH: a stat (README silent
        if cls & {"write", "create"}:   # on its line; q by the class)
            return line("w", p)
        return line("r", p)
    if name in LINKS:
        return line("w", p2)
    if name in FSA_W:
        return line("w", p)
    if name in FSA_R:
        return line("r", p)
    if name in FSA_T:
        return line("t", p)
    if name in FSA_Q:
        return line("q", p)
    if name in FSA_OPTIONAL:
        ln, _ = line(FSA_OPTIONAL[name], p)
        return ln, True
    return None, True


# ---------------------------------------------------------------- summary
#
# README: "-c counts, per path (as logged), for calls that succeeded:
# read (read class), written (write class or a metadata change), created
# (mkdir, mknod, bind, the new name of link and symlink, creat, opens that
# made the file), deleted (unlink, rmdir), executed (execve), and a rename
# counts as deleted for its old path and created for its new one; missing
# counts any call that failed with ENOENT, on its first path.  Each path
# lists the processes (tgids) that touched it.  Per syscall: calls and
# errors."

KINDS = ("read", "written", "created", "deleted", "executed", "missing")
CREATES = {"mkdir", "mkdirat", "mknod", "mknodat", "bind", "creat"}


def summary(events):
    paths = {}
    calls = collections.Counter()
    errors = collections.Counter()

    def count(path, kind, tgid):
        if path is None:
            return
        e = paths.setdefault(path, {"counts": dict.fromkeys(KINDS, 0),
                                    "pids": set()})
        e["counts"][kind] += 1
        e["pids"].add(tgid)

    for ev in syscalls(events):
        name, tg = ev["syscall"], ev["tgid"]
        calls[name] += 1
        if ev.get("result") is None:
            continue
        if failed(ev):
            errors[name] += 1
            if ev.get("errno") == "ENOENT":
                count(ev.get("path"), "missing", tg)
            continue
        p, p2 = ev.get("path"), ev.get("path2")
        if name in RENAMES:
            count(p, "deleted", tg)
            count(p2, "created", tg)
            continue
        cls = classes(ev) or set()
        if "read" in cls:
            count(p, "read", tg)
        if cls & {"write", "meta"}:
            count(p, "written", tg)
        if name in OPENS:
            if ev.get("created") is True:
                count(p, "created", tg)
        elif name in LINKS:
            count(p2, "created", tg)
        elif name in CREATES:
            count(p, "created", tg)
        if "delete" in cls:
            count(p, "deleted", tg)
        if name == "execve":
            count(p, "executed", tg)
    return {"paths": paths, "calls": calls, "errors": errors}


def read_summary_json(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        doc = json.load(f)
    paths = {}
    for e in doc["paths"]:
        if e["path"] in paths:
            raise SystemExit(f"{path}: path listed twice: {e['path']}")
        if len(set(e["pids"])) != len(e["pids"]):
            raise SystemExit(f"{path}: pids listed twice: {e}")
        paths[e["path"]] = {"counts": {k: e[k] for k in KINDS},
                            "pids": set(e["pids"])}
    calls, errors = collections.Counter(), collections.Counter()
    for s in doc["syscalls"]:
        if s["syscall"] in calls:
            raise SystemExit(f"{path}: syscall listed twice: {s}")
        calls[s["syscall"]] = s["calls"]
        errors[s["syscall"]] = s["errors"]
    return {"paths": paths, "calls": calls, "errors": errors}


TEXT_HEAD = re.compile(r"\s*read\s+written\s+created\s+deleted\s+executed"
                       r"\s+missing\s+processes\s+path")
TEXT_ROW = re.compile(r"\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)"
                      r"  (\S+)  (.*)")
TEXT_SC_HEAD = re.compile(r"\s*calls\s+errors\s+syscall")
TEXT_SC_ROW = re.compile(r"\s*(\d+)\s+(\d+)  (\S+)")


def read_summary_text(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        lines = f.read().split("\n")
    if not lines or not TEXT_HEAD.fullmatch(lines[0]):
        raise SystemExit(f"{path}: no summary header: {lines[:1]!r}")
    paths, i = {}, 1
    while i < len(lines) and lines[i]:
        m = TEXT_ROW.fullmatch(lines[i])
        if not m:
            raise SystemExit(f"{path}:{i + 1}: not a row: {lines[i]!r}")
        pids = m.group(7)
        truncated = pids.endswith(",...")
        pids = {int(x) for x in pids.removesuffix(",...").split(",")}
        paths[m.group(8)] = {"counts": dict(zip(KINDS, map(int,
                             m.group(1, 2, 3, 4, 5, 6)))),
                             "pids": pids, "truncated": truncated}
        i += 1
    while i < len(lines) and not lines[i]:
        i += 1
    if i >= len(lines) or not TEXT_SC_HEAD.fullmatch(lines[i]):
        raise SystemExit(f"{path}:{i + 1}: no syscall table header")
    calls, errors = collections.Counter(), collections.Counter()
    for ln in lines[i + 1:]:
        if not ln:
            continue
        m = TEXT_SC_ROW.fullmatch(ln)
        if not m:
            raise SystemExit(f"{path}: not a syscall row: {ln!r}")
        calls[m.group(3)] = int(m.group(1))
        errors[m.group(3)] = int(m.group(2))
    return {"paths": paths, "calls": calls, "errors": errors}


def compare_summaries(model, got, limit=40):
    """The differences, as lines; [] when equal."""
    out = []
    for p in sorted(set(model["paths"]) | set(got["paths"])):
        m, g = model["paths"].get(p), got["paths"].get(p)
        if m is None:
            out.append(f"path {p}: in vfstrace's summary {g['counts']}, "
                       "not in the model (nothing counted for it)")
            continue
        if g is None:
            out.append(f"path {p}: model {m['counts']} pids "
                       f"{sorted(m['pids'])}, missing from vfstrace's")
            continue
        if m["counts"] != g["counts"]:
            diff = {k: (m["counts"][k], g["counts"][k]) for k in KINDS
                    if m["counts"][k] != g["counts"][k]}
            out.append(f"path {p}: (model, vfstrace) {diff}")
        if g.get("truncated"):
            if not g["pids"] <= m["pids"]:
                out.append(f"path {p}: pids model {sorted(m['pids'])} "
                           f"vfstrace {sorted(g['pids'])},...")
        elif m["pids"] != g["pids"]:
            out.append(f"path {p}: pids model {sorted(m['pids'])} "
                       f"vfstrace {sorted(g['pids'])}")
    for s in sorted(set(model["calls"]) | set(got["calls"])):
        mc, gc = (model["calls"][s], model["errors"][s]), \
            (got["calls"][s], got["errors"][s])
        if mc != gc:
            out.append(f"syscall {s}: (calls, errors) model {mc} "
                       f"vfstrace {gc}")
    if len(out) > limit:
        out = out[:limit] + [f"... and {len(out) - limit} more"]
    return out


# ---------------------------------------------------------------- text format

def c_unescape(s):
    out, i = bytearray(), 0
    b = s.encode("utf-8", "surrogateescape")
    simple = {ord("n"): 10, ord("t"): 9, ord("r"): 13, ord("v"): 11,
              ord("f"): 12, ord("a"): 7, ord("b"): 8, ord("\\"): 92,
              ord('"'): 34, ord("'"): 39}
    while i < len(b):
        c = b[i]
        if c != 92 or i + 1 >= len(b):
            out.append(c)
            i += 1
            continue
        d = b[i + 1]
        if d in simple:
            out.append(simple[d])
            i += 2
        elif d == ord("x"):
            m = re.match(rb"[0-9a-fA-F]{1,2}", b[i + 2:])
            out.append(int(m.group(0), 16))
            i += 2 + len(m.group(0))
        elif 48 <= d <= 55:
            m = re.match(rb"[0-7]{1,3}", b[i + 1:])
            out.append(int(m.group(0), 8))
            i += 1 + len(m.group(0))
        else:
            out.append(d)
            i += 2
    return out.decode("utf-8", "surrogateescape")


def split_args(s):
    """Top-level comma-separated arguments of a text line's call."""
    args, cur, depth, i, n = [], [], 0, 0, len(s)
    while i < n:
        c = s[i]
        if c == '"':
            j = i + 1
            while j < n and s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c == "<" and cur and cur[-1][-1:].isdigit():
            j = s.find(">", i)      # N<path>: the path may hold anything
            while j + 1 < n and s[j + 1] not in ",)":
                j = s.find(">", j + 1)
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c in "[{(":
            depth += 1
        elif c in "]})":
            depth -= 1
        if c == "," and depth == 0:
            args.append("".join(cur).strip())
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    if cur or args:
        args.append("".join(cur).strip())
    return args


STR_ARG = re.compile(r'"((?:[^"\\]|\\.)*)"(\.\.\.)?', re.S)
FD_ARG = re.compile(r"-?\d+<(.*)>", re.S)
SC_LINE = re.compile(r"(?:\[(\w+)\] )?(\w+)\((.*)\) = "
                     r"(\?|-1 (E\w+) \(.*?\)|-?\d+|0x[0-9a-f]+)"
                     r"( \(refused by vfstrace\))?", re.S)


def text_call_paths(name, args):
    """path and path2 of a text line, as the JSONL log would give them:
    the first string argument (the fd's path when it is "" or NULL), the
    second string for renames and links."""
    strings, fdpath = [], None
    for a in args:
        m = STR_ARG.fullmatch(a)
        if m:
            strings.append(c_unescape(m.group(1)))
            continue
        m = FD_ARG.fullmatch(a)
        if m and fdpath is None:
            fdpath = m.group(1)
        if a.startswith("{") and "sun_path=" in a:
            m2 = STR_ARG.search(a[a.index("sun_path="):])
            if m2:
                strings.append(c_unescape(m2.group(1)))
    path = strings[0] if strings and strings[0] else fdpath
    path2 = strings[1] if len(strings) > 1 and \
        (name in RENAMES or name in LINKS) else None
    return path, path2


def load_text(path):
    """The text trace as JSONL-like events (pid, tgid from the +++ fork
    and new thread lines)."""
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        lines = [ln.rstrip("\n") for ln in f if ln.strip()]
    parent_of, thread = {}, set()
    for ln in lines:
        m = re.fullmatch(r"(\d+) \+\+\+ (forked|new thread) (\d+) \+\+\+", ln)
        if m:
            parent_of[int(m.group(3))] = int(m.group(1))
            if m.group(2) == "new thread":
                thread.add(int(m.group(3)))

    def tgid(t):
        seen = set()
        while t in thread and t not in seen:
            seen.add(t)
            t = parent_of[t]
        return t

    events = []
    for ln in lines:
        m = re.fullmatch(r"(\d+) (.*)", ln, re.S)
        if not m:
            raise SystemExit(f"{path}: not a trace line: {ln!r}")
        tid, rest = int(m.group(1)), m.group(2)
        ev = {"pid": tid, "tgid": tgid(tid)}
        if rest.startswith("+++ "):
            body = rest[4:].removesuffix(" +++")
            if body.startswith(("forked ", "new thread ")):
                c = int(body.split()[-1])
                ev = {"event": "fork", "pid": c, "tgid": tgid(c),
                      "ppid": tgid(tid), "thread": c in thread}
            elif body.startswith("exec "):
                sm = STR_ARG.match(body[5:])
                argv_txt = body[5 + sm.end():].strip()
                argv = [c_unescape(x.group(1))
                        for x in STR_ARG.finditer(argv_txt)]
                ev.update(event="exec", path=c_unescape(sm.group(1)),
                          argv=argv)
            elif body.startswith("exited with "):
                ev.update(event="exit", status=int(body.split()[-1]))
            elif body.startswith("killed by "):
                ev.update(event="exit", signal=body.split()[2])
            else:
                raise SystemExit(f"{path}: unknown +++ line: {ln!r}")
            events.append(ev)
            continue
        m = SC_LINE.fullmatch(rest)
        if not m:
            raise SystemExit(f"{path}: not a call line: {ln!r}")
        abi, name, args, res, err, refused = m.groups()
        p, p2 = text_call_paths(name, split_args(args))
        ev.update(event="syscall", syscall=name)
        if p is not None:
            ev["path"] = p
        if p2 is not None:
            ev["path2"] = p2
        if res == "?":
            ev.update(result=None, errno=None)
        elif err:
            ev.update(result=-1, errno=err)
        else:
            ev.update(result=int(res, 0), errno=None)
        if abi:
            ev["abi"] = abi
        if refused:
            ev["refused"] = True
        events.append(ev)
    return events


# ---------------------------------------------------------------- normalise

FD_RESULT = OPENS | {"creat", "open_tree", "open_tree_attr", "fspick"}


def norm_str(s):
    if not isinstance(s, str):
        return s
    s = re.sub(r"^/proc/\d+(?=/|$)", "/proc/PID", s)
    s = re.sub(r"^(pipe|socket|anon_inode):\[\d+\]", r"\1:[N]", s)
    return s


# A directory read that returned entries: how many calls it takes to read
# a directory is not always the same from run to run (seen with Go's
# os.ReadDir), so these compare as a set per process, not a multiset.
LISTING = "entries"


def is_listing(ev):
    return ev.get("event") == "syscall" and \
        ev.get("syscall") == "getdents64" and \
        isinstance(ev.get("result"), int) and ev["result"] > 0


def norm_jsonl(ev):
    """An event as compared between two runs: a string."""
    e = {k: v for k, v in ev.items()
         if k not in ("pid", "tgid", "fd", "ppid", "parent_tid")}
    if e.get("event") == "syscall" and e.get("syscall") in FD_RESULT and \
            isinstance(e.get("result"), int) and e["result"] >= 0:
        e["result"] = "fd"
    if is_listing(e):
        e["result"] = LISTING
    for k in ("path", "path2", "target"):
        if k in e:
            e[k] = norm_str(e[k])
    if "argv" in e:
        e["argv"] = [norm_str(a) for a in e["argv"]]
    return json.dumps(e, sort_keys=True, ensure_ascii=False)


def norm_text(ev):
    """What a text line and a JSONL event have in common."""
    k = ev["event"]
    if k == "exec":
        return json.dumps(["exec", ev["path"], ev["argv"]],
                          ensure_ascii=False)
    if k == "exit":
        return json.dumps(["exit", ev.get("signal") or ev.get("status")])
    r = ev.get("result")
    if r is not None:
        if failed(ev) or ev.get("errno"):
            r = ev.get("errno")
        elif ev["syscall"] in FD_RESULT:
            r = "fd"
        elif is_listing(ev):
            r = LISTING
    return json.dumps(["syscall", ev["syscall"], r,
                       norm_str(ev.get("path")), norm_str(ev.get("path2"))],
                      ensure_ascii=False)


# Threads: whether a process started threads (and they exited) is
# compared, not how many: the Go runtime starts a varying number.
THREAD = "(threads)"
THREAD_EXIT = "(thread exits)"


def collapse(projected):
    """Projected events with repeated listings (is_listing) and thread
    events kept once."""
    seen, out = set(), []
    for e in projected:
        if e in (THREAD, THREAD_EXIT) or \
                ('"getdents64"' in e and f'"{LISTING}"' in e):
            if e in seen:
                continue
            seen.add(e)
        out.append(e)
    return out


def flatten(events, project):
    """The events as a multiset of (process name, projected event), the
    process named by its place in the tree."""
    procs = {}

    def get(tg):
        return procs.setdefault(tg, {"parent": None, "events": [],
                                     "children": [], "exe": None})

    for ev in events:
        kind = ev.get("event")
        if kind == "fork":
            if ev.get("thread"):
                get(ev["tgid"])["events"].append(THREAD)
                continue
            child, parent = get(ev["tgid"]), get(ev["ppid"])
            child["parent"] = ev["ppid"]
            parent["children"].append(ev["tgid"])
            continue
        p = get(ev["tgid"])
        if kind == "exit" and ev["pid"] != ev["tgid"]:
            p["events"].append(THREAD_EXIT)
            continue
        if kind == "exec" and p["exe"] is None:
            p["exe"] = os.path.basename(ev["path"])
        p["events"].append(project(ev))
    memo = {}

    def canon(tg):
        if tg not in memo:
            p = procs[tg]
            memo[tg] = (p["exe"] or "", tuple(sorted(collapse(p["events"]))),
                        tuple(sorted(canon(c) for c in p["children"])))
        return memo[tg]

    out = collections.Counter()

    def walk(tg, label):
        p = procs[tg]
        out[(label, "(process)")] += 1
        for e in collapse(p["events"]):
            out[(label, e)] += 1
        rank = collections.Counter()
        for c in sorted(p["children"], key=canon):
            exe = procs[c]["exe"] or "fork"
            walk(c, f"{label}/{exe}#{rank[exe]}")
            rank[exe] += 1

    rank = collections.Counter()
    for r in sorted((t for t in procs if procs[t]["parent"] is None),
                    key=canon):
        exe = procs[r]["exe"] or "fork"
        walk(r, f"{exe}#{rank[exe]}")
        rank[exe] += 1
    return out


def diff_counters(want, got, what_want, what_got, limit=12):
    miss, extra = want - got, got - want
    out = []
    for title, c in ((f"in {what_want}, not in {what_got}", miss),
                     (f"in {what_got}, not in {what_want}", extra)):
        if not c:
            continue
        # Calls first: a process's place in the tree can shift with them.
        items = sorted(c, key=lambda it: (
            isinstance(it, tuple) and not it[1].startswith(
                ('{"errno"', '["syscall"')), it))
        out.append(f"{sum(c.values())} {title}:")
        for it in items[:limit]:
            n = f"{c[it]} x " if c[it] > 1 else ""
            out.append(f"    {n}{it[0]}  {it[1]}" if isinstance(it, tuple)
                       else f"    {n}{it}")
        if len(items) > limit:
            out.append(f"    ... and {len(items) - limit} more")
    return out


# ---------------------------------------------------------------- workload

WORKLOAD = r'''#!/bin/sh
# A small deterministic build (no background jobs, no clocks, no random
# names) and the fsops clients, run in the cwd.  CLIENTS: the clients.
set -eu
exec >build.log 2>build.err
PATH=/usr/bin:/bin LC_ALL=C
export PATH LC_ALL
mkdir src src2 obj
printf 'int a;\n' > src/a.c
printf 'int b;\n' > src/b.c
printf 'int c;\n' > src2/c.c
cat src/a.c > obj/a.o
cp src/b.c obj/b.tmp
mv obj/b.tmp obj/b.o
cat src2/c.c | wc -c > obj/c.size
ln -s a.o obj/link.o
ln obj/a.o obj/hard.o
readlink obj/link.o > /dev/null
printf 'more\n' >> obj/a.o
: > obj/empty
: > obj/empty
set -C
: > obj/excl
set +C
exec 3<>obj/rw
exec 3>&-
truncate -s 0 obj/rw
touch obj/b.o
chmod 600 obj/b.o
chown "$(id -u)" obj/b.o
mkfifo obj/fifo
mkdir -p obj/d1/d2
rmdir obj/d1/d2
rm obj/hard.o obj/fifo
ls obj src > listing
test -e src/missing.h || :
test -r src/a.c
cat src/missing.c 2>/dev/null || :
nosuchprog 2>/dev/null || :
sh -c 'cd obj && cat a.o > ../final'
/bin/pwd > pwd.out
find obj -name '*.o' > found
stat -c %s obj/a.o > /dev/null
stat -f -c %T . > /dev/null
perl -MSocket -e '
	socket(S, AF_UNIX, SOCK_STREAM, 0) or die "socket: $!";
	bind(S, pack_sockaddr_un("obj/sock")) or die "bind: $!";
	listen(S, 1) or die "listen: $!";
	socket(C, AF_UNIX, SOCK_STREAM, 0) or die "socket: $!";
	connect(C, pack_sockaddr_un("obj/sock")) or die "connect: $!";
	unlink("obj/sock") or die "unlink: $!";'
rm -r obj/d1
mkdir tmpd
: > tmpd/junk
rm -rf tmpd
mkdir c-glibc c-musl c-go c-bb
"$CLIENTS/fsops-glibc" c-glibc > c-glibc.out
"$CLIENTS/fsops-musl" c-musl > c-musl.out
"$CLIENTS/fsops-go" c-go > c-go.out
/bin/busybox sh "$CLIENTS/fsops.sh" c-bb > c-bb.out
echo done
'''


# ---------------------------------------------------------------- commands

def split_opts(argv):
    return argv[1:] if argv[:1] == ["--"] else argv


def cmd_same(a, b):
    fa = flatten(load_jsonl(a), norm_jsonl)
    fb = flatten(load_jsonl(b), norm_jsonl)
    if fa == fb:
        return 0
    print(f"the two full logs of the workload differ: the workload is not "
          f"deterministic here, or neither is vfstrace's log:",
          file=sys.stderr)
    print("\n".join(diff_counters(fa, fb, a, b)), file=sys.stderr)
    return 1


_LOADED = {}


def load_full(path):
    if path not in _LOADED:
        _LOADED[path] = load_jsonl(path)
    return _LOADED[path]


def cmd_select(full, out, fmt, opts):
    sel = Selection(opts)
    events = load_full(full)
    kept = sel.select(events)
    nsc, nkept = len(syscalls(events)), len(syscalls(kept))
    what = f"vfstrace {' '.join(opts)} --format={fmt}"
    if nkept == 0:
        print(f"{what}: the model keeps no call of the workload: the test "
              "checks nothing", file=sys.stderr)
        return 2
    if sel.restricts() and not sel.all and nkept == nsc:
        print(f"{what}: the model keeps every call: the test checks "
              "nothing", file=sys.stderr)
        return 2
    if fmt == "jsonl":
        want = flatten(kept, norm_jsonl)
        got = flatten(load_jsonl(out), norm_jsonl)
    elif fmt == "text":
        want = flatten(kept, norm_text)
        got = flatten(load_text(out), norm_text)
    elif fmt == "fsatrace":
        return compare_fsatrace(kept, out, what)
    else:
        raise SystemExit(f"unknown format {fmt}")
    if want == got:
        print(f"{what}: {nkept} of {nsc} calls, as the model selects them")
        return 0
    print(f"{what}: the output differs from the model's selection of the "
          f"full log ({nkept} of {nsc} calls):", file=sys.stderr)
    print("\n".join(diff_counters(want, got, "the model's selection",
                                  "vfstrace's output")), file=sys.stderr)
    return 1


def cmd_select_batch(full, listfile):
    """Each line of LISTFILE: OUT FMT OPTION... separated by tabs."""
    rc = 0
    with open(listfile, encoding="utf-8", errors="surrogateescape") as f:
        cases = [ln.rstrip("\n").split("\t") for ln in f if ln.strip()]
    for case in cases:
        r = cmd_select(full, case[0], case[1], [a for a in case[2:] if a])
        rc = max(rc, r)
    if rc:
        print(f"{sum(1 for _ in cases)} cases checked; see above",
              file=sys.stderr)
    return rc


def grammar_errors(lines):
    return [ln for ln in lines if not FSA_GRAMMAR.fullmatch(ln)]


def show_grammar_errors(what, bad, total):
    kinds = collections.Counter(norm_str_line(ln) for ln in bad)
    print(f"{what}: {len(bad)} of {total} lines break fsatrace's grammar "
          "(^[rwdtq]\\|/.*$ or ^m\\|/.*\\|/.*$):", file=sys.stderr)
    for ln, n in kinds.most_common(8):
        ex = next(b for b in bad if norm_str_line(b) == ln)
        print(f"    {n} x {ex!r}", file=sys.stderr)


def compare_fsatrace(events, out, what):
    required, optional = collections.Counter(), collections.Counter()
    unmapped = set()
    for ev in events:
        ln, opt = fsatrace_line(ev)
        if ln is not None:
            (optional if opt else required)[norm_str_line(ln)] += 1
            if opt:
                unmapped.add(ev["syscall"])
    with open(out, encoding="utf-8", errors="surrogateescape") as f:
        raw = f.read().split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    got = collections.Counter(norm_str_line(ln) for ln in raw)
    rc = 0
    bad = grammar_errors(raw)
    if bad:
        rc = 1
        show_grammar_errors(what, bad, len(raw))
    missing = required - got
    extra = got - required - optional
    if missing or extra:
        rc = 1
        print(f"{what}: the lines differ from the model's:", file=sys.stderr)
        print("\n".join(diff_counters(required, got - optional,
                                      "the model's lines",
                                      "vfstrace's output")),
              file=sys.stderr)
    used = (got - required) & optional
    if rc == 0:
        print(f"{what}: {sum(got.values())} lines as the model's "
              f"({sum(used.values())} for calls the README does not map: "
              f"{', '.join(sorted(unmapped)) or '-'})")
    return rc


def norm_str_line(ln):
    parts = ln.split("|")
    return "|".join([parts[0]] + [norm_str(p) for p in parts[1:]])


def cmd_grammar(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        raw = f.read().split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    bad = grammar_errors(raw)
    if not raw:
        print(f"{path}: empty", file=sys.stderr)
        return 1
    if bad:
        show_grammar_errors(path, bad, len(raw))
        return 1
    return 0


def across_runs(summ):
    """A summary as compared between two runs: /proc/PID paths merged,
    each path's processes reduced to their number."""
    paths = {}
    for p, e in summ["paths"].items():
        q = norm_str(p)
        m = paths.setdefault(q, {"counts": dict.fromkeys(KINDS, 0),
                                 "pids": set()})
        for k in KINDS:
            m["counts"][k] += e["counts"][k]
        m["pids"] |= e["pids"]
    for m in paths.values():
        m["pids"] = set(range(len(m["pids"])))
    return {"paths": paths, "calls": summ["calls"], "errors": summ["errors"]}


def cmd_summary(log, summ, fmt, opts):
    """With --xrun first in OPTS, LOG is the full log of another run of
    the same workload: processes are compared by their number only."""
    xrun = opts[:1] == ["--xrun"]
    if xrun:
        opts = split_opts(opts[1:])
    sel = Selection(opts)
    events = sel.select(load_jsonl(log))
    model = summary(events)
    got = read_summary_json(summ) if fmt == "json" else \
        read_summary_text(summ)
    if xrun:
        model, got = across_runs(model), across_runs(got)
    diffs = compare_summaries(model, got)
    what = f"the {fmt} summary of vfstrace -c {' '.join(opts)}"
    if not diffs:
        print(f"{what}: {len(model['paths'])} paths and "
              f"{len(model['calls'])} syscalls as the model counts them "
              f"from {os.path.basename(log)}"
              + (" (another run)" if xrun else ""))
        return 0
    print(f"{what} differs from the counts of {log}"
          + (" (another run: processes compared by number)" if xrun
             else "") + ":", file=sys.stderr)
    print("\n".join("    " + d for d in diffs), file=sys.stderr)
    return 1


def cmd_check_selected(log, opts):
    sel = Selection(opts)
    bad = [e for e in load_jsonl(log) if not sel.keeps(e)]
    if not bad:
        return 0
    print(f"{log}: {len(bad)} events the selection {' '.join(opts)} does "
          "not keep, e.g.:", file=sys.stderr)
    for e in bad[:10]:
        print("    " + json.dumps(e, ensure_ascii=False), file=sys.stderr)
    return 1


def cmd_created(log, without_c=False):
    """README: "created: with -c, for a successful open with O_CREAT:
    whether it made the file (O_EXCL/O_TMPFILE opens always do)".
    WITHOUT_C: LOG was written without -c, so no event has the key."""
    bad = []
    for e in syscalls(load_jsonl(log)):
        if without_c:
            if "created" in e:
                bad.append(("created without -c", e))
            continue
        fl = flag_set(e)
        creating = e["syscall"] in OPENS and \
            ("O_CREAT" in fl or "O_TMPFILE" in fl)
        if creating and succeeded(e):
            if not isinstance(e.get("created"), bool):
                bad.append(("no boolean created", e))
            elif ("O_EXCL" in fl or "O_TMPFILE" in fl) and not e["created"]:
                bad.append(("O_EXCL/O_TMPFILE open with created false", e))
        elif "created" in e and e["syscall"] != "creat":
            bad.append(("created on a call that is not a successful "
                        "O_CREAT open", e))
    if not bad:
        return 0
    print(f"{log}: {len(bad)} events break the 'created' contract:",
          file=sys.stderr)
    for why, e in bad[:10]:
        print(f"    {why}: {json.dumps(e, ensure_ascii=False)}",
              file=sys.stderr)
    return 1


def cmd_show_summary(log, paths):
    s = summary(load_jsonl(log))
    for p in paths:
        e = s["paths"].get(p)
        print(p, e["counts"] if e else None, sorted(e["pids"]) if e else "")
    return 0


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[0], argv[1:]
    if cmd == "workload":
        sys.stdout.write(WORKLOAD)
        return 0
    if cmd == "same" and len(args) == 2:
        return cmd_same(*args)
    if cmd == "select-batch" and len(args) == 2:
        return cmd_select_batch(*args)
    if cmd == "select" and len(args) >= 3:
        return cmd_select(args[0], args[1], args[2], split_opts(args[3:]))
    if cmd == "grammar" and len(args) == 1:
        return cmd_grammar(args[0])
    if cmd == "summary" and len(args) >= 3:
        return cmd_summary(args[0], args[1], args[2], split_opts(args[3:]))
    if cmd == "check-selected" and len(args) >= 1:
        return cmd_check_selected(args[0], split_opts(args[1:]))
    if cmd == "created" and len(args) == 1:
        return cmd_created(args[0])
    if cmd == "created" and len(args) == 2 and args[1] == "--without-c":
        return cmd_created(args[0], True)
    if cmd == "show-summary" and args:
        return cmd_show_summary(args[0], args[1:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
