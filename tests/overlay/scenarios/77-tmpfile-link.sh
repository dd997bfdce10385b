# linkat of /proc/self/fd/N and /dev/fd/N with AT_SYMLINK_FOLLOW (open(2)'s
# O_TMPFILE idiom): an O_TMPFILE file in a lower and in a new directory,
# and a lower file, linked by name.  (link(2) never follows the magic
# link: EXDEV, in 41-o-tmpfile.)
. "$OVT/lib.sh"
case $(uname -r) in
[0-5].*|6.[0-5].*) echo "kernel $(uname -r): no O_TMPFILE in overlayfs"; exit 0 ;;
esac
mkdir newdir
python3 - <<'PY'
import ctypes, errno, os
libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD, AT_SYMLINK_FOLLOW = -100, 0x400

# linkat(2) itself: link(2), which os.link uses, never follows OLD
def link(src, dst):
    if libc.linkat(AT_FDCWD, src.encode(), AT_FDCWD, dst.encode(),
                   AT_SYMLINK_FOLLOW):
        return errno.errorcode[ctypes.get_errno()]
    return "ok"

for d in ("dir", "newdir"):
    fd = os.open(d, os.O_TMPFILE | os.O_RDWR, 0o640)
    os.write(fd, b"tmpfile in " + d.encode() + b"\n")
    print(d, "proc link:", link("/proc/self/fd/%d" % fd, d + "/viaproc"))
    print(d, "devfd link:", link("/dev/fd/%d" % fd, d + "/viadevfd"))
    print(d, "nlink", os.fstat(fd).st_nlink)
    os.close(fd)
fd = os.open("a.txt", os.O_RDONLY)
print("lower file:", link("/proc/self/fd/%d" % fd, "dir/a-link"))
os.close(fd)
PY
cat dir/viaproc newdir/viaproc dir/viadevfd dir/a-link
ls dir newdir
st dir/viaproc newdir/viadevfd dir/a-link a.txt
