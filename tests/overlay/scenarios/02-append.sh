# Append to lower files (O_APPEND): the old content is kept in front,
# owners and modes (setgid, 0000) survive the copy-up.
. "$OVT/lib.sh"
echo "more alpha" >>a.txt
printf 'x' >>b.txt
echo appended >>nobody-sgid
echo appended >>mode000
echo "deep more" >>dir/sub/deep/file
echo "to empty" >>empty
cat a.txt b.txt nobody-sgid mode000 dir/sub/deep/file empty
st a.txt b.txt nobody-sgid mode000 empty
h a.txt b.txt dir/sub/deep/file
mt a.txt dir/sub/deep dir
# A second append to the now-upper file.
echo "third" >>a.txt
cat a.txt
