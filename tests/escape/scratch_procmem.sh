# The parent writes its forked child's scratch mapping through
# /proc/CHILD/mem (which forces past the read-only protection and the
# seal) while the child opens the lower victim O_WRONLY|O_TRUNC.  Only
# --sandbox holds it: Landlock gives the tree no write right on /proc.
DESC="/proc/PID/mem write into a sibling tracee's scratch mapping"
VOPTS=(--sandbox)
attack() {
	go "$ESC/scratch_flip" procmem "$CANARY/victim" "$CANARY/dir/inner"
}
