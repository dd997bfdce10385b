# Exact errnos of failing path calls other than open: unlink/rmdir/
# rename/link/symlink/readlink/chdir/mkdir/truncate with wrong types,
# missing names, loops, ., .., a directory into its own subtree.
. "$OVT/lib.sh"
mkdir -p up/inner
calls <<'X'
unlink dir
unlink emptydir
unlink nothere
unlink a.txt/
unlink link-dir/
rmdir a.txt
rmdir dir
rmdir .
rmdir ..
rmdir emptydir/.
rmdir emptydir/..
rmdir link-dir
rmdir nothere
rmdir loop1/x
rename . x
rename .. x
rename up up/inner/up
rename up up/inner
rename dir dir/sub/dir
rename a.txt dir/
rename a.txt a.txt/
rename emptydir a.txt
rename a.txt dir/sub
rename up/inner dir
rename up/inner emptydir/
rename nothere x
rename loop1 loop3
readlink loop3
link dir x
link emptydir/ x
link nothere x
link a.txt link-rel
link a.txt loop1/x
symlink t a.txt
symlink t dir/
symlink t nothere/x
readlink a.txt
readlink dir
readlink ''
readlink nothere
chdir a.txt
chdir loop1
chdir nothere
mkdir a.txt/x
mkdir loop1/x
mkdir loop1
truncate dir 0
truncate link-dir 0
truncate loop1 0
truncate fifo 0
truncate nothere 0
access nothere F_OK
access a.txt X_OK
access exec.sh X_OK
access dir X_OK
access mode000 R_OK|W_OK
access link-dir/one R_OK
access dangling F_OK
X
ls -1 | sort
