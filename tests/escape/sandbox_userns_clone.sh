# The same from a child made with clone's namespace flags.  The host
# watches the processes named userns while the attack runs: one in a
# user namespace other than the host's is an escape (under -u alone the
# write would land in the upper, yet the tree would have a namespace of
# its own, mounts vfstrace does not know of).
DESC="clone(CLONE_NEWUSER|CLONE_NEWNS) child writes a lower file"
VOPTS=(--sandbox)
attack() {
	local own p d n
	own=$(readlink /proc/self/ns/user)
	: >"$WORK/ns.seen"
	go "$ESC/userns" clone "$CANARY/victim" &
	p=$!
	while kill -0 "$p" 2>/dev/null; do
		for d in $(pgrep -x userns); do
			n=$(readlink "/proc/$d/ns/user" 2>/dev/null) || continue
			[ "$n" = "$own" ] || echo "$d $n" >>"$WORK/ns.seen"
		done
		sleep 0.05
	done
	wait "$p"
}
judge() {
	[ -s "$WORK/ns.seen" ] || return 1
	echo "a process of the tree in a user namespace of its own:" \
		"$(head -n 1 "$WORK/ns.seen")" >>"$why"
}
