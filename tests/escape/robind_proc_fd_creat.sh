# --ro-bind: open(/proc/self/fd/DIRFD/new, O_CREAT) (robind_write.c); natively (no bind) the canary changes.
DESC="write under --ro-bind: open(/proc/self/fd/DIRFD/new, O_CREAT)"
VOPTS=(--ro-bind "$CANARY" "$CANARY")
attack() { go "$ESC/robind_write" proc_fd_creat "$CANARY"; }
