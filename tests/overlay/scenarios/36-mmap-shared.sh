# MAP_SHARED writes to a lower file opened O_RDWR (copied up at open):
# visible through a new open and to another process; msync; the lower
# keeps its content.  MAP_SHARED of a new file grown with ftruncate.
. "$OVT/lib.sh"
calls <<'X'
open f a.txt O_RDWR
mmap m f 6 shared
mread m 0 6
mwrite m 0 ALPHA
msync m
cat a.txt
munmap m
close f
open g big.bin O_RDWR
mmap b g 10485760 shared
mwrite b 8388608 XYZ
mwrite b 0 START
munmap b
close g
open n new.bin O_RDWR|O_CREAT 0644
ftruncate n 8192
mmap m n 8192 shared
mwrite m 4096 page2
munmap m
close n
cat a.txt
X
od -An -c -j 4096 -N 5 new.bin
st new.bin big.bin
h a.txt big.bin new.bin
dd if=big.bin bs=1 skip=8388608 count=3 2>/dev/null; echo
# Another process maps the same file and sees the first one's write.
python3 - <<'PY'
import mmap, os
fd = os.open("b.txt", os.O_RDWR)
m = mmap.mmap(fd, 0, mmap.MAP_SHARED)
r, w = os.pipe()
if os.fork() == 0:
    fd2 = os.open("b.txt", os.O_RDWR)
    m2 = mmap.mmap(fd2, 0, mmap.MAP_SHARED)
    m2[0:5] = b"BRAVO"
    m2.flush()
    os.write(w, b"x")
    os._exit(0)
os.read(r, 1)
os.wait()
print(m[:14])
PY
cat b.txt
