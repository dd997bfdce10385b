# dirfd-relative calls (openat, mkdirat, unlinkat, renameat, linkat,
# symlinkat, fstatat, readlinkat, fchmodat) on a lower directory fd, also
# after the directory was copied up through another path, and fchdir.
. "$OVT/lib.sh"
calls <<'X'
open d dir O_RDONLY|O_DIRECTORY
open s dir/sub O_RDONLY|O_DIRECTORY
stat @d:one
cat @d:one
open f @d:made O_WRONLY|O_CREAT|O_EXCL 0640
write f made\n
close f
cat dir/made
cat @d:made
mkdir @d:newdir 0750
stat dir/newdir
symlink one @d:link-one
readlink @d:link-one
cat dir/link-one
link @d:one @d:one-hard
stat dir/one-hard
rename @d:two @s:two-moved
cat dir/sub/two-moved
rename @s:file @d:file-from-sub
unlink @d:link-one
rmdir @d:newdir
chmod @s:two-moved 600
stat @s:two-moved
listdir @d:
listdir @s:
open g dir/sub/after O_WRONLY|O_CREAT
close g
cat @s:after
stat @s:deep
listfd s
fchdir s
cwd
cat two-moved
open e @d:nothere O_RDONLY
mkdir @d:one
unlink @d:sub
rmdir @d:one
X
snap dir
