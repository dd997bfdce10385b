# --ro-bind: chmod (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: chmod"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
attack() { go "$ESC/robind_write" chmod "$CANARY"; }
