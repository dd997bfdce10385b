# A symlink to a host socket planted in the upper by its host path (as
# the tree may write it there): connecting to its view name must not
# reach the host's socket.  Natively the attack connects to the same
# upper path.
DESC="connect to a name of the upper that is a symlink to a socket outside the tree"
VOPTS=(--sandbox)
setup() {
	rm -f "$WORK/l.sock" "$WORK/d.sock" "$WORK/listener.log"
	ABSNAME=vfstrace-esc-$$-$RANDOM
	"$ESC/sock" listen "$WORK/l.sock" "$WORK/d.sock" "$ABSNAME" \
		"$WORK/listener.log" >"$WORK/listener.out" </dev/null 2>&1 &
	LISTENER=$!
	local i
	for i in $(seq 100); do
		[ -s "$WORK/listener.out" ] && break
		sleep 0.05
	done
	export ABSNAME
	more_setup
}
more_setup() { :; }
judge() {
	kill -TERM "$LISTENER" 2>/dev/null
	wait "$LISTENER" 2>/dev/null
	[ -s "$WORK/listener.log" ]
}
more_setup() {
	mkdir -p "$UP$WORK/sd"
	ln -s "$WORK/l.sock" "$UP$WORK/sd/s"
}
attack() {
	local dir=$WORK/sd
	[ "$mode" = native ] && dir=$UP$WORK/sd
	go "$ESC/sock" loop "$dir" s 0
}
