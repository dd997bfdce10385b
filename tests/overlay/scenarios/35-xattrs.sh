# user.* xattrs: lower ones readable; setfattr/removexattr copy the file
# up with its other xattrs; on directories; errnos (ENODATA, EEXIST,
# EPERM on a symlink); fsetxattr on an fd opened before the copy-up.
. "$OVT/lib.sh"
getfattr -d a.txt b.txt dir owned1000 2>&1
setfattr -n user.color -v red a.txt
setfattr -n user.added -v 1 a.txt
setfattr -x user.shape a.txt
setfattr -n user.new -v yes c.txt
setfattr -n user.dirx -v d dir/sub
setfattr -x user.dir dir
setfattr -n user.big -v "$(printf '%0500d' 7)" lines.txt
getfattr -d a.txt c.txt dir dir/sub 2>&1
getfattr -n user.big --only-values lines.txt | wc -c
x getfattr -n user.missing a.txt
x setfattr -h -n user.onlink -v x link-rel
calls <<'X'
setxattr c.txt user.new again create
setxattr c.txt user.other x replace
removexattr c.txt user.missing
getxattr c.txt user.missing
getxattr nothere user.x
setxattr nothere user.x y
listxattr a.txt
listxattr b.txt
listxattr link-rel
open f owned1000 O_RDONLY
fgetxattr f user.owner
fsetxattr f user.viafd fd
close f
listxattr owned1000
open g tree/a/f1 O_WRONLY
fremovexattr g user.t
close g
listxattr tree/a/f1
X
st a.txt c.txt owned1000 tree/a/f1
mt a.txt c.txt owned1000 tree/a/f1 dir/sub
snap a.txt b.txt c.txt dir owned1000 tree/a
