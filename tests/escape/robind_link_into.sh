# --ro-bind: link a file from outside into it (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: link a file from outside into it"
BEFORE=held	# the pre-issue-12 binary held too: kept as a route of the issue
VOPTS=(--ro-bind "$CANARY" "$CANARY")
setup() { echo outside >"$WORK/robind-outside"; }
attack() { go "$ESC/robind_write" link_into "$CANARY" "$WORK/robind-outside"; }
