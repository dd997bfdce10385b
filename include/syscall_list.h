/* SPDX-License-Identifier: MIT */
/*
 * The one syscall table of vfstrace, arch-neutral.
 *
 * Every row names a syscall that takes a path (or, for getdents64, fchdir
 * and the fd-based metadata calls, an fd whose path matters) and says how
 * to decode its arguments and what kind of file access it is.  The same
 * rows drive the seccomp filter (supervisor/filter.c), argument decoding
 * (supervisor/decode.c), the trace printer (supervisor/trace.c) and the
 * handlers.  Per-arch numbers live in arch/<arch>/syscallent*.h; a row an
 * ABI has no number for is simply absent there.
 *
 * SC(id, printed name, nargs, class bits, flags, arg0 .. arg5)
 *
 * Argument kinds are enum arg_kind in sysent.h.  A PATH argument is
 * relative to the DIRFD argument directly before it, if there is one,
 * else to the cwd.  The class bits (C_*) are what `-e trace=` filters on;
 * for open-like calls the class also depends on the flags at run time.
 *
 * Included several times with different SC() definitions: no guard.
 */
/* opening */
SC(open, "open", 3, C_OPEN, 0, PATH, OFLAGS, MODE, NONE, NONE, NONE)
SC(creat, "creat", 2, C_WRITE | C_CREATE, 0, PATH, MODE, NONE, NONE, NONE, NONE)
SC(openat, "openat", 4, C_OPEN, 0, DIRFD, PATH, OFLAGS, MODE, NONE, NONE)
SC(openat2, "openat2", 4, C_OPEN, 0, DIRFD, PATH, OPENHOW, SIZE, NONE, NONE)
/* stat family */
SC(stat, "stat", 2, C_STAT, 0, PATH, PTR, NONE, NONE, NONE, NONE)
SC(lstat, "lstat", 2, C_STAT, SF_NOFOLLOW, PATH, PTR, NONE, NONE, NONE, NONE)
SC(oldstat, "oldstat", 2, C_STAT, 0, PATH, PTR, NONE, NONE, NONE, NONE)
SC(oldlstat, "oldlstat", 2, C_STAT, SF_NOFOLLOW, PATH, PTR, NONE, NONE, NONE, NONE)
SC(stat64, "stat64", 2, C_STAT, 0, PATH, PTR, NONE, NONE, NONE, NONE)
SC(lstat64, "lstat64", 2, C_STAT, SF_NOFOLLOW, PATH, PTR, NONE, NONE, NONE, NONE)
SC(newfstatat, "newfstatat", 4, C_STAT, 0, DIRFD, PATH, PTR, ATFLAGS, NONE, NONE)
SC(fstatat64, "fstatat64", 4, C_STAT, 0, DIRFD, PATH, PTR, ATFLAGS, NONE, NONE)
SC(statx, "statx", 5, C_STAT, 0, DIRFD, PATH, ATFLAGS, HEX, PTR, NONE)
SC(access, "access", 2, C_STAT, 0, PATH, AMODE, NONE, NONE, NONE, NONE)
SC(faccessat, "faccessat", 3, C_STAT, 0, DIRFD, PATH, AMODE, NONE, NONE, NONE)
SC(faccessat2, "faccessat2", 4, C_STAT, 0, DIRFD, PATH, AMODE, ATFLAGS, NONE, NONE)
SC(statfs, "statfs", 2, C_STAT, 0, PATH, PTR, NONE, NONE, NONE, NONE)
SC(statfs64, "statfs64", 3, C_STAT, 0, PATH, SIZE, PTR, NONE, NONE, NONE)
SC(readlink, "readlink", 3, C_READ, SF_NOFOLLOW, PATH, OUTSTR, SIZE, NONE, NONE, NONE)
SC(readlinkat, "readlinkat", 4, C_READ, SF_NOFOLLOW, DIRFD, PATH, OUTSTR, SIZE, NONE, NONE)
SC(name_to_handle_at, "name_to_handle_at", 5, C_STAT, 0, DIRFD, PATH, PTR, PTR, ATFLAGS, NONE)
SC(inotify_add_watch, "inotify_add_watch", 3, C_STAT, 0, FD, PATH, HEX, NONE, NONE, NONE)
SC(fanotify_mark, "fanotify_mark", 5, C_STAT, 0, FD, HEX, HEX, DIRFD, PATH, NONE)
SC(fanotify_mark32, "fanotify_mark", 6, C_STAT, 0, FD, HEX, HEX, HEX, DIRFD, PATH)
/* creating and deleting */
SC(mkdir, "mkdir", 2, C_CREATE | C_DIR, 0, PATH, MODE, NONE, NONE, NONE, NONE)
SC(mkdirat, "mkdirat", 3, C_CREATE | C_DIR, 0, DIRFD, PATH, MODE, NONE, NONE, NONE)
SC(mknod, "mknod", 3, C_CREATE, SF_NOFOLLOW, PATH, MODE, DEV, NONE, NONE, NONE)
SC(mknodat, "mknodat", 4, C_CREATE, SF_NOFOLLOW, DIRFD, PATH, MODE, DEV, NONE, NONE)
SC(rmdir, "rmdir", 1, C_DELETE | C_DIR, SF_NOFOLLOW, PATH, NONE, NONE, NONE, NONE, NONE)
SC(unlink, "unlink", 1, C_DELETE, SF_NOFOLLOW, PATH, NONE, NONE, NONE, NONE, NONE)
SC(unlinkat, "unlinkat", 3, C_DELETE, SF_NOFOLLOW, DIRFD, PATH, ATFLAGS, NONE, NONE, NONE)
SC(rename, "rename", 2, C_RENAME, SF_NOFOLLOW, PATH, PATH, NONE, NONE, NONE, NONE)
SC(renameat, "renameat", 4, C_RENAME, SF_NOFOLLOW, DIRFD, PATH, DIRFD, PATH, NONE, NONE)
SC(renameat2, "renameat2", 5, C_RENAME, SF_NOFOLLOW, DIRFD, PATH, DIRFD, PATH, RENFLAGS, NONE)
SC(link, "link", 2, C_CREATE, SF_NOFOLLOW, PATH, PATH, NONE, NONE, NONE, NONE)
SC(linkat, "linkat", 5, C_CREATE, SF_NOFOLLOW, DIRFD, PATH, DIRFD, PATH, ATFLAGS, NONE)
SC(symlink, "symlink", 2, C_CREATE, SF_NOFOLLOW, STR, PATH, NONE, NONE, NONE, NONE)
SC(symlinkat, "symlinkat", 3, C_CREATE, SF_NOFOLLOW, STR, DIRFD, PATH, NONE, NONE, NONE)
/* metadata changes */
SC(chmod, "chmod", 2, C_META, 0, PATH, MODE, NONE, NONE, NONE, NONE)
SC(fchmodat, "fchmodat", 3, C_META, 0, DIRFD, PATH, MODE, NONE, NONE, NONE)
SC(fchmodat2, "fchmodat2", 4, C_META, 0, DIRFD, PATH, MODE, ATFLAGS, NONE, NONE)
SC(chown, "chown", 3, C_META, 0, PATH, UID, GID, NONE, NONE, NONE)
SC(chown32, "chown32", 3, C_META, 0, PATH, UID, GID, NONE, NONE, NONE)
SC(lchown, "lchown", 3, C_META, SF_NOFOLLOW, PATH, UID, GID, NONE, NONE, NONE)
SC(lchown32, "lchown32", 3, C_META, SF_NOFOLLOW, PATH, UID, GID, NONE, NONE, NONE)
SC(fchownat, "fchownat", 5, C_META, 0, DIRFD, PATH, UID, GID, ATFLAGS, NONE)
SC(utime, "utime", 2, C_META, 0, PATH, PTR, NONE, NONE, NONE, NONE)
SC(utimes, "utimes", 2, C_META, 0, PATH, PTR, NONE, NONE, NONE, NONE)
SC(futimesat, "futimesat", 3, C_META, 0, DIRFD, PATH, PTR, NONE, NONE, NONE)
SC(utimensat, "utimensat", 4, C_META, SF_NULLPATH, DIRFD, PATH, PTR, ATFLAGS, NONE, NONE)
SC(truncate, "truncate", 2, C_WRITE, 0, PATH, INT, NONE, NONE, NONE, NONE)
SC(truncate64, "truncate64", 3, C_WRITE, 0, PATH, INT, INT, NONE, NONE, NONE)
SC(setxattr, "setxattr", 5, C_META, 0, PATH, STR, PTR, SIZE, XATTRFLAGS, NONE)
SC(lsetxattr, "lsetxattr", 5, C_META, SF_NOFOLLOW, PATH, STR, PTR, SIZE, XATTRFLAGS, NONE)
SC(getxattr, "getxattr", 4, C_READ, 0, PATH, STR, PTR, SIZE, NONE, NONE)
SC(lgetxattr, "lgetxattr", 4, C_READ, SF_NOFOLLOW, PATH, STR, PTR, SIZE, NONE, NONE)
SC(listxattr, "listxattr", 3, C_READ, 0, PATH, PTR, SIZE, NONE, NONE, NONE)
SC(llistxattr, "llistxattr", 3, C_READ, SF_NOFOLLOW, PATH, PTR, SIZE, NONE, NONE, NONE)
SC(removexattr, "removexattr", 2, C_META, 0, PATH, STR, NONE, NONE, NONE, NONE)
SC(lremovexattr, "lremovexattr", 2, C_META, SF_NOFOLLOW, PATH, STR, NONE, NONE, NONE, NONE)
SC(setxattrat, "setxattrat", 6, C_META, 0, DIRFD, PATH, ATFLAGS, STR, PTR, SIZE)
SC(getxattrat, "getxattrat", 6, C_READ, 0, DIRFD, PATH, ATFLAGS, STR, PTR, SIZE)
SC(listxattrat, "listxattrat", 5, C_READ, 0, DIRFD, PATH, ATFLAGS, PTR, SIZE, NONE)
SC(removexattrat, "removexattrat", 4, C_META, 0, DIRFD, PATH, ATFLAGS, STR, NONE, NONE)
SC(file_getattr, "file_getattr", 5, C_STAT, 0, DIRFD, PATH, PTR, SIZE, ATFLAGS, NONE)
SC(file_setattr, "file_setattr", 5, C_META, 0, DIRFD, PATH, PTR, SIZE, ATFLAGS, NONE)
/* directories and the process's view */
SC(chdir, "chdir", 1, C_DIR, SF_CWD, PATH, NONE, NONE, NONE, NONE, NONE)
SC(fchdir, "fchdir", 1, C_DIR, SF_CWD, FD, NONE, NONE, NONE, NONE, NONE)
SC(getcwd, "getcwd", 2, C_DIR, 0, OUTSTR, SIZE, NONE, NONE, NONE, NONE)
SC(getdents64, "getdents64", 3, C_DIR | C_READ, 0, FD, PTR, SIZE, NONE, NONE, NONE)
SC(chroot, "chroot", 1, C_DIR, 0, PATH, NONE, NONE, NONE, NONE, NONE)
/* execution */
SC(execve, "execve", 3, C_EXEC, SF_EXEC, PATH, ARGV, PTR, NONE, NONE, NONE)
SC(execveat, "execveat", 5, C_EXEC, SF_EXEC, DIRFD, PATH, ARGV, PTR, ATFLAGS, NONE)
SC(uselib, "uselib", 1, C_EXEC, 0, PATH, NONE, NONE, NONE, NONE, NONE)
/* sockets: only AF_UNIX addresses carry paths */
SC(bind, "bind", 3, C_CREATE, SF_SOCK, FD, SOCKADDR, SIZE, NONE, NONE, NONE)
SC(connect, "connect", 3, C_READ, SF_SOCK, FD, SOCKADDR, SIZE, NONE, NONE, NONE)
SC(socketcall, "socketcall", 2, 0, SF_SOCK, SOCKCALL, PTR, NONE, NONE, NONE, NONE)
/* administration: fail without privileges, traced all the same */
SC(mount, "mount", 5, C_META, 0, STR, PATH, STR, MNTFLAGS, PTR, NONE)
SC(umount, "umount", 1, C_META, 0, PATH, NONE, NONE, NONE, NONE, NONE)
SC(umount2, "umount2", 2, C_META, 0, PATH, UMNTFLAGS, NONE, NONE, NONE, NONE)
SC(pivot_root, "pivot_root", 2, C_META, 0, PATH, PATH, NONE, NONE, NONE, NONE)
SC(swapon, "swapon", 2, C_META, 0, PATH, HEX, NONE, NONE, NONE, NONE)
SC(swapoff, "swapoff", 1, C_META, 0, PATH, NONE, NONE, NONE, NONE, NONE)
SC(acct, "acct", 1, C_WRITE, SF_NULLPATH, PATH, NONE, NONE, NONE, NONE, NONE)
SC(quotactl, "quotactl", 4, C_META, SF_NULLPATH, HEX, PATH, INT, PTR, NONE, NONE)
SC(open_tree, "open_tree", 3, C_STAT, 0, DIRFD, PATH, HEX, NONE, NONE, NONE)
SC(open_tree_attr, "open_tree_attr", 5, C_STAT, 0, DIRFD, PATH, HEX, PTR, SIZE, NONE)
SC(move_mount, "move_mount", 5, C_META, 0, DIRFD, PATH, DIRFD, PATH, HEX, NONE)
SC(fspick, "fspick", 3, C_STAT, 0, DIRFD, PATH, HEX, NONE, NONE, NONE)
SC(mount_setattr, "mount_setattr", 5, C_META, 0, DIRFD, PATH, ATFLAGS, PTR, SIZE, NONE)
/*
 * Overlay mode only (SF_OVERLAY): fd-based changes that must not reach a
 * lower file, and the calls that change what the view must know of the
 * caller (credentials, umask).
 */
SC(fchmod, "fchmod", 2, C_META, SF_OVERLAY, FD, MODE, NONE, NONE, NONE, NONE)
SC(fchown, "fchown", 3, C_META, SF_OVERLAY, FD, UID, GID, NONE, NONE, NONE)
SC(fsetxattr, "fsetxattr", 5, C_META, SF_OVERLAY, FD, STR, PTR, SIZE, XATTRFLAGS, NONE)
SC(fremovexattr, "fremovexattr", 2, C_META, SF_OVERLAY, FD, STR, NONE, NONE, NONE, NONE)
SC(ftruncate, "ftruncate", 2, C_WRITE, SF_OVERLAY, FD, INT, NONE, NONE, NONE, NONE)
SC(fallocate, "fallocate", 4, C_WRITE, SF_OVERLAY, FD, HEX, INT, INT, NONE, NONE)
SC(getsockname, "getsockname", 3, 0, SF_OVERLAY | SF_SOCK, FD, PTR, PTR, NONE, NONE, NONE)
SC(getpeername, "getpeername", 3, 0, SF_OVERLAY | SF_SOCK, FD, PTR, PTR, NONE, NONE, NONE)
SC(umask, "umask", 1, 0, SF_OVERLAY | SF_CREDS, MODE, NONE, NONE, NONE, NONE, NONE)
SC(setuid, "setuid", 1, 0, SF_OVERLAY | SF_CREDS, UID, NONE, NONE, NONE, NONE, NONE)
SC(setgid, "setgid", 1, 0, SF_OVERLAY | SF_CREDS, GID, NONE, NONE, NONE, NONE, NONE)
SC(setreuid, "setreuid", 2, 0, SF_OVERLAY | SF_CREDS, UID, UID, NONE, NONE, NONE, NONE)
SC(setregid, "setregid", 2, 0, SF_OVERLAY | SF_CREDS, GID, GID, NONE, NONE, NONE, NONE)
SC(setresuid, "setresuid", 3, 0, SF_OVERLAY | SF_CREDS, UID, UID, UID, NONE, NONE, NONE)
SC(setresgid, "setresgid", 3, 0, SF_OVERLAY | SF_CREDS, GID, GID, GID, NONE, NONE, NONE)
SC(setfsuid, "setfsuid", 1, 0, SF_OVERLAY | SF_CREDS, UID, NONE, NONE, NONE, NONE, NONE)
SC(setfsgid, "setfsgid", 1, 0, SF_OVERLAY | SF_CREDS, GID, NONE, NONE, NONE, NONE, NONE)
SC(setgroups, "setgroups", 2, 0, SF_OVERLAY | SF_CREDS, SIZE, PTR, NONE, NONE, NONE, NONE)
/* refused: its file operations would bypass seccomp and ptrace */
SC(io_uring_setup, "io_uring_setup", 2, 0, SF_REFUSE, INT, PTR, NONE, NONE, NONE, NONE)
