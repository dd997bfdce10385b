# Exact errnos of failing open(2) calls (and the ones that succeed
# around them): ENOENT, EEXIST, ENOTDIR, EISDIR, ELOOP, ENAMETOOLONG,
# ENXIO; O_CREAT through a dangling symlink creates its target.
. "$OVT/lib.sh"
long=$(printf 'n%.0s' $(seq 300))
calls <<X
open f nothere O_RDONLY
open f nothere/x O_RDONLY
open f a.txt/x O_RDONLY
open f a.txt/ O_RDONLY
open f dir/ O_RDONLY
close f
open f newfile/ O_WRONLY|O_CREAT
open f dir O_WRONLY
open f dir O_RDWR
open f a.txt O_RDONLY|O_DIRECTORY
open f link-dir O_RDONLY|O_DIRECTORY
close f
open f link-dir O_RDONLY|O_DIRECTORY|O_NOFOLLOW
open f link-rel O_RDONLY|O_NOFOLLOW
open f link-rel O_RDONLY|O_NOFOLLOW|O_PATH
close f
open f loop1 O_RDONLY
open f loop1/x O_RDONLY
open f a.txt O_WRONLY|O_CREAT|O_EXCL
open f dir O_RDONLY|O_CREAT|O_EXCL
open f link-rel O_WRONLY|O_CREAT|O_EXCL
open f dangling O_WRONLY|O_CREAT|O_EXCL
open f dangling O_WRONLY|O_CREAT 0600
write f created-through-dangling\n
close f
cat does-not-exist
lstat dangling
stat does-not-exist
open f $long O_RDONLY
open f $long O_WRONLY|O_CREAT
open f fifo O_WRONLY|O_NONBLOCK
open f fifo O_RDONLY|O_NONBLOCK
close f
open f empty O_RDONLY|O_DIRECTORY|O_CREAT
open f '' O_RDONLY
open f nothere O_RDONLY|O_TRUNC
open f dir/sub/deep/file/. O_RDONLY
open f emptydir/. O_RDONLY
close f
X
x test -e newfile
snap does-not-exist dangling
