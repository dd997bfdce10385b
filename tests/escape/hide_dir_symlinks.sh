# a --hide directory: through symlinks of the lower into it (hide_read.c).
DESC="read a --hide directory: through symlinks of the lower into it"
BEFORE=held	# the pre-issue-12 binary has no --hide: exit 125
VOPTS=(--sandbox --hide "$CANARY/secretdir")
SECRET=hide-dir-secret-5e1c
MODES=(symabs symrel symdir)
setup() {
	mkdir -p "$CANARY/secretdir" "$CANARY/pub"
	printf '#!/bin/sh\necho %s\n' "$SECRET" >"$CANARY/secretdir/s"
	chmod 0755 "$CANARY/secretdir/s"
	ln -s "$CANARY/secretdir/s" "$CANARY/pub/la"
	ln -s ../secretdir/s "$CANARY/pub/lr"
	ln -s ../secretdir "$CANARY/pub/ld"
}
attack() {
	case $MODE in
	symabs) go "$ESC/hide_read" abs "$CANARY/secretdir/s" "$CANARY/pub/la" ;;
	symrel) go "$ESC/hide_read" abs "$CANARY/secretdir/s" "$CANARY/pub/lr" ;;
	symdir) go "$ESC/hide_read" abs "$CANARY/secretdir/s" "$CANARY/pub/ld/s" ;;
	esac
}
