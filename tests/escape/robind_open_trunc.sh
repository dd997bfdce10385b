# --ro-bind: open(O_RDONLY|O_TRUNC) (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: open(O_RDONLY|O_TRUNC)"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
attack() { go "$ESC/robind_write" open_trunc "$CANARY"; }
