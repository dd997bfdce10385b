# openat2's walk in /proc keeps the guard on processes outside the tree.
DESC="write an outsider's memory through openat2(/proc/PID/mem, RESOLVE_NO_SYMLINKS)"
BEFORE=held	# openat2 returned ENOSYS
OUTSIDER=yes
attack() { go "$ESC/openat2" mem; }
