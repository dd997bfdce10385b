# /proc/self/fd/N of a lower file opened O_RDONLY, reopened for writing.
DESC="open(/proc/self/fd/N, O_WRONLY|O_TRUNC) of an O_RDONLY lower fd"
attack() { go "$ESC/reopen_fd" self rdonly write "$CANARY/victim"; }
