// SPDX-License-Identifier: MIT
/*
 * The checks openat2(2) makes of its struct open_how before any lookup,
 * in the kernel's order (build_open_flags() in fs/open.c, Linux 6.4 and
 * later: O_CREAT with O_DIRECTORY is refused).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>

#include "vfs.h"

/* The kernel's O_LARGEFILE (glibc's is 0 on 64-bit ABIs). */
#if defined(__aarch64__)
#define K_O_LARGEFILE	0400000
#else
#define K_O_LARGEFILE	0100000
#endif
#define K_O_TMPFILE	(O_TMPFILE & ~O_DIRECTORY)	/* __O_TMPFILE */

/* VALID_OPEN_FLAGS of include/linux/fcntl.h. */
#define VALID_OPEN	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | \
			 O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | \
			 O_SYNC | O_ASYNC | O_DIRECT | K_O_LARGEFILE | \
			 O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | \
			 O_PATH | O_TMPFILE)
#define O_PATH_OK	(O_DIRECTORY | O_NOFOLLOW | O_PATH)

/* The mode checks: only a create takes one. */
static int check_mode(uint64_t flags, uint64_t mode)
{
	if (flags & (O_CREAT | K_O_TMPFILE))
		return mode & ~(uint64_t)07777 ? -EINVAL : 0;
	return mode ? -EINVAL : 0;
}

int vfs_open_how_check(uint64_t flags, uint64_t mode, uint64_t resolve)
{
	int ret;

	flags &= ~(uint64_t)O_CLOEXEC;
	if (flags & ~(uint64_t)VALID_OPEN || resolve & ~(uint64_t)VFS_RESOLVE_ALL)
		return -EINVAL;
	if ((resolve & VFS_RESOLVE_BENEATH) && (resolve & VFS_RESOLVE_IN_ROOT))
		return -EINVAL;
	ret = check_mode(flags, mode);
	if (ret)
		return ret;
	if ((flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT))
		return -EINVAL;
	/* O_TMPFILE needs O_DIRECTORY and write access (ACC_MODE) */
	if ((flags & K_O_TMPFILE) && (!(flags & O_DIRECTORY) ||
				      (flags & O_ACCMODE) == O_RDONLY))
		return -EINVAL;
	if ((flags & O_PATH) && (flags & ~(uint64_t)O_PATH_OK))
		return -EINVAL;
	if ((resolve & VFS_RESOLVE_CACHED) &&
	    (flags & (O_TRUNC | O_CREAT | K_O_TMPFILE)))
		return -EAGAIN;
	return 0;
}
