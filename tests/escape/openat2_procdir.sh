# openat2 from a dirfd in /proc keeps the guard on processes outside the tree.
DESC="write an outsider's memory through openat2(dirfd of /proc/PID, mem, RESOLVE_BENEATH)"
BEFORE=held	# openat2 returned ENOSYS
OUTSIDER=yes
attack() { go "$ESC/openat2" procdir; }
