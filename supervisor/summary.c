/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cleanup.h"
#include "decode.h"
#include "outbuf.h"
#include "select.h"
#include "summary.h"

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

static void text_entry(struct outbuf *out, const struct path_entry *e)
{
	size_t i, n = 0;
	int k;

	for (k = 0; k < K_COUNT; k++)
		n += outbuf_udec(out, e->count[k], 9);
	outbuf_puts(out, "  ");
	n += 2;
	/* the processes column stops at column 200 */
	for (i = 0; i < e->npids && n < 200; i++) {
		if (i) {
			outbuf_putc(out, ',');
			n++;
		}
		n += outbuf_dec(out, e->pids[i]);
	}
	if (i < e->npids)
		outbuf_puts(out, ",...");
	outbuf_puts(out, "  ");
	outbuf_puts(out, e->path);
	outbuf_putc(out, '\n');
}

static void json_entry(struct outbuf *out, const struct path_entry *e,
		       bool first)
{
	size_t i;
	int k;

	outbuf_puts(out, first ? "\n{\"path\":" : ",\n{\"path\":");
	outbuf_json_str(out, e->path, strlen(e->path));
	for (k = 0; k < K_COUNT; k++) {
		outbuf_puts(out, ",\"");
		outbuf_puts(out, kind_names[k]);
		outbuf_puts(out, "\":");
		outbuf_udec(out, e->count[k], 0);
	}
	outbuf_puts(out, ",\"pids\":[");
	for (i = 0; i < e->npids; i++) {
		if (i)
			outbuf_putc(out, ',');
		outbuf_dec(out, e->pids[i]);
	}
	outbuf_puts(out, "]}");
}

/* The name of a row: NAME, or syscall_NR when NAME is NULL. */
static void row_name(struct outbuf *out, const char *name, long nr)
{
	if (name) {
		outbuf_puts(out, name);
	} else {
		outbuf_puts(out, "syscall_");
		outbuf_dec(out, nr);
	}
}

/* One row of the syscall table; FIRST: no separator before it (JSON). */
static void syscall_row(struct outbuf *out, bool json, bool first,
			const char *name, long nr, unsigned long calls,
			unsigned long errors)
{
	if (json) {
		outbuf_puts(out, first ? "\n{\"syscall\":\"" :
			    ",\n{\"syscall\":\"");
		row_name(out, name, nr);
		outbuf_puts(out, "\",\"calls\":");
		outbuf_udec(out, calls, 0);
		outbuf_puts(out, ",\"errors\":");
		outbuf_udec(out, errors, 0);
		outbuf_putc(out, '}');
	} else {
		outbuf_udec(out, calls, 7);
		outbuf_putc(out, ' ');
		outbuf_udec(out, errors, 7);
		outbuf_puts(out, "  ");
		row_name(out, name, nr);
		outbuf_putc(out, '\n');
	}
}

static void syscalls(struct summary *s, struct outbuf *out, bool json)
{
	bool first = true;
	size_t i;
	int id;

	outbuf_puts(out, json ? "],\n\"syscalls\":[" :
		    "\n  calls  errors  syscall\n");
	for (id = 1; id < SC__COUNT; id++) {
		if (!s->calls[id])
			continue;
		syscall_row(out, json, first, sysent_table[id].name, 0,
			    s->calls[id], s->errors[id]);
		first = false;
	}
	/* an unknown call is refused: each of its calls is an error */
	for (i = 0; i < s->nunknown; i++) {
		syscall_row(out, json, first, NULL, s->unknown_nr[i],
			    s->unknown_calls[i], s->unknown_calls[i]);
		first = false;
	}
	if (json)
		outbuf_puts(out, "]}\n");
}

int summary_write(struct summary *s, int fd, bool json)
{
	_cleanup_free_ struct path_entry **v =
		malloc((s->count + 1) * sizeof(*v));
	struct outbuf out;
	size_t i, n = 0;

	if (!v || outbuf_init(&out, fd, NULL))
		return -ENOMEM;
	for (i = 0; i < s->size; i++)
		if (s->slots[i])
			v[n++] = s->slots[i];
	qsort(v, n, sizeof(*v), by_path);
	outbuf_puts(&out, json ? "{\"paths\":[" :
		    "     read  written  created  deleted executed  missing"
		    "  processes  path\n");
	for (i = 0; i < n; i++) {
		if (json)
			json_entry(&out, v[i], i == 0);
		else
			text_entry(&out, v[i]);
	}
	syscalls(s, &out, json);
	return outbuf_release(&out);
}
