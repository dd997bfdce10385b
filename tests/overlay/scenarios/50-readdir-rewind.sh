# getdents on a merged directory fd: complete, stable under lseek(0)/
# rewinddir, and after entries are deleted and added meanwhile.
. "$OVT/lib.sh"
python3 - <<'PY'
import os
fd = os.open("dir", os.O_RDONLY | os.O_DIRECTORY)
print(sorted(os.listdir(fd)))
os.unlink("dir/one")
open("dir/added", "w").close()
# os.listdir(fd) rewinds the fd (rewinddir) before reading.
print(sorted(os.listdir(fd)))
os.lseek(fd, 0, os.SEEK_SET)
print(sorted(os.listdir(fd)))
os.close(fd)
d = os.open("many", os.O_RDONLY | os.O_DIRECTORY)
a = sorted(os.listdir(d))
b = sorted(os.listdir(d))
print(len(a), a == b)
os.close(d)
PY
