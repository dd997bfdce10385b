# a --hide file: through symlinks of the lower into it (hide_read.c).
DESC="read a --hide file: through symlinks of the lower into it"
BEFORE=held	# the pre-issue-12 binary has no --hide: exit 125
VOPTS=(--sandbox --hide "$CANARY/secret")
SECRET=hide-file-secret-9b27
MODES=(symabs symrel)
setup() {
	mkdir -p "$CANARY/pub"
	printf '#!/bin/sh\necho %s\n' "$SECRET" >"$CANARY/secret"
	chmod 0755 "$CANARY/secret"
	ln -s "$CANARY/secret" "$CANARY/pub/la"
	ln -s ../secret "$CANARY/pub/lr"
}
attack() {
	case $MODE in
	symabs) go "$ESC/hide_read" abs "$CANARY/secret" "$CANARY/pub/la" ;;
	symrel) go "$ESC/hide_read" abs "$CANARY/secret" "$CANARY/pub/lr" ;;
	esac
}
