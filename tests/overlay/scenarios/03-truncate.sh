# truncate(2), ftruncate(2) and O_TRUNC (also with O_RDONLY) of lower
# files: shrink, grow with a hole, to zero.
. "$OVT/lib.sh"
truncate -s 3 a.txt
truncate -s 0 b.txt
truncate -s 100 c.txt
: >lines.txt
calls <<'X'
truncate dir/one 2
open f dir/two O_WRONLY
ftruncate f 1
fsize f
close f
open g 'with space.txt' O_RDONLY|O_TRUNC
fsize g
close g
truncate dir 0
truncate nothere 0
truncate dir/sub/deep/file/x 0
X
st a.txt b.txt c.txt lines.txt dir/one dir/two 'with space.txt'
h a.txt b.txt c.txt dir/one dir/two
od -c a.txt
mt a.txt c.txt dir
