# a --hide directory: rename it out to a visible name, read that (hide_read.c).
DESC="read a --hide directory: rename it out to a visible name, read that"
BEFORE=held	# the pre-issue-12 binary has no --hide: exit 125
VOPTS=(--sandbox --hide "$CANARY/secretdir")
SECRET=hide-dir-secret-5e1c
setup() {
	mkdir -p "$CANARY/secretdir" "$CANARY/pub"
	printf '#!/bin/sh\necho %s\n' "$SECRET" >"$CANARY/secretdir/s"
	chmod 0755 "$CANARY/secretdir/s"
	ln -s "$CANARY/secretdir/s" "$CANARY/pub/la"
	ln -s ../secretdir/s "$CANARY/pub/lr"
	ln -s ../secretdir "$CANARY/pub/ld"
}
attack() { go "$ESC/hide_read" rename "$CANARY/secretdir/s" "$CANARY/stolen"; }
