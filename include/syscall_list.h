/* SPDX-License-Identifier: MIT */
/*
 * The one syscall table of vfstrace, arch-neutral.
 *
 * Every row names a syscall that vfstrace may trap: one that takes a path
 * (or, for getdents64, fchdir and the fd-based metadata calls, an fd whose
 * path matters), or one without a path that a mode must see (credentials,
 * and the rows at the end that later modes decide).  A row says how to
 * decode its arguments, what kind of file access it is, and, one column
 * per mode, how that mode handles it.  The same rows drive the seccomp
 * filter (supervisor/filter.c: a row is trapped in a mode unless its
 * column says NOTRAP), argument decoding (supervisor/decode.c), the trace
 * printer (supervisor/trace.c) and the handlers (supervisor/overlay.c).
 * Per-arch numbers live in arch/<arch>/syscallent*.h; a row an ABI has no
 * number for is simply absent there.
 *
 * SC(id, printed name, nargs, class bits, flags, arg0 .. arg5,
 *    trace mode, overlay mode)
 *
 * Argument kinds are enum arg_kind in sysent.h.  A PATH argument is
 * relative to the DIRFD argument directly before it, if there is one,
 * else to the cwd.  The class bits (C_*) are what `-e trace=` filters on;
 * for open-like calls the class also depends on the flags at run time.
 *
 * The mode columns are decisions (enum handling in sysent.h, spelled as
 * in arch/common/decisions.h): NOTRAP (not trapped in that mode), LOG
 * (trace mode: decoded and logged with its result), PASS("why") (trapped,
 * run by the kernel as it is, for the reason given), REFUSE(errno)
 * (skipped with -errno, logged as refused), PRIVILEGED (what an
 * unprivileged caller gets: EPERM, or ENOSYS for root), I386_ONLY (a row
 * only the i386 ABI has, whose layouts overlay mode does not translate:
 * ENOSYS), REFUSE_IF(errno) (only the calls matching the row's argument
 * rules, arch/common/guard.c, are trapped and refused), INTREE(errno)
 * (passed when the pid argument is a process of the tree, else refused),
 * or the overlay handler families: LOOKUP, OPEN, MODIFY, EXEC, CHDIR,
 * GETCWD, FDMETA, GETDENTS, SOCKET, SOCKNAME, CREDS, IOCTL, and DUMPABLE
 * (both modes: prctl's dumpable options emulated).  A row without a
 * decision in every column does not build (the macro takes them all),
 * and tests/unit/test_sysent.c walks every row, ABI and column for
 * decisions that do not fit the row.  A row's decision holds for every
 * ABI that has a number for it: the handlers write results in the layout
 * of the call's ABI (struct abi; i386: supervisor/overlay_compat.c).
 *
 * Included several times with different SC() definitions: no guard.
 */
/* opening */
SC(open, "open", 3, C_OPEN, 0, PATH, OFLAGS, MODE, NONE, NONE, NONE,
   LOG, OPEN)
SC(creat, "creat", 2, C_WRITE | C_CREATE, 0, PATH, MODE, NONE, NONE, NONE, NONE,
   LOG, OPEN)
SC(openat, "openat", 4, C_OPEN, 0, DIRFD, PATH, OFLAGS, MODE, NONE, NONE,
   LOG, OPEN)
SC(openat2, "openat2", 4, C_OPEN, 0, DIRFD, PATH, OPENHOW, SIZE, NONE, NONE,
   LOG, OPEN)
/* stat family */
SC(stat, "stat", 2, C_STAT, 0, PATH, PTR, NONE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(lstat, "lstat", 2, C_STAT, SF_NOFOLLOW, PATH, PTR, NONE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(oldstat, "oldstat", 2, C_STAT, 0, PATH, PTR, NONE, NONE, NONE, NONE,
   LOG, I386_ONLY)
SC(oldlstat, "oldlstat", 2, C_STAT, SF_NOFOLLOW, PATH, PTR, NONE, NONE, NONE, NONE,
   LOG, I386_ONLY)
SC(stat64, "stat64", 2, C_STAT, 0, PATH, PTR, NONE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(lstat64, "lstat64", 2, C_STAT, SF_NOFOLLOW, PATH, PTR, NONE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(newfstatat, "newfstatat", 4, C_STAT, 0, DIRFD, PATH, PTR, ATFLAGS, NONE, NONE,
   LOG, LOOKUP)
SC(fstatat64, "fstatat64", 4, C_STAT, 0, DIRFD, PATH, PTR, ATFLAGS, NONE, NONE,
   LOG, LOOKUP)
SC(statx, "statx", 5, C_STAT, 0, DIRFD, PATH, ATFLAGS, HEX, PTR, NONE,
   LOG, LOOKUP)
SC(access, "access", 2, C_STAT, 0, PATH, AMODE, NONE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(faccessat, "faccessat", 3, C_STAT, 0, DIRFD, PATH, AMODE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(faccessat2, "faccessat2", 4, C_STAT, 0, DIRFD, PATH, AMODE, ATFLAGS, NONE, NONE,
   LOG, LOOKUP)
SC(statfs, "statfs", 2, C_STAT, 0, PATH, PTR, NONE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(statfs64, "statfs64", 3, C_STAT, 0, PATH, SIZE, PTR, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(readlink, "readlink", 3, C_READ, SF_NOFOLLOW, PATH, OUTSTR, SIZE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(readlinkat, "readlinkat", 4, C_READ, SF_NOFOLLOW, DIRFD, PATH, OUTSTR, SIZE, NONE, NONE,
   LOG, LOOKUP)
SC(name_to_handle_at, "name_to_handle_at", 5, C_STAT, 0, DIRFD, PATH, PTR, PTR, ATFLAGS, NONE,
   LOG, LOOKUP)
SC(inotify_add_watch, "inotify_add_watch", 3, C_STAT, 0, FD, PATH, HEX, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(fanotify_mark, "fanotify_mark", 5, C_STAT, 0, FD, HEX, HEX, DIRFD, PATH, NONE,
   LOG, LOOKUP)
SC(fanotify_mark32, "fanotify_mark", 6, C_STAT, 0, FD, HEX, HEX, HEX, DIRFD, PATH,
   LOG, I386_ONLY)
/* creating and deleting */
SC(mkdir, "mkdir", 2, C_CREATE | C_DIR, 0, PATH, MODE, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(mkdirat, "mkdirat", 3, C_CREATE | C_DIR, 0, DIRFD, PATH, MODE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(mknod, "mknod", 3, C_CREATE, SF_NOFOLLOW, PATH, MODE, DEV, NONE, NONE, NONE,
   LOG, MODIFY)
SC(mknodat, "mknodat", 4, C_CREATE, SF_NOFOLLOW, DIRFD, PATH, MODE, DEV, NONE, NONE,
   LOG, MODIFY)
SC(rmdir, "rmdir", 1, C_DELETE | C_DIR, SF_NOFOLLOW, PATH, NONE, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(unlink, "unlink", 1, C_DELETE, SF_NOFOLLOW, PATH, NONE, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(unlinkat, "unlinkat", 3, C_DELETE, SF_NOFOLLOW, DIRFD, PATH, ATFLAGS, NONE, NONE, NONE,
   LOG, MODIFY)
SC(rename, "rename", 2, C_RENAME, SF_NOFOLLOW, PATH, PATH, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(renameat, "renameat", 4, C_RENAME, SF_NOFOLLOW, DIRFD, PATH, DIRFD, PATH, NONE, NONE,
   LOG, MODIFY)
SC(renameat2, "renameat2", 5, C_RENAME, SF_NOFOLLOW, DIRFD, PATH, DIRFD, PATH, RENFLAGS, NONE,
   LOG, MODIFY)
SC(link, "link", 2, C_CREATE, SF_NOFOLLOW, PATH, PATH, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(linkat, "linkat", 5, C_CREATE, SF_NOFOLLOW, DIRFD, PATH, DIRFD, PATH, ATFLAGS, NONE,
   LOG, MODIFY)
SC(symlink, "symlink", 2, C_CREATE, SF_NOFOLLOW, STR, PATH, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(symlinkat, "symlinkat", 3, C_CREATE, SF_NOFOLLOW, STR, DIRFD, PATH, NONE, NONE, NONE,
   LOG, MODIFY)
/* metadata changes */
SC(chmod, "chmod", 2, C_META, 0, PATH, MODE, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(fchmodat, "fchmodat", 3, C_META, 0, DIRFD, PATH, MODE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(fchmodat2, "fchmodat2", 4, C_META, 0, DIRFD, PATH, MODE, ATFLAGS, NONE, NONE,
   LOG, MODIFY)
SC(chown, "chown", 3, C_META, 0, PATH, UID, GID, NONE, NONE, NONE,
   LOG, MODIFY)
SC(chown32, "chown32", 3, C_META, 0, PATH, UID, GID, NONE, NONE, NONE,
   LOG, MODIFY)
SC(lchown, "lchown", 3, C_META, SF_NOFOLLOW, PATH, UID, GID, NONE, NONE, NONE,
   LOG, MODIFY)
SC(lchown32, "lchown32", 3, C_META, SF_NOFOLLOW, PATH, UID, GID, NONE, NONE, NONE,
   LOG, MODIFY)
SC(fchownat, "fchownat", 5, C_META, 0, DIRFD, PATH, UID, GID, ATFLAGS, NONE,
   LOG, MODIFY)
SC(utime, "utime", 2, C_META, 0, PATH, PTR, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(utimes, "utimes", 2, C_META, 0, PATH, PTR, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(futimesat, "futimesat", 3, C_META, 0, DIRFD, PATH, PTR, NONE, NONE, NONE,
   LOG, MODIFY)
SC(utimensat, "utimensat", 4, C_META, SF_NULLPATH, DIRFD, PATH, PTR, ATFLAGS, NONE, NONE,
   LOG, MODIFY)
SC(utimensat_time64, "utimensat_time64", 4, C_META, SF_NULLPATH, DIRFD, PATH, PTR, ATFLAGS, NONE, NONE,
   LOG, MODIFY)
SC(truncate, "truncate", 2, C_WRITE, 0, PATH, INT, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(truncate64, "truncate64", 3, C_WRITE, 0, PATH, INT, INT, NONE, NONE, NONE,
   LOG, MODIFY)
SC(setxattr, "setxattr", 5, C_META, 0, PATH, STR, PTR, SIZE, XATTRFLAGS, NONE,
   LOG, MODIFY)
SC(lsetxattr, "lsetxattr", 5, C_META, SF_NOFOLLOW, PATH, STR, PTR, SIZE, XATTRFLAGS, NONE,
   LOG, MODIFY)
SC(getxattr, "getxattr", 4, C_READ, 0, PATH, STR, PTR, SIZE, NONE, NONE,
   LOG, LOOKUP)
SC(lgetxattr, "lgetxattr", 4, C_READ, SF_NOFOLLOW, PATH, STR, PTR, SIZE, NONE, NONE,
   LOG, LOOKUP)
SC(listxattr, "listxattr", 3, C_READ, 0, PATH, PTR, SIZE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(llistxattr, "llistxattr", 3, C_READ, SF_NOFOLLOW, PATH, PTR, SIZE, NONE, NONE, NONE,
   LOG, LOOKUP)
SC(removexattr, "removexattr", 2, C_META, 0, PATH, STR, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(lremovexattr, "lremovexattr", 2, C_META, SF_NOFOLLOW, PATH, STR, NONE, NONE, NONE, NONE,
   LOG, MODIFY)
SC(setxattrat, "setxattrat", 6, C_META, 0, DIRFD, PATH, ATFLAGS, STR, PTR, SIZE,
   LOG, REFUSE(ENOSYS))
SC(getxattrat, "getxattrat", 6, C_READ, 0, DIRFD, PATH, ATFLAGS, STR, PTR, SIZE,
   LOG, REFUSE(ENOSYS))
SC(listxattrat, "listxattrat", 5, C_READ, 0, DIRFD, PATH, ATFLAGS, PTR, SIZE, NONE,
   LOG, REFUSE(ENOSYS))
SC(removexattrat, "removexattrat", 4, C_META, 0, DIRFD, PATH, ATFLAGS, STR, NONE, NONE,
   LOG, REFUSE(ENOSYS))
SC(file_getattr, "file_getattr", 5, C_STAT, 0, DIRFD, PATH, PTR, SIZE, ATFLAGS, NONE,
   LOG, REFUSE(ENOSYS))
SC(file_setattr, "file_setattr", 5, C_META, 0, DIRFD, PATH, PTR, SIZE, ATFLAGS, NONE,
   LOG, REFUSE(ENOSYS))
/* directories and the process's view */
SC(chdir, "chdir", 1, C_DIR, SF_CWD, PATH, NONE, NONE, NONE, NONE, NONE,
   LOG, CHDIR)
SC(fchdir, "fchdir", 1, C_DIR, SF_CWD, FD, NONE, NONE, NONE, NONE, NONE,
   LOG, CHDIR)
SC(getcwd, "getcwd", 2, C_DIR, 0, OUTSTR, SIZE, NONE, NONE, NONE, NONE,
   LOG, GETCWD)
SC(getdents64, "getdents64", 3, C_DIR | C_READ, 0, FD, PTR, SIZE, NONE, NONE, NONE,
   LOG, GETDENTS)
SC(getdents, "getdents", 3, C_DIR | C_READ, 0, FD, PTR, SIZE, NONE, NONE, NONE,
   LOG, GETDENTS)
SC(readdir, "readdir", 3, C_DIR | C_READ, 0, FD, PTR, SIZE, NONE, NONE, NONE,
   LOG, I386_ONLY)
SC(chroot, "chroot", 1, C_DIR, 0, PATH, NONE, NONE, NONE, NONE, NONE,
   LOG, PRIVILEGED)
/* execution */
SC(execve, "execve", 3, C_EXEC, SF_EXEC, PATH, ARGV, PTR, NONE, NONE, NONE,
   LOG, EXEC)
SC(execveat, "execveat", 5, C_EXEC, SF_EXEC, DIRFD, PATH, ARGV, PTR, ATFLAGS, NONE,
   LOG, EXEC)
SC(uselib, "uselib", 1, C_EXEC, 0, PATH, NONE, NONE, NONE, NONE, NONE,
   LOG, LOOKUP)
/* sockets: only AF_UNIX addresses carry paths */
SC(bind, "bind", 3, C_CREATE, SF_SOCK, FD, SOCKADDR, SIZE, NONE, NONE, NONE,
   LOG, SOCKET)
SC(connect, "connect", 3, C_READ, SF_SOCK, FD, SOCKADDR, SIZE, NONE, NONE, NONE,
   LOG, SOCKET)
SC(socketcall, "socketcall", 2, 0, SF_SOCK, SOCKCALL, PTR, NONE, NONE, NONE, NONE,
   LOG, SOCKET)
/* administration: fail without privileges, traced all the same */
SC(mount, "mount", 5, C_META, 0, STR, PATH, STR, MNTFLAGS, PTR, NONE,
   LOG, PRIVILEGED)
SC(umount, "umount", 1, C_META, 0, PATH, NONE, NONE, NONE, NONE, NONE,
   LOG, PRIVILEGED)
SC(umount2, "umount2", 2, C_META, 0, PATH, UMNTFLAGS, NONE, NONE, NONE, NONE,
   LOG, PRIVILEGED)
SC(pivot_root, "pivot_root", 2, C_META, 0, PATH, PATH, NONE, NONE, NONE, NONE,
   LOG, PRIVILEGED)
SC(swapon, "swapon", 2, C_META, 0, PATH, HEX, NONE, NONE, NONE, NONE,
   LOG, PRIVILEGED)
SC(swapoff, "swapoff", 1, C_META, 0, PATH, NONE, NONE, NONE, NONE, NONE,
   LOG, PRIVILEGED)
SC(acct, "acct", 1, C_WRITE, SF_NULLPATH, PATH, NONE, NONE, NONE, NONE, NONE,
   LOG, PRIVILEGED)
SC(quotactl, "quotactl", 4, C_META, SF_NULLPATH, HEX, PATH, INT, PTR, NONE, NONE,
   LOG, PRIVILEGED)
SC(open_tree, "open_tree", 3, C_STAT, 0, DIRFD, PATH, HEX, NONE, NONE, NONE,
   LOG, PRIVILEGED)
SC(open_tree_attr, "open_tree_attr", 5, C_STAT, 0, DIRFD, PATH, HEX, PTR, SIZE, NONE,
   LOG, REFUSE(ENOSYS))
SC(move_mount, "move_mount", 5, C_META, 0, DIRFD, PATH, DIRFD, PATH, HEX, NONE,
   LOG, PRIVILEGED)
SC(fspick, "fspick", 3, C_STAT, 0, DIRFD, PATH, HEX, NONE, NONE, NONE,
   LOG, PRIVILEGED)
SC(mount_setattr, "mount_setattr", 5, C_META, 0, DIRFD, PATH, ATFLAGS, PTR, SIZE, NONE,
   LOG, PRIVILEGED)
/*
 * Overlay mode only (NOTRAP in trace mode): fd-based changes that must
 * not reach a lower file, and the calls that change what the view must
 * know of the caller (credentials, umask).
 */
SC(fchmod, "fchmod", 2, C_META, 0, FD, MODE, NONE, NONE, NONE, NONE,
   NOTRAP, FDMETA)
SC(fchown, "fchown", 3, C_META, 0, FD, UID, GID, NONE, NONE, NONE,
   NOTRAP, FDMETA)
SC(fchown32, "fchown32", 3, C_META, 0, FD, UID, GID, NONE, NONE, NONE,
   NOTRAP, FDMETA)
SC(fsetxattr, "fsetxattr", 5, C_META, 0, FD, STR, PTR, SIZE, XATTRFLAGS, NONE,
   NOTRAP, FDMETA)
SC(fremovexattr, "fremovexattr", 2, C_META, 0, FD, STR, NONE, NONE, NONE, NONE,
   NOTRAP, FDMETA)
SC(ftruncate, "ftruncate", 2, C_WRITE, 0, FD, INT, NONE, NONE, NONE, NONE,
   NOTRAP, PASS("a write-capable fd never points at a lower file"))
SC(fallocate, "fallocate", 4, C_WRITE, 0, FD, HEX, INT, INT, NONE, NONE,
   NOTRAP, PASS("a write-capable fd never points at a lower file"))
SC(getsockname, "getsockname", 3, 0, SF_SOCK, FD, PTR, PTR, NONE, NONE, NONE,
   NOTRAP, SOCKNAME)
SC(getpeername, "getpeername", 3, 0, SF_SOCK, FD, PTR, PTR, NONE, NONE, NONE,
   NOTRAP, SOCKNAME)
SC(umask, "umask", 1, 0, 0, MODE, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setuid, "setuid", 1, 0, 0, UID, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setgid, "setgid", 1, 0, 0, GID, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setreuid, "setreuid", 2, 0, 0, UID, UID, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setregid, "setregid", 2, 0, 0, GID, GID, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setresuid, "setresuid", 3, 0, 0, UID, UID, UID, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setresgid, "setresgid", 3, 0, 0, GID, GID, GID, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setfsuid, "setfsuid", 1, 0, 0, UID, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setfsgid, "setfsgid", 1, 0, 0, GID, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setgroups, "setgroups", 2, 0, 0, SIZE, PTR, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
/* the i386 ABI's calls with 32-bit ids (its plain ones take 16 bits) */
SC(setuid32, "setuid32", 1, 0, 0, UID, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setgid32, "setgid32", 1, 0, 0, GID, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setreuid32, "setreuid32", 2, 0, 0, UID, UID, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setregid32, "setregid32", 2, 0, 0, GID, GID, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setresuid32, "setresuid32", 3, 0, 0, UID, UID, UID, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setresgid32, "setresgid32", 3, 0, 0, GID, GID, GID, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setfsuid32, "setfsuid32", 1, 0, 0, UID, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setfsgid32, "setfsgid32", 1, 0, 0, GID, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
SC(setgroups32, "setgroups32", 2, 0, 0, SIZE, PTR, NONE, NONE, NONE, NONE,
   NOTRAP, CREDS)
/* refused: its file operations would bypass seccomp and ptrace */
SC(io_uring_setup, "io_uring_setup", 2, 0, 0, INT, PTR, NONE, NONE, NONE, NONE,
   REFUSE(ENOSYS), REFUSE(ENOSYS))
/*
 * ioctl: overlay mode decides the requests that may change a lower
 * object (include/ioctl_list.h); the filter traps no other request.
 */
SC(ioctl, "ioctl", 3, 0, 0, FD, HEX, PTR, NONE, NONE, NONE,
   NOTRAP, IOCTL)
/*
 * Refused: routes around vfstrace's filter, its TRACECLONE and its view
 * (README "What is trapped, and what is refused").  The _IF decisions
 * trap only the calls matching the row's rules in arch/common/guard.c.
 * seccomp with SECCOMP_FILTER_FLAG_NEW_LISTENER: EINVAL, what a kernel
 * before 5.0 (no listeners) gives for the unknown flag.  clone with
 * CLONE_UNTRACED: EPERM, what a container runtime's seccomp profile gives
 * for clone flags it denies.  clone3 keeps its flags in memory, where the
 * filter cannot see them and a sibling thread may change them after a
 * check: ENOSYS, a kernel before 5.3, from which libc falls back to clone
 * (as it does under container runtimes).  Trace mode refuses the same
 * three: an untraced child or a call a listener lets run would be missing
 * from the trace.
 */
SC(seccomp, "seccomp", 3, 0, 0, INT, HEX, PTR, NONE, NONE, NONE,
   REFUSE_IF(EINVAL), REFUSE_IF(EINVAL))
SC(clone, "clone", 5, 0, 0, HEX, PTR, PTR, PTR, HEX, NONE,
   REFUSE_IF(EPERM), REFUSE_IF(EPERM))
SC(clone3, "clone3", 2, 0, 0, PTR, SIZE, NONE, NONE, NONE, NONE,
   REFUSE(ENOSYS), REFUSE(ENOSYS))
/*
 * Overlay mode: a tracee may not trace (any process it could attach to
 * is outside the tree, vfstrace included, or would escape its tracer),
 * take an fd of another process, open a file by handle (no path: around
 * the view; EPERM, as for a caller without CAP_DAC_READ_SEARCH), nor
 * reach the memory of a process outside the tree (EPERM, the kernel's
 * answer when its ptrace access check fails).  In trace mode every
 * process of the tree is traced already (the kernel refuses to attach to
 * it) and the others are not the trace's business.
 */
SC(ptrace, "ptrace", 4, 0, 0, INT, INT, PTR, PTR, NONE, NONE,
   NOTRAP, REFUSE(EPERM))
SC(pidfd_getfd, "pidfd_getfd", 3, 0, 0, FD, INT, HEX, NONE, NONE, NONE,
   NOTRAP, REFUSE(EPERM))
SC(open_by_handle_at, "open_by_handle_at", 3, 0, 0, FD, PTR, OFLAGS, NONE, NONE, NONE,
   NOTRAP, REFUSE(EPERM))
SC(process_vm_readv, "process_vm_readv", 6, 0, 0, INT, PTR, SIZE, PTR, SIZE, HEX,
   NOTRAP, INTREE(EPERM))
SC(process_vm_writev, "process_vm_writev", 6, 0, 0, INT, PTR, SIZE, PTR, SIZE, HEX,
   NOTRAP, INTREE(EPERM))
/*
 * prctl(PR_SET_DUMPABLE, 0) would keep an unprivileged vfstrace from
 * reading the process's memory: both modes emulate the setting
 * (supervisor/dumpable.c; the other prctl options are not trapped).
 */
SC(prctl, "prctl", 5, 0, 0, INT, HEX, HEX, HEX, HEX, NONE,
   DUMPABLE, DUMPABLE)
/*
 * --sandbox only (SIGNAL, SEND: NOTRAP without it).  A signal, a pidfd or
 * a signal through a pidfd to a process outside the traced tree is
 * refused with EPERM (supervisor/overlay_signal.c); a datagram sent to an
 * AF_UNIX path is sent by vfstrace to the socket it resolved inside the
 * view (supervisor/overlay_unix.c).
 */
SC(kill, "kill", 2, 0, 0, INT, INT, NONE, NONE, NONE, NONE,
   NOTRAP, SIGNAL)
SC(tkill, "tkill", 2, 0, 0, INT, INT, NONE, NONE, NONE, NONE,
   NOTRAP, SIGNAL)
SC(tgkill, "tgkill", 3, 0, 0, INT, INT, INT, NONE, NONE, NONE,
   NOTRAP, SIGNAL)
SC(rt_sigqueueinfo, "rt_sigqueueinfo", 3, 0, 0, INT, INT, PTR, NONE, NONE, NONE,
   NOTRAP, SIGNAL)
SC(rt_tgsigqueueinfo, "rt_tgsigqueueinfo", 4, 0, 0, INT, INT, INT, PTR, NONE, NONE,
   NOTRAP, SIGNAL)
SC(pidfd_send_signal, "pidfd_send_signal", 4, 0, 0, FD, INT, PTR, HEX, NONE, NONE,
   NOTRAP, SIGNAL)
SC(pidfd_open, "pidfd_open", 2, 0, 0, INT, HEX, NONE, NONE, NONE, NONE,
   NOTRAP, SIGNAL)
SC(sendto, "sendto", 6, 0, SF_SOCK, FD, PTR, SIZE, HEX, SOCKADDR, SIZE,
   NOTRAP, SEND)
SC(sendmsg, "sendmsg", 3, 0, 0, FD, PTR, HEX, NONE, NONE, NONE,
   NOTRAP, SEND)
SC(sendmmsg, "sendmmsg", 4, 0, 0, FD, PTR, SIZE, HEX, NONE, NONE,
   NOTRAP, SEND)
/*
 * Calls without paths that later modes decide (fake-root credentials,
 * hidden pids); no mode traps them yet.
 */
SC(getuid, "getuid", 0, 0, 0, NONE, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, NOTRAP)
SC(geteuid, "geteuid", 0, 0, 0, NONE, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, NOTRAP)
SC(getgid, "getgid", 0, 0, 0, NONE, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, NOTRAP)
SC(getegid, "getegid", 0, 0, 0, NONE, NONE, NONE, NONE, NONE, NONE,
   NOTRAP, NOTRAP)
