/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SYSENT_H
#define VFSTRACE_SYSENT_H

/*
 * The arch-neutral syscall table (rows in syscall_list.h).  An sc_id
 * names a row; 0 (SC_NONE) means "not a syscall vfstrace knows".
 */

enum sc_id {
	SC_NONE = 0,
#define SC(id, name, nargs, cls, fl, a0, a1, a2, a3, a4, a5) SC_##id,
#include "syscall_list.h"
#undef SC
	SC__COUNT
};

/* How one argument is decoded and printed. */
enum arg_kind {
	A_NONE = 0,
	A_INT,		/* signed decimal */
	A_HEX,		/* 0x... */
	A_PTR,		/* address, printed as hex or NULL */
	A_SIZE,		/* unsigned decimal */
	A_PATH,		/* path: read, made absolute against the dirfd/cwd */
	A_DIRFD,	/* dirfd for the PATH that follows (AT_FDCWD aware) */
	A_FD,		/* an fd; its path is looked up when logged */
	A_STR,		/* string printed as is (xattr name, link target) */
	A_OUTSTR,	/* buffer the kernel fills (readlink, getcwd) */
	A_OFLAGS,	/* O_* open flags */
	A_MODE,		/* file mode, octal (with S_IF* type for mknod) */
	A_ATFLAGS,	/* AT_* flags */
	A_AMODE,	/* access(2) mode: F_OK, R_OK|W_OK|X_OK */
	A_RENFLAGS,	/* RENAME_* flags */
	A_UID,
	A_GID,
	A_DEV,
	A_XATTRFLAGS,	/* XATTR_CREATE, XATTR_REPLACE */
	A_MNTFLAGS,	/* MS_* */
	A_UMNTFLAGS,	/* MNT_*, UMOUNT_NOFOLLOW */
	A_OPENHOW,	/* struct open_how * (openat2) */
	A_SOCKADDR,	/* struct sockaddr *, length in the next argument */
	A_SOCKCALL,	/* i386 socketcall(call, args): bind/connect decoded */
	A_ARGV,		/* char *const argv[] */
};

/* What kind of file access a row is; `-e trace=` classes. */
enum sc_class {
	C_READ = 1 << 0,
	C_WRITE = 1 << 1,
	C_CREATE = 1 << 2,
	C_DELETE = 1 << 3,
	C_EXEC = 1 << 4,
	C_STAT = 1 << 5,
	C_DIR = 1 << 6,
	C_META = 1 << 7,	/* chmod, chown, utimes, xattrs, mounts */
	C_RENAME = 1 << 8,
	C_OPEN = 1 << 9,	/* read/write/create decided by the flags */
};

/* Properties of a row. */
enum sc_flag {
	SF_NOFOLLOW = 1 << 0,	/* the final component is not followed */
	SF_CWD = 1 << 1,	/* changes the cwd */
	SF_EXEC = 1 << 2,	/* execve family */
	SF_SOCK = 1 << 3,	/* socket address carries the path */
	SF_NULLPATH = 1 << 4,	/* the path may be NULL */
	SF_REFUSE = 1 << 5,	/* always refused with ENOSYS */
	SF_OVERLAY = 1 << 6,	/* trapped in overlay mode only */
	SF_CREDS = 1 << 7,	/* changes the caller's credentials/umask */
};

struct sysent {
	const char *name;	/* as strace prints it */
	unsigned char nargs;
	unsigned char arg[6];	/* enum arg_kind */
	unsigned short cls;	/* enum sc_class bits */
	unsigned short flags;	/* enum sc_flag bits */
};

/* Indexed by enum sc_id; row 0 is empty. */
extern const struct sysent sysent_table[SC__COUNT];

/* The row named NAME (printed name or id), or SC_NONE. */
enum sc_id sysent_by_name(const char *name);

/* Index of the first argument of kind KIND at or after FROM, or -1. */
int sysent_find_arg(const struct sysent *ent, int kind, int from);

/* Index of the dirfd argument PATH_IDX is relative to, or -1 (cwd). */
int sysent_dirfd_of(const struct sysent *ent, int path_idx);

#endif
