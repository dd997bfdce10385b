# --ro-bind: rename a file out of it (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: rename a file out of it"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
setup() { rm -f "$WORK/robind-stolen"; }
attack() { go "$ESC/robind_write" rename_out "$CANARY" "$WORK/robind-stolen"; }
