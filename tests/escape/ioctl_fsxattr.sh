# FS_IOC_FSSETXATTR (FS_XFLAG_NOATIME) on an O_RDONLY fd of a lower file.
DESC="ioctl(FS_IOC_FSSETXATTR, +noatime) on an O_RDONLY fd of a lower file"
skip() { flags_skip; }
attack() { go "$ESC/ioctl_flags" fsx-noatime "$CANARY/victim"; }
judge() { upper_lacks_flag "$1" "$CANARY/victim" A; }
