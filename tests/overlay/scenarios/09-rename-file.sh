# rename(2) of lower files: within a directory, across directories, into
# new directories; the object keeps its content, mode, owner, mtime and
# xattrs; the old name is gone and may be used again.
. "$OVT/lib.sh"
mv a.txt a-moved.txt
mv owned1000 dir/owned-moved
mkdir newdir
mv dir/sub/deep/file newdir/file
mv exec.sh dir/sub/exec-moved.sh
mv 'with space.txt' 'still with space.txt'
x cat a.txt
cat a-moved.txt dir/owned-moved newdir/file
./dir/sub/exec-moved.sh 1 2
st a-moved.txt dir/owned-moved newdir/file dir/sub/exec-moved.sh
mt a-moved.txt dir/owned-moved newdir/file
getfattr -d a-moved.txt dir/owned-moved 2>&1
echo "a new a" >a.txt
mv a.txt a.txt
mv a-moved.txt a-moved-twice.txt
cat a.txt a-moved-twice.txt
# Rename of a symlink and a fifo: the link itself moves.
mv link-rel dir/link-rel-moved
x cat dir/link-rel-moved
readlink dir/link-rel-moved
mv fifo dir/fifo-moved
st dir/fifo-moved
ls -1 dir | sort
snap dir newdir
