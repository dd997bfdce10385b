# A removed cwd, removed by another process, then a directory made again
# under its name: "." lists empty, stat of "." works, names in it are
# ENOENT (creating too), ".." is its old parent, getcwd fails; a new
# directory of the same name is not the cwd.
. "$OVT/lib.sh"
mkdir -p up/one
echo f >up/f
cd up/one || exit 1
(cd ../.. && rmdir up/one)
x ls -a .
x touch new
x mkdir new
x stat -c '%F %h' .
x ls ../
x cat ../f
python3 - <<'PY'
import os
for p in (".", "./", "./.", "..", "../f", "./x", "../one"):
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
mkdir ../one
echo in-new >../one/g
x ls -a .
x cat g
x cat ../one/g
cd .. || exit 1
x ls -a one
cd .. || exit 1
x ls up
