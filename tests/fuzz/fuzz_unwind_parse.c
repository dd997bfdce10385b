// SPDX-License-Identifier: MIT
/*
 * libFuzzer target: the unwinder's own parsers over arbitrary bytes, the
 * /proc/PID/maps parser (include/procmaps.h) and the FDE table builders
 * (include/ehframe.h).  Byte 0 picks the parser; the rest is its input.
 * Besides ASan/UBSan, the documented results are checked: a violation
 * aborts.  Keep a failing input in tests/fuzz/regress/unwind_parse/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ehframe.h"
#include "procmaps.h"

static void maps(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct procmap *m;
	size_t n;

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	if (procmaps_parse(text, size, &m, &n) < 0)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (m[i].start >= m[i].end || m[i].path < text ||
		    m[i].path > text + size ||
		    (i && m[i].start < m[i - 1].start))
			abort();
		if (procmaps_find(m, n, m[i].start) == NULL)
			abort();
	}
	free(m);
	free(text);
}

static void eh_frame(const uint8_t *data, size_t size)
{
	const uint64_t va = 0x400000, lo = 0x400000, hi = 0x800000;
	struct fde_ref *t;
	size_t n;

	if (ehframe_table(data, size, va, lo, hi, &t, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (t[i].fde < 0 || (size_t)t[i].fde + 8 > size ||
		    t[i].start + va < lo || t[i].start + va >= hi ||
		    (i && t[i].start < t[i - 1].start))
			abort();
	free(t);
	for (size_t off = 0; off < size && off < 64; off += 4)
		if (ehframe_cie_encoding(data, size, va, off) > 255)
			abort();
}

static void eh_frame_hdr(const uint8_t *data, size_t size)
{
	struct fde_ref *t;
	size_t n;

	if (ehframe_hdr_table(data, size, 0x400000, &t, &n) < 0)
		return;
	if (!n || n * sizeof(*t) > size)
		abort();
	free(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	switch (data[0] % 3) {
	case 0:
		maps(data + 1, size - 1);
		break;
	case 1:
		eh_frame(data + 1, size - 1);
		break;
	default:
		eh_frame_hdr(data + 1, size - 1);
		break;
	}
	return 0;
}
