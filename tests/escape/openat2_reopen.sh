# openat2 without RESOLVE flags is openat: a magic-link reopen copies up.
DESC="openat2(/proc/self/fd/N, O_WRONLY|O_TRUNC) of an O_RDONLY lower fd"
BEFORE=held	# openat2 returned ENOSYS
attack() { go "$ESC/openat2" reopen "$CANARY/victim"; }
