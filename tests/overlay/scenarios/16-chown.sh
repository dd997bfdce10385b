# chown/lchown/fchown of lower objects; chown by root of a set-id file
# clears its set-id bits.
. "$OVT/lib.sh"
chown 1000:1000 a.txt
chown :65534 b.txt
chown 0:0 owned1000
chown -h 1000:1000 link-rel
chown 65534 dir/sub
chown 1000 fifo
chown 1000:1000 suid
chown 1000:1000 nobody-sgid
chown -R 1000:1000 tree/x
st a.txt b.txt owned1000 link-rel dir/sub fifo suid nobody-sgid tree/x tree/x/xf tree/x/rel-link tree/a/f1
mt a.txt b.txt owned1000 link-rel dir/sub
calls <<'X'
open f dir/one O_RDONLY
fchown f 123 456
close f
stat dir/one
chown nothere 1 1
lchown dangling 7 7
lstat dangling
chown dangling 7 7
X
getfattr -d a.txt owned1000 2>&1
snap dir tree/x
