# io_uring's IORING_OP_OPENAT and IORING_OP_WRITE on a lower file: no
# seccomp, no ptrace on the way; --sandbox refuses io_uring_setup.
DESC="io_uring OPENAT+WRITE of a lower file (native io_uring_setup)"
BEFORE=held	# the pre-issue binary refuses io_uring_setup (ENOSYS) already
VOPTS=(--sandbox)
attack() { go "$ESC/uring" native "$CANARY/victim"; }
