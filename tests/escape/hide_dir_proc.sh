# a --hide directory: /proc/self/root, /proc/self/cwd after chdir, /proc/self/fd/N of a dirfd (hide_read.c).
DESC="read a --hide directory: /proc/self/root, /proc/self/cwd after chdir, /proc/self/fd/N of a dirfd"
BEFORE=held	# the pre-issue-12 binary has no --hide: exit 125
VOPTS=(--sandbox --hide "$CANARY/secretdir")
SECRET=hide-dir-secret-5e1c
MODES=(proc_root proc_cwd proc_cwd_in proc_fd proc_fd_dir)
setup() {
	mkdir -p "$CANARY/secretdir" "$CANARY/pub"
	printf '#!/bin/sh\necho %s\n' "$SECRET" >"$CANARY/secretdir/s"
	chmod 0755 "$CANARY/secretdir/s"
	ln -s "$CANARY/secretdir/s" "$CANARY/pub/la"
	ln -s ../secretdir/s "$CANARY/pub/lr"
	ln -s ../secretdir "$CANARY/pub/ld"
}
attack() { go "$ESC/hide_read" "$MODE" "$CANARY/secretdir/s"; }
