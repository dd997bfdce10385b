# A host accomplice flips a name of the upper between a socket and a
# symlink to a socket outside the tree (the tree may write the upper by
# its host path) while the tree connects to its view name (3 s): the
# connection must never reach the outside socket.
DESC="connect to an upper name swapped between a socket and a symlink to a socket outside the tree (3 s)"
VOPTS=(--sandbox)
setup() { sock_listener_start; more_setup; }
more_setup() {
	mkdir -p "$UP$WORK/sd"
	"$ESC/sock" swapper "$UP$WORK/sd/s" "$WORK/l.sock" </dev/null \
		>/dev/null 2>&1 &
	SWAPPER=$!
	sleep 0.1
}
judge() {
	kill -TERM "$SWAPPER" 2>/dev/null
	wait "$SWAPPER" 2>/dev/null
	sock_listener_stop
}
attack() {
	local dir=$WORK/sd
	[ "$mode" = native ] && dir=$UP$WORK/sd
	go "$ESC/sock" loop "$dir" s
}
