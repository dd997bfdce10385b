# --ro-bind: openat(dirfd, O_WRONLY|O_TRUNC) (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: openat(dirfd, O_WRONLY|O_TRUNC)"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
attack() { go "$ESC/robind_write" openat_fd "$CANARY"; }
