# rt_sigqueueinfo and rt_tgsigqueueinfo to a process outside the tree
# The victim (sig victim) is a host process outside the tree that
# records every SIGUSR1 in a host file: the judge.
DESC="rt_sigqueueinfo and rt_tgsigqueueinfo to a process outside the tree"
VOPTS=(--sandbox)
setup() {
	rm -f "$WORK/victim.log" "$WORK/victim.pid"
	"$ESC/sig" victim "$WORK/victim.log" >"$WORK/victim.pid" \
		</dev/null 2>/dev/null &
	VICTIM=$!
	local i
	for i in $(seq 100); do
		[ -s "$WORK/victim.pid" ] && break
		sleep 0.05
	done
	export VICTIM
}
judge() {
	kill -TERM "$VICTIM" 2>/dev/null
	wait "$VICTIM" 2>/dev/null
	[ -s "$WORK/victim.log" ]
}
attack() { go "$ESC/sig" queue "$VICTIM"; }
