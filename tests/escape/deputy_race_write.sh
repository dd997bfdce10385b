# deputy_race with an open for writing too: the kernel opens the host
# path vfstrace gave, through the swapped symlink; only Landlock bounds
# that (the canary lies outside the upper).
DESC="deputy_race plus open(O_WRONLY) of the file in the swapped directory, under --sandbox"
VOPTS=(--sandbox)
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
	go "$ESC/deputy" race-write "$WORK/race/d" inner
	wait "$SWAP_PID"
}
