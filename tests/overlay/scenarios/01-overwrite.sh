# Overwrite lower files with O_TRUNC (shell >, cp over, python open "w"):
# new content; mode, owner and user.* xattrs survive the copy-up; the
# mtime becomes new, the parent directories keep theirs.
. "$OVT/lib.sh"
echo "new alpha" >a.txt
printf 'replaced\n' >dir/sub/deep/file
cp c.txt owned1000
python3 -c 'open("nobody-sgid", "w").write("python wrote\n")'
cat a.txt dir/sub/deep/file owned1000 nobody-sgid
st a.txt dir/sub/deep/file owned1000 nobody-sgid
mt a.txt dir/sub/deep/file dir/sub/deep dir/sub dir .
snap a.txt dir owned1000 nobody-sgid
