# renameat2 RENAME_NOREPLACE and RENAME_EXCHANGE on lower and upper
# objects.
. "$OVT/lib.sh"
echo new >new.txt
calls <<'X'
renameat2 a.txt b.txt NOREPLACE
renameat2 a.txt new.txt NOREPLACE
renameat2 a.txt a2.txt NOREPLACE
cat a2.txt
renameat2 b.txt c.txt EXCHANGE
cat b.txt
cat c.txt
renameat2 new.txt dir/one EXCHANGE
cat new.txt
cat dir/one
renameat2 b.txt nothere EXCHANGE
renameat2 link-rel lines.txt EXCHANGE
readlink lines.txt
cat link-rel
renameat2 a2.txt emptydir EXCHANGE
X
st b.txt c.txt new.txt dir/one lines.txt link-rel
getfattr -d b.txt c.txt a2.txt 2>&1
snap dir
