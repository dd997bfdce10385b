# A child reopens its parent's O_PATH fd through /proc/PPID/fd/N.
DESC="fallocate through /proc/PPID/fd/N of an O_PATH lower fd"
attack() { go "$ESC/reopen_fd" pid path fallocate "$CANARY/victim"; }
