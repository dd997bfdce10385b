# Relative paths with .. and . after chdir into lower directories, and
# through symlinks (.. after a symlink goes to the target's parent).
. "$OVT/lib.sh"
cat dir/sub/../one ./dir/./two dir/sub/deep/../../one
cat link-dir/../a.txt dir/deep-link/../file
cd dir/sub || exit 1
cat ../one file deep/file
echo "made from sub" >../made-from-sub
mkdir ../../from-sub
echo f >../../from-sub/f
ls ../.. | sort
cd deep || exit 1
cat ../../../a.txt
x cat ../../../nothere
cd ../../.. || exit 1
cat dir/made-from-sub from-sub/f
cd link-dir/sub || exit 1
cat ../one
echo "via link" >../via-link
cd ../.. || exit 1
cat dir/via-link
calls <<'X'
chdir dir/sub/deep
cwd
chdir ../..
cwd
chdir ../link-dir
cwd
chdir ..
cwd
chdir a.txt
chdir nothere
chdir dangling
X
snap dir from-sub
