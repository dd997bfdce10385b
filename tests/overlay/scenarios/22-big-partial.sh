# In-place writes inside a big lower file (dd conv=notrunc, python
# pwrite), and a copy of it: only the written blocks change.
. "$OVT/lib.sh"
dd if=/dev/zero of=big.bin bs=4096 seek=1000 count=3 conv=notrunc 2>/dev/null
echo "dd=$?"
python3 - <<'PY'
import os
fd = os.open("big.bin", os.O_RDWR)
os.pwrite(fd, b"HELLO", 5 * 1024 * 1024)
print(os.pread(fd, 5, 5 * 1024 * 1024), os.fstat(fd).st_size)
os.close(fd)
PY
h big.bin
cmp -l big.bin dir/../big.bin | wc -l
cp big.bin big-copy.bin
cmp big.bin big-copy.bin && echo same
head -c 4096000 big.bin | sha256sum
truncate -s 4096000 big-copy.bin
h big-copy.bin
st big.bin big-copy.bin
