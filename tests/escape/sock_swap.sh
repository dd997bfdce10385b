# A host accomplice flips a name of the upper between a socket and a
# symlink to a socket outside the tree (the tree may write the upper by
# its host path) while the tree connects to its view name (3 s): the
# connection must never reach the outside socket.
DESC="connect to an upper name swapped between a socket and a symlink to a socket outside the tree (3 s)"
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
	"$ESC/sock" swapper "$UP$WORK/sd/s" "$WORK/l.sock" </dev/null \
		>/dev/null 2>&1 &
	SWAPPER=$!
	sleep 0.1
}
judge() {
	kill -TERM "$SWAPPER" "$LISTENER" 2>/dev/null
	wait "$SWAPPER" "$LISTENER" 2>/dev/null
	[ -s "$WORK/listener.log" ]
}
attack() {
	local dir=$WORK/sd
	[ "$mode" = native ] && dir=$UP$WORK/sd
	go "$ESC/sock" loop "$dir" s
}
