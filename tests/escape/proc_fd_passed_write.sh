# A path through /proc/self/passed resolves in the view, not on the host.
DESC="open O_WRONLY|O_TRUNC through /proc/self/fd/N of a dirfd received over a socket"
attack() { go "$ESC/proc_root" passed "$CANARY/victim"; }
