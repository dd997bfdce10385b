/* SPDX-License-Identifier: MIT */
/*
 * The /proc/PID/maps parser (include/procmaps.h), table-driven: lines as
 * the kernel writes them, truncated lines and malformed ones, then whole
 * texts (skipped lines, no final newline, unsorted) and the lookup.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <cmocka.h>

#include "procmaps.h"

struct line_case {
	const char *line;
	int ret;
	uint64_t start, end, off;
	unsigned int maj, min;
	uint64_t ino;
	bool exec;
	const char *path;
};

static const struct line_case good[] = {
	{ "55d4c2a00000-55d4c2a02000 r--p 00000000 fe:01 1835013    "
	  "/usr/bin/cat", 0, 0x55d4c2a00000, 0x55d4c2a02000, 0, 0xfe, 1,
	  1835013, false, "/usr/bin/cat" },
	{ "7f0000001000-7f0000005000 r-xp 00001000 08:12 42 /lib/a b.so",
	  0, 0x7f0000001000, 0x7f0000005000, 0x1000, 8, 0x12, 42, true,
	  "/lib/a b.so" },
	{ "7ffd1000-7ffd3000 rw-p 00000000 00:00 0                  [stack]",
	  0, 0x7ffd1000, 0x7ffd3000, 0, 0, 0, 0, false, "[stack]" },
	{ "1000-2000 ---s 0 0:0 0", 0, 0x1000, 0x2000, 0, 0, 0, 0, false, "" },
	{ "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0 "
	  "[vsyscall]", 0, 0xffffffffff600000, 0xffffffffff601000, 0, 0, 0, 0,
	  true, "[vsyscall]" },
	{ "1000-2000 r-xp 10 103:0a 9 /x (deleted)", 0, 0x1000, 0x2000,
	  0x10, 0x103, 0xa, 9, true, "/x (deleted)" },
};

/* Truncated: each a prefix of a good line, cut inside a field. */
static const char *const truncated[] = {
	"", "1000", "1000-", "1000-2000", "1000-2000 ", "1000-2000 r-x",
	"1000-2000 r-xp", "1000-2000 r-xp ", "1000-2000 r-xp 0",
	"1000-2000 r-xp 0 ", "1000-2000 r-xp 0 08", "1000-2000 r-xp 0 08:",
	"1000-2000 r-xp 0 08:01", "1000-2000 r-xp 0 08:01 ",
};

static const char *const malformed[] = {
	"2000-1000 r-xp 0 08:01 1 /x",		/* end before start */
	"1000-1000 r-xp 0 08:01 1 /x",		/* empty */
	"1000_2000 r-xp 0 08:01 1 /x",
	"g000-2000 r-xp 0 08:01 1 /x",
	"1000-2000 rwxq 0 08:01 1 /x",		/* bad sharing flag */
	"1000-2000 xwrp 0 08:01 1 /x",		/* flags out of place */
	"1000-2000 r-xp0 08:01 1 /x",
	"1000-2000 r-xp 0 0801 1 /x",
	"1000-2000 r-xp 0 08:01 1x /x",		/* inode not decimal */
	"1000-2000 r-xp 0 08:01 a /x",
	"1000-2000 r-xp 0 1000:01 1 /x",	/* major too big */
	"10000000000000000-10000000000000001 r-xp 0 0:0 0",  /* overflow */
	"1000-2000 r-xp 0 08:01 99999999999999999999 /x",
	" 1000-2000 r-xp 0 08:01 1 /x",
};

static void good_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const struct line_case *t = &good[i];
		struct procmap m;
		size_t at;

		assert_int_equal(procmaps_parse_line(t->line, strlen(t->line),
						     &m, &at), 0);
		assert_int_equal(m.start, t->start);
		assert_int_equal(m.end, t->end);
		assert_int_equal(m.off, t->off);
		assert_int_equal(m.dev, makedev(t->maj, t->min));
		assert_int_equal(m.ino, t->ino);
		assert_int_equal(m.exec, t->exec);
		assert_string_equal(t->line + at, t->path);
	}
}

/* The length bounds the parse: a good line cut short is refused too. */
static void truncated_lines(void **state)
{
	const char *full = good[1].line;

	(void)state;
	for (size_t i = 0; i < sizeof(truncated) / sizeof(truncated[0]); i++) {
		struct procmap m;
		size_t at;

		assert_int_equal(procmaps_parse_line(truncated[i],
						     strlen(truncated[i]),
						     &m, &at), -EINVAL);
	}
	for (size_t len = 0; len < 33; len++) {
		struct procmap m;
		size_t at;

		assert_int_equal(procmaps_parse_line(full, len, &m, &at),
				 -EINVAL);
	}
}

static void malformed_lines(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(malformed) / sizeof(malformed[0]); i++) {
		struct procmap m;
		size_t at;

		if (procmaps_parse_line(malformed[i], strlen(malformed[i]), &m,
					&at) != -EINVAL)
			fail_msg("accepted: \"%s\"", malformed[i]);
	}
}

/* A whole text: bad lines skipped, no final newline, sorted, found. */
static void whole_text(void **state)
{
	static const char text[] =
		"3000-4000 r-xp 00000000 08:01 7 /b\n"
		"junk\n"
		"\n"
		"1000-2000 r--p 00000000 08:01 6 /a\n"
		"5000-6000 rw-p 00000000 00:00 0 [heap]";
	char *buf = strdup(text);
	struct procmap *maps;
	size_t n;

	(void)state;
	assert_non_null(buf);
	assert_int_equal(procmaps_parse(buf, strlen(buf), &maps, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(maps[0].start, 0x1000);
	assert_string_equal(maps[0].path, "/a");
	assert_string_equal(maps[1].path, "/b");
	assert_true(maps[1].exec);
	assert_string_equal(maps[2].path, "[heap]");
	assert_ptr_equal(procmaps_find(maps, n, 0x3fff), &maps[1]);
	assert_ptr_equal(procmaps_find(maps, n, 0x1000), &maps[0]);
	assert_null(procmaps_find(maps, n, 0x2000));
	assert_null(procmaps_find(maps, n, 0x6000));
	assert_null(procmaps_find(maps, n, 0));
	free(maps);
	free(buf);
}

static void empty_text(void **state)
{
	char buf[] = "";
	struct procmap *maps;
	size_t n = 99;

	(void)state;
	assert_int_equal(procmaps_parse(buf, 0, &maps, &n), 0);
	assert_non_null(maps);
	assert_int_equal(n, 0);
	assert_null(procmaps_find(maps, n, 0x1000));
	free(maps);
}

/* An executable mapping moved, shrank or changed file: gone. */
static void exec_gone(void **state)
{
	static const struct {
		const char *now;
		bool gone;
	} cases[] = {
		{ "1000-2000 r-xp 0 08:01 6 /a\n3000-4000 rw-p 0 08:01 6 /a",
		  false },
		{ "1000-2000 r-xp 0 08:01 6 /a", false },	/* data went */
		{ "1000-3000 r-xp 0 08:01 6 /a", true },	/* grew */
		{ "1000-2000 r-xp 1000 08:01 6 /a", true },	/* offset */
		{ "1000-2000 r-xp 0 08:01 7 /a", true },	/* inode */
		{ "1000-2000 r-xp 0 08:02 6 /a", true },	/* device */
		{ "", true },
	};
	char old_text[] = "1000-2000 r-xp 0 08:01 6 /a\n"
			  "3000-4000 rw-p 0 08:01 6 /a\n";
	struct procmap *old, *now;
	size_t nold, nnow;

	(void)state;
	assert_int_equal(procmaps_parse(old_text, strlen(old_text), &old,
					&nold), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *buf = strdup(cases[i].now);

		assert_non_null(buf);
		assert_int_equal(procmaps_parse(buf, strlen(buf), &now,
						&nnow), 0);
		if (procmaps_exec_gone(old, nold, now, nnow) != cases[i].gone)
			fail_msg("case %zu: \"%s\"", i, cases[i].now);
		free(now);
		free(buf);
	}
	free(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_lines),
		cmocka_unit_test(truncated_lines),
		cmocka_unit_test(malformed_lines),
		cmocka_unit_test(whole_text),
		cmocka_unit_test(empty_text),
		cmocka_unit_test(exec_gone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
