# Open fds across unlink and rename: data stays readable (and writable)
# through the fd, fstat shows the file, the name is gone or moved.
. "$OVT/lib.sh"
calls <<'X'
open r a.txt O_RDONLY
open w b.txt O_RDWR
open n dir/one O_RDONLY
unlink a.txt
unlink b.txt
cat a.txt
read r
fstat r
write w appended-after-unlink\n
lseek w 0 SEEK_SET
read w
fstat w
close r
close w
rename dir/one one-renamed
read n
cat one-renamed
close n
open c c.txt O_WRONLY|O_CREAT
write c x
unlink c.txt
write c y
fstat c
close c
stat c.txt
X
echo gone-then-new >a.txt
cat a.txt
# A reader holding the fd while the file is replaced by a new one.
python3 - <<'PY'
import os
fd = os.open("lines.txt", os.O_RDONLY)
os.unlink("lines.txt")
with open("lines.txt", "w") as f:
    f.write("replacement\n")
print(os.read(fd, 12), open("lines.txt").read().strip())
os.close(fd)
PY
snap a.txt lines.txt one-renamed
