/* SPDX-License-Identifier: MIT */
/*
 * --hide PATH in the view: a host directory shows as an empty read-only
 * directory (an in-memory mount), anything else (a file, a symlink, a
 * device, a name that does not exist) as missing, with nothing creatable
 * there (vfs_hide()).  PATH is hidden at every view path that shows it:
 * through each lower layer and each bind whose source holds it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"
#include "vfs.h"
#include "view.h"

struct hidden {
	char path[PATH_MAX];	/* canonical host path */
	bool dir;		/* a directory on the host at the start */
};

/* Whether PATH is DIR or lies below it; DIR "" or "/" holds all. */
static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (n <= 1)
		return true;
	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

/*
 * The canonical host path of absolute path P into OUT (PATH_MAX): its
 * directory resolved (realpath, or canonicalised the same way when it
 * does not exist), its last name kept, so that a symlink is hidden
 * itself.  0 or -errno.
 */
static int canon_hidden(const char *p, char *out)
{
	char dir[PATH_MAX], *r, *slash;
	const char *base;
	int err;

	if (snprintf(dir, sizeof(dir), "%s", p) >= (int)sizeof(dir))
		return -ENAMETOOLONG;
	while (strlen(dir) > 1 && dir[strlen(dir) - 1] == '/')
		dir[strlen(dir) - 1] = '\0';
	slash = strrchr(dir, '/');
	base = slash + 1;
	if (!strcmp(dir, "/") || !strcmp(base, ".") || !strcmp(base, "..")) {
		r = realpath(dir, NULL);
		if (!r)
			return -errno;
		snprintf(out, PATH_MAX, "%s", r);
		free(r);
		return 0;
	}
	*slash = '\0';
	r = realpath(*dir ? dir : "/", NULL);
	if (r) {
		err = snprintf(out, PATH_MAX, "%s/%s", strcmp(r, "/") ? r : "",
			       base) >= PATH_MAX ? -ENAMETOOLONG : 0;
		free(r);
		return err;
	}
	if (errno != ENOENT)
		return -errno;
	err = canon_hidden(*dir ? dir : "/", out);
	if (!err && strlen(out) + 1 + strlen(base) >= PATH_MAX)
		err = -ENAMETOOLONG;
	if (!err)
		strcat(strcmp(out, "/") ? strcat(out, "/") : out, base);
	return err;
}

/* Add canonical H to the list (*N entries), with its kind. */
static void add_hidden(struct hidden **list, size_t *n, const char *h)
{
	struct hidden *l = realloc(*list, (*n + 1) * sizeof(*l));
	struct stat st;

	if (!l)
		die("out of memory");
	*list = l;
	snprintf(l[*n].path, sizeof(l[*n].path), "%s", h);
	l[*n].dir = !lstat(h, &st) && S_ISDIR(st.st_mode);
	(*n)++;
}

/*
 * The canonical paths --hide names: each PATH, and the target of one
 * that is a symlink.
 */
static size_t collect(const struct view_opts *o, struct hidden **list)
{
	char c[PATH_MAX];
	struct stat st;
	size_t i, n = 0;
	int err;

	*list = NULL;
	for (i = 0; i < o->nhide; i++) {
		err = canon_hidden(o->hide[i], c);
		if (err)
			die("cannot hide '%s': %s", o->hide[i], strerror(-err));
		add_hidden(list, &n, c);
		if (!lstat(c, &st) && S_ISLNK(st.st_mode)) {
			char *r = realpath(c, NULL);

			if (r)
				add_hidden(list, &n, r);
			free(r);
		}
	}
	return n;
}

/*
 * What the view could not hide: everything (/), /proc (the tree's own,
 * never the view's), a lower layer or a bind source at or below H (the
 * view would show its content under another name).
 */
static void refuse(const struct view *v, const char *h)
{
	size_t i;

	if (!strcmp(h, "/") || under(h, "/proc"))
		die("cannot hide '%s': %s", h, !strcmp(h, "/") ?
		    "it is the root" : "/proc is not the view's");
	for (i = 0; i < v->nmaps; i++) {
		const char *host = v->maps[i].host;

		if (v->upper && !strcmp(host, v->upper))
			continue;
		if (under(*host ? host : "/", h))
			die("cannot hide '%s': the %s '%s' lies within it", h,
			    strcmp(v->maps[i].view, "/") && *v->maps[i].view ?
			    "bind source" : "lower directory",
			    *host ? host : "/");
	}
}

/* Whether H lies within another hidden directory of LIST. */
static bool covered(const struct hidden *list, size_t n, const char *h)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i].dir && strcmp(list[i].path, h) &&
		    under(h, list[i].path))
			return true;
	return false;
}

/*
 * Whether view path VP shows what map M shows there: no mount of the
 * command line (--bind, --tmpfs) below M's view path covers VP.
 */
static bool shown_by(const struct view_opts *o, const struct view_map *m,
		     const char *vp)
{
	size_t mlen = strlen(m->view), i;

	for (i = 0; i < o->nbinds + o->ntmpfs; i++) {
		const char *d = i < o->nbinds ? o->binds[2 * i + 1] :
			       o->tmpfs[i - o->nbinds];
		char c[PATH_MAX];

		if (vfs_canon_view(d, c))
			continue;
		if (strlen(c) > mlen && under(vp, c))
			return false;
	}
	return true;
}

/* Hide H at view path VP. */
static void hide_at(struct view *v, const struct hidden *h, const char *vp)
{
	int err = -ENOTDIR;

	if (under(vp, "/proc"))
		die("cannot hide '%s': it is '%s' in the view, which is not "
		    "the view's", h->path, vp);
	if (h->dir)
		err = vfs_mount_memory(v->vfs, vp, VFS_MOUNT_RDONLY);
	if (err == -ENOTDIR)	/* not a directory in the view (the upper's) */
		err = vfs_hide(v->vfs, vp);
	if (err)
		die("cannot hide '%s' at '%s': %s", h->path, vp,
		    strerror(-err));
}

/* Hide H at each view path that shows it. */
static void hide_one(struct view *v, const struct view_opts *o,
		     const struct hidden *h)
{
	char vp[PATH_MAX];
	size_t i;

	for (i = 0; i < v->nmaps; i++) {
		const struct view_map *m = &v->maps[i];
		size_t n = strlen(m->host);

		if ((v->upper && !strcmp(m->host, v->upper)) ||
		    !under(h->path, m->host))
			continue;
		if (snprintf(vp, sizeof(vp), "%s%s", m->view,
			     h->path + n) >= (int)sizeof(vp))
			die("cannot hide '%s': %s", h->path,
			    strerror(ENAMETOOLONG));
		if (shown_by(o, m, vp))
			hide_at(v, h, vp);
	}
}

void view_hide(struct view *v, const struct view_opts *o)
{
	struct hidden *list;
	size_t n = collect(o, &list), i;

	for (i = 0; i < n; i++)
		refuse(v, list[i].path);
	for (i = 0; i < n; i++)
		if (!covered(list, n, list[i].path))
			hide_one(v, o, &list[i]);
	free(list);
}
