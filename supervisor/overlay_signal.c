/* SPDX-License-Identifier: MIT */
/*
 * --sandbox: the tree signals only its own processes (the SIGNAL rows of
 * include/syscall_list.h).  Landlock's signal scoping (ABI 6) does the
 * same in the kernel; this check holds without it and is kept with it.
 *
 * The target of kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo
 * and pidfd_open is a register: checked at the seccomp stop, it is what
 * the kernel uses, so the call is passed.  A process group (kill(0),
 * kill(-pgrp)) is passed only when every member is a tracee; kill(-1)
 * reaches every process the caller may signal, vfstrace among them, and
 * is refused.  pidfd_send_signal names its target by an fd, which a
 * sibling thread can replace after any check: vfstrace takes its own
 * copy of the file (pidfd_getfd), checks the process it names and sends
 * the signal itself through that copy.  Signal 0 (the existence probe)
 * is refused like any other, as Landlock refuses it.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "memory.h"
#include "overlay_impl.h"

#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

static enum ov_result refuse(struct sup *s, struct tracee *t,
			     struct call *c, long pid, const char *what)
{
	log_warn("pid %d: %s: %s %ld: refused: %s", t->tid, c->ent->name,
		 what, pid, pid == -1 ? "every process" :
		 "a process outside the tree");
	c->refused = true;
	return ov_done(s, t, c, -EPERM);
}

/* Whether every process of group PGRP is a tracee (none: true). */
static bool group_inside(struct sup *s, pid_t pgrp)
{
	struct dirent *e;
	bool inside = true;
	DIR *d = opendir("/proc");

	if (!d)
		return false;
	while (inside && (e = readdir(d))) {
		pid_t pid;

		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		pid = (pid_t)atoi(e->d_name);
		if (getpgid(pid) == pgrp && !tracee_get(&s->tracees, pid))
			inside = false;
	}
	closedir(d);
	return inside;
}

/* kill(PID, sig): a process, the caller's group, a group, or all. */
static enum ov_result h_kill(struct sup *s, struct tracee *t, struct call *c)
{
	pid_t pid = (pid_t)c->args[0], pgrp;

	if (pid > 0)
		return tracee_get(&s->tracees, pid) ? OV_PASS :
		       refuse(s, t, c, pid, "pid");
	if (pid == -1 || pid == INT_MIN)
		return pid == -1 ? refuse(s, t, c, pid, "pid") : OV_PASS;
	pgrp = pid ? -pid : getpgid(t->tid);
	if (pgrp > 0 && group_inside(s, pgrp))
		return OV_PASS;
	return refuse(s, t, c, pgrp, "process group");
}

/*
 * The pid of the process (or thread) pidfd FD of vfstrace names: its
 * fdinfo's "Pid:" (a pidfd), or the directory /proc/PID it is open on
 * (pidfd_send_signal takes those too); -1 when neither.
 */
static pid_t pidfd_target(int fd)
{
	char path[64], buf[1024], *p;
	long pid = -1;
	ssize_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = fopen(path, "re");
	if (f) {
		while (fgets(buf, sizeof(buf), f))
			if (!strncmp(buf, "Pid:", 4))
				pid = strtol(buf + 4, NULL, 10);
		fclose(f);
	}
	if (pid > 0)
		return (pid_t)pid;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n <= 6 || strncmp(buf, "/proc/", 6))
		return -1;
	buf[n] = '\0';
	pid = strtol(buf + 6, &p, 10);
	return *p || pid <= 0 ? -1 : (pid_t)pid;
}

/* pidfd_send_signal(fd, sig, info, flags), sent by vfstrace (see top). */
static enum ov_result h_pidfd_send(struct sup *s, struct tracee *t,
				   struct call *c)
{
	siginfo_t info, *ip = NULL;
	int fd = ov_take_fd(t, (int)c->args[0]);
	pid_t pid;
	long r;

	if (fd == -EBADF)
		return ov_done(s, t, c, -EBADF);
	if (fd < 0) {
		log_warn("pid %d: pidfd_send_signal: cannot take a copy of "
			 "fd %d (%s): refused", t->tid, (int)c->args[0],
			 strerror(-fd));
		c->refused = true;
		return ov_done(s, t, c, -EPERM);
	}
	pid = pidfd_target(fd);
	if (pid <= 0 || !tracee_get(&s->tracees, pid)) {
		close(fd);
		return refuse(s, t, c, pid, "pidfd of pid");
	}
	if (c->args[2]) {
		if (mem_read(t->tid, c->args[2], &info, sizeof(info))) {
			close(fd);
			return ov_done(s, t, c, -EFAULT);
		}
		ip = &info;
	}
	r = syscall(SYS_pidfd_send_signal, fd, (int)c->args[1], ip,
		    (unsigned int)c->args[3]);
	r = r < 0 ? -errno : r;
	close(fd);
	return ov_done(s, t, c, r);
}

enum ov_result h_signal(struct sup *s, struct tracee *t, struct call *c)
{
	pid_t pid;

	switch (c->id) {
	case SC_kill:
		return h_kill(s, t, c);
	case SC_pidfd_send_signal:
		return h_pidfd_send(s, t, c);
	case SC_tgkill:
	case SC_rt_tgsigqueueinfo:
		pid = (pid_t)c->args[1];	/* the thread */
		break;
	default:
		pid = (pid_t)c->args[0];
		break;
	}
	/* not positive: the kernel's EINVAL or ESRCH, nothing reached */
	if (pid <= 0 || tracee_get(&s->tracees, pid))
		return OV_PASS;
	return refuse(s, t, c, pid, c->id == SC_pidfd_open ? "pid" : "tid");
}
