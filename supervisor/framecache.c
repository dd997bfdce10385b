/* SPDX-License-Identifier: MIT */
/* Frame texts by file and offset (include/framecache.h). */
#include <errno.h>
#include <stdlib.h>

#include "framecache.h"

#define INITIAL_SIZE 1024

static unsigned int slot(const struct framecache *fc, uint64_t dev,
			 uint64_t ino, uint64_t key)
{
	uint64_t h = (ino * 0x9e3779b97f4a7c15ULL) ^
		     (key * 0xc2b2ae3d27d4eb4fULL) ^ dev;
	unsigned int i = (unsigned int)(h ^ (h >> 29)) & (fc->size - 1);

	while (fc->ents[i].text && (fc->ents[i].key != key ||
				    fc->ents[i].ino != ino ||
				    fc->ents[i].dev != dev))
		i = (i + 1) & (fc->size - 1);
	return i;
}

int framecache_init(struct framecache *fc)
{
	fc->n = 0;
	fc->size = INITIAL_SIZE;
	fc->ents = calloc(fc->size, sizeof(*fc->ents));
	return fc->ents ? 0 : -ENOMEM;
}

void framecache_clear(struct framecache *fc)
{
	unsigned int i;

	for (i = 0; fc->ents && i < fc->size; i++) {
		free(fc->ents[i].text);
		fc->ents[i].text = NULL;
	}
	fc->n = 0;
}

void framecache_destroy(struct framecache *fc)
{
	framecache_clear(fc);
	free(fc->ents);
	fc->ents = NULL;
	fc->size = 0;
}

const char *framecache_get(const struct framecache *fc, uint64_t dev,
			   uint64_t ino, uint64_t key)
{
	return fc->ents[slot(fc, dev, ino, key)].text;
}

/* Room for one more text, at most half full; 0 or -ENOMEM. */
static int reserve(struct framecache *fc)
{
	struct framecache_ent *old = fc->ents;
	unsigned int i, size = fc->size;

	if ((fc->n + 1) * 2 <= fc->size)
		return 0;
	fc->ents = calloc(size * 2, sizeof(*fc->ents));
	if (!fc->ents) {
		fc->ents = old;
		return -ENOMEM;
	}
	fc->size = size * 2;
	for (i = 0; i < size; i++)
		if (old[i].text)
			fc->ents[slot(fc, old[i].dev, old[i].ino,
				      old[i].key)] = old[i];
	free(old);
	return 0;
}

int framecache_put(struct framecache *fc, uint64_t dev, uint64_t ino,
		   uint64_t key, char *text)
{
	if (reserve(fc) < 0)
		return -ENOMEM;
	fc->ents[slot(fc, dev, ino, key)] = (struct framecache_ent){
		.dev = dev, .ino = ino, .key = key, .text = text,
	};
	fc->n++;
	return 0;
}
