// SPDX-License-Identifier: MIT
/* The readable paths beside hidden ones (sandbox_paths.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox_paths.h"

struct plist {
	char **v;
	size_t n, cap;
};

static int push(struct plist *l, const char *p)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], p))
			return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n] = strdup(p);
	return l->v[l->n] ? (l->n++, 0) : -ENOMEM;
}

static void plist_free(struct plist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* Whether P is A or lies beneath A. */
static bool at_or_under(const char *p, const char *a)
{
	size_t n = strlen(a);

	if (n == 1)
		return true;	/* "/" */
	return !strncmp(p, a, n) && (!p[n] || p[n] == '/');
}

/* Whether P is a proper ancestor of, or is, some hidden path. */
static bool on_a_way(const char *p, const char *const *h, size_t nh)
{
	size_t i;

	for (i = 0; i < nh; i++)
		if (at_or_under(h[i], p))
			return true;
	return false;
}

/* The proper ancestors of each hidden path (not beneath another one). */
static int ancestors(const char *const *h, size_t nh, struct plist *anc)
{
	char buf[PATH_MAX];
	size_t i, j;
	int err = push(anc, "/");

	for (i = 0; !err && i < nh; i++) {
		for (j = 0; j < nh; j++)
			if (j != i && strcmp(h[i], h[j]) &&
			    at_or_under(h[i], h[j]))
				break;
		if (j < nh)
			continue;	/* beneath another hidden path */
		snprintf(buf, sizeof(buf), "%s", h[i]);
		for (j = 1; !err && buf[j]; j++) {
			if (buf[j] != '/')
				continue;
			buf[j] = '\0';
			err = push(anc, buf);
			buf[j] = '/';
		}
	}
	return err;
}

/* Every entry of directory A that is on no way to a hidden path. */
static int siblings(const char *a, const char *const *h, size_t nh,
		    struct plist *out)
{
	char p[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(a);
	int err = 0;

	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while (!err && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (snprintf(p, sizeof(p), "%s/%s", strcmp(a, "/") ? a : "",
			     e->d_name) >= (int)sizeof(p))
			continue;
		if (!on_a_way(p, h, nh))
			err = push(out, p);
	}
	closedir(d);
	return err;
}

int sandbox_read_paths(const char *const *hidden, size_t nhidden,
		       const char *const *except, size_t nexcept,
		       char ***out, size_t *nout)
{
	struct plist anc = { 0 }, res = { 0 };
	size_t i;
	int err = ancestors(hidden, nhidden, &anc);

	for (i = 0; !err && i < anc.n; i++)
		err = siblings(anc.v[i], hidden, nhidden, &res);
	for (i = 0; !err && i < nexcept; i++)
		err = push(&res, except[i]);
	plist_free(&anc);
	if (err) {
		plist_free(&res);
		return err;
	}
	*out = res.v;
	*nout = res.n;
	return 0;
}
