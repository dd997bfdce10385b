# --ro-bind: rename within it (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: rename within it"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
attack() { go "$ESC/robind_write" rename_within "$CANARY"; }
