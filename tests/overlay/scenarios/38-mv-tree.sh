# mv of whole lower trees (rename fails with EXDEV, mv copies and
# deletes): everything arrives with its metadata; mv into a subdirectory
# of another lower dir; mv of an upper-only tree is a plain rename.
. "$OVT/lib.sh"
x mv tree moved-tree
x mv dir/sub emptydir/
x mv private-dir dir/
mkdir -p fresh/a/b && echo f >fresh/a/b/f
x mv fresh fresh-moved
x test -e tree
x test -e fresh
ls -1 | sort
snap moved-tree emptydir dir fresh-moved
