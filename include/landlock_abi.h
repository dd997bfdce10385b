/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_LANDLOCK_ABI_H
#define VFSTRACE_LANDLOCK_ABI_H

#include <stdint.h>

/*
 * The Landlock user ABI up to version 7 (Linux 6.15), as the kernel's
 * include/uapi/linux/landlock.h defines it.  Debian 12's headers stop at
 * version 2, so vfstrace spells the values itself (LL_*: no clash with
 * <linux/landlock.h>).  The syscall numbers are the same on every
 * architecture.
 */

#define LL_NR_CREATE_RULESET	444
#define LL_NR_ADD_RULE		445
#define LL_NR_RESTRICT_SELF	446

#define LL_CREATE_RULESET_VERSION	(1U << 0)
#define LL_RULE_PATH_BENEATH		1

struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;	/* ABI 4 */
	uint64_t scoped;		/* ABI 6 */
};

struct ll_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

/* Filesystem rights (ABI 1 unless said). */
#define LL_FS_EXECUTE		(1ULL << 0)
#define LL_FS_WRITE_FILE	(1ULL << 1)
#define LL_FS_READ_FILE		(1ULL << 2)
#define LL_FS_READ_DIR		(1ULL << 3)
#define LL_FS_REMOVE_DIR	(1ULL << 4)
#define LL_FS_REMOVE_FILE	(1ULL << 5)
#define LL_FS_MAKE_CHAR		(1ULL << 6)
#define LL_FS_MAKE_DIR		(1ULL << 7)
#define LL_FS_MAKE_REG		(1ULL << 8)
#define LL_FS_MAKE_SOCK		(1ULL << 9)
#define LL_FS_MAKE_FIFO		(1ULL << 10)
#define LL_FS_MAKE_BLOCK	(1ULL << 11)
#define LL_FS_MAKE_SYM		(1ULL << 12)
#define LL_FS_REFER		(1ULL << 13)	/* ABI 2 */
#define LL_FS_TRUNCATE		(1ULL << 14)	/* ABI 3 */
#define LL_FS_IOCTL_DEV		(1ULL << 15)	/* ABI 5 */

/* The rights a rule on a file (not a directory) may carry. */
#define LL_FS_FILE_RIGHTS	(LL_FS_EXECUTE | LL_FS_WRITE_FILE |	\
				 LL_FS_READ_FILE | LL_FS_TRUNCATE |	\
				 LL_FS_IOCTL_DEV)

/* Network rights (ABI 4). */
#define LL_NET_BIND_TCP		(1ULL << 0)
#define LL_NET_CONNECT_TCP	(1ULL << 1)

/* Scopes (ABI 6). */
#define LL_SCOPE_ABSTRACT_UNIX_SOCKET	(1ULL << 0)
#define LL_SCOPE_SIGNAL			(1ULL << 1)

#endif
