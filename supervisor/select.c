/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "select.h"

static const struct {
	const char *name;
	unsigned int classes;
} class_names[] = {
	{ "read", C_READ },
	{ "write", C_WRITE | C_META | C_RENAME },
	{ "create", C_CREATE | C_RENAME },
	{ "delete", C_DELETE | C_RENAME },
	{ "exec", C_EXEC },
	{ "stat", C_STAT },
	{ "dir", C_DIR },
};

#define C_ALL 0xffffu

/* Select every row printed as NAME (or with that id); false if none. */
static bool select_name(struct select *sel, const char *name)
{
	bool found = false;
	int id;

	for (id = 1; id < SC__COUNT; id++) {
		if (!strcmp(sysent_table[id].name, name)) {
			sel->ids[id] = true;
			found = true;
		}
	}
	id = sysent_by_name(name);
	if (id != SC_NONE) {
		sel->ids[id] = true;
		found = true;
	}
	return found;
}

static bool select_class(struct select *sel, const char *word)
{
	size_t i;

	if (!strcmp(word, "all") || !strcmp(word, "file")) {
		sel->classes = C_ALL;
		sel->all = true;
		return true;
	}
	for (i = 0; i < sizeof(class_names) / sizeof(class_names[0]); i++) {
		if (!strcmp(word, class_names[i].name)) {
			sel->classes |= class_names[i].classes;
			return true;
		}
	}
	return false;
}

int select_trace(struct select *sel, char *set, const char **bad)
{
	char *save = NULL, *w;

	sel->any_trace = true;
	for (w = strtok_r(set, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		const char *word = w[0] == '%' ? w + 1 : w;

		if (select_class(sel, word) || (w[0] != '%' &&
						select_name(sel, word)))
			continue;
		*bad = w;
		return -EINVAL;
	}
	return 0;
}

int select_path(struct select *sel, const char *pattern)
{
	const char **p = realloc(sel->paths, (sel->npaths + 1) * sizeof(*p));

	if (!p)
		return -ENOMEM;
	sel->paths = p;
	p[sel->npaths++] = pattern;
	return 0;
}

void select_release(struct select *sel)
{
	free(sel->paths);
	sel->paths = NULL;
	sel->npaths = 0;
}

bool select_all(const struct select *sel)
{
	return !sel->any_trace && !sel->npaths && !sel->result;
}

unsigned int call_classes(const struct call *c)
{
	unsigned int cls = c->ent->cls & ~C_OPEN;
	int fi = sysent_find_arg(c->ent, A_OFLAGS, 0);
	uint64_t fl;

	if (!(c->ent->cls & C_OPEN))
		return cls;
	fl = c->id == SC_openat2 ? c->how[0] : fi >= 0 ? c->args[fi] : 0;
	if (fl & O_PATH)
		return cls | C_STAT;
	if ((fl & O_ACCMODE) != O_WRONLY)
		cls |= C_READ;
	if ((fl & O_ACCMODE) != O_RDONLY || (fl & O_TRUNC))
		cls |= C_WRITE;
	if ((fl & O_CREAT) || (fl & O_TMPFILE) == O_TMPFILE)
		cls |= C_CREATE;
	return cls;
}

int call_paths(const struct call *c, const char *p[2])
{
	int i, n = 0;

	p[0] = p[1] = NULL;
	if (c->id == SC_getcwd) {
		p[0] = c->out;
		return 1;
	}
	for (i = 0; i < c->ent->nargs && n < 2; i++) {
		int k = c->ent->arg[i];
		const char *s = c->str[i];

		if (k == A_STR && (c->id == SC_symlink || c->id == SC_symlinkat))
			p[n++] = s;
		else if (k == A_PATH || k == A_SOCKADDR)
			p[n++] = (s && s[0]) || !c->fdpath ? s : c->fdpath;
		else if (k == A_SOCKCALL)
			p[n++] = c->str[1];
	}
	if (!n && c->fd >= 0)
		p[n++] = c->fdpath;
	return n;
}

static bool has_wildcard(const char *p)
{
	return strpbrk(p, "*?[") != NULL;
}

static bool path_matches(const char *pattern, const char *path)
{
	size_t n;

	if (!path)
		return false;
	if (has_wildcard(pattern))
		return !fnmatch(pattern, path, 0);
	n = strlen(pattern);
	while (n > 1 && pattern[n - 1] == '/')
		n--;
	if (n == 1 && pattern[0] == '/')
		return path[0] == '/';
	return !strncmp(path, pattern, n) && (!path[n] || path[n] == '/');
}

static bool select_paths(const struct select *sel, const struct call *c)
{
	const char *p[2];
	size_t i;
	int n = call_paths(c, p), j;

	for (i = 0; i < sel->npaths; i++)
		for (j = 0; j < n; j++)
			if (path_matches(sel->paths[i], p[j]))
				return true;
	return false;
}

bool select_call(const struct select *sel, const struct call *c)
{
	bool failed = c->done && c->ret < 0 && c->ret > -4096;

	if (sel->result > 0 && (failed || !c->done))
		return false;
	if (sel->result < 0 && !failed)
		return false;
	if (sel->any_trace && !sel->all && !sel->ids[c->id] &&
	    !(call_classes(c) & sel->classes))
		return false;
	return !sel->npaths || select_paths(sel, c);
}

bool select_unknown(const struct select *sel)
{
	/* it failed (ENOSYS), has no path and no class */
	return sel->result <= 0 && !sel->npaths &&
	       (!sel->any_trace || sel->all);
}
