#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the JSONL log of a made-up large build, for the report's
browser test: make, DIRS sub-makes, PER compilers each (1 + DIRS * (1 +
PER) processes), every compiler reading shared headers and its source,
writing its object and probing a missing header.

    make_big_log.py LOG EXPECT.json [DIRS [PER]]     (default 100 100)

EXPECT.json: {"procs": N, "find": a path only one process touched,
"found": that process's pid}, what tests/report/check_html.js wants.
"""
import json
import sys


def main():
    log, expect = sys.argv[1:3]
    dirs = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    per = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    out = []

    def ev(kind, pid, **kw):
        out.append(json.dumps(dict(event=kind, pid=pid, tgid=pid, **kw),
                              separators=(",", ":")))

    def call(pid, name, path, flags=None, result=0, errno=None):
        kw = {"syscall": name, "path": path}
        if flags:
            kw["flags"] = flags
        kw.update(result=result, errno=errno)
        ev("syscall", pid, **kw)

    headers = [f"/usr/include/h{i}.h" for i in range(15)]
    ev("exec", 1000, path="/usr/bin/make", argv=["make", "-j2"])
    call(1000, "openat", "/src/Makefile", "O_RDONLY")
    pid = 1000
    found = None
    for d in range(dirs):
        pid += 1
        sub = pid
        ev("fork", sub, ppid=1000, parent_tid=1000, thread=False)
        ev("exec", sub, path="/usr/bin/make",
           argv=["make", "-C", f"dir{d}"])
        call(sub, "openat", f"/src/dir{d}/Makefile", "O_RDONLY")
        for f in range(per):
            pid += 1
            src = f"/src/dir{d}/file{f}.c"
            ev("fork", pid, ppid=sub, parent_tid=sub, thread=False)
            ev("exec", pid, path="/usr/bin/gcc-12",
               argv=["cc", "-O2", "-c", f"file{f}.c", "-o", f"file{f}.o"])
            call(pid, "execve", "/usr/bin/cc")
            for h in headers:
                call(pid, "openat", h, "O_RDONLY")
            call(pid, "openat", f"/usr/local/include/config{f % 7}.h",
                 "O_RDONLY", -2, "ENOENT")
            call(pid, "openat", src, "O_RDONLY")
            call(pid, "openat", f"/src/dir{d}/file{f}.o",
                 "O_WRONLY|O_CREAT|O_TRUNC", 3)
            ev("exit", pid, status=0)
            if d == dirs // 2 and f == per // 3:
                found = (src, pid)
        ev("exit", sub, status=0)
    ev("exit", 1000, status=0)
    with open(log, "w") as f:
        f.write("\n".join(out) + "\n")
    with open(expect, "w") as f:
        json.dump({"procs": pid - 1000 + 1, "find": found[0],
                   "found": found[1]}, f)


if __name__ == "__main__":
    main()
