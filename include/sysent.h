/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SYSENT_H
#define VFSTRACE_SYSENT_H

#include <stdbool.h>

/*
 * The arch-neutral syscall table (rows in syscall_list.h).  An sc_id
 * names a row; 0 (SC_NONE) means "not a syscall vfstrace knows".
 */

enum sc_id {
	SC_NONE = 0,
#define SC(id, name, nargs, cls, fl, a0, a1, a2, a3, a4, a5, tr, ov) SC_##id,
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
};

/*
 * The modes that handle calls, one decision column of the table each.
 * Trace mode is vfstrace without a view; overlay mode has one (-u,
 * --bind, --tmpfs) and logs through the same decisions when tracing.
 */
enum mode {
	MODE_TRACE,
	MODE_OVERLAY,
	MODE__COUNT
};

/*
 * How a mode handles a row.  H_NONE is no decision: a table that holds
 * one is wrong (sysent_check() names it).
 */
enum handling {
	H_NONE = 0,
	H_NOTRAP,	/* not trapped: the filter lets it run */
	H_LOG,		/* trace mode: decoded, logged with its result */
	H_PASS,		/* trapped, run as it is; why says why that is right */
	H_REFUSE,	/* skipped with -err, logged as refused */
	H_PRIVILEGED,	/* refused as for an unprivileged caller: EPERM
			   (ENOSYS for root, whose call would do more) */
	H_LOOKUP,	/* overlay: resolve the path, pass or emulate */
	H_OPEN,		/* overlay: open/creat, copy-up for writing */
	H_MODIFY,	/* overlay: a change of the namespace or metadata */
	H_EXEC,		/* overlay: execve family, #! scripts */
	H_CHDIR,	/* overlay: chdir/fchdir change the view cwd */
	H_GETCWD,	/* overlay: the view cwd */
	H_FDMETA,	/* overlay: fd metadata changes (copy-up first) */
	H_GETDENTS,	/* overlay: merged directory listings */
	H_SOCKET,	/* overlay: AF_UNIX bind/connect paths */
	H_SOCKNAME,	/* overlay: getsockname/getpeername view names */
	H_CREDS,	/* overlay: credentials or umask change at exit */
	H_IOCTL,	/* overlay: ioctl requests on lower objects, by
			   the rules of ioctl_list.h (the filter traps
			   only the requests they do not leave alone) */
	H_DUMPABLE,	/* prctl(PR_SET/GET_DUMPABLE) emulated (both modes) */
	H_INTREE,	/* overlay: passed when the pid argument is a process
			   of the traced tree, else refused with err */
	H_SIGNAL,	/* --sandbox: a signal (or pidfd) to a process
			   outside the tree is refused with err */
	H_SEND,		/* --sandbox: sendto/sendmsg to an AF_UNIX path,
			   done by vfstrace on the object it resolved */
	H__COUNT
};

/* One cell of a mode column. */
struct decision {
	unsigned char how;	/* enum handling */
	unsigned char err;	/* H_REFUSE, H_INTREE: the errno */
	const char *why;	/* H_PASS, H_PRIVILEGED, I386_ONLY: reason */
	/*
	 * Only the calls matching the row's argument rules (guard.h) are
	 * trapped and handled; the others run untouched.
	 */
	bool ruled;
	/*
	 * Trapped and handled under --sandbox only (filter_opts.sandbox,
	 * sup.sandbox); NOTRAP without it.
	 */
	bool sandbox;
};

struct sysent {
	const char *name;	/* as strace prints it */
	unsigned char nargs;
	unsigned char arg[6];	/* enum arg_kind */
	unsigned short cls;	/* enum sc_class bits */
	unsigned short flags;	/* enum sc_flag bits */
	struct decision how[MODE__COUNT];	/* indexed by enum mode */
};

/* Indexed by enum sc_id; row 0 is empty. */
extern const struct sysent sysent_table[SC__COUNT];

/* The row named NAME (printed name or id), or SC_NONE. */
enum sc_id sysent_by_name(const char *name);

/* Index of the first argument of kind KIND at or after FROM, or -1. */
int sysent_find_arg(const struct sysent *ent, int kind, int from);

/* Index of the dirfd argument PATH_IDX is relative to, or -1 (cwd). */
int sysent_dirfd_of(const struct sysent *ent, int path_idx);

/*
 * How MODE handles row ID made through an ABI that is (NATIVE) or is not
 * the architecture's native one.  A row decides alike for every ABI
 * that has a number for it (the handlers use the layouts of the call's
 * ABI).  Constant data; never NULL for a row.
 */
const struct decision *sysent_decide(enum sc_id id, enum mode mode,
				     bool native);

/* Whether MODE implements HOW (its handlers exist for it). */
bool sysent_mode_handles(enum mode mode, enum handling how);

/* The name of a mode ("trace", "overlay") and of a handling ("LOOKUP"). */
const char *mode_name(enum mode mode);
const char *handling_name(enum handling how);

/*
 * Walk every row of TABLE (N rows, row 0 unused) and every mode column,
 * then every row each ABI of ABIS (native first, NULL-terminated; may be
 * NULL) has a number for, as sysent_decide() sees it, and report each decision that is
 * missing or does not fit its row (a handler family whose arguments the
 * row lacks, a mode that has no such handling, a PASS without a reason, a
 * REFUSE without an errno) by calling REPORT with one line.  Returns the
 * number of problems.  tests/unit/test_sysent.c runs it on sysent_table
 * and on a copy with one decision removed.
 */
struct abi;
int sysent_check(const struct sysent *table, int n,
		 const struct abi *const *abis,
		 void (*report)(void *arg, const char *line), void *arg);

#endif
