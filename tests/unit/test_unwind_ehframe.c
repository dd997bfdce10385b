/* SPDX-License-Identifier: MIT */
/*
 * FDE search tables from .eh_frame and .eh_frame_hdr bytes
 * (include/ehframe.h), table-driven: sections assembled here (CIEs of
 * several augmentations, FDEs in and out of range), every truncation of
 * a good section, and malformed records.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ehframe.h"

#define VA 0x10000		/* where the test sections are "loaded" */

/* A section being assembled. */
struct sec {
	unsigned char b[1024];
	size_t n;
};

static void put(struct sec *s, const void *p, size_t n)
{
	assert_true(s->n + n <= sizeof(s->b));
	memcpy(s->b + s->n, p, n);
	s->n += n;
}

static void put4(struct sec *s, uint32_t v)
{
	put(s, &v, 4);
}

static void put8(struct sec *s, uint64_t v)
{
	put(s, &v, 8);
}

static void put1(struct sec *s, unsigned char v)
{
	put(s, &v, 1);
}

/* Set the length field at AT to cover up to the end. */
static void close_record(struct sec *s, size_t at)
{
	uint32_t len = s->n - at - 4;

	memcpy(s->b + at, &len, 4);
}

/*
 * A CIE with augmentation AUG ("", "zR", "zPLR", "zX"...) and FDE
 * encoding ENC; returns its offset.
 */
static size_t cie(struct sec *s, const char *aug, unsigned char enc)
{
	size_t at = s->n;

	put4(s, 0);
	put4(s, 0);			/* CIE id */
	put1(s, 1);			/* version */
	put(s, aug, strlen(aug) + 1);
	put1(s, 1);			/* code alignment */
	put1(s, 0x78);			/* data alignment -8 */
	put1(s, 16);			/* return column */
	if (aug[0] == 'z') {
		size_t len_at = s->n;

		put1(s, 0);
		for (const char *a = aug + 1; *a; a++) {
			if (*a == 'R')
				put1(s, enc);
			if (*a == 'P') {
				put1(s, 0x00);	/* absptr */
				put8(s, 0x1234);
			}
			if (*a == 'L')
				put1(s, 0x1b);
		}
		s->b[len_at] = s->n - len_at - 1;
	}
	put1(s, 0);			/* DW_CFA_nop */
	close_record(s, at);
	return at;
}

/* An FDE of the CIE at CIE_AT for START, in encoding ENC; its offset. */
static size_t fde(struct sec *s, size_t cie_at, uint64_t start,
		  unsigned char enc, bool z)
{
	size_t at = s->n;

	put4(s, 0);
	put4(s, at + 4 - cie_at);
	if (enc == 0x1b)
		put4(s, (uint32_t)(start - (VA + s->n)));
	else if (enc == 0x03)
		put4(s, (uint32_t)start);
	else
		put8(s, start);
	if (enc == 0x1b || enc == 0x03)
		put4(s, 0x10);		/* range */
	else
		put8(s, 0x10);
	if (z)
		put1(s, 0);		/* augmentation length */
	close_record(s, at);
	return at;
}

struct want {
	int32_t start;
	size_t fde;		/* offset in the section */
};

struct table_case {
	const char *what;
	const char *aug;
	unsigned char enc;
	uint64_t starts[4];	/* FDEs to emit; 0 ends */
	int ret;
	size_t nwant;
	uint64_t sorted[4];	/* the starts expected, in order */
};

static const struct table_case table_cases[] = {
	{ "zR pcrel sdata4, unsorted", "zR", 0x1b,
	  { 0x3000, 0x2000, 0x2800 }, 0, 3, { 0x2000, 0x2800, 0x3000 } },
	{ "out of [lo, hi) skipped", "zR", 0x1b,
	  { 0x2000, 0x900, 0x9000 }, 0, 1, { 0x2000 } },
	{ "no augmentation: absolute 8 bytes", "", 0x00,
	  { 0x2000, 0x4000 }, 0, 2, { 0x2000, 0x4000 } },
	{ "zPLR: personality skipped", "zPLR", 0x1b,
	  { 0x5000 }, 0, 1, { 0x5000 } },
	{ "zR udata4", "zR", 0x03, { 0x2004 }, 0, 1, { 0x2004 } },
	{ "unknown augmentation", "zX", 0x1b, { 0x2000 }, -ENOENT, 0, { 0 } },
	{ "unknown pointer encoding", "zR", 0x05, { 0x2000 }, -ENOENT, 0,
	  { 0 } },
	{ "indirect pointers", "zR", 0x9b, { 0x2000 }, -ENOENT, 0, { 0 } },
	{ "no FDE", "zR", 0x1b, { 0 }, -ENOENT, 0, { 0 } },
};

#define LO 0x1000
#define HI 0x8000

/* The case T assembled into S; the FDEs' offsets into FDES. */
static void build(struct sec *s, const struct table_case *t, size_t *fdes)
{
	unsigned char enc = t->enc == 0x05 || t->enc == 0x9b ? 0x1b : t->enc;
	size_t c;

	memset(s, 0, sizeof(*s));
	c = cie(s, t->aug, t->enc);
	for (int i = 0; i < 4 && t->starts[i]; i++)
		fdes[i] = fde(s, c, t->starts[i], t->aug[0] ? enc : 0,
			      t->aug[0] == 'z');
	put4(s, 0);			/* terminator */
}

static void tables(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(table_cases) / sizeof(*table_cases);
	     k++) {
		const struct table_case *t = &table_cases[k];
		struct fde_ref *tab = NULL;
		size_t fdes[4], n = 0;
		struct sec s;
		int ret;

		build(&s, t, fdes);
		ret = ehframe_table(s.b, s.n, VA, LO, HI, &tab, &n);
		if (ret != t->ret)
			fail_msg("%s: %d, not %d", t->what, ret, t->ret);
		if (ret)
			continue;
		assert_int_equal(n, t->nwant);
		for (size_t i = 0; i < n; i++) {
			int j = 0;

			assert_int_equal(tab[i].start, t->sorted[i] - VA);
			while (t->starts[j] != t->sorted[i])
				j++;
			assert_int_equal(tab[i].fde, fdes[j]);
		}
		free(tab);
	}
}

/* Every prefix of a good section: never more entries, never a bad one. */
static void truncated_sections(void **state)
{
	const struct table_case *t = &table_cases[0];
	size_t fdes[4], full;
	struct sec s;

	(void)state;
	build(&s, t, fdes);
	full = s.n;
	for (size_t len = 0; len < full; len++) {
		struct fde_ref *tab = NULL;
		size_t n = 0, whole = 0;
		int ret = ehframe_table(s.b, len, VA, LO, HI, &tab, &n);

		for (int i = 0; i < 3; i++)
			whole += fdes[i] + 4 + 4 + 4 + 4 + 1 <= len;
		if (!whole) {
			assert_int_equal(ret, -ENOENT);
			continue;
		}
		assert_int_equal(ret, 0);
		assert_int_equal(n, whole);
		for (size_t i = 0; i < n; i++)
			assert_true(tab[i].fde >= 0 &&
				    (size_t)tab[i].fde < len);
		free(tab);
	}
}

/* Records that cannot be read: skipped, or the end of the section. */
static void malformed_sections(void **state)
{
	struct fde_ref *tab = NULL;
	size_t n = 0, c;
	struct sec s = { 0 };

	(void)state;
	/* an FDE whose CIE pointer reaches before the section */
	c = cie(&s, "zR", 0x1b);
	put4(&s, 8);
	put4(&s, 0x1000);
	put4(&s, 0);
	fde(&s, c, 0x2000, 0x1b, true);
	assert_int_equal(ehframe_table(s.b, s.n, VA, LO, HI, &tab, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(tab[0].start, 0x2000 - VA);
	free(tab);

	/* a length past the end, then DWARF64: nothing after counts */
	memset(&s, 0, sizeof(s));
	c = cie(&s, "zR", 0x1b);
	put4(&s, 0xffffffff);
	fde(&s, c, 0x2000, 0x1b, true);
	assert_int_equal(ehframe_table(s.b, s.n, VA, LO, HI, &tab, &n),
			 -ENOENT);
	memset(&s, 0, sizeof(s));
	c = cie(&s, "zR", 0x1b);
	put4(&s, 0x7fffffff);
	assert_int_equal(ehframe_table(s.b, s.n, VA, LO, HI, &tab, &n),
			 -ENOENT);

	/* a CIE cut inside its augmentation string */
	memset(&s, 0, sizeof(s));
	put4(&s, 6);
	put4(&s, 0);
	put1(&s, 1);
	put1(&s, 'z');
	assert_int_equal(ehframe_cie_encoding(s.b, s.n, VA, 0), -EINVAL);
	assert_int_equal(ehframe_cie_encoding(s.b, s.n, VA, 100), -EINVAL);
}

struct hdr_case {
	const char *what;
	unsigned char head[4];
	uint32_t count;
	size_t entries;		/* written after the header */
	int ret;
};

static const struct hdr_case hdr_cases[] = {
	{ "good", { 1, 0x1b, 0x03, 0x3b }, 3, 3, 0 },
	{ "version 2", { 2, 0x1b, 0x03, 0x3b }, 3, 3, -EINVAL },
	{ "table not datarel sdata4", { 1, 0x1b, 0x03, 0x1b }, 3, 3,
	  -EINVAL },
	{ "no entries", { 1, 0x1b, 0x03, 0x3b }, 0, 0, -EINVAL },
	{ "count past the end", { 1, 0x1b, 0x03, 0x3b }, 4, 3, -EINVAL },
	{ "bad eh_frame_ptr encoding", { 1, 0x07, 0x03, 0x3b }, 3, 3,
	  -EINVAL },
};

static void hdr_tables(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof(hdr_cases) / sizeof(*hdr_cases); k++) {
		const struct hdr_case *t = &hdr_cases[k];
		struct fde_ref *tab = NULL;
		struct sec s = { 0 };
		size_t n = 0;
		int ret;

		put(&s, t->head, 4);
		put4(&s, 0x100);		/* eh_frame_ptr */
		put4(&s, t->count);
		for (size_t i = 0; i < t->entries; i++) {
			put4(&s, 0x100 * (i + 1));
			put4(&s, 0x40 * i);
		}
		ret = ehframe_hdr_table(s.b, s.n, VA, &tab, &n);
		if (ret != t->ret)
			fail_msg("%s: %d, not %d", t->what, ret, t->ret);
		if (ret)
			continue;
		assert_int_equal(n, t->count);
		assert_int_equal(tab[2].start, 0x300);
		assert_int_equal(tab[2].fde, 0x80);
		free(tab);
		/* every truncation of the good one fails */
		for (size_t len = 0; len < s.n; len++)
			assert_int_equal(ehframe_hdr_table(s.b, len, VA, &tab,
							   &n), -EINVAL);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tables),
		cmocka_unit_test(truncated_sections),
		cmocka_unit_test(malformed_sections),
		cmocka_unit_test(hdr_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
