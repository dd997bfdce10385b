# a --hide directory: openat2 with each RESOLVE_* flag (hide_read.c).
DESC="read a --hide directory: openat2 with each RESOLVE_* flag"
BEFORE=held	# the pre-issue-12 binary has no --hide: exit 125
VOPTS=(--sandbox --hide "$CANARY/secretdir")
SECRET=hide-dir-secret-5e1c
MODES=(openat2_none openat2_no_symlinks openat2_no_magiclinks openat2_no_xdev openat2_beneath openat2_in_root openat2_cached)
setup() {
	mkdir -p "$CANARY/secretdir" "$CANARY/pub"
	printf '#!/bin/sh\necho %s\n' "$SECRET" >"$CANARY/secretdir/s"
	chmod 0755 "$CANARY/secretdir/s"
	ln -s "$CANARY/secretdir/s" "$CANARY/pub/la"
	ln -s ../secretdir/s "$CANARY/pub/lr"
	ln -s ../secretdir "$CANARY/pub/ld"
}
attack() { go "$ESC/hide_read" "$MODE" "$CANARY/secretdir/s"; }
