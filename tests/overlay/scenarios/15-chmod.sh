# chmod of lower files, directories, a fifo, through a symlink: the mode
# changes, content and mtime are kept.
. "$OVT/lib.sh"
chmod 600 a.txt
chmod u+s,g+s b.txt
chmod 000 c.txt
chmod 700 dir/sub
chmod 1777 emptydir
chmod 640 fifo
chmod 444 link-chain
chmod a+x lines.txt
chmod 755 mode000
chmod -R go-rwx tree/a
st a.txt b.txt c.txt dir/sub emptydir fifo link-chain link-rel lines.txt mode000 tree/a tree/a/f1 tree/a/b
mt a.txt b.txt dir/sub emptydir fifo tree/a/f1
cat a.txt c.txt
calls <<'X'
chmod nothere 644
chmod dangling 644
open f dir/one O_RDONLY
fchmod f 604
close f
stat dir/one
open d dir/sub/deep O_RDONLY|O_DIRECTORY
fchmod d 711
close d
stat dir/sub/deep
X
getfattr -d a.txt 2>&1
snap dir tree/a
