/* SPDX-License-Identifier: MIT */
/*
 * The read rules of --hide (include/hide_rules.h): the host paths whose
 * subtrees together are everything but the hidden paths.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hide_rules.h"

struct rules {
	const char *const *hidden;
	size_t nhidden;
	const char *floor;	/* only hidden paths strictly below it count;
				   NULL: all */
	char **out;
	size_t n, cap;
};

/* Whether PATH is DIR or lies below it ("/" holds all). */
static bool under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1)
		return true;
	return !strncmp(path, dir, n) && (path[n] == '/' || !path[n]);
}

/* Whether hidden path H counts (see struct rules.floor). */
static bool active(const struct rules *r, const char *h)
{
	return !r->floor || (under(h, r->floor) && strcmp(h, r->floor));
}

/* Whether P is at or below a hidden path that counts. */
static bool is_hidden(const struct rules *r, const char *p)
{
	for (size_t i = 0; i < r->nhidden; i++)
		if (active(r, r->hidden[i]) && under(p, r->hidden[i]))
			return true;
	return false;
}

/* Whether a hidden path that counts lies at or below P. */
static bool holds_hidden(const struct rules *r, const char *p)
{
	for (size_t i = 0; i < r->nhidden; i++)
		if (active(r, r->hidden[i]) && under(r->hidden[i], p))
			return true;
	return false;
}

static int emit(struct rules *r, const char *p)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		char **o = realloc(r->out, cap * sizeof(*o));

		if (!o)
			return -ENOMEM;
		r->out = o;
		r->cap = cap;
	}
	r->out[r->n] = strdup(p);
	return r->out[r->n] ? (r->n++, 0) : -ENOMEM;
}

static int walk(struct rules *r, const char *dir);

/* Entry NAME of directory DIR: granted, descended into, or left out. */
static int entry(struct rules *r, const char *dir, const char *name)
{
	char p[PATH_MAX];
	struct stat st;

	if (snprintf(p, sizeof(p), "%s/%s", strcmp(dir, "/") ? dir : "",
		     name) >= (int)sizeof(p))
		return -ENAMETOOLONG;
	if (is_hidden(r, p) || lstat(p, &st) || S_ISLNK(st.st_mode))
		return 0;	/* hidden, gone, or a symlink: no rule */
	if (S_ISDIR(st.st_mode) && holds_hidden(r, p))
		return walk(r, p);
	return emit(r, p);
}

/*
 * Grant DIR, or (when a hidden path lies below it) each of its entries
 * but those toward a hidden path, which are walked in turn.
 */
static int walk(struct rules *r, const char *dir)
{
	struct dirent *e;
	DIR *d;
	int err = 0;

	if (!holds_hidden(r, dir))
		return emit(r, dir);
	d = opendir(dir);
	if (!d)
		return errno == EACCES || errno == ENOENT ? 0 : -errno;
	while (!err && (errno = 0, e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			err = entry(r, dir, e->d_name);
	}
	if (!err && errno)
		err = -errno;
	closedir(d);
	return err;
}

/* Exception X: its target when a symlink, granted if it is hidden. */
static int exception(struct rules *r, const char *x)
{
	char *real = realpath(x, NULL);
	struct stat st;
	int err = 0;

	if (!real)
		return errno == ENOMEM ? -ENOMEM : 0;	/* missing: none */
	r->floor = NULL;
	if (is_hidden(r, real) && !lstat(real, &st)) {
		r->floor = real;
		err = S_ISDIR(st.st_mode) ? walk(r, real) : emit(r, real);
	}
	r->floor = NULL;
	free(real);
	return err;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort, drop duplicates and paths below another one. */
static void tidy(struct rules *r)
{
	size_t i, k = 0;

	qsort(r->out, r->n, sizeof(*r->out), by_path);
	for (i = 0; i < r->n; i++) {
		if (k && under(r->out[i], r->out[k - 1])) {
			free(r->out[i]);
			continue;
		}
		r->out[k++] = r->out[i];
	}
	r->n = k;
}

int hide_read_paths(const char *const *hidden, size_t nhidden,
		       const char *const *except, size_t nexcept,
		       char ***out, size_t *nout)
{
	struct rules r = { .hidden = hidden, .nhidden = nhidden };
	size_t i;
	int err = 0;

	for (i = 0; i < nhidden; i++)
		if (hidden[i][0] != '/')
			return -EINVAL;
	for (i = 0; i < nexcept; i++)
		if (except[i][0] != '/')
			return -EINVAL;
	if (!is_hidden(&r, "/"))
		err = walk(&r, "/");
	for (i = 0; !err && i < nexcept; i++)
		err = exception(&r, except[i]);
	if (err) {
		hide_read_paths_free(r.out, r.n);
		return err;
	}
	tidy(&r);
	*out = r.out;
	*nout = r.n;
	return 0;
}

void hide_read_paths_free(char **paths, size_t n)
{
	for (size_t i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
}
