# Link counts of directories through fds (fstat, fstatat of a name in a
# dirfd) and after changes: a merged directory reports 1, a directory
# made opaque over a lower one (rm -rf, mkdir) its real count, a
# directory only in the lower its own count, also below a merged one.
. "$OVT/lib.sh"
echo x >tree/a/x
rm -rf dir/sub
mkdir -p dir/sub/n1 dir/sub/n2
python3 - <<'PY'
import os
for p in ("tree", "tree/a", "tree/a/b", "dir", "dir/sub", "many", "."):
    fd = os.open(p, os.O_RDONLY | os.O_DIRECTORY)
    print(p, "fstat", os.fstat(fd).st_nlink)
    os.close(fd)
d = os.open("tree", os.O_RDONLY | os.O_DIRECTORY)
for n in sorted(os.listdir(d)):
    st = os.stat(n, dir_fd=d, follow_symlinks=False)
    if os.path.stat.S_ISDIR(st.st_mode):
        print("tree/" + n, "fstatat", st.st_nlink)
os.close(d)
PY
find tree dir -type d -links 1 | sort
