# O_TMPFILE in a lower and a new directory, linked in with
# linkat(fd, "", AT_EMPTY_PATH) and with linkat of /proc/self/fd/N
# (overlayfs has O_TMPFILE from Linux 6.6: on older kernels both worlds
# print the same line and stop).
. "$OVT/lib.sh"
case $(uname -r) in
[0-5].*|6.[0-5].*) echo "kernel $(uname -r): no O_TMPFILE in overlayfs"; exit 0 ;;
esac
mkdir newdir
python3 - <<'PY'
import ctypes, errno, os
libc = ctypes.CDLL(None, use_errno=True)
AT_EMPTY_PATH, AT_SYMLINK_FOLLOW = 0x1000, 0x400

def res(f, *a):
    try:
        r = f(*a)
        return "ok" if r is None or r == 0 else r
    except OSError as e:
        return errno.errorcode[e.errno]

def linkat_empty(fd, new):
    if libc.linkat(fd, b"", -100, new.encode(), AT_EMPTY_PATH):
        raise OSError(ctypes.get_errno(), "linkat")

for d in ("dir", "newdir"):
    fd = os.open(d, os.O_TMPFILE | os.O_RDWR, 0o640)
    os.write(fd, b"tmpfile in " + d.encode() + b"\n")
    st = os.fstat(fd)
    print(d, oct(st.st_mode), st.st_nlink, st.st_size)
    print("AT_EMPTY_PATH:", res(linkat_empty, fd, d + "/linked"))
    print("nlink", os.fstat(fd).st_nlink)
    print("proc link:", res(lambda: os.link("/proc/self/fd/%d" % fd,
                                            d + "/linked2",
                                            follow_symlinks=True)))
    os.close(fd)
fd = os.open("dir", os.O_TMPFILE | os.O_WRONLY | os.O_EXCL, 0o600)
print("O_EXCL:", res(linkat_empty, fd, "dir/never"))
os.close(fd)
print("on a file:", res(os.open, "a.txt", os.O_TMPFILE | os.O_RDWR))
print("missing dir:", res(os.open, "nothere", os.O_TMPFILE | os.O_RDWR))
PY
cat dir/linked newdir/linked dir/linked2 newdir/linked2
ls dir
ls newdir
st dir/linked newdir/linked dir/linked2 newdir/linked2
