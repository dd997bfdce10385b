# Relative paths against a dirfd that is not open (EBADF), or is a pipe
# or a regular file (ENOTDIR): every call fails as on the kernel and
# nothing is made (vfstrace once made "x" at the view's root for them).
. "$OVT/lib.sh"
python3 -B - <<'PY'
import os
r, w = os.pipe()
reg = os.open("a.txt", os.O_RDONLY)
closed = 99
os.closerange(closed, closed + 1)
calls = [
    ("open", lambda d: os.open("x", os.O_RDONLY, dir_fd=d)),
    ("create", lambda d: os.open("x", os.O_CREAT | os.O_WRONLY, 0o644,
                                 dir_fd=d)),
    ("mkdir", lambda d: os.mkdir("x", dir_fd=d)),
    ("stat", lambda d: os.stat("x", dir_fd=d)),
    ("lstat", lambda d: os.stat("x", dir_fd=d, follow_symlinks=False)),
    ("unlink", lambda d: os.unlink("a.txt", dir_fd=d)),
    ("symlink", lambda d: os.symlink("t", "x", dir_fd=d)),
    ("rename", lambda d: os.rename("a.txt", "x", src_dir_fd=d)),
    ("chmod", lambda d: os.chmod("a.txt", 0o600, dir_fd=d)),
]
for fdname, d in (("closed", closed), ("pipe", r), ("file", reg)):
    for name, f in calls:
        try:
            f(d)
            print(fdname, name, "ok")
        except OSError as e:
            print(fdname, name, e.strerror)
PY
ls
