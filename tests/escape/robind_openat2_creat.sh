# --ro-bind: openat2(O_CREAT, RESOLVE_BENEATH) from an O_PATH dirfd (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: openat2(O_CREAT, RESOLVE_BENEATH) from an O_PATH dirfd"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
attack() { go "$ESC/robind_write" openat2_creat "$CANARY"; }
