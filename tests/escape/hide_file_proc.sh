# a --hide file: /proc/self/root, /proc/self/cwd after chdir, /proc/self/fd/N of a dirfd (hide_read.c).
DESC="read a --hide file: /proc/self/root, /proc/self/cwd after chdir, /proc/self/fd/N of a dirfd"
BEFORE=held	# the pre-issue-12 binary has no --hide: exit 125
VOPTS=(--sandbox --hide "$CANARY/secret")
SECRET=hide-file-secret-9b27
MODES=(proc_root proc_cwd proc_cwd_in proc_fd proc_fd_dir)
setup() {
	mkdir -p "$CANARY/pub"
	printf '#!/bin/sh\necho %s\n' "$SECRET" >"$CANARY/secret"
	chmod 0755 "$CANARY/secret"
	ln -s "$CANARY/secret" "$CANARY/pub/la"
	ln -s ../secret "$CANARY/pub/lr"
}
attack() { go "$ESC/hide_read" "$MODE" "$CANARY/secret"; }
