# vfstrace's own chmod, utimes, setxattr and mkdir in an upper directory
# that the tree swaps for a symlink to the canary (deputy_swap, outside
# the tree, stands for its writes to the upper by host path): vfstrace
# walks the upper without following symlinks, with or without --sandbox.
# The swap is made in the host's own directory natively, in the upper's
# copy of it under vfstrace ($mode is the driver's).
DESC="chmod/utimensat/setxattr/mkdir on an upper directory a racing process swaps for a symlink to the canary"
setup() {
	mkdir -p "$WORK/race"
	rm -rf "$WORK/race/d" "$WORK/race/d.real" "$WORK/race/ready"
	mkdir "$WORK/race/d"
	echo inner >"$WORK/race/d/inner"
	local h=$WORK/race
	[ "$mode" = native ] || h=$UP$WORK/race
	"$ESC/deputy_swap" race "$h" d "$CANARY/dir" 2>"$WORK/swap.err" &
	SWAP_PID=$!
}
attack() {
	go "$ESC/deputy" race "$WORK/race/d" inner
	wait "$SWAP_PID"
}
