# A user and mount namespace of the tree's own, then a write.
DESC="unshare(CLONE_NEWUSER|CLONE_NEWNS), then a write of a lower file"
BEFORE=held	# the pre-issue binary has no --sandbox
VOPTS=(--sandbox)
attack() { go "$ESC/userns" unshare "$CANARY/victim"; }
