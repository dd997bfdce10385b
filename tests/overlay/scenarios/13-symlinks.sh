# Symlinks: reading lower ones (relative, absolute, dangling, loops,
# chains, with ..), making new ones, replacing them, following them for
# reads and writes, realpath relative to the cwd.
. "$OVT/lib.sh"
for l in link-rel link-dir link-abs dangling loop1 link-chain link-dotdot dir/up-link dir/deep-link; do
	printf '%s -> %s\n' "$l" "$(readlink "$l")"
done
cat link-rel link-chain link-dotdot dir/up-link dir/deep-link/file
x cat dangling
x cat loop1
x cat link-abs
ls link-dir/ | sort
x realpath --relative-to=. link-chain link-dotdot dir/deep-link link-dir/sub
ln -s a.txt new-rel
ln -s /dev/null new-abs
ln -s nowhere/at/all new-dangling
ln -s new-loop new-loop
ln -s ../../b.txt dir/sub/new-up
ln -s sub dir/sub-link
cat new-rel dir/sub/new-up
x cat new-loop
x ln -s a.txt new-rel
ln -sf b.txt new-rel
readlink new-rel
ln -sfn sub/deep dir/sub-link
ls dir/sub-link/
x stat -L -c '%F' new-dangling
st new-rel new-abs new-dangling dir/sub-link
calls <<'X'
readlink a.txt
readlink nothere
readlink link-dir/
symlink x a.txt
symlink x link-rel
symlink x dir/sub/deep/file/x
open f loop1 O_RDONLY
open f link-rel O_RDONLY|O_NOFOLLOW
stat loop1
lstat loop1
stat link-dir/one
X
snap dir
