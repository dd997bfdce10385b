# Limits: 40 symlinks in one resolution resolve, 41 give ELOOP; a name of
# 255 bytes works, 256 gives ENAMETOOLONG; a relative path of PATH_MAX
# bytes gives ENAMETOOLONG; deep directories made and removed.
. "$OVT/lib.sh"
mkdir chain
echo end >chain/l0
python3 - <<'PY'
import os
for i in range(1, 42):
    os.symlink("l%d" % (i - 1), "chain/l%d" % i)
PY
n255=$(printf '%0255d' 0)
n256=$(printf '%0256d' 0)
long=$(printf "%064d/" $(seq 64) | tr 0-9 d)
deep=$(printf 'd/%.0s' $(seq 100))
calls <<X
cat chain/l40
cat chain/l41
stat chain/l41
lstat chain/l41
open f dir/$n255 O_WRONLY|O_CREAT
close f
open f dir/$n256 O_WRONLY|O_CREAT
stat dir/$n256
mkdir a.txt/$n256
open f ${long}x O_RDONLY
mkdir ${long}x
X
mkdir -p "$deep"
echo deep >"${deep}f"
cat "${deep}f"
find d | wc -l
rm -r d
x test -e d
ls dir | wc -l
