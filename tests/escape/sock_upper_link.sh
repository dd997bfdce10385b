# A symlink to a host socket planted in the upper by its host path (as
# the tree may write it there): connecting to its view name must not
# reach the host's socket.  Natively the attack connects to the same
# upper path.
DESC="connect to a name of the upper that is a symlink to a socket outside the tree"
VOPTS=(--sandbox)
setup() { sock_listener_start; more_setup; }
more_setup() { :; }
judge() { sock_listener_stop; }
more_setup() {
	mkdir -p "$UP$WORK/sd"
	ln -s "$WORK/l.sock" "$UP$WORK/sd/s"
}
attack() {
	local dir=$WORK/sd
	[ "$mode" = native ] && dir=$UP$WORK/sd
	go "$ESC/sock" loop "$dir" s 0
}
