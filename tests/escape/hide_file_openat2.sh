# a --hide file: openat2 with each RESOLVE_* flag (hide_read.c).
DESC="read a --hide file: openat2 with each RESOLVE_* flag"
BEFORE=held	# the pre-issue-12 binary has no --hide: exit 125
VOPTS=(--sandbox --hide "$CANARY/secret")
SECRET=hide-file-secret-9b27
MODES=(openat2_none openat2_no_symlinks openat2_no_magiclinks openat2_no_xdev openat2_beneath openat2_in_root openat2_cached)
setup() {
	mkdir -p "$CANARY/pub"
	printf '#!/bin/sh\necho %s\n' "$SECRET" >"$CANARY/secret"
	chmod 0755 "$CANARY/secret"
	ln -s "$CANARY/secret" "$CANARY/pub/la"
	ln -s ../secret "$CANARY/pub/lr"
}
attack() { go "$ESC/hide_read" "$MODE" "$CANARY/secret"; }
