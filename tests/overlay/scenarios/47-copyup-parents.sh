# A change deep in lower directories copies up the parents with their
# own metadata: mode 0700 and owner 1000 of private-dir, 0555 of ro-dir,
# 1777 of sticky, owners in tree/a, and their mtimes.
. "$OVT/lib.sh"
echo more >>private-dir/secret
echo more >>ro-dir/x
echo more >>sticky/f
echo more >>tree/a/b/c/leaf
chmod 600 dir/sub/deep/file
st private-dir private-dir/secret ro-dir ro-dir/x sticky sticky/f tree tree/a tree/a/b tree/a/b/c tree/a/b/c/leaf dir dir/sub dir/sub/deep
mt private-dir ro-dir sticky tree tree/a tree/a/b tree/a/b/c dir dir/sub dir/sub/deep .
getfattr -d dir 2>&1
