# /dev/fd/N reopened O_RDWR, then a shared writable mapping.
DESC="mmap(MAP_SHARED, PROT_WRITE) through /dev/fd/N of an O_RDONLY fd"
attack() { go "$ESC/reopen_fd" devfd rdonly mmap "$CANARY/victim"; }
