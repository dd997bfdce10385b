# connect with a sockaddr a sibling thread flips between an abstract name and the path of a socket outside the tree (3 s)
# The listener (sock listen) is a host process outside the tree that
# logs every connection and datagram in a host file: the judge.
DESC="connect with a sockaddr a sibling thread flips between an abstract name and the path of a socket outside the tree (3 s)"
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
attack() { go "$ESC/sock" flip "$WORK/l.sock"; }
