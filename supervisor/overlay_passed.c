// SPDX-License-Identifier: MIT
/*
 * Overlay mode: the fds the caller passed in.  `vfstrace ... 2>log`
 * gives the tree the caller's open file "log"; a program that reopens
 * it for writing by name (/dev/stderr, /dev/fd/2, /proc/self/fd/2, tee
 * /dev/stdout) means that file, not a copy of it in the upper, and under
 * --sandbox Landlock refuses such a reopen of a host file by its path.
 * So the open becomes fcntl(N, F_DUPFD[_CLOEXEC], 0): the same open file,
 * with no more access than the caller gave.  A dup shares the file
 * offset and status flags: O_TRUNC and O_APPEND of the open are not
 * applied (README, deviations).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procfs.h"
#include "overlay_impl.h"

#define KCMP_FILE 0	/* <linux/kcmp.h> */

void ov_passed_init(struct sup *s)
{
	struct dirent *e;
	DIR *d = opendir("/proc/self/fd");
	int dfd = d ? dirfd(d) : -1;

	s->npassed = 0;
	while (d && (e = readdir(d))) {
		char *end;
		long fd = strtol(e->d_name, &end, 10);

		if (*end || end == e->d_name || fd == dfd)
			continue;
		if (s->npassed < sizeof(s->passed) / sizeof(s->passed[0]))
			s->passed[s->npassed++] = (int)fd;
	}
	if (d)
		closedir(d);
}

/* Whether fd FD of T is on the same open file as a passed fd. */
static bool is_passed(const struct sup *s, const struct tracee *t, int fd)
{
	unsigned int i;

	for (i = 0; i < s->npassed; i++)
		if (!syscall(SYS_kcmp, getpid(), t->tid, KCMP_FILE,
			     s->passed[i], fd))
			return true;
	return false;
}

/* Whether an fd opened with FDFL gives the access FLAGS asks for. */
static bool covers(int fdfl, int flags)
{
	int want = flags & O_ACCMODE, have = fdfl & O_ACCMODE;

	return have == want || have == O_RDWR;
}

bool ov_reopen_passed(struct sup *s, struct tracee *t, struct call *c,
		      const char *vp, int flags, enum ov_result *res)
{
	struct tracee *o;
	int fd = ov_proc_fd(s, t, vp, &o), fdfl, err;

	if (fd < 0 || o->proc != t->proc || !(flags & O_ACCMODE) ||
	    (flags & (O_EXCL | O_DIRECTORY | O_PATH)) ||
	    c->abi->nr_fcntl < 0)
		return false;
	fdfl = procfs_fd_flags(t->tid, fd);
	if (fdfl < 0 || !covers(fdfl, flags) || !is_passed(s, t, fd))
		return false;
	err = ov_change_arg(s, t, c, 0, (unsigned)fd);
	if (!err)
		err = ov_change_arg(s, t, c, 1, flags & O_CLOEXEC ?
				    F_DUPFD_CLOEXEC : F_DUPFD);
	if (!err)
		err = ov_change_arg(s, t, c, 2, 0);
	if (!err)
		err = s->arch->set_scno(t->tid, c->abi->nr_fcntl);
	*res = err ? ov_done(s, t, c, err) : OV_EXIT;
	return true;
}
