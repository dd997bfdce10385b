# /proc/thread-self/fd/N reopened O_RDWR, then ftruncate.
DESC="ftruncate through /proc/thread-self/fd/N of an O_RDONLY lower fd"
attack() { go "$ESC/reopen_fd" thread rdonly ftruncate "$CANARY/victim"; }
