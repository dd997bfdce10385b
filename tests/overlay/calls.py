# SPDX-License-Identifier: MIT
"""Make system calls listed on stdin, print each with its result.

    python3 "$OVT/calls.py" <<'EOF'
    mkdir d 0755
    rmdir dir            # a comment
    open f a.txt O_RDONLY
    read f
    EOF

prints one line per call: the call as written, " => ", then "ok", a value,
or the errno name of the failure (ENOENT, EXDEV, ...).  Values never hold
inode or device numbers, ctimes or atimes.

A PATH argument "@NAME:rel" is REL relative to the directory fd NAME (the
*at() calls' dirfd); "@NAME:" with AT_EMPTY_PATH where the call has it.
fds are named when opened ("open NAME PATH FLAGS [MODE]") and referred to
by that name.  FLAGS: O_* names joined by "|".  MODE: octal.  DATA: a
Python string literal body (\\n, \\x00 escapes).
"""
import ctypes
import errno
import mmap
import os
import shlex
import stat
import sys

fds = {}
maps = {}
start = os.getcwd()
libc = ctypes.CDLL(None, use_errno=True)


def path(arg):
    """(dir_fd, path) for a PATH argument."""
    if arg.startswith("@") and ":" in arg:
        name, rel = arg[1:].split(":", 1)
        return fds[name], rel
    return None, arg


def flags(arg):
    v = 0
    for tok in arg.split("|"):
        if tok in ("", "0"):
            continue
        v |= getattr(os, tok)
    return v


def data(arg):
    return arg.encode("latin-1").decode("unicode_escape").encode("latin-1")


def describe(st):
    kind = stat.S_IFMT(st.st_mode)
    names = {stat.S_IFREG: "reg", stat.S_IFDIR: "dir", stat.S_IFLNK: "lnk",
             stat.S_IFIFO: "fifo", stat.S_IFSOCK: "sock",
             stat.S_IFCHR: "chr", stat.S_IFBLK: "blk"}
    out = "%s mode=%o own=%d:%d" % (names.get(kind, "?"),
                                    stat.S_IMODE(st.st_mode),
                                    st.st_uid, st.st_gid)
    if kind != stat.S_IFDIR:
        out += " size=%d nlink=%d" % (st.st_size, st.st_nlink)
    return out


def sorted_names(names):
    return " ".join(sorted(names)) or "(empty)"


DT = {0: "?", 1: "fifo", 2: "chr", 4: "dir", 6: "blk", 8: "reg", 10: "lnk",
      12: "sock", 14: "wht"}


def getdents(fd, size):
    """Names and d_types from the legacy getdents (struct linux_dirent:
    d_type in the record's last byte), SIZE bytes per call (x86_64)."""
    buf = ctypes.create_string_buffer(size)
    out = []
    while True:
        n = libc.syscall(78, fd, buf, size)
        if n < 0:
            e = ctypes.get_errno()
            raise OSError(e, os.strerror(e))
        if n == 0:
            return " ".join(sorted(out)) or "(empty)"
        raw, at = buf.raw[:n], 0
        while at < n:
            reclen = int.from_bytes(raw[at + 16:at + 18], "little")
            name = raw[at + 18:at + reclen - 1].split(b"\0")[0]
            out.append("%s:%s" % (name.decode(), DT.get(raw[at + reclen - 1],
                                                        "bad")))
            at += reclen


def call(op, a):
    if op == "open":  # open NAME PATH FLAGS [MODE]
        d, p = path(a[1])
        mode = int(a[3], 8) if len(a) > 3 else 0o666
        fds[a[0]] = os.open(p, flags(a[2]), mode, dir_fd=d)
        return "ok"
    if op == "close":
        os.close(fds.pop(a[0]))
        return "ok"
    if op == "read":  # read NAME [N]
        return repr(os.read(fds[a[0]], int(a[1]) if len(a) > 1 else 65536))
    if op == "pread":  # pread NAME N OFFSET
        return repr(os.pread(fds[a[0]], int(a[1]), int(a[2])))
    if op == "write":  # write NAME DATA
        return str(os.write(fds[a[0]], data(a[1])))
    if op == "pwrite":  # pwrite NAME DATA OFFSET
        return str(os.pwrite(fds[a[0]], data(a[1]), int(a[2])))
    if op == "lseek":  # lseek NAME OFFSET SEEK_SET|SEEK_CUR|SEEK_END
        return str(os.lseek(fds[a[0]], int(a[1]), getattr(os, a[2])))
    if op == "fstat":
        return describe(os.fstat(fds[a[0]]))
    if op == "fsize":
        return str(os.fstat(fds[a[0]]).st_size)
    if op == "ftruncate":
        os.ftruncate(fds[a[0]], int(a[1]))
        return "ok"
    if op == "fchmod":
        os.fchmod(fds[a[0]], int(a[1], 8))
        return "ok"
    if op == "fchown":
        os.fchown(fds[a[0]], int(a[1]), int(a[2]))
        return "ok"
    if op == "futimens":  # futimens NAME ATIME MTIME (seconds)
        os.utime(fds[a[0]], (int(a[1]), int(a[2])))
        return "ok"
    if op == "fsync":
        os.fsync(fds[a[0]])
        return "ok"
    if op == "fchdir":
        os.fchdir(fds[a[0]])
        return "ok"
    if op == "fsetxattr":
        os.setxattr(fds[a[0]], a[1], data(a[2]))
        return "ok"
    if op == "fgetxattr":
        return repr(os.getxattr(fds[a[0]], a[1]))
    if op == "flistxattr":
        return sorted_names(x for x in os.listxattr(fds[a[0]])
                            if x.startswith("user."))
    if op == "fremovexattr":
        os.removexattr(fds[a[0]], a[1])
        return "ok"
    if op == "getdents":  # getdents NAME SIZE: legacy getdents (x86_64)
        return getdents(fds[a[0]], int(a[1]))
    if op == "listfd":  # the merged listing through an open dir fd
        return sorted_names(os.listdir(fds[a[0]]))
    if op == "mmap":  # mmap MAPNAME FD LENGTH shared|private [ro]
        prot = mmap.PROT_READ | (0 if a[4:] == ["ro"] else mmap.PROT_WRITE)
        fl = mmap.MAP_SHARED if a[3] == "shared" else mmap.MAP_PRIVATE
        maps[a[0]] = mmap.mmap(fds[a[1]], int(a[2]), flags=fl, prot=prot)
        return "ok"
    if op == "mwrite":  # mwrite MAPNAME OFFSET DATA
        m = maps[a[0]]
        b = data(a[2])
        m[int(a[1]):int(a[1]) + len(b)] = b
        return "ok"
    if op == "mread":  # mread MAPNAME OFFSET N
        m = maps[a[0]]
        return repr(m[int(a[1]):int(a[1]) + int(a[2])])
    if op == "msync":
        maps[a[0]].flush()
        return "ok"
    if op == "munmap":
        maps.pop(a[0]).close()
        return "ok"
    if op in ("stat", "lstat"):
        d, p = path(a[0])
        kw = {"follow_symlinks": op == "stat", "dir_fd": d}
        return describe(os.stat(p, **kw))
    if op == "mtime":  # mtime PATH: the mtime in seconds
        d, p = path(a[0])
        return str(int(os.stat(p, dir_fd=d, follow_symlinks=False).st_mtime))
    if op == "access":  # access PATH F_OK|R_OK|W_OK|X_OK (libc, errno)
        d, p = path(a[0])
        r = libc.faccessat(-100 if d is None else d, p.encode(),
                           flags(a[1]), 0)
        return "ok" if r == 0 else errno.errorcode[ctypes.get_errno()]
    if op == "mkdir":
        d, p = path(a[0])
        os.mkdir(p, int(a[1], 8) if len(a) > 1 else 0o777, dir_fd=d)
        return "ok"
    if op == "rmdir":
        d, p = path(a[0])
        os.rmdir(p, dir_fd=d)
        return "ok"
    if op == "unlink":
        d, p = path(a[0])
        os.unlink(p, dir_fd=d)
        return "ok"
    if op == "rename":
        d1, p1 = path(a[0])
        d2, p2 = path(a[1])
        os.rename(p1, p2, src_dir_fd=d1, dst_dir_fd=d2)
        return "ok"
    if op == "renameat2":  # renameat2 OLD NEW NOREPLACE|EXCHANGE|0
        d1, p1 = path(a[0])
        d2, p2 = path(a[1])
        fl = {"0": 0, "NOREPLACE": 1, "EXCHANGE": 2}[a[2]]
        r = libc.renameat2(-100 if d1 is None else d1, p1.encode(),
                           -100 if d2 is None else d2, p2.encode(), fl)
        return "ok" if r == 0 else errno.errorcode[ctypes.get_errno()]
    if op == "link":  # link OLD NEW [follow]
        d1, p1 = path(a[0])
        d2, p2 = path(a[1])
        os.link(p1, p2, src_dir_fd=d1, dst_dir_fd=d2,
                follow_symlinks=a[2:] == ["follow"])
        return "ok"
    if op == "symlink":  # symlink TARGET PATH
        d, p = path(a[1])
        os.symlink(a[0], p, dir_fd=d)
        return "ok"
    if op == "readlink":
        d, p = path(a[0])
        return os.readlink(p, dir_fd=d)
    if op == "chmod":  # chmod PATH MODE
        d, p = path(a[0])
        os.chmod(p, int(a[1], 8), dir_fd=d)
        return "ok"
    if op in ("chown", "lchown"):
        d, p = path(a[0])
        os.chown(p, int(a[1]), int(a[2]), dir_fd=d,
                 follow_symlinks=op == "chown")
        return "ok"
    if op == "truncate":
        os.truncate(a[0], int(a[1]))
        return "ok"
    if op in ("utime", "lutime"):  # utime PATH ATIME MTIME
        d, p = path(a[0])
        os.utime(p, (int(a[1]), int(a[2])), dir_fd=d,
                 follow_symlinks=op == "utime")
        return "ok"
    if op == "mkfifo":
        d, p = path(a[0])
        os.mkfifo(p, int(a[1], 8) if len(a) > 1 else 0o666, dir_fd=d)
        return "ok"
    if op == "mknod":  # mknod PATH MODE (S_IFREG/S_IFIFO in MODE, octal)
        d, p = path(a[0])
        os.mknod(p, int(a[1], 8), dir_fd=d)
        return "ok"
    if op == "chdir":
        os.chdir(a[0])
        return "ok"
    if op == "cwd":  # the cwd relative to the starting one
        return os.path.relpath(os.getcwd(), start)
    if op == "listdir":
        d, p = path(a[0])
        if d is not None:
            fd = os.open(p or ".", os.O_RDONLY | os.O_DIRECTORY, dir_fd=d)
            try:
                return sorted_names(os.listdir(fd))
            finally:
                os.close(fd)
        return sorted_names(os.listdir(p))
    if op == "cat":
        d, p = path(a[0])
        fd = os.open(p, os.O_RDONLY, dir_fd=d)
        try:
            out = b""
            while True:
                b = os.read(fd, 65536)
                if not b:
                    break
                out += b
            return repr(out)
        finally:
            os.close(fd)
    if op == "setxattr":  # setxattr PATH NAME VALUE [create|replace]
        d, p = path(a[0])
        fl = {"": 0, "create": os.XATTR_CREATE,
              "replace": os.XATTR_REPLACE}[a[3] if len(a) > 3 else ""]
        os.setxattr(p, a[1], data(a[2]), fl, follow_symlinks=False)
        return "ok"
    if op == "getxattr":
        return repr(os.getxattr(a[0], a[1], follow_symlinks=False))
    if op == "listxattr":
        return sorted_names(x for x in os.listxattr(a[0],
                                                    follow_symlinks=False)
                            if x.startswith("user."))
    if op == "removexattr":
        os.removexattr(a[0], a[1], follow_symlinks=False)
        return "ok"
    raise SystemExit("calls.py: unknown call " + op)


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        # shlex without backslash escapes: DATA keeps "\n" for data().
        lex = shlex.shlex(line, posix=True)
        lex.whitespace_split = True
        lex.escape = ""
        words = list(lex)
        try:
            res = call(words[0], words[1:])
        except OSError as e:
            res = errno.errorcode.get(e.errno, str(e.errno))
        except KeyError as e:  # an fd or map whose open failed
            res = "no %s" % e
        shown = " ".join(w if len(w) <= 64 else
                         "%s...(%d bytes)" % (w[:24], len(w)) for w in words)
        print("%s => %s" % (shown, res), flush=True)


main()
