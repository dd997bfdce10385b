# Unlink lower files, see them gone, create them again: the new object
# has new metadata and none of the old xattrs; a file replaced by a
# directory and by a symlink, a directory replaced by a file.
. "$OVT/lib.sh"
rm a.txt dir/one dir/two
x cat a.txt
x test -e a.txt
ls dir
echo "a new a" >a.txt
mkdir dir/one
ln -s ../b.txt dir/two
cat a.txt dir/two
st a.txt dir/one dir/two
getfattr -d a.txt 2>&1
x rmdir emptydir
echo "now a file" >emptydir
st emptydir
cat emptydir
rm hard2 fifo link-rel
x cat hard1
ls -1 | sort
calls <<'X'
unlink a.txt
unlink a.txt
unlink dir
unlink emptydir
unlink emptydir
unlink dir/sub/deep/file/x
X
snap dir
