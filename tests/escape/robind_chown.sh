# --ro-bind: chown to its own owner (the ctime changes) (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: chown to its own owner (the ctime changes)"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
attack() { go "$ESC/robind_write" chown "$CANARY"; }
