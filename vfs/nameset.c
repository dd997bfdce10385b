// SPDX-License-Identifier: MIT
/* Sets of names: open addressing over owned copies. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vfs_impl.h"
#include "nameset.h"

static size_t hash_name(const char *s)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static char **set_slot(const struct vfs_nameset *s, const char *name)
{
	size_t i = hash_name(name) & (s->cap - 1);

	while (s->slots[i] && strcmp(s->slots[i], name))
		i = (i + 1) & (s->cap - 1);
	return &s->slots[i];
}

static int set_grow(struct vfs_nameset *s)
{
	struct vfs_nameset bigger = { .cap = s->cap ? s->cap * 2 : 16 };

	bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots));
	if (!bigger.slots)
		return -ENOMEM;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slots[i])
			*set_slot(&bigger, s->slots[i]) = s->slots[i];
	free(s->slots);
	s->slots = bigger.slots;
	s->cap = bigger.cap;
	return 0;
}

const char *vfs_nameset_insert(struct vfs_nameset *s, const char *name)
{
	char **slot;

	if ((s->n + 1) * 2 > s->cap && set_grow(s))
		return NULL;
	slot = set_slot(s, name);
	if (!*slot) {
		*slot = strdup(name);
		if (!*slot)
			return NULL;
		s->n++;
	}
	return *slot;
}

void vfs_nameset_clear(struct vfs_nameset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	s->slots = NULL;
	s->cap = s->n = 0;
}

struct vfs_nameset *vfs_nameset_new(void)
{
	return calloc(1, sizeof(struct vfs_nameset));
}

int vfs_nameset_add(struct vfs_nameset *s, const char *name)
{
	return vfs_nameset_insert(s, name) ? 0 : -ENOMEM;
}

bool vfs_nameset_has(const struct vfs_nameset *s, const char *name)
{
	return s->cap && *set_slot(s, name);
}

/* Add every name of SRC to DST. */
int vfs_nameset_merge(struct vfs_nameset *dst, const struct vfs_nameset *src)
{
	for (size_t i = 0; i < src->cap; i++)
		if (src->slots[i] && !vfs_nameset_insert(dst, src->slots[i]))
			return -ENOMEM;
	return 0;
}

void vfs_nameset_free(struct vfs_nameset *s)
{
	if (!s)
		return;
	vfs_nameset_clear(s);
	free(s);
}
