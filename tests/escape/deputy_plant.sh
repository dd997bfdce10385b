# A symlink to the canary planted in the upper where vfstrace will copy
# up a lower directory it has looked up (deputy_swap, outside the tree,
# stands for the tree's write to the upper by host path): the copy-up
# finds a symlink where the lower has a directory and fails (EIO); the
# chmod, utimes, setxattr, mkdir and open for writing that wanted it
# reach nothing.  Natively the symlink replaces the host's directory.
DESC="symlink planted in the upper at a lower directory's name, then chmod/utimensat/setxattr/mkdir/open(O_WRONLY) below it"
setup() {
	mkdir -p "$WORK/plant"
	rm -rf "$WORK/plant/low" "$WORK/plant/low.real" "$WORK/plant/ready"
	mkdir "$WORK/plant/low"
	echo inner >"$WORK/plant/low/inner"
	local h=$WORK/plant
	[ "$mode" = native ] || h=$UP$WORK/plant
	"$ESC/deputy_swap" plant "$h" low "$CANARY/dir" 2>"$WORK/swap.err" &
	SWAP_PID=$!
}
attack() {
	go "$ESC/deputy" plant "$WORK/plant/low" inner
	wait "$SWAP_PID"
}
