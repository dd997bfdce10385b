/* SPDX-License-Identifier: MIT */
/*
 * The ioctl requests overlay mode knows (the ioctl row of syscall_list.h,
 * decision IOCTL): one table for the seccomp filter (supervisor/filter.c
 * traps every request but the NOTRAP ones) and for the handler
 * (supervisor/overlay_ioctl.c, which decides a trapped request on a
 * read-only fd of a regular file or directory of a lower layer or bind;
 * on any other fd it passes untouched).
 *
 * IOC_TYPE(name, type): every request of ioctl type TYPE (bits 8-15 of
 * the number, any direction and size) is NOTRAP: the terminal ('T',
 * which also holds the VFS's FIONREAD, FIONBIO, FIOCLEX, FIONCLEX,
 * FIOASYNC and FIOQSIZE: they act on the open file description or read)
 * and the socket (0x89) requests, the hot ones.  No filesystem defines
 * requests of these types for files or directories.
 *
 * IOC(name, lower): request NAME (its <linux/fs.h> macro: the number is
 * the architecture's); LOWER is what it gets on a lower object:
 *   NOTRAP      not trapped at all: it only reads, on any file
 *   COPYUP      the object is copied up (as overlayfs does for fileattr
 *               changes) and the request is applied to the copy
 *   REFUSE(e)   refused with e, logged as refused
 *   REFUSE_ALL(e) refused with e on every fd (trapped everywhere)
 * A trapped request in no row is refused with ENOTTY on a lower object:
 * the answer of a filesystem without it (the kernel's overlayfs, which
 * implements no file ioctl of its own, gives ENOTTY for all of them).
 *
 * Included several times with different definitions: no guard.
 */
IOC_TYPE(tty, 0x54)
IOC_TYPE(sock, 0x89)
IOC(FIBMAP, NOTRAP)
IOC(FIGETBSZ, NOTRAP)
IOC(FS_IOC_GETFLAGS, NOTRAP)
IOC(FS_IOC32_GETFLAGS, NOTRAP)
IOC(FS_IOC_GETVERSION, NOTRAP)
IOC(FS_IOC32_GETVERSION, NOTRAP)
IOC(FS_IOC_FSGETXATTR, NOTRAP)
IOC(FS_IOC_FIEMAP, NOTRAP)
IOC(FS_IOC_GETFSLABEL, NOTRAP)
IOC(FS_IOC_GETFSUUID, NOTRAP)
IOC(FS_IOC_GETFSSYSFSPATH, NOTRAP)
IOC(FS_IOC_MEASURE_VERITY, NOTRAP)
IOC(FS_IOC_READ_VERITY_METADATA, NOTRAP)
IOC(FS_IOC_GET_ENCRYPTION_POLICY, NOTRAP)
IOC(FS_IOC_GET_ENCRYPTION_POLICY_EX, NOTRAP)
IOC(FS_IOC_GET_ENCRYPTION_KEY_STATUS, NOTRAP)
IOC(FS_IOC_GET_ENCRYPTION_NONCE, NOTRAP)
/* inode flags: copied up first, as overlayfs does (ovl_fileattr_set) */
IOC(FS_IOC_SETFLAGS, COPYUP)
IOC(FS_IOC_FSSETXATTR, COPYUP)
/*
 * The destination is the ioctl's fd, which on a lower object is never
 * open for writing: the kernel's own answer is EBADF.
 */
IOC(FICLONE, REFUSE(EBADF))
IOC(FICLONERANGE, REFUSE(EBADF))
/*
 * Refused on every fd: its destinations are fds in the argument, and
 * their owner may dedupe into a lower file open for reading alone; the
 * answer of a filesystem without dedupe (ext4).
 */
IOC(FIDEDUPERANGE, REFUSE_ALL(EOPNOTSUPP))
