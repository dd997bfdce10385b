# MAP_PRIVATE writes never reach the file (no copy-up needed for a
# read-only open); read-only shared maps of lower files.
. "$OVT/lib.sh"
calls <<'X'
open f a.txt O_RDONLY
mmap p f 6 private
mwrite p 0 PRIV
mread p 0 6
munmap p
mmap s f 6 shared ro
mread s 0 6
munmap s
close f
cat a.txt
open g dir/one O_RDWR
mmap p g 4 private
mwrite p 0 XXX
munmap p
close g
cat dir/one
X
st a.txt dir/one
mt a.txt dir/one
