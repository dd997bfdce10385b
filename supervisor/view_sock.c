/* SPDX-License-Identifier: MIT */
/*
 * AF_UNIX paths of the view: sun_path holds 108 bytes, and a view path
 * that fits may not once it names the upper (its path is prepended).
 * Such a socket is reached through a short path instead: a symlink to
 * its host directory in a private directory of /tmp, which the kernel
 * follows as it resolves the address.  The names the tree bound are
 * remembered, so that getsockname and getpeername give them back.
 */
#include <errno.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "vfs.h"
#include "view.h"

#define SOCK_BASE "/tmp/.vfstrace-XXXXXX"

/*
 * The private directory: mkdtemp (no other user can make or guess it),
 * searchable by all (a tracee may change its uid), never listed, and
 * masked in the view where a layer shows it.  0 or -errno.
 */
static int make_base(struct view *v)
{
	char path[] = SOCK_BASE, vpath[PATH_MAX];
	int err;

	if (v->sock_base)
		return 0;
	if (!mkdtemp(path))
		return -errno;
	err = chmod(path, 0711) ? -errno : 0;
	if (!err && view_from_host(v, path, vpath, sizeof(vpath)) > 0)
		err = vfs_mask(v->vfs, vpath);
	if (!err)
		v->sock_base = strdup(path);
	if (!err && !v->sock_base)
		err = -ENOMEM;
	if (err)
		rmdir(path);
	return err;
}

/* The index of the symlink to host directory DIR, made when missing. */
static int dir_link(struct view *v, const char *dir)
{
	char link[PATH_MAX];
	char **d;
	size_t i;

	for (i = 0; i < v->nsock_dirs; i++)
		if (!strcmp(v->sock_dirs[i], dir))
			return (int)i;
	d = realloc(v->sock_dirs, (i + 1) * sizeof(*d));
	if (!d)
		return -ENOMEM;
	v->sock_dirs = d;
	d[i] = strdup(dir);
	if (!d[i])
		return -ENOMEM;
	snprintf(link, sizeof(link), "%s/%zu", v->sock_base, i);
	unlink(link);	/* the tree cannot reach it: a stale one of ours */
	if (symlink(dir, link)) {
		free(d[i]);
		return -errno;
	}
	v->nsock_dirs++;
	return (int)i;
}

int view_sock_path(struct view *v, const char *host, char *out, size_t size)
{
	const char *name = strrchr(host, '/');
	char dir[PATH_MAX];
	int i;

	if (strlen(host) < size) {
		strcpy(out, host);
		return 0;
	}
	if (!name || strlen(name) >= size ||
	    snprintf(dir, sizeof(dir), "%.*s", (int)(name - host),
		     host) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	i = make_base(v);
	if (i < 0) {
		/* as without it: the path does not fit */
		log_warn("cannot make a directory in /tmp for socket paths: %s",
			 strerror(-i));
		return -ENAMETOOLONG;
	}
	i = dir_link(v, dir[0] ? dir : "/");
	if (i < 0)
		return i;
	if (snprintf(out, size, "%s/%d%s", v->sock_base, i, name) >=
	    (int)size)
		return -ENAMETOOLONG;
	return 0;
}

int view_sock_bound(struct view *v, const char *kname, const char *given)
{
	struct view_map *m;
	char *g = strdup(given);
	size_t i;

	if (!g)
		return -ENOMEM;
	for (i = 0; i < v->nsock_names; i++) {
		if (!strcmp(v->sock_names[i].host, kname)) {
			free(v->sock_names[i].view);
			v->sock_names[i].view = g;
			return 0;
		}
	}
	m = realloc(v->sock_names, (i + 1) * sizeof(*m));
	if (m)
		v->sock_names = m;
	if (!m || !(m[i].host = strdup(kname))) {
		free(g);
		return -ENOMEM;
	}
	m[i].view = g;
	v->nsock_names++;
	return 0;
}

const char *view_sock_given(const struct view *v, const char *kname)
{
	size_t i;

	for (i = 0; i < v->nsock_names; i++)
		if (!strcmp(v->sock_names[i].host, kname))
			return v->sock_names[i].view;
	return NULL;
}

void view_sock_release(struct view *v)
{
	char link[PATH_MAX];
	size_t i;

	for (i = 0; i < v->nsock_dirs; i++) {
		snprintf(link, sizeof(link), "%s/%zu", v->sock_base, i);
		unlink(link);
		free(v->sock_dirs[i]);
	}
	if (v->sock_base)
		rmdir(v->sock_base);
	for (i = 0; i < v->nsock_names; i++) {
		free(v->sock_names[i].host);
		free(v->sock_names[i].view);
	}
	free(v->sock_names);
	free(v->sock_dirs);
	free(v->sock_base);
}
