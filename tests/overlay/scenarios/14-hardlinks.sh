# Hard links: new links to lower files (the link copies the file up: the
# lower's other names keep the old inode, as overlayfs without index
# does), links to new files stay coherent, link errnos.
. "$OVT/lib.sh"
ln a.txt a-hard
st a.txt a-hard
echo "through a-hard" >>a-hard
cat a.txt
st a.txt a-hard
# hard1 has two more lower names: they do not follow the copy-up.
st hard1 hard2 dir/hard3
ln hard1 hard4
echo "via hard4" >>hard4
cat hard1 hard2 dir/hard3 hard4
st hard1 hard2 dir/hard3 hard4
echo new >new
ln new new-2
mkdir nd
ln new-2 nd/new-3
echo more >>nd/new-3
cat new new-2
st new new-2 nd/new-3
rm new
st new-2 nd/new-3
calls <<'X'
link dir dir-hard
link nothere x
link a.txt b.txt
link a.txt nothere/x
link link-rel link-rel-hard
lstat link-rel-hard
link link-rel link-rel-followed follow
lstat link-rel-followed
link dangling dangling-hard
lstat dangling-hard
link fifo fifo-hard
lstat fifo
X
snap hard1 hard2 hard4 dir/hard3 a.txt a-hard
