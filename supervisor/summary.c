/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "select.h"
#include "summary.h"
#include "trace.h"

enum { K_READ, K_WRITTEN, K_CREATED, K_DELETED, K_EXECUTED, K_MISSING,
       K_COUNT };

static const char *const kind_names[K_COUNT] = {
	"read", "written", "created", "deleted", "executed", "missing"
};

struct path_entry {
	char *path;			/* owned */
	unsigned long count[K_COUNT];
	pid_t *pids;			/* owned, distinct, in order seen */
	size_t npids;
};

struct summary {
	struct path_entry **slots;	/* open addressing by path hash */
	size_t size, count;
	unsigned long calls[SC__COUNT], errors[SC__COUNT];
	long unknown_nr[64];		/* refused calls unknown to the table */
	unsigned long unknown_calls[64];
	size_t nunknown;
};

void summary_add_unknown(struct summary *s, long nr)
{
	size_t i;

	for (i = 0; i < s->nunknown; i++) {
		if (s->unknown_nr[i] == nr) {
			s->unknown_calls[i]++;
			return;
		}
	}
	if (s->nunknown == 64)
		return;
	s->unknown_nr[s->nunknown] = nr;
	s->unknown_calls[s->nunknown++] = 1;
}

int summary_new(struct summary **out)
{
	struct summary *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	s->size = 1024;
	s->slots = calloc(s->size, sizeof(*s->slots));
	if (!s->slots) {
		free(s);
		return -ENOMEM;
	}
	*out = s;
	return 0;
}

void summary_free(struct summary *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->size; i++) {
		if (s->slots[i]) {
			free(s->slots[i]->path);
			free(s->slots[i]->pids);
			free(s->slots[i]);
		}
	}
	free(s->slots);
	free(s);
}

static uint64_t hash(const char *p)
{
	uint64_t h = 1469598103934665603ull;

	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return h;
}

static struct path_entry **slot(struct path_entry **slots, size_t size,
				const char *path)
{
	size_t i = hash(path) & (size - 1);

	while (slots[i] && strcmp(slots[i]->path, path))
		i = (i + 1) & (size - 1);
	return &slots[i];
}

static int grow(struct summary *s)
{
	size_t size = s->size * 2, i;
	struct path_entry **slots = calloc(size, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	for (i = 0; i < s->size; i++)
		if (s->slots[i])
			*slot(slots, size, s->slots[i]->path) = s->slots[i];
	free(s->slots);
	s->slots = slots;
	s->size = size;
	return 0;
}

static struct path_entry *entry(struct summary *s, const char *path)
{
	struct path_entry **e;

	if ((s->count + 1) * 2 > s->size && grow(s))
		return NULL;
	e = slot(s->slots, s->size, path);
	if (!*e) {
		*e = calloc(1, sizeof(**e));
		if (!*e || !((*e)->path = strdup(path))) {
			free(*e);
			*e = NULL;
			return NULL;
		}
		s->count++;
	}
	return *e;
}

static void count(struct summary *s, const char *path, int kind, pid_t tgid)
{
	struct path_entry *e;
	size_t i;

	if (!path || !(e = entry(s, path)))
		return;
	e->count[kind]++;
	for (i = 0; i < e->npids; i++)
		if (e->pids[i] == tgid)
			return;
	pid_t *p = realloc(e->pids, (e->npids + 1) * sizeof(*p));

	if (!p)
		return;
	e->pids = p;
	p[e->npids++] = tgid;
}

/* The path an operation creates: the new name of link/symlink. */
static const char *created_path(const struct call *c, const char *p[2])
{
	if (c->id == SC_link || c->id == SC_linkat || c->id == SC_symlink ||
	    c->id == SC_symlinkat)
		return p[1];
	return p[0];
}

static bool creates(const struct call *c, unsigned int cls)
{
	if (!(cls & C_CREATE))
		return false;
	if (!(c->ent->cls & C_OPEN))
		return true;
	return c->created;
}

void summary_add(struct summary *s, pid_t tgid, const struct call *c)
{
	unsigned int cls = call_classes(c);
	const char *p[2];

	call_paths(c, p);
	s->calls[c->id]++;
	if (!c->done)
		return;
	if (c->ret < 0 && c->ret > -4096) {
		s->errors[c->id]++;
		if (c->ret == -ENOENT)
			count(s, p[0], K_MISSING, tgid);
		return;
	}
	if (cls & C_RENAME) {
		count(s, p[0], K_DELETED, tgid);
		count(s, p[1], K_CREATED, tgid);
		return;
	}
	if (cls & C_READ)
		count(s, p[0], K_READ, tgid);
	if (cls & (C_WRITE | C_META))
		count(s, p[0], K_WRITTEN, tgid);
	if (creates(c, cls))
		count(s, created_path(c, p), K_CREATED, tgid);
	if (cls & C_DELETE)
		count(s, p[0], K_DELETED, tgid);
	if (cls & C_EXEC)
		count(s, p[0], K_EXECUTED, tgid);
}

static int by_path(const void *a, const void *b)
{
	return strcmp((*(struct path_entry *const *)a)->path,
		      (*(struct path_entry *const *)b)->path);
}

static void text_entry(struct trace *out, const struct path_entry *e)
{
	char line[256];
	size_t i;
	int k, n = 0;

	for (k = 0; k < K_COUNT; k++)
		n += snprintf(line + n, sizeof(line) - n, "%9lu",
			      e->count[k]);
	n += snprintf(line + n, sizeof(line) - n, "  ");
	for (i = 0; i < e->npids && n < 200; i++)
		n += snprintf(line + n, sizeof(line) - n, "%s%d", i ? "," : "",
			      e->pids[i]);
	if (i < e->npids)
		n += snprintf(line + n, sizeof(line) - n, ",...");
	trace_raw(out, line);
	trace_raw(out, "  ");
	trace_raw(out, e->path);
	trace_raw(out, "\n");
}

static void json_entry(struct trace *out, const struct path_entry *e,
		       bool first)
{
	char num[64];
	size_t i;
	int k;

	trace_raw(out, first ? "\n{\"path\":" : ",\n{\"path\":");
	trace_put_json_str(out, e->path, strlen(e->path));
	for (k = 0; k < K_COUNT; k++) {
		snprintf(num, sizeof(num), ",\"%s\":%lu", kind_names[k],
			 e->count[k]);
		trace_raw(out, num);
	}
	trace_raw(out, ",\"pids\":[");
	for (i = 0; i < e->npids; i++) {
		snprintf(num, sizeof(num), "%s%d", i ? "," : "", e->pids[i]);
		trace_raw(out, num);
	}
	trace_raw(out, "]}");
}

static void syscalls(struct summary *s, struct trace *out, bool json)
{
	char line[128];
	bool first = true;
	int id;

	trace_raw(out, json ? "],\n\"syscalls\":[" :
		  "\n  calls  errors  syscall\n");
	for (id = 1; id < SC__COUNT; id++) {
		if (!s->calls[id])
			continue;
		if (json)
			snprintf(line, sizeof(line), "%s\n{\"syscall\":\"%s\","
				 "\"calls\":%lu,\"errors\":%lu}",
				 first ? "" : ",", sysent_table[id].name,
				 s->calls[id], s->errors[id]);
		else
			snprintf(line, sizeof(line), "%7lu %7lu  %s\n",
				 s->calls[id], s->errors[id],
				 sysent_table[id].name);
		trace_raw(out, line);
		first = false;
	}
	for (size_t i = 0; i < s->nunknown; i++) {
		if (json)
			snprintf(line, sizeof(line), "%s\n{\"syscall\":"
				 "\"syscall_%ld\",\"calls\":%lu,\"errors\":%lu}",
				 first ? "" : ",", s->unknown_nr[i],
				 s->unknown_calls[i], s->unknown_calls[i]);
		else
			snprintf(line, sizeof(line), "%7lu %7lu  syscall_%ld\n",
				 s->unknown_calls[i], s->unknown_calls[i],
				 s->unknown_nr[i]);
		trace_raw(out, line);
		first = false;
	}
	trace_raw(out, json ? "]}\n" : "");
}

int summary_write(struct summary *s, int fd, bool json)
{
	struct trace out = { .fd = fd, .cap = 64 * 1024 };
	struct path_entry **v = malloc((s->count + 1) * sizeof(*v));
	size_t i, n = 0;
	int err;

	out.buf = malloc(out.cap);
	if (!v || !out.buf) {
		free(v);
		free(out.buf);
		return -ENOMEM;
	}
	for (i = 0; i < s->size; i++)
		if (s->slots[i])
			v[n++] = s->slots[i];
	qsort(v, n, sizeof(*v), by_path);
	trace_raw(&out, json ? "{\"paths\":[" :
		  "     read  written  created  deleted executed  missing"
		  "  processes  path\n");
	for (i = 0; i < n; i++) {
		if (json)
			json_entry(&out, v[i], i == 0);
		else
			text_entry(&out, v[i]);
	}
	syscalls(s, &out, json);
	trace_flush(&out);
	err = out.broken ? -EIO : 0;
	free(out.buf);
	free(v);
	return err;
}
