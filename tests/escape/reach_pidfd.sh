# An fd of a process outside the tree, taken with pidfd_getfd.
DESC="pidfd_getfd of a lower file held open for writing by a process outside the tree"
setup() {
	(exec 9>>"$CANARY/victim" && exec sleep 300) </dev/null \
		>/dev/null 2>&1 &
	HOLDER_PID=$!
	HOLDER_FD=9
	export HOLDER_PID HOLDER_FD
	local i
	for i in $(seq 100); do
		[ "$(readlink "/proc/$HOLDER_PID/fd/9" 2>/dev/null)" = \
		  "$CANARY/victim" ] && break
		sleep 0.05
	done
}
judge() {
	kill "$HOLDER_PID" 2>/dev/null
	wait "$HOLDER_PID" 2>/dev/null
	return 1
}
attack() { go "$ESC/reach" pidfd; }
