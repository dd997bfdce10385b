# mkdir and rmdir: new, lower and upper directories, with their errnos;
# a lower directory removed and made again is empty (opaque).
. "$OVT/lib.sh"
calls <<'X'
mkdir newdir 0750
mkdir newdir
rmdir newdir
rmdir newdir
mkdir a.txt
mkdir dir
mkdir dangling
mkdir link-dir
mkdir nothere/x
mkdir a.txt/x
rmdir emptydir
mkdir emptydir 0700
rmdir dir
rmdir a.txt
rmdir link-dir
rmdir .
rmdir dir/sub/deep/..
rmdir fifo
rmdir tree/a/b/c
X
rm dir/sub/deep/file
x rmdir dir/sub/deep
x rmdir dir/sub
mkdir dir/sub/deep
ls -a dir/sub/deep
st emptydir dir/sub/deep
ls -a emptydir
mkdir -p p/q/r
x rmdir -p p/q/r
x test -d p
snap dir emptydir tree/a/b
