# cp -a of lower trees and files (modes, owners, times, xattrs, symlinks,
# hard links, fifos kept), cp -r, cp over existing files.
. "$OVT/lib.sh"
cp -a tree tree-copy
cp -a dir dir-copy
cp -a a.txt owned1000 dir/
cp -r private-dir private-copy
cp b.txt c.txt
mkdir hardcopy-dir
cp -a hard1 hard2 hardcopy-dir
snap tree-copy dir-copy dir private-copy hardcopy-dir c.txt
diff -r tree tree-copy && echo same-tree
diff -r dir dir-copy; echo "diff=$?"
