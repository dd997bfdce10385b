/* SPDX-License-Identifier: MIT */
/*
 * FDE search tables from .eh_frame_hdr and .eh_frame (include/ehframe.h).
 * Every read is bounded by the buffer: the bytes come from files that
 * may be corrupt, and from the fuzzer.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ehframe.h"

/* A byte cursor over [p, end) of a buffer whose byte 0 is at vaddr VA. */
struct rd {
	const unsigned char *buf, *p, *end;
	uint64_t va;
};

static bool rd_bytes(struct rd *r, void *out, size_t n)
{
	if ((size_t)(r->end - r->p) < n)
		return false;
	memcpy(out, r->p, n);
	r->p += n;
	return true;
}

static bool rd_uleb(struct rd *r, uint64_t *out)
{
	unsigned int shift = 0;

	*out = 0;
	while (r->p < r->end && shift < 64) {
		unsigned char b = *r->p++;

		*out |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return true;
		shift += 7;
	}
	return false;
}

/* The value part of a DW_EH_PE-encoded pointer: 2, 4 or 8 bytes. */
static bool rd_value(struct rd *r, unsigned char enc, uint64_t *out)
{
	uint16_t u2;
	uint32_t u4;
	uint64_t u8;

	switch (enc & 0x0f) {
	case 0x00: case 0x04: case 0x0c:	/* absptr, udata8, sdata8 */
		if (!rd_bytes(r, &u8, 8))
			return false;
		*out = u8;
		return true;
	case 0x03: case 0x0b:			/* udata4, sdata4 */
		if (!rd_bytes(r, &u4, 4))
			return false;
		*out = enc & 0x08 ? (uint64_t)(int64_t)(int32_t)u4 : u4;
		return true;
	case 0x02: case 0x0a:			/* udata2, sdata2 */
		if (!rd_bytes(r, &u2, 2))
			return false;
		*out = enc & 0x08 ? (uint64_t)(int64_t)(int16_t)u2 : u2;
		return true;
	default:
		return false;
	}
}

/* A DW_EH_PE-encoded pointer, absolute or pc-relative; false otherwise. */
static bool rd_encoded(struct rd *r, unsigned char enc, uint64_t *out)
{
	uint64_t va = r->va + (r->p - r->buf);

	if (!rd_value(r, enc, out))
		return false;
	switch (enc & 0xf0) {
	case 0x00:
		return true;
	case 0x10:				/* pcrel */
		*out += va;
		return true;
	default:
		return false;
	}
}

/* After the augmentation data length: the 'R' encoding, or -EINVAL. */
static int cie_augmentation(struct rd *r, const char *aug)
{
	unsigned char enc, c;
	uint64_t skip;
	size_t i;

	for (i = 1; aug[i]; i++) {
		switch (aug[i]) {
		case 'R':
			return rd_bytes(r, &enc, 1) ? enc : -EINVAL;
		case 'P':			/* personality: skip it */
			if (!rd_bytes(r, &c, 1) ||
			    !rd_encoded(r, c & 0x7f, &skip))
				return -EINVAL;
			break;
		case 'L':
			if (!rd_bytes(r, &c, 1))
				return -EINVAL;
			break;
		case 'S': case 'B': case 'G':
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

int ehframe_cie_encoding(const void *sec, size_t size, uint64_t va,
			 size_t cie)
{
	struct rd r = { .buf = sec, .end = (const unsigned char *)sec + size,
			.va = va };
	const unsigned char *nul;
	unsigned char version, c;
	const char *aug;
	uint32_t len, id;
	uint64_t skip;

	if (cie >= size)
		return -EINVAL;
	r.p = r.buf + cie;
	if (!rd_bytes(&r, &len, 4) || len == 0xffffffff ||
	    len > (size_t)(r.end - r.p))
		return -EINVAL;
	r.end = r.p + len;
	if (!rd_bytes(&r, &id, 4) || id != 0 || !rd_bytes(&r, &version, 1) ||
	    !(nul = memchr(r.p, '\0', r.end - r.p)))
		return -EINVAL;
	aug = (const char *)r.p;
	r.p = nul + 1;
	if (aug[0] != 'z')
		return aug[0] ? -EINVAL : 0;	/* "": absolute pointers */
	if (!rd_uleb(&r, &skip) || !rd_uleb(&r, &skip) ||	/* alignments */
	    (version == 1 ? !rd_bytes(&r, &c, 1) : !rd_uleb(&r, &skip)) ||
	    !rd_uleb(&r, &skip))		/* return column, aug. length */
		return -EINVAL;
	return cie_augmentation(&r, aug);
}

static int fde_ref_cmp(const void *a, const void *b)
{
	const struct fde_ref *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/* A growing table. */
struct table {
	struct fde_ref *ent;
	size_t n, cap;
};

static int table_add(struct table *t, int32_t start, int32_t fde)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct fde_ref *bigger = realloc(t->ent, cap * sizeof(*bigger));

		if (!bigger)
			return -ENOMEM;
		t->ent = bigger;
		t->cap = cap;
	}
	t->ent[t->n++] = (struct fde_ref){ .start = start, .fde = fde };
	return 0;
}

/*
 * The FDE at POS (its length LEN read, its CIE pointer ID): added to T
 * if its first address is in [LO, HI) and both offsets fit the table's
 * int32_t.  *LAST_CIE and *ENC cache the CIE last read.  0 or -ENOMEM.
 */
static int fde_add(struct table *t, const struct rd *sec, size_t pos,
		   uint32_t len, uint32_t id, uint64_t lo, uint64_t hi,
		   size_t *last_cie, int *enc)
{
	struct rd r = *sec;
	uint64_t start;

	if (pos + 4 - id != *last_cie) {
		*last_cie = pos + 4 - id;
		*enc = ehframe_cie_encoding(sec->buf, sec->end - sec->buf,
					    sec->va, *last_cie);
	}
	r.p = r.buf + pos + 8;
	r.end = r.buf + pos + 4 + len;
	if (*enc < 0 || !rd_encoded(&r, *enc, &start) || start < lo ||
	    start >= hi || start - sec->va + 0x80000000ULL >= 0x100000000ULL ||
	    pos >= 0x80000000ULL)
		return 0;
	return table_add(t, (int32_t)(start - sec->va), (int32_t)pos);
}

int ehframe_table(const void *buf, size_t size, uint64_t va, uint64_t lo,
		  uint64_t hi, struct fde_ref **table, size_t *n)
{
	struct rd sec = { .buf = buf, .p = buf, .va = va,
			  .end = (const unsigned char *)buf + size };
	size_t pos = 0, last_cie = -1;
	struct table t = { 0 };
	int enc = -1;

	while (size - pos >= 8) {
		uint32_t len, id;

		memcpy(&len, sec.buf + pos, 4);
		if (len == 0 || len == 0xffffffff || len > size - pos - 4)
			break;		/* terminator, DWARF64 (unused), junk */
		id = 0;
		if (len >= 4)
			memcpy(&id, sec.buf + pos + 4, 4);
		/* a CIE, or an FDE with no CIE before it: skipped */
		if (id != 0 && id <= pos + 4 &&
		    fde_add(&t, &sec, pos, len, id, lo, hi, &last_cie,
			    &enc) < 0) {
			free(t.ent);
			return -ENOMEM;
		}
		pos += 4 + (size_t)len;
	}
	if (!t.n) {
		free(t.ent);
		return -ENOENT;
	}
	qsort(t.ent, t.n, sizeof(*t.ent), fde_ref_cmp);
	*table = t.ent;
	*n = t.n;
	return 0;
}

int ehframe_hdr_table(const void *hdr, size_t size, uint64_t va,
		      struct fde_ref **table, size_t *n)
{
	struct rd r = { .buf = hdr, .p = hdr, .va = va,
			.end = (const unsigned char *)hdr + size };
	unsigned char head[4];
	uint64_t count, ignored;

	if (!rd_bytes(&r, head, 4) || head[0] != 1 ||
	    !rd_encoded(&r, head[1], &ignored) ||	/* eh_frame_ptr */
	    !rd_encoded(&r, head[2], &count) ||
	    head[3] != 0x3b ||				/* datarel sdata4 */
	    !count || count > (size_t)(r.end - r.p) / sizeof(**table))
		return -EINVAL;
	*table = malloc(count * sizeof(**table));
	if (!*table)
		return -ENOMEM;
	memcpy(*table, r.p, count * sizeof(**table));
	*n = count;
	return 0;
}
