# FS_IOC_SETFLAGS (FS_NOATIME_FL) on an O_RDONLY fd of a lower directory.
DESC="ioctl(FS_IOC_SETFLAGS, +noatime) on an O_RDONLY fd of a lower directory"
skip() { flags_skip; }
attack() { go "$ESC/ioctl_flags" noatime "$CANARY/dir"; }
judge() { upper_lacks_flag "$1" "$CANARY/dir" A; }
