# The same ring set up through the i386 io_uring_setup (int $0x80).
DESC="io_uring OPENAT+WRITE of a lower file (i386 io_uring_setup)"
BEFORE=held	# the pre-issue binary refuses io_uring_setup (ENOSYS) already
VOPTS=(--sandbox)
attack() { go "$ESC/uring" i386 "$CANARY/victim"; }
