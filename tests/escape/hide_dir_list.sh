# a --hide directory: list it (the secret is a name in it) (hide_read.c).
DESC="read a --hide directory: list it (the secret is a name in it)"
BEFORE=held	# the pre-issue-12 binary has no --hide: exit 125
VOPTS=(--sandbox --hide "$CANARY/secretdir")
SECRET=hide-dir-secret-5e1c
setup() {
	mkdir -p "$CANARY/secretdir"
	echo x >"$CANARY/secretdir/$SECRET"
}
attack() { go "$ESC/hide_read" list "$CANARY/secretdir"; }
