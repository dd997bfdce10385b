# i386 path calls (int $0x80) from a real 32-bit static program and from
# a 64-bit one making the same calls (tests/clients/ov/i386fs.c, built by
# make into $CLIENTS): reads, a write that copies up (same inode number),
# stat, stat64, lstat64, fstatat64, chmod, truncate64, utimensat and
# utime with 32-bit times, chown32 and the 16-bit lchown, creat, mkdir,
# rename, unlink, symlink, readlink, the legacy getdents (i386 struct
# linux_dirent) of a merged directory, getdents64, rmdir, statfs,
# statfs64, AF_UNIX bind and connect through socketcall and direct.  The second client finds what the first one changed.  The
# listings' order is the file system's: the transcript is sorted.
. "$OVT/lib.sh"
{ "$CLIENTS/ov-i386fs-32" a.txt dir; echo "32-bit exit=$?"; } 2>&1 | sort
{ "$CLIENTS/ov-i386fs-64" b.txt dir; echo "64-bit exit=$?"; } 2>&1 | sort
st a.txt b.txt i386-dir i386-dir/moved dir/lnk i386-sock i386-sock2
mt a.txt b.txt i386-dir/moved
h a.txt b.txt i386-dir/moved
