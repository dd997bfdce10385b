# A removed cwd that was a lower directory when the process entered it
# (rm -rf ../NAME from inside): names in it are ENOENT (creating too),
# ".." is its old parent, getcwd fails; "." itself is the removed, empty
# directory on the kernel.
. "$OVT/lib.sh"
cd tree/a/e || exit 1
rm -rf ../e
x cat pipe
x touch made
x ls ..
python3 - <<'PY'
import os
for p in ("..", "../f1", "./x", "../e"):
    try:
        st = os.stat(p)
        print(p, "ok", "dir" if os.path.isdir(p) else "other")
    except OSError as e:
        print(p, os.strerror(e.errno))
try:
    print(os.getcwd())
except OSError as e:
    print("getcwd", os.strerror(e.errno))
PY
x ls -a .
x stat -c '%F' .
cd ../../.. || exit 1
x ls tree/a
