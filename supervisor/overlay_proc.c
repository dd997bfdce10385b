/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: the magic links of /proc/PID and /dev/fd, named as the
 * view names them (the host's /proc is never resolved by the library).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/un.h>
#include <stddef.h>
#include <unistd.h>
#include <utime.h>

#include "decode.h"
#include "log.h"
#include "memory.h"
#include "procfs.h"
#include "vfs.h"
#include "view.h"
#include "overlay_impl.h"

/*
 * /proc is the host's, not a view's: its magic links name the calling
 * process.  /dev/fd/N and /dev/std* are /proc/TGID/fd/N, but for the links
 * /dev/fd and /dev/std* themselves when NOFOLLOW (lstat, readlink): those
 * are ordinary symlinks.  Returns true with OUT the host path to use for
 * such a path.
 */
bool ov_proc_path(const struct tracee *t, const char *vp, bool nofollow,
		  char *out, size_t size)
{
	static const char *const std[] = { "/dev/stdin", "/dev/stdout",
					    "/dev/stderr" };
	int i;

	if (ov_under(vp, "/proc")) {
		snprintf(out, size, "%s", vp);
		return true;
	}
	if (nofollow && !strcmp(vp, "/dev/fd"))
		return false;
	if (ov_under(vp, "/dev/fd")) {
		snprintf(out, size, "/proc/%d/fd%s", t->proc->tgid, vp + 7);
		return true;
	}
	for (i = 0; i < 3 && !nofollow; i++) {
		if (!strcmp(vp, std[i])) {
			snprintf(out, size, "/proc/%d/fd/%d", t->proc->tgid, i);
			return true;
		}
	}
	return false;
}

/* The tracee named by the pid part of /proc/PID/...; NULL if none. */
struct tracee *ov_proc_owner(struct sup *s, struct tracee *t,
			     const char *p, const char **rest)
{
	char *end;
	long pid;

	p += strlen("/proc/");
	if (!strncmp(p, "self", 4) && (p[4] == '/' || !p[4])) {
		*rest = p + 4;
		return t;
	}
	if (!strncmp(p, "thread-self", 11) && (p[11] == '/' || !p[11])) {
		*rest = p + 11;
		return t;
	}
	pid = strtol(p, &end, 10);
	if (end == p || (*end != '/' && *end))
		return NULL;
	*rest = end;
	return tracee_get(&s->tracees, pid);
}

/*
 * readlink of /proc/PID/{cwd,exe,fd/N} (and task/TID/...) of a tracee:
 * the view's names.  Returns the link into OUT, or -ENOENT when the path
 * is not one of those (the kernel answers).
 */
int ov_proc_link(struct sup *s, struct tracee *t, const char *vp,
		 char *out, size_t size)
{
	const char *rest;
	struct tracee *o;
	char *end;

	if (!ov_under(vp, "/proc") || !(o = ov_proc_owner(s, t, vp, &rest)))
		return -ENOENT;
	if (!strncmp(rest, "/task/", 6)) {
		strtol(rest + 6, &end, 10);
		rest = end;
	}
	if (!strcmp(rest, "/cwd") && o->proc->cwd)
		return snprintf(out, size, "%s", o->proc->cwd);
	if (!strcmp(rest, "/exe")) {
		/*
		 * The kernel's answer mapped back, not the exe noted at the
		 * exec event: another process may ask before that event of
		 * the exec'ing one has been handled.
		 */
		char host[PATH_MAX];
		ssize_t n = procfs_exe(o->tid, host, sizeof(host));

		if (n > 0) {
			n = view_from_host(s->view, host, out, size);
			if (n > 0)
				return n;
		}
		if (OVP(o->proc)->exe)
			return snprintf(out, size, "%s", OVP(o->proc)->exe);
	}
	if (!strcmp(rest, "/root"))
		return snprintf(out, size, "/");
	if (!strncmp(rest, "/fd/", 4)) {
		long fd = strtol(rest + 4, &end, 10);

		if (*end || end == rest + 4)
			return -ENOENT;
		return view_fd_path(s->view, o->tid, fd, out, size);
	}
	return -ENOENT;
}

/*
 * The view path of the object a /proc/PID/fd/N or /dev/fd/N path names
 * (PID a tracee, or self); false when VP is no such path or the fd has
 * no view name.  The library must never resolve these itself: they are
 * magic links of the calling process, not of vfstrace.
 */
bool ov_fd_link_view(struct sup *s, struct tracee *t, const char *vp,
		     char *out, size_t size)
{
	char host[PATH_MAX];
	const char *rest;
	struct tracee *o = t;
	char *end;
	long fd;

	if (!ov_proc_path(t, vp, false, host, sizeof(host)) ||
	    !ov_under(host, "/proc") ||
	    !(o = ov_proc_owner(s, t, host, &rest)))
		return false;
	if (!strncmp(rest, "/task/", 6)) {
		strtol(rest + 6, &end, 10);
		rest = end;
	}
	if (strncmp(rest, "/fd/", 4))
		return false;
	fd = strtol(rest + 4, &end, 10);
	if (*end || end == rest + 4)
		return false;
	return view_fd_path(s->view, o->tid, fd, out, size) > 0;
}
