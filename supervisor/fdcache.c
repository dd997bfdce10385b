/* SPDX-License-Identifier: MIT */
/*
 * Host paths of tracee fds (see fdcache.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kcmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procfs.h"
#include "fdcache.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

/* Copies held by all processes together: well under RLIMIT_NOFILE. */
#define MAX_COPIES 256

static unsigned int gen = 1;
static unsigned int ncopies;
static bool broken;		/* kcmp or pidfd_getfd refused: stop trying */
static pid_t self;		/* getpid(), which glibc no longer caches */

void fdcache_invalidate(void)
{
	gen++;
}

static void ent_clear(struct fdcache_ent *e)
{
	if (e->host && e->copy >= 0) {
		close(e->copy);
		ncopies--;
	}
	free(e->host);
	e->host = NULL;
	e->copy = -1;
}

void fdcache_release(struct fdcache *fc)
{
	int i;

	for (i = 0; i < FDCACHE_SLOTS; i++)
		ent_clear(&fc->ent[i]);
	if (fc->pidfd > 0)
		close(fc->pidfd);
	fc->pidfd = 0;
}

static struct fdcache_ent *find(struct fdcache *fc, int fd)
{
	int i;

	for (i = 0; i < FDCACHE_SLOTS; i++)
		if (fc->ent[i].host && fc->ent[i].fd == fd)
			return &fc->ent[i];
	return NULL;
}

/* Whether E still names the tracee's fd: same open file description. */
static bool still_valid(const struct fdcache_ent *e, pid_t tid)
{
	long r;

	if (e->gen != gen || e->copy < 0)
		return false;
	if (!self)
		self = getpid();
	r = syscall(SYS_kcmp, tid, self, KCMP_FILE, e->fd, e->copy);
	if (r < 0 && errno != EBADF && errno != ESRCH)
		broken = true;
	return r == 0;
}

/* Take a copy of fd E->fd of the process; false when it cannot. */
static bool take_copy(struct fdcache *fc, struct fdcache_ent *e, pid_t tgid)
{
	if (broken || ncopies >= MAX_COPIES)
		return false;
	if (fc->pidfd <= 0) {
		fc->pidfd = syscall(SYS_pidfd_open, tgid, 0);
		if (fc->pidfd <= 0) {
			fc->pidfd = 0;
			return false;
		}
		fcntl(fc->pidfd, F_SETFD, FD_CLOEXEC);
	}
	e->copy = syscall(SYS_pidfd_getfd, fc->pidfd, e->fd, 0);
	if (e->copy < 0) {
		if (errno == ENOSYS || errno == EPERM)
			broken = true;
		return false;
	}
	ncopies++;
	return true;
}

/*
 * Remember FD's path HOST (LEN bytes).  The first time an fd number is
 * seen only its path is kept; a copy is taken when it is read again
 * with the same path, so a one-shot fd costs no extra syscall.
 */
static void remember(struct fdcache *fc, pid_t tgid, int fd,
		     const char *host, size_t len)
{
	struct fdcache_ent *e = find(fc, fd);

	if (host[0] != '/')
		return;		/* pipes, sockets: not relative bases */
	if (e && e->copy < 0 && e->gen == gen && !strcmp(e->host, host)) {
		if (take_copy(fc, e, tgid))
			return;
	}
	if (e)
		ent_clear(e);
	else {
		e = &fc->ent[fc->next++ % FDCACHE_SLOTS];
		ent_clear(e);
	}
	e->host = strndup(host, len);
	e->fd = fd;
	e->copy = -1;
	e->gen = gen;
}

int fdcache_path(struct fdcache *fc, pid_t tgid, pid_t tid, int fd,
		 char *buf, size_t size)
{
	struct fdcache_ent *e = find(fc, fd);
	size_t len;
	int n;

	if (e && still_valid(e, tid)) {
		len = strlen(e->host);
		if (len >= size)
			return -ENAMETOOLONG;
		memcpy(buf, e->host, len + 1);
		return len;
	}
	n = procfs_fd_path(tid, fd, buf, size);
	if (n >= 0 && (e || !broken))
		remember(fc, tgid, fd, buf, n);
	return n;
}
