# The legacy getdents (x86_64 syscall 78, struct linux_dirent with d_type
# in the record's last byte) lists a merged directory as getdents64 does:
# no whiteouts, deleted or renamed names gone, new names with their types,
# in small and large buffers; a buffer too small for one record: EINVAL.
. "$OVT/lib.sh"
rm dir/two
mv dir/one dir/one-moved
mkdir dir/newsub
ln -s one-moved dir/lnk
mkfifo dir/fifo2
rm -rf dir/sub
calls <<'X'
open d dir O_RDONLY|O_DIRECTORY
getdents d 32768
getdents d 32768
lseek d 0 SEEK_SET
getdents d 40
lseek d 0 SEEK_SET
getdents d 10
close d
open r tree O_RDONLY|O_DIRECTORY
getdents r 32768
close r
open e emptydir O_RDONLY|O_DIRECTORY
getdents e 64
close e
X
