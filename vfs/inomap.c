// SPDX-License-Identifier: MIT
/*
 * A map from (st_dev, st_ino) to (st_dev, st_ino): the origins of
 * copied-up objects, and (values unused) sets of inodes.  Open addressing
 * with linear probing; deletion shifts the following entries back, so
 * there are no tombstones.
 */
#include <errno.h>
#include <stdlib.h>

#include "vfs_impl.h"

struct vfs_inoent {
	dev_t dev;
	ino_t ino;
	dev_t odev;
	ino_t oino;
	bool used;
};

static size_t ino_hash(dev_t dev, ino_t ino)
{
	uint64_t h = (uint64_t)ino * 0x9e3779b97f4a7c15ULL;

	h ^= (uint64_t)dev * 0xc2b2ae3d27d4eb4fULL;
	return (size_t)(h ^ (h >> 29));
}

static struct vfs_inoent *slot_of(const struct vfs_inomap *m, dev_t dev,
				  ino_t ino)
{
	size_t i = ino_hash(dev, ino) & (m->cap - 1);

	while (m->tab[i].used &&
	       (m->tab[i].dev != dev || m->tab[i].ino != ino))
		i = (i + 1) & (m->cap - 1);
	return &m->tab[i];
}

static int grow(struct vfs_inomap *m)
{
	struct vfs_inomap big = { .cap = m->cap ? m->cap * 2 : 64 };

	big.tab = calloc(big.cap, sizeof(*big.tab));
	if (!big.tab)
		return -ENOMEM;
	for (size_t i = 0; i < m->cap; i++)
		if (m->tab[i].used)
			*slot_of(&big, m->tab[i].dev, m->tab[i].ino) =
				m->tab[i];
	free(m->tab);
	m->tab = big.tab;
	m->cap = big.cap;
	return 0;
}

/* Add or replace DEV:INO -> ODEV:OINO.  0 or -ENOMEM. */
int vfs_inomap_set(struct vfs_inomap *m, dev_t dev, ino_t ino, dev_t odev,
		   ino_t oino)
{
	struct vfs_inoent *e;

	if ((m->n + 1) * 2 > m->cap && grow(m))
		return -ENOMEM;
	e = slot_of(m, dev, ino);
	if (!e->used)
		m->n++;
	*e = (struct vfs_inoent){ dev, ino, odev, oino, true };
	return 0;
}

/* Is DEV:INO in the map?  Its value into ODEV, OINO (either NULL). */
bool vfs_inomap_get(const struct vfs_inomap *m, dev_t dev, ino_t ino,
		    dev_t *odev, ino_t *oino)
{
	const struct vfs_inoent *e;

	if (!m->n)
		return false;
	e = slot_of(m, dev, ino);
	if (!e->used)
		return false;
	if (odev)
		*odev = e->odev;
	if (oino)
		*oino = e->oino;
	return true;
}

void vfs_inomap_del(struct vfs_inomap *m, dev_t dev, ino_t ino)
{
	struct vfs_inoent *e;
	size_t i, j;

	if (!m->n)
		return;
	e = slot_of(m, dev, ino);
	if (!e->used)
		return;
	i = e - m->tab;
	e->used = false;
	m->n--;
	/* Move back every following entry whose home is not in (i, j]. */
	for (j = (i + 1) & (m->cap - 1); m->tab[j].used;
	     j = (j + 1) & (m->cap - 1)) {
		size_t home = ino_hash(m->tab[j].dev, m->tab[j].ino) &
			      (m->cap - 1);

		if (i <= j ? (home > i && home <= j) : (home > i || home <= j))
			continue;
		m->tab[i] = m->tab[j];
		m->tab[j].used = false;
		i = j;
	}
}

void vfs_inomap_clear(struct vfs_inomap *m)
{
	free(m->tab);
	m->tab = NULL;
	m->cap = m->n = 0;
}
