# FS_IOC_SETFLAGS (FS_NODUMP_FL) on an O_RDONLY fd of a lower file the
# user owns: copied up, the flag lands on the copy.
DESC="ioctl(FS_IOC_SETFLAGS, +nodump) on an O_RDONLY fd of a lower file"
skip() { flags_skip; }
attack() { go "$ESC/ioctl_flags" nodump "$CANARY/victim"; }
judge() { upper_lacks_flag "$1" "$CANARY/victim" d; }
