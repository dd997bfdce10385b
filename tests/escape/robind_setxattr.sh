# --ro-bind: setxattr user.* (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: setxattr user.*"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
skip() {
	: >"$WORK/xattr-probe"
	python3 -c 'import os, sys; os.setxattr(sys.argv[1], "user.t", b"1")' \
		"$WORK/xattr-probe" 2>/dev/null && return 1
	echo "no user xattrs on the filesystem of $WORK"
}
attack() { go "$ESC/robind_write" setxattr "$CANARY"; }
