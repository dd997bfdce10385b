# rename(2) over existing names: lower over lower, new over lower, lower
# over new, over a symlink, over a hard link of itself; wrong types.
. "$OVT/lib.sh"
echo "new file" >new.txt
calls <<'X'
rename a.txt b.txt
cat b.txt
cat a.txt
rename new.txt c.txt
cat c.txt
rename dir/one new2
rename dir/two new2
cat new2
rename lines.txt link-rel
readlink link-rel
cat link-rel
rename hard1 hard2
stat hard1
stat hard2
stat dir/hard3
rename c.txt dir
rename c.txt emptydir
rename emptydir c.txt
rename c.txt c.txt
rename nothere c.txt
rename c.txt nothere/x
rename c.txt a.txt/x
X
mkdir d1 d2 d3
echo x >d2/x
calls <<'X'
rename d1 d3
stat d3
stat d1
rename d3 d2
rename d2 tree
rename d2 emptydir
listdir emptydir
stat d2
X
snap emptydir
