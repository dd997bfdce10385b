# sed -i (temporary file, rename over the original) on lower files, in
# lower directories, through a symlink with --follow-symlinks.
. "$OVT/lib.sh"
sed -i 's/line 5/LINE FIVE/' lines.txt
sed -i -e '1i first' -e '$a last' dir/sub/deep/file
sed -i 's/read/written/' ro.txt
sed -i.bak 's/one/ONE/' dir/one
sed -i --follow-symlinks 's/alpha/ALPHA/' link-rel
sed -i 's/x/y/' owned1000
cat lines.txt dir/sub/deep/file ro.txt dir/one dir/one.bak a.txt
readlink link-rel
st lines.txt dir/sub/deep/file ro.txt dir/one dir/one.bak a.txt owned1000 link-rel
ls -1a dir/sub/deep dir | sort
getfattr -d a.txt owned1000 2>&1
x sed -i 's/a/b/' nothere
x sed -i 's/a/b/' dir
