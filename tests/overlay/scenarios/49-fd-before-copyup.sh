# An fd opened read-only before its file is copied up: the kernel's
# overlayfs (since 4.19) moves it to the copy: reads, fstat and
# f*xattr through it see the new data and metadata; fchmod, fchown and
# fsetxattr through it change the copy.
. "$OVT/lib.sh"
calls <<'X'
open r a.txt O_RDONLY
open w a.txt O_WRONLY|O_TRUNC
write w changed\n
close w
cat a.txt
read r
fstat r
close r
open r2 a.txt O_RDONLY
read r2
close r2
open m dir/one O_RDONLY
fchmod m 604
fstat m
fchown m 123 456
fstat m
close m
stat dir/one
open x owned1000 O_RDONLY
fsetxattr x user.viafd fd
flistxattr x
close x
listxattr owned1000
X
