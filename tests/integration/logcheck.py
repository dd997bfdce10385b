#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks on vfstrace's JSONL trace and strace logs, for tests/integration.

    logcheck.py validate LOG
        Every line is one JSON object following the README's contract.
    logcheck.py has LOG [--min N] [--max N] COND...
        Between N (default 1) and M (default any) events match all CONDs:
          key=v      the value, printed as JSON scalars are (strings raw,
                     true/false/null), equals v; for syscall, event, errno,
                     abi and signal, v may list alternatives: "stat,lstat"
          key~=v     a list value contains v; a string value has v as one
                     of its |-separated parts (flags) or as a substring
          key^=v     the string value starts with v
          !key       the key is absent
    logcheck.py scenario LOG WORK [--threads N] [--fchdir]
        The events the fsops clients (tests/clients/fsops*) must produce
        when run in WORK; N: at least that many new threads.
    logcheck.py crosscheck VFS_LOG VFS_WORK STRACE_LOG STRACE_WORK STRACE_CWD
        Same multiset of (syscall, absolute path) under each WORK (the
        getdents calls of a path counted once: their number depends on
        signals) from
        vfstrace's JSONL log and from `strace -f -y -s 4096 -o STRACE_LOG
        -e trace=%file,%process,fchdir,getdents64` started in STRACE_CWD.

Exit status 0 when the check holds, 1 (with the reasons on stderr) when not.
Paths are compared as bytes: JSON's \\udcXX escapes and strace's \\xNN
escapes both turn back into the raw byte.
"""
import collections
import errno as errno_mod
import json
import re
import signal as signal_mod
import subprocess
import sys

EVENTS = {"syscall", "fork", "exec", "exit", "sandbox"}
ALTERNATIVE_KEYS = {"syscall", "event", "errno", "abi", "signal"}
# Calls whose first string is a link target, not a path to resolve.
SYMLINK_CALLS = {"symlink", "symlinkat"}


class CheckError(Exception):
    pass


def load(path):
    """The events of the JSONL log PATH, as a list of dicts."""
    events = []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for n, line in enumerate(f, 1):
            if not line.endswith("\n"):
                raise CheckError(f"{path}:{n}: last line not terminated")
            try:
                ev = json.loads(line)
            except json.JSONDecodeError as e:
                raise CheckError(f"{path}:{n}: not JSON ({e}): {line!r}")
            if not isinstance(ev, dict):
                raise CheckError(f"{path}:{n}: not an object: {line!r}")
            ev["_line"] = n
            events.append(ev)
    return events


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _errors_of(ev):
    """Contract violations of one event, as a list of strings."""
    errs = []

    def need(key, ok, what):
        if key not in ev:
            errs.append(f"no '{key}'")
        elif not ok(ev[key]):
            errs.append(f"'{key}' is {ev[key]!r}, want {what}")

    def maybe(key, ok, what):
        if key in ev and not ok(ev[key]):
            errs.append(f"'{key}' is {ev[key]!r}, want {what}")

    positive = (lambda v: _is_int(v) and v > 0, "a positive integer")
    string = (lambda v: isinstance(v, str), "a string")
    absolute = (lambda v: isinstance(v, str) and v.startswith("/"),
                "an absolute path")
    need("event", lambda v: v in EVENTS, f"one of {sorted(EVENTS)}")
    kind = ev.get("event")
    if kind == "sandbox":
        need("level", lambda v: v in ("strict", "best-effort"),
             '"strict" or "best-effort"')
        need("landlock_abi", lambda v: _is_int(v) and v >= 0,
             "an integer >= 0")
        for k in ("on", "off"):
            need(k, lambda v: isinstance(v, list) and
                 all(isinstance(x, str) for x in v), "a list of strings")
        return errs
    need("pid", *positive)
    need("tgid", *positive)
    if kind == "syscall":
        need("syscall", lambda v: isinstance(v, str) and v != "",
             "a syscall name")
        if ev.get("syscall") in SYMLINK_CALLS:
            maybe("path", *string)
        elif "fd" in ev:
            # The fd's path: /proc/PID/fd/N's target, which for files
            # with no name is "pipe:[123]", "anon_inode:[eventfd]", ...
            maybe("path", lambda v: isinstance(v, str) and
                  (v.startswith("/") or re.match(r"^[a-z_]+:", v)),
                  "an absolute path or a pseudo-file name")
        else:
            maybe("path", *absolute)
        maybe("path2", *absolute)
        maybe("fd", _is_int, "an integer")
        maybe("flags", lambda v: isinstance(v, str) and v != "",
              "a symbolic string")
        maybe("abi", lambda v: v == "i386", '"i386"')
        maybe("refused", lambda v: v is True, "true")
        need("result", lambda v: v is None or _is_int(v), "integer or null")
        need("errno", lambda v: v is None or isinstance(v, str),
             "string or null")
        res, err = ev.get("result"), ev.get("errno")
        if _is_int(res) and res < 0 and -res < 512:
            want = errno_mod.errorcode.get(-res)
            if want and err != want:
                errs.append(f"errno {err!r} does not match result {res}")
        elif (res is None or (_is_int(res) and res >= 0)) and err is not None:
            errs.append(f"errno {err!r} with result {res!r}")
    elif kind == "fork":
        need("ppid", *positive)
        need("thread", lambda v: isinstance(v, bool), "true or false")
    elif kind == "exec":
        need("path", *absolute)
        need("argv", lambda v: isinstance(v, list)
             and all(isinstance(a, str) for a in v), "a list of strings")
    elif kind == "exit":
        need("status", lambda v: _is_int(v) and 0 <= v <= 255,
             "an integer 0-255")
        sig = ev.get("signal")
        if sig is not None:
            num = getattr(signal_mod, sig, None) if isinstance(sig, str) \
                else None
            if not sig.startswith("SIG") or num is None:
                errs.append(f"'signal' is {sig!r}, want a signal name")
            elif ev.get("status") != 128 + int(num):
                errs.append(f"status {ev.get('status')} with {sig}")
    return errs


def validate(events):
    bad = []
    for ev in events:
        for e in _errors_of(ev):
            bad.append(f"line {ev['_line']}: {e}")
    if bad:
        raise CheckError("log breaks the JSONL contract:\n  " +
                         "\n  ".join(bad[:30]))
    if not events:
        raise CheckError("log is empty")


def _render(v):
    if isinstance(v, str):
        return v
    return json.dumps(v)


def parse_cond(text):
    """COND string -> predicate on an event."""
    if text.startswith("!"):
        key = text[1:]
        return text, lambda ev: key not in ev
    m = re.match(r"^([a-z0-9_]+)(=|~=|\^=)(.*)$", text, re.S)
    if not m:
        raise CheckError(f"bad condition {text!r}")
    key, op, want = m.groups()
    if op == "=":
        alts = want.split(",") if key in ALTERNATIVE_KEYS else [want]
        return text, lambda ev: key in ev and _render(ev[key]) in alts
    if op == "^=":
        return text, lambda ev: isinstance(ev.get(key), str) \
            and ev[key].startswith(want)

    def contains(ev):
        v = ev.get(key)
        if isinstance(v, list):
            return want in v
        if isinstance(v, str):
            return want in v.split("|") or want in v
        return False
    return text, contains


def matching(events, conds):
    preds = [parse_cond(c)[1] for c in conds]
    return [ev for ev in events if all(p(ev) for p in preds)]


def expect(events, conds, lo=1, hi=None):
    n = len(matching(events, conds))
    if n < lo or (hi is not None and n > hi):
        want = f"at least {lo}" if hi is None else \
            (f"exactly {lo}" if lo == hi else f"{lo} to {hi}")
        raise CheckError(f"{n} events match {' '.join(conds)}; want {want}")


def root_tgid(events):
    """The tgid of the traced command: that of the first event."""
    return events[0]["tgid"]


# ---------------------------------------------------------------- scenario

STAT_CALLS = "stat,lstat,newfstatat,statx,access,faccessat,faccessat2"
OPEN_CALLS = "open,openat,creat,openat2"
MKDIR_CALLS = "mkdir,mkdirat"
RENAME_CALLS = "rename,renameat,renameat2"
UNLINK_CALLS = "unlink,unlinkat"


def scenario(events, w, threads=0, fchdir=False):
    """Check the fsops scenario (see tests/clients/fsops.c) in WORK W."""
    failures = []

    def want(*conds, lo=1, hi=None):
        try:
            expect(events, ["event=syscall"] + list(conds), lo, hi)
        except CheckError as e:
            failures.append(str(e))

    want(f"syscall=chdir", f"path={w}", "result=0")
    want(f"syscall={MKDIR_CALLS}", f"path={w}/shared", "result=0")
    for i in range(4):
        t = f"{w}/t{i}"
        want(f"syscall={MKDIR_CALLS}", f"path={t}", "result=0")
        want(f"syscall={OPEN_CALLS}", f"path={t}/a", "flags~=O_CREAT")
        want(f"syscall={OPEN_CALLS}", f"path={t}/a", "flags~=O_APPEND")
        want(f"syscall={RENAME_CALLS}", f"path={t}/a", f"path2={t}/b",
             "result=0")
        want("syscall=symlink,symlinkat", "path=b", f"path2={t}/sym",
             "result=0")
        want("syscall=link,linkat", f"path={t}/b", f"path2={t}/hard",
             "result=0")
        want(f"syscall={OPEN_CALLS}", f"path={t}/tmp", "flags~=O_CREAT")
        want(f"syscall={UNLINK_CALLS}", f"path={t}/tmp", "result=0")
        want(f"syscall={STAT_CALLS}", f"path={t}/missing", "result=-2",
             "errno=ENOENT")
        want(f"syscall={OPEN_CALLS}", f"path={t}/c", "flags~=O_CREAT")
        want(f"syscall={RENAME_CALLS}", f"path={t}/c", f"path2={t}/d",
             "result=0")
        want(f"syscall={UNLINK_CALLS}", f"path={t}/d", "result=0")
        want(f"syscall={MKDIR_CALLS}", f"path={t}/e", "result=0")
        want(f"syscall={OPEN_CALLS}", f"path={w}/shared/f{i}",
             "flags~=O_CREAT")
        want("syscall=readlink,readlinkat", f"path={t}/sym")
        want(f"syscall={STAT_CALLS}", f"path={t}/hard", "result=0")
        want("syscall=getdents64", f"path={t}")
    want("syscall=getdents64", f"path={w}/shared")
    # The exec'd child.
    want(f"syscall={MKDIR_CALLS}", f"path={w}/sub", "result=0")
    want("syscall=chdir", f"path={w}/sub", "result=0")
    want(f"syscall={OPEN_CALLS}", f"path={w}/sub/file", "flags~=O_CREAT")
    want(f"syscall={STAT_CALLS}", f"path={w}/sub/file", "result=0")
    want("syscall=getdents64", f"path={w}/sub")
    if fchdir:
        want("syscall=fchdir", f"path={w}", "result=0")

    root = root_tgid(events)
    forks = [e for e in events if e.get("event") == "fork"]
    if threads and sum(1 for e in forks if e.get("thread") is True and
                       e.get("tgid") == root) < threads:
        failures.append(f"fewer than {threads} thread fork events in the "
                        f"command's process {root}")
    children = {e["pid"] for e in forks if e.get("thread") is False
                and e.get("ppid") == root}
    execs = matching(events, ["event=exec", "argv~=--child"])
    if not execs:
        failures.append("no exec event with --child in argv")
    elif not any(e["tgid"] in children for e in execs):
        failures.append(f"the --child exec (tgid {execs[0]['tgid']}) is "
                        f"not in a process forked by {root} "
                        f"(forks: {sorted(children)})")
    known = {root} | {e["pid"] for e in forks}
    unknown = sorted({e["pid"] for e in events} - known)
    if unknown:
        failures.append(f"events from tids no fork event announced: "
                        f"{unknown}")
    if not any(e["tgid"] in children
               for e in matching(events, ["event=exit", "status=7"])):
        failures.append("no exit event with status 7 from a child")
    exits = matching(events, ["event=exit", f"pid={root}"])
    if not exits or exits[-1].get("status") != 0:
        failures.append(f"the last exit event of {root} is "
                        f"{exits[-1] if exits else None}, want status 0")
    if failures:
        raise CheckError("scenario events missing or wrong:\n  " +
                         "\n  ".join(failures))


# -------------------------------------------------------------- crosscheck

# strace's %file calls (x86_64): NAME -> [(dirfd index or None, path
# index)] for each path argument.  symlink's target is not a path.
STRACE_PATHS = {
    "open": [(None, 0)], "creat": [(None, 0)], "openat": [(0, 1)],
    "openat2": [(0, 1)], "stat": [(None, 0)], "lstat": [(None, 0)],
    "newfstatat": [(0, 1)], "statx": [(0, 1)], "access": [(None, 0)],
    "faccessat": [(0, 1)], "faccessat2": [(0, 1)], "readlink": [(None, 0)],
    "readlinkat": [(0, 1)], "mkdir": [(None, 0)], "mkdirat": [(0, 1)],
    "mknod": [(None, 0)], "mknodat": [(0, 1)], "rmdir": [(None, 0)],
    "unlink": [(None, 0)], "unlinkat": [(0, 1)],
    "rename": [(None, 0), (None, 1)], "renameat": [(0, 1), (2, 3)],
    "renameat2": [(0, 1), (2, 3)], "link": [(None, 0), (None, 1)],
    "linkat": [(0, 1), (2, 3)], "symlink": [(None, 1)],
    "symlinkat": [(1, 2)], "chmod": [(None, 0)], "fchmodat": [(0, 1)],
    "chown": [(None, 0)], "lchown": [(None, 0)], "fchownat": [(0, 1)],
    "utime": [(None, 0)], "utimes": [(None, 0)], "futimesat": [(0, 1)],
    "utimensat": [(0, 1)], "truncate": [(None, 0)], "chdir": [(None, 0)],
    "execve": [(None, 0)], "execveat": [(0, 1)], "statfs": [(None, 0)],
    "getxattr": [(None, 0)], "lgetxattr": [(None, 0)],
    "setxattr": [(None, 0)], "lsetxattr": [(None, 0)],
    "listxattr": [(None, 0)], "llistxattr": [(None, 0)],
    "removexattr": [(None, 0)], "lremovexattr": [(None, 0)],
    "chroot": [(None, 0)], "inotify_add_watch": [(None, 1)],
    "name_to_handle_at": [(0, 1)], "fanotify_mark": [(3, 4)],
    "umount2": [(None, 0)], "swapon": [(None, 0)], "swapoff": [(None, 0)],
    "acct": [(None, 0)], "pivot_root": [(None, 0), (None, 1)],
    "quotactl": [(None, 1)],
}
# fd-based calls vfstrace logs with the fd's path, as strace -y shows it:
# NAME -> index of the fd argument.
STRACE_FDS = {"fchdir": 0, "getdents64": 0}
# In strace's %file class but with no path argument to compare.
NOT_COMPARED = {
    "getcwd": "its string is the result, not a path argument",
    "mount": "its source need not be a path",
}

_ESCAPES = {"n": 10, "t": 9, "r": 13, "v": 11, "f": 12, "a": 7, "b": 8,
            "\\": 92, '"': 34, "'": 39}


def _unescape(s):
    """strace's C escapes -> str with \\udcXX for bytes that are not UTF-8."""
    out = bytearray()
    i = 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out += c.encode("utf-8", "surrogateescape")
            i += 1
            continue
        n = s[i + 1]
        if n == "x":
            out.append(int(s[i + 2:i + 4], 16))
            i += 4
        elif n in "01234567":
            m = re.match(r"[0-7]{1,3}", s[i + 1:])
            out.append(int(m.group(0), 8))
            i += 1 + len(m.group(0))
        else:
            out.append(_ESCAPES.get(n, ord(n)))
            i += 2
    return out.decode("utf-8", "surrogateescape")


def _split_args(s):
    """'a, "b,c", {d, e}) = 3' -> (['a', '"b,c"', '{d, e}'], ' = 3')."""
    args, cur, depth, i = [], [], 0, 0
    closers = {"(": ")", "[": "]", "{": "}"}
    while i < len(s):
        c = s[i]
        if c == '"':
            j = i + 1
            while s[j] != '"':
                j += 2 if s[j] == "\\" else 1
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c == "<" and cur and (cur[-1][-1:].isdigit() or
                                 "".join(cur).endswith("AT_FDCWD")):
            # fd decoration of -y: 3</path>, AT_FDCWD</path>
            j = i + 1
            while s[j] != ">":
                j += 2 if s[j] == "\\" else 1
            cur.append(s[i:j + 1])
            i = j + 1
            continue
        if c in closers:
            depth += 1
        elif c in ")]}":
            if depth == 0:
                arg = "".join(cur).strip()
                if arg:
                    args.append(arg)
                return args, s[i + 1:]
            depth -= 1
        elif c == "," and depth == 0:
            args.append("".join(cur).strip())
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    arg = "".join(cur).strip()
    if arg:
        args.append(arg)
    return args, ""


def _string_arg(a):
    """Value of a "quoted" argument, None for NULL or anything else."""
    m = re.match(r'^"(.*)"(\.\.\.)?$', a, re.S)
    return _unescape(m.group(1)) if m else None


def _fd_path(a):
    """'3</x>' -> '/x'; 'AT_FDCWD</x>' -> '/x'; 'AT_FDCWD' -> ''; else None."""
    m = re.match(r"^(AT_FDCWD|-?\d+)(?:<(.*)>)?$", a, re.S)
    if not m:
        return None
    if m.group(2) is not None:
        return _unescape(m.group(2))
    return "" if m.group(1) == "AT_FDCWD" else None


def _join(base, p):
    if p.startswith("/"):
        return p
    if p == "":
        return base
    return base + p if base.endswith("/") else base + "/" + p


class StraceLog:
    """Replays a `strace -f -y` log, tracking each thread's cwd."""

    LINE = re.compile(r"^(\d+)\s+(.*)$")

    def __init__(self, path, cwd):
        self.fs = {}          # tid -> [cwd], shared after CLONE_FS
        self.waiting = collections.defaultdict(list)
        self.pending = {}     # tid -> text before <unfinished ...>
        self.calls = []       # (tid, name, args, result)
        self.root_cwd = cwd
        self.warnings = []
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            for line in f:
                self._line(line.rstrip("\n"))
        for tid, lines in self.waiting.items():
            self.warnings.append(f"tid {tid}: parent never seen, "
                                 f"{len(lines)} calls unresolved")

    def _line(self, line):
        m = self.LINE.match(line)
        if not m:
            return
        tid, text = int(m.group(1)), m.group(2)
        if text.startswith(("---", "+++")):
            return
        if text.endswith(" <unfinished ...>"):
            self.pending[tid] = text[:-len(" <unfinished ...>")]
            return
        r = re.match(r"^<\.\.\. (\w+) resumed>(.*)$", text, re.S)
        if r:
            text = self.pending.pop(tid, r.group(1) + "(") + r.group(2)
        if not self.fs:
            self.fs[tid] = [self.root_cwd]
        if tid not in self.fs:
            self.waiting[tid].append(text)
            return
        self._call(tid, text)

    def _call(self, tid, text):
        m = re.match(r"^(\w+)\((.*)$", text, re.S)
        if not m:
            return
        name = m.group(1)
        args, rest = _split_args(m.group(2))
        r = re.match(r"^\s*=\s*(-?\d+|\?)", rest)
        result = int(r.group(1)) if r and r.group(1) != "?" else None
        cwd = self.fs[tid]
        paths = []
        if name in STRACE_FDS and len(args) > STRACE_FDS[name]:
            fdp = _fd_path(args[STRACE_FDS[name]])
            if fdp:
                paths.append(fdp)
        for dirfd_i, path_i in STRACE_PATHS.get(name, []):
            if path_i >= len(args):
                continue
            p = _string_arg(args[path_i])
            base = cwd[0]
            if dirfd_i is not None and dirfd_i < len(args):
                fdp = _fd_path(args[dirfd_i])
                if fdp is None:
                    if p is None or not p.startswith("/"):
                        self.warnings.append(f"unresolvable: {text}")
                        continue
                elif fdp != "":
                    base = fdp
            if p is None:
                if args[path_i] != "NULL":
                    continue
                p = ""          # utimensat(fd, NULL, ...): the fd
            paths.append(_join(base, p))
        self.calls.append((tid, name, paths, result))
        if result is None or result < 0:
            return
        if name == "chdir" and paths:
            cwd[0] = paths[0]
        elif name == "fchdir" and args and _fd_path(args[0]):
            cwd[0] = _fd_path(args[0])
        elif name in ("clone", "clone3", "fork", "vfork") and result > 0:
            shared = name.startswith("clone") and \
                "CLONE_FS" in " ".join(args)
            self.fs[result] = cwd if shared else [cwd[0]]
            for t in self.waiting.pop(result, []):
                self._call(result, t)


def vfs_pairs(events, prefix):
    """Counter of (syscall, path) under PREFIX; set of uncompared names."""
    pairs, skipped = collections.Counter(), set()
    for ev in events:
        if ev.get("event") != "syscall" or "abi" in ev:
            continue
        name = ev["syscall"]
        if name not in STRACE_PATHS and name not in STRACE_FDS:
            skipped.add(name)
            continue
        keys = ("path2",) if name in SYMLINK_CALLS else ("path", "path2")
        for k in keys:
            p = ev.get(k)
            if isinstance(p, str) and (p == prefix or
                                       p.startswith(prefix + "/")):
                pairs[(name, "W" + p[len(prefix):])] += 1
    return pairs, skipped


def strace_pairs(log, prefix):
    pairs = collections.Counter()
    for _tid, name, paths, _res in log.calls:
        for p in paths:
            if p == prefix or p.startswith(prefix + "/"):
                pairs[(name, "W" + p[len(prefix):])] += 1
    return pairs


def strace_knows(name):
    """Whether this strace accepts NAME in -e trace=."""
    r = subprocess.run(["strace", "-qq", "-e", f"trace={name}", "-o",
                        "/dev/null", "true"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return r.returncode == 0


# Calls whose number per path is the kernel's, not the program's: a
# listing stops filling the buffer at a pending signal (fs/readdir.c), so
# a Go program preempted by SIGURG reads a directory in 2 or 3 calls,
# natively as well.  Compared as present or absent.
TIMING_COUNTED = ("getdents64", "getdents")


def presence(pairs):
    for key in pairs:
        if key[0] in TIMING_COUNTED:
            pairs[key] = 1
    return pairs


def crosscheck(vfs_log, vfs_work, strace_log, strace_work, strace_cwd):
    events = load(vfs_log)
    vfs, skipped = vfs_pairs(events, vfs_work)
    slog = StraceLog(strace_log, strace_cwd)
    strace = strace_pairs(slog, strace_work)
    vfs, strace = presence(vfs), presence(strace)
    for name in sorted(skipped):
        if name in NOT_COMPARED:
            why = NOT_COMPARED[name]
        elif strace_knows(name):
            why = "fd-based or not in strace's %file class"
        else:
            why = "Debian's strace cannot decode it"
        print(f"left out of the comparison: {name} ({why})")
    for w in slog.warnings:
        print(f"strace log: {w}", file=sys.stderr)
    print(f"compared: {sum(vfs.values())} (syscall, path) pairs from "
          f"vfstrace, {sum(strace.values())} from strace")
    if vfs == strace and not slog.warnings:
        return
    lines = []
    for key in sorted(set(vfs) | set(strace)):
        a, b = vfs[key], strace[key]
        if a != b:
            lines.append(f"{key[0]} {key[1]!r}: vfstrace {a}, strace {b}")
    raise CheckError("(syscall, path) multisets differ (W = work dir):\n  "
                     + "\n  ".join(lines or ["(strace log warnings)"]))


# --------------------------------------------------------------------- CLI

def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    try:
        if cmd == "validate" and len(args) == 1:
            validate(load(args[0]))
        elif cmd == "has" and args:
            log, lo, hi, conds = args[0], 1, None, []
            it = iter(args[1:])
            for a in it:
                if a == "--min":
                    lo = int(next(it))
                elif a == "--max":
                    hi = int(next(it))
                    lo = min(lo, hi)
                else:
                    conds.append(a)
            expect(load(log), conds, lo, hi)
        elif cmd == "scenario" and len(args) >= 2:
            threads = 0
            if "--threads" in args:
                threads = int(args[args.index("--threads") + 1])
            scenario(load(args[0]), args[1], threads, "--fchdir" in args)
        elif cmd == "crosscheck" and len(args) == 5:
            crosscheck(*args)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    except CheckError as e:
        print(f"logcheck {cmd}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
