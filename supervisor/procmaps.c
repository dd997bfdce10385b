/* SPDX-License-Identifier: MIT */
/*
 * /proc/PID/maps lines (include/procmaps.h).  Strict about the fields the
 * unwinder uses (a line it cannot trust is skipped, never half-read) and
 * bounded by the buffer's length, not by a NUL.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include "procmaps.h"

/* A cursor over one line. */
struct cur {
	const char *s;
	size_t len, at;
};

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Digits in BASE (16 or 10), at least one, no overflow; then SEP. */
static bool num(struct cur *c, unsigned int base, char sep, uint64_t *out)
{
	size_t from = c->at;
	uint64_t v = 0;
	int d;

	while (c->at < c->len && (d = hexval(c->s[c->at])) >= 0 &&
	       (unsigned int)d < base) {
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
		c->at++;
	}
	if (c->at == from)
		return false;
	*out = v;
	if (!sep)
		return true;
	if (c->at == c->len || c->s[c->at] != sep)
		return false;
	c->at++;
	return true;
}

/* "rwxp": four flag characters then a space. */
static bool perms(struct cur *c, bool *exec)
{
	static const char on[] = "rwx", off[] = "---";
	const char *p = c->s + c->at;
	int i;

	if (c->len - c->at < 5 || p[4] != ' ')
		return false;
	for (i = 0; i < 3; i++)
		if (p[i] != on[i] && p[i] != off[i])
			return false;
	if (p[3] != 'p' && p[3] != 's')
		return false;
	*exec = p[2] == 'x';
	c->at += 5;
	return true;
}

int procmaps_parse_line(const char *line, size_t len, struct procmap *m,
			size_t *path_at)
{
	struct cur c = { .s = line, .len = len };
	uint64_t maj, min;

	if (!num(&c, 16, '-', &m->start) || !num(&c, 16, ' ', &m->end) ||
	    m->start >= m->end || !perms(&c, &m->exec) ||
	    !num(&c, 16, ' ', &m->off) || !num(&c, 16, ':', &maj) ||
	    !num(&c, 16, ' ', &min) || !num(&c, 10, 0, &m->ino) ||
	    maj > 0xfff || min > 0xfffff)
		return -EINVAL;
	if (c.at < c.len && c.s[c.at] != ' ')
		return -EINVAL;
	while (c.at < c.len && c.s[c.at] == ' ')
		c.at++;
	m->dev = makedev(maj, min);
	m->path = NULL;
	*path_at = c.at;
	return 0;
}

static int procmap_cmp(const void *a, const void *b)
{
	const struct procmap *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/* Room for one more entry in *MAPS (*SIZE slots); 0 or -ENOMEM. */
static int maps_room(struct procmap **maps, size_t n, size_t *size)
{
	struct procmap *bigger;

	if (n < *size)
		return 0;
	bigger = realloc(*maps, (*size ? *size * 2 : 64) * sizeof(**maps));
	if (!bigger)
		return -ENOMEM;
	*maps = bigger;
	*size = *size ? *size * 2 : 64;
	return 0;
}

int procmaps_parse(char *text, size_t len, struct procmap **out, size_t *n)
{
	struct procmap *maps = NULL;
	size_t count = 0, size = 0, pos = 0, path_at;
	bool sorted = true;

	while (pos < len) {
		char *line = text + pos, *nl = memchr(line, '\n', len - pos);
		size_t line_len = nl ? (size_t)(nl - line) : len - pos;

		line[line_len] = '\0';	/* the newline, or TEXT[LEN] */
		pos += line_len + 1;
		if (maps_room(&maps, count, &size) < 0) {
			free(maps);
			return -ENOMEM;
		}
		if (procmaps_parse_line(line, line_len, &maps[count],
					&path_at) < 0)
			continue;
		maps[count].path = line + path_at;
		if (count && maps[count].start < maps[count - 1].start)
			sorted = false;
		count++;
	}
	if (!maps && !(maps = calloc(1, sizeof(*maps))))
		return -ENOMEM;
	if (!sorted)
		qsort(maps, count, sizeof(*maps), procmap_cmp);
	*out = maps;
	*n = count;
	return 0;
}

const struct procmap *procmaps_find(const struct procmap *maps, size_t n,
				    uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (addr < maps[mid].start)
			hi = mid;
		else if (addr >= maps[mid].end)
			lo = mid + 1;
		else
			return &maps[mid];
	}
	return NULL;
}

bool procmaps_exec_gone(const struct procmap *old, size_t nold,
			const struct procmap *now, size_t nnow)
{
	size_t i;

	for (i = 0; i < nold; i++) {
		const struct procmap *m = &old[i], *n;

		if (!m->exec)
			continue;
		n = procmaps_find(now, nnow, m->start);
		if (!n || n->start != m->start || n->end != m->end ||
		    n->off != m->off || n->dev != m->dev || n->ino != m->ino)
			return true;
	}
	return false;
}
