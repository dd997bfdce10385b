# Writes, truncation, chmod and touch through lower symlinks reach (and
# copy up) the targets, never the links; a dangling link gets a target.
. "$OVT/lib.sh"
echo "via link" >>link-rel
echo "via chain" >>link-chain
echo "via dotdot" >link-dotdot
echo "via dir link" >link-dir/new-via-link
echo "via up-link" >>dir/up-link
echo "target made" >dangling
truncate -s 2 dir/deep-link/file
chmod 600 link-rel
touch -d '2015-01-01' link-dir
cat a.txt dir/one dir/new-via-link does-not-exist dir/sub/deep/file
st a.txt link-rel link-chain dir/one link-dotdot dir link-dir does-not-exist dangling
mt link-rel link-dir dir
readlink link-rel link-chain link-dotdot dangling link-dir
