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

/*
 * Entries of /proc/PID that give what only a ptracer of PID may have
 * (the kernel checks ptrace access for each): the tree is refused them
 * for any process outside it, vfstrace itself included, and also when
 * it runs as root, which the kernel would let through.
 */
static const char *const guarded[] = {
	"auxv", "cwd", "environ", "exe", "fd", "fdinfo", "map_files", "mem",
	"ns", "pagemap", "personality", "root", "stack", "syscall",
};

/* REST (after /proc/PID) skipped past "/task/TID"; NULL if malformed. */
static const char *skip_task(const char *rest)
{
	char *end;

	if (strncmp(rest, "/task/", 6))
		return rest;
	strtol(rest + 6, &end, 10);
	return end == rest + 6 || (*end && *end != '/') ? NULL : end;
}

static bool is_guarded(const char *rest)
{
	size_t i, n;

	if (!rest || rest[0] != '/')
		return false;
	rest++;
	n = strcspn(rest, "/");
	for (i = 0; i < sizeof(guarded) / sizeof(guarded[0]); i++)
		if (strlen(guarded[i]) == n && !strncmp(rest, guarded[i], n))
			return true;
	return false;
}

/*
 * Parse HOST (/proc/...): 1 with *O the tracee of a /proc/PID (self,
 * thread-self or a tracee's pid) and *REST past it and any /task/TID;
 * 0 when it is no pid directory; -EACCES for a guarded entry of a
 * process outside the tree.
 */
static int proc_pid_of(struct sup *s, struct tracee *t, const char *host,
		       struct tracee **o, const char **rest)
{
	const char *p = host + strlen("/proc/");
	char *end;

	*o = ov_proc_owner(s, t, host, rest);
	if (*o) {
		*rest = skip_task(*rest);
		return *rest ? 1 : 0;
	}
	strtol(p, &end, 10);
	if (end == p || (*end && *end != '/'))
		return 0;
	return is_guarded(skip_task(end)) ? -EACCES : 0;
}

/*
 * The view path of what REST (after /proc/PID of tracee O) names through
 * its root, cwd or a directory fd, with a name after it: "/root/x" is
 * "/x" of the view, "/cwd/x" and "/fd/N/x" are below the view directory
 * of O's cwd or fd.  0 with OUT, 1 when REST is none of those, -errno.
 */
static int proc_dir_link(struct sup *s, struct tracee *o, const char *rest,
			 char *out, size_t size)
{
	char dir[PATH_MAX];
	const char *tail;
	struct stat st;
	char *end;
	long fd;

	if (!strncmp(rest, "/root/", 6)) {
		tail = rest + 5;
		dir[0] = '\0';
	} else if (!strncmp(rest, "/cwd/", 5) && o->proc->cwd) {
		tail = rest + 4;
		snprintf(dir, sizeof(dir), "%s", o->proc->cwd);
	} else if (!strncmp(rest, "/fd/", 4)) {
		fd = strtol(rest + 4, &end, 10);
		if (end == rest + 4 || *end != '/')
			return 1;
		tail = end;
		if (view_fd_path(s->view, o->tid, (int)fd, dir, sizeof(dir)) < 0)
			return procfs_fd_stat(o->tid, (int)fd, &st) ? -ENOENT :
			       S_ISDIR(st.st_mode) ? -ENOENT : -ENOTDIR;
	} else {
		return 1;
	}
	if (!strcmp(dir, "/"))
		dir[0] = '\0';
	if ((size_t)snprintf(out, size, "%s%s", dir, tail) >= size)
		return -ENAMETOOLONG;
	return 0;
}

/*
 * Is component P (LEN bytes) of a /proc path, at depth D (1: the pid
 * directory) the magic link or fd after which the kernel stops walking
 * /proc's own tree: cwd, root, exe, or fd/N?  *FD says the last one was
 * "fd".
 */
static bool magic_comp(const char *p, size_t len, int d, bool *fd)
{
	bool was_fd = *fd;

	*fd = d >= 2 && len == 2 && !strncmp(p, "fd", 2);
	if (was_fd)
		return true;
	return d >= 2 && ((len == 3 && (!strncmp(p, "cwd", 3) ||
					!strncmp(p, "exe", 3))) ||
			  (len == 4 && !strncmp(p, "root", 4)));
}

/*
 * HOST (a /proc path) without "//", "." and ".." up to its first magic
 * link (those are walked lexically: no symlink but self and thread-self,
 * spelled out here as the pids of T), so that the pid it names is the
 * one the kernel would reach.  Into OUT (SIZE bytes); 0 or -ENAMETOOLONG.
 */
static int proc_canonical(const struct tracee *t, const char *host,
			  char *out, size_t size)
{
	const char *p = host, *e;
	size_t n = 0, len, cut[PATH_MAX / 2];
	int d = 0;
	bool fd = false, last = false;

	out[0] = '\0';
	while (*p) {
		while (*p == '/')
			p++;
		e = strchrnul(p, '/');
		len = e - p;
		if (!len || (len == 1 && *p == '.')) {
			p = e;
			continue;
		}
		if (len == 2 && !strncmp(p, "..", 2)) {
			if (d > 0)
				n = cut[--d];
			out[n] = '\0';
			p = e;
			continue;
		}
		cut[d++] = n;
		if (!e[strspn(e, "/")])
			last = true;	/* a final self stays a link */
		if (d == 2 && !last && len == 4 && !strncmp(p, "self", 4))
			n += snprintf(out + n, size - n, "/%d", t->proc->tgid);
		else if (d == 2 && !last && len == 11 &&
			 !strncmp(p, "thread-self", 11))
			n += snprintf(out + n, size - n, "/%d/task/%d",
				      t->proc->tgid, t->tid);
		else
			n += snprintf(out + n, size - n, "/%.*s", (int)len, p);
		if (n >= size)
			return -ENAMETOOLONG;
		if (magic_comp(p, len, d - 1, &fd)) {
			if (n + strlen(e) >= size)
				return -ENAMETOOLONG;
			strcpy(out + n, e);
			return 0;
		}
		p = e;
	}
	if (!n || (host[strlen(host) - 1] == '/' && n + 1 < size))
		strcpy(out + n, "/");	/* a trailing slash stays */
	return 0;
}

int ov_proc_view(struct sup *s, struct tracee *t, const char *vp,
		 char *out, size_t size)
{
	char host[PATH_MAX];
	const char *rest;
	struct tracee *o;
	int err, ret = OVP_SAME;

	if (!ov_proc_path(t, vp, false, host, sizeof(host)) ||
	    !ov_under(host, "/proc") || !host[5])
		return OVP_SAME;
	if (ov_under(vp, "/proc")) {
		/* "/proc//PID", "/proc/self/../PID": what the kernel reaches */
		err = proc_canonical(t, host, out, size);
		if (err)
			return err;
		if (strcmp(out, host))
			ret = OVP_CANONICAL;
		if (!ov_under(out, "/proc"))
			return OVP_VIEW;
		if (!out[5])
			return ret;
		snprintf(host, sizeof(host), "%s", out);
	}
	err = proc_pid_of(s, t, host, &o, &rest);
	if (err <= 0)
		return err ? err : ret;
	err = proc_dir_link(s, o, rest, out, size);
	if (err)
		return err < 0 ? err : ret;
	return OVP_VIEW;
}

int ov_proc_check(struct sup *s, struct tracee *t, const char *path)
{
	char canon[PATH_MAX];
	const char *rest;
	struct tracee *o;
	int err = proc_canonical(t, path, canon, sizeof(canon));

	if (err)
		return err;
	if (!ov_under(canon, "/proc"))
		return -EXDEV;
	if (!canon[5])
		return 0;
	err = proc_pid_of(s, t, canon, &o, &rest);
	return err < 0 ? err : 0;
}

int ov_proc_redirect(struct sup *s, struct tracee *t, struct call *c, int i)
{
	char out[PATH_MAX];
	int ret;

	if (!c->str[i])
		return 0;
	ret = ov_proc_view(s, t, c->str[i], out, sizeof(out));
	if (ret < 0 || ret == OVP_SAME)
		return ret < 0 ? ret : 0;
	return ov_move_path(c, i, out);
}

int ov_move_path(struct call *c, int i, const char *path)
{
	char *dup = strdup(path);

	if (!dup)
		return -ENOMEM;
	free(c->str[i]);
	c->str[i] = dup;
	c->moved |= 1u << i;
	c->rel &= ~(1u << i);
	if (c->hbase_arg == i)
		c->hbase_arg = -1;
	return 0;
}

int ov_proc_fd(struct sup *s, struct tracee *t, const char *vp,
	       struct tracee **o)
{
	char host[PATH_MAX];
	const char *rest;
	char *end;
	long fd;

	if (!vp || !ov_proc_path(t, vp, false, host, sizeof(host)) ||
	    !ov_under(host, "/proc") ||
	    proc_pid_of(s, t, host, o, &rest) <= 0 || strncmp(rest, "/fd/", 4))
		return -1;
	fd = strtol(rest + 4, &end, 10);
	return end == rest + 4 || *end || fd > INT_MAX ? -1 : (int)fd;
}

int ov_fd_link_change(struct sup *s, struct tracee *t, const char *vp,
		      char *out, size_t size)
{
	static const char deleted[] = " (deleted)";
	char host[PATH_MAX];
	const char *rest;
	struct tracee *o;
	size_t n;
	char *end;
	long fd;

	if (!ov_proc_path(t, vp, false, host, sizeof(host)) ||
	    !ov_under(host, "/proc") || proc_pid_of(s, t, host, &o, &rest) <= 0 ||
	    strncmp(rest, "/fd/", 4))
		return 0;
	fd = strtol(rest + 4, &end, 10);
	if (end == rest + 4 || *end ||
	    procfs_fd_path(o->tid, (int)fd, host, sizeof(host)) < 0 ||
	    host[0] != '/' || (s->view->upper && ov_under(host, s->view->upper)))
		return 0;	/* the kernel follows it to no lower object */
	if (view_from_host(s->view, host, out, size) < 0)
		return 0;	/* a memfd, a scratch file: no layer */
	n = strlen(host);
	if (n > sizeof(deleted) - 1 &&
	    !strcmp(host + n - (sizeof(deleted) - 1), deleted))
		return -ENOENT;	/* a lower object the view no longer has */
	return 1;
}

/* Every path argument through a magic link of /proc: see ov_proc_redirect. */
int ov_proc_links(struct sup *s, struct tracee *t, struct call *c)
{
	int i, err;

	for (i = 0; i < c->ent->nargs; i++) {
		if (c->ent->arg[i] != A_PATH && c->ent->arg[i] != A_SOCKADDR)
			continue;
		err = ov_proc_redirect(s, t, c, i);
		if (err == -EACCES)
			log_warn("pid %d: %s: %s: refused: a process outside "
				 "the tree", t->tid, c->ent->name, c->str[i]);
		if (err)
			return err;
	}
	return 0;
}
