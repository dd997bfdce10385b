# --ro-bind: removexattr user.* (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: removexattr user.*"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
skip() {
	: >"$WORK/xattr-probe"
	python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.t", b"1")' \
		"$WORK/xattr-probe" 2>/dev/null && return 1
	echo "no user xattrs on the filesystem of $WORK"
}
setup() {
	python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.keep", b"1")' \
		"$CANARY/victim"
}
attack() { go "$ESC/robind_write" removexattr "$CANARY"; }
