# rename(2) of directories: a directory of a lower layer (empty or not,
# copied up or not) fails with EXDEV, as in overlayfs without
# redirect_dir, and mv falls back to copy and delete; directories made in
# the upper are renamed.
. "$OVT/lib.sh"
echo new >dir/sub/new-in-sub
calls <<'X'
rename dir dir2
rename emptydir emptydir2
rename dir/sub dir/sub2
rename dir/sub/deep deep2
rename tree/a tree/x/a
rename link-dir link-dir2
readlink link-dir2
X
mkdir -p up/inner
echo u >up/inner/f
calls <<'X'
rename up up2
rename up2/inner inner
listdir up2
listdir inner
X
x mv dir dir-moved
x test -e dir
x mv tree/a tree-a-moved
ls -1 | sort
find dir-moved tree-a-moved tree | sort
snap dir-moved tree-a-moved
