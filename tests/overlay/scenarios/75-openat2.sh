# openat2(2) with RESOLVE_* flags over the lower fixture: symlinks inside
# and outside the dirfd, an absolute symlink, "..", a magic link; the
# checks of struct open_how; writes through openat2 fds copy up, files
# made with flags land in the upper.  (RESOLVE_NO_XDEV is tried only
# where the kernel's overlay mount and the view agree: inside the
# fixture and into /proc; RESOLVE_CACHED only where it must fail.)
. "$OVT/lib.sh"
python3 - <<'PY'
import ctypes, errno, os, struct
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
NX, NM, NS, BN, IR, CA = 1, 2, 4, 8, 16, 32
NAMES = {0: "none", NX: "NO_XDEV", NM: "NO_MAGICLINKS", NS: "NO_SYMLINKS",
         BN: "BENEATH", IR: "IN_ROOT", BN | NS: "BENEATH|NO_SYMLINKS"}

def o2(dfd, path, flags=os.O_RDONLY, mode=0, resolve=0, size=24, tail=b""):
    how = ctypes.create_string_buffer(
        struct.pack("QQQ", flags, mode, resolve) + tail, max(size, 24))
    p = None if path is None else path.encode()
    r = libc.syscall(437, dfd, p, how, ctypes.c_size_t(size))
    if r < 0:
        return errno.errorcode[ctypes.get_errno()], None
    return "ok", int(r)

def show(label, res):
    what, fd = res
    if fd is not None:
        st = os.fstat(fd)
        if os.path.stat.S_ISDIR(st.st_mode):
            what += " dir"
        elif os.path.stat.S_ISREG(st.st_mode) and 0 < st.st_size < 64:
            what += " %r" % os.pread(fd, 64, 0)
        os.close(fd)
    print(label + ":", what)

d = os.open("dir", os.O_PATH | os.O_DIRECTORY)
fd = os.open("a.txt", os.O_RDONLY)
magic = "/proc/self/fd/%d" % fd
for res in (0, NX, NM, NS, BN, IR, BN | NS):
    n = NAMES[res]
    for p in ("one", "sub/file", "deep-link/file", "up-link", "..",
              "../a.txt", "sub/../two", "/", "/one", magic):
        if res & NX and p in ("..", "../a.txt", "/", "/one", "up-link"):
            continue
        show("dir %s %s" % (n, p), o2(d, p, resolve=res))
    for p in ("a.txt", "link-rel", "link-dir/one", "link-abs",
              "link-dotdot", "dir/deep-link", magic):
        if res & NX and p == "link-abs":
            continue
        show(". %s %s" % (n, p), o2(-100, p, resolve=res))
show("size 16", o2(d, "one", size=16))
show("size 32 tail set", o2(d, "one", size=32, tail=b"\0" * 7 + b"\1"))
show("size 32 zero tail", o2(d, "one", size=32, tail=b"\0" * 8))
show("resolve 0x40", o2(d, "one", resolve=0x40))
show("BENEATH|IN_ROOT", o2(d, "one", resolve=BN | IR))
show("mode without O_CREAT", o2(d, "one", mode=0o644))
show("CACHED O_CREAT", o2(d, "new0", os.O_CREAT | os.O_WRONLY, 0o644, CA))
show("CACHED O_TRUNC", o2(d, "one", os.O_TRUNC | os.O_WRONLY, 0, CA))
# writes through openat2 fds: a copy-up each
for label, dfd, p, res in (("BENEATH one", d, "one", BN),
                           ("IN_ROOT /sub/file", d, "/sub/file", IR),
                           ("NO_MAGICLINKS up-link", d, "up-link", NM),
                           ("none magic", -100, magic, 0)):
    r = o2(dfd, p, os.O_WRONLY | os.O_APPEND, 0, res)
    if r[1] is not None:
        os.write(r[1], b"+\n")
        os.close(r[1])
    print("append", label + ":", r[0])
show("BENEATH O_CREAT new", o2(d, "new", os.O_CREAT | os.O_WRONLY, 0o640, BN))
show("BENEATH O_CREAT ../new", o2(d, "../new", os.O_CREAT | os.O_WRONLY,
                                  0o640, BN))
show("IN_ROOT O_CREAT /sub/new", o2(d, "/sub/new", os.O_CREAT | os.O_WRONLY,
                                    0o600, IR))
show("NO_SYMLINKS O_CREAT deep-link/new", o2(d, "deep-link/new",
                                             os.O_CREAT | os.O_WRONLY,
                                             0o600, NS))
os.close(fd)
os.close(d)
PY
st a.txt dir/one dir/sub/file dir/new dir/sub/new
cat a.txt dir/one dir/sub/file
