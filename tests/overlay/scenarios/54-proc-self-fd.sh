# Calls through /proc/self/fd/N magic links name the fd's file (glibc's
# lchmod and fchmodat(AT_SYMLINK_NOFOLLOW) fallback, tar, coreutils):
# chmod, chown, utimes, truncate, xattrs, open and stat through them
# act on the open file; readlink gives its path (shown relative to the
# cwd); mkfifo -m uses them (glibc's fchmodat AT_SYMLINK_NOFOLLOW).
. "$OVT/lib.sh"
python3 - <<'PY'
import errno, os
def res(f):
    try:
        r = f()
        return "ok" if r is None else r
    except OSError as e:
        return errno.errorcode[e.errno]
fd = os.open("a.txt", os.O_RDONLY)
p = "/proc/self/fd/%d" % fd
dfd = os.open("dir/sub", os.O_PATH)
dp = "/proc/self/fd/%d" % dfd
print("readlink:", os.path.relpath(os.readlink(p), os.getcwd()),
      os.path.relpath(os.readlink(dp), os.getcwd()))
print("chmod:", res(lambda: os.chmod(p, 0o600)))
print("chown:", res(lambda: os.chown(p, 1000, 1000)))
print("utime:", res(lambda: os.utime(p, (1000000000, 1000000000))))
print("setxattr:", res(lambda: os.setxattr(p, "user.viaproc", b"1")))
print("truncate:", res(lambda: os.truncate(p, 3)))
print("chmod dir:", res(lambda: os.chmod(dp, 0o711)))
print("utime dir:", res(lambda: os.utime(dp, (1100000000, 1100000000))))
print("open:", res(lambda: os.read(os.open(p, os.O_RDONLY), 100)))
print("stat dir:", res(lambda: oct(os.stat(dp).st_mode)))
print("open in dir:", res(lambda: os.read(os.open(dp + "/file", os.O_RDONLY), 100)))
os.close(fd)
os.close(dfd)
PY
st a.txt dir/sub
mt a.txt dir/sub
cat a.txt
getfattr -d a.txt 2>&1
mkfifo -m 600 fifo2; echo "mkfifo=$?"
st fifo2
# The view outside the fixture is untouched (a chmod through the
# supervisor's own /proc/self/fd would reach its view root).
stat -c "%n %a" /
