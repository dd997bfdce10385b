# openat2 with a RESOLVE flag opens the view's object: a write copies up.
DESC="openat2(lower file, O_WRONLY|O_TRUNC, RESOLVE_NO_MAGICLINKS) and a write"
BEFORE=held	# openat2 returned ENOSYS
attack() { go "$ESC/openat2" lower "$CANARY/victim"; }
