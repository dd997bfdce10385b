# The same from a child made with clone's namespace flags.
DESC="clone(CLONE_NEWUSER|CLONE_NEWNS) child writes a lower file"
BEFORE=held	# the pre-issue binary has no --sandbox
VOPTS=(--sandbox)
attack() { go "$ESC/userns" clone "$CANARY/victim"; }
