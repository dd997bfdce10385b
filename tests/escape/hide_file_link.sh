# a --hide file: link it to a visible name, read that (hide_read.c).
DESC="read a --hide file: link it to a visible name, read that"
BEFORE=held	# the pre-issue-12 binary has no --hide: exit 125
VOPTS=(--sandbox --hide "$CANARY/secret")
SECRET=hide-file-secret-9b27
setup() {
	mkdir -p "$CANARY/pub"
	printf '#!/bin/sh\necho %s\n' "$SECRET" >"$CANARY/secret"
	chmod 0755 "$CANARY/secret"
	ln -s "$CANARY/secret" "$CANARY/pub/la"
	ln -s ../secret "$CANARY/pub/lr"
}
attack() { go "$ESC/hide_read" link "$CANARY/secret" "$CANARY/stolen"; }
