/* SPDX-License-Identifier: MIT */
/*
 * The sandbox deny list (include/sandbox_deny_list.h): every row is in
 * README.md's "Sandbox deny list" table, with its errno and reason, in
 * the table's order (`tests/unit/test_sandbox_deny --print` prints the
 * table); the filter's deny program builds for every ABI of the arch;
 * the rows are sane (a known errno, a reason, ioctl requests of 32 bits).
 * Run from the top of the tree (make check-unit).
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "arch.h"
#include "filter.h"
#include "sandbox_deny.h"

/* Row R as a line of README.md's table, in BUF. */
static void row_line(const struct deny_row *r, char *buf, size_t len)
{
	snprintf(buf, len, "| `%s` | %s | %s |", r->what,
		 strerrorname_np(r->err), r->reason);
}

static char *readme(void)
{
	FILE *f = fopen("README.md", "r");
	char *buf = calloc(1, 1 << 20);
	size_t n;

	assert_non_null(f);
	assert_non_null(buf);
	n = fread(buf, 1, (1 << 20) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static void test_readme_table(void **state)
{
	char *text = readme(), line[1024], *at, *last;
	size_t i;

	at = strstr(text, "### Sandbox deny list");
	assert_non_null(at);
	last = at;
	for (i = 0; i < deny_nrows; i++) {
		char *p;

		row_line(&deny_rows[i], line, sizeof(line));
		strcat(line, "\n");
		p = strstr(at, line);
		if (!p || p < last)
			fail_msg("README.md lacks, or has out of order, the row "
				 "%s", line);
		last = p;
	}
	free(text);
}

static void test_rows(void **state)
{
	size_t i;

	for (i = 0; i < deny_nrows; i++) {
		const struct deny_row *r = &deny_rows[i];

		assert_non_null(strerrorname_np(r->err));
		assert_true(strlen(r->reason) > 5);
		if (r->kind == DENY_IOCTL)
			assert_true(r->mask && r->mask <= UINT32_MAX);
		if (r->kind == DENY_FLAGS)
			assert_true(r->mask && r->mask <= UINT32_MAX);
	}
}

/* The deny program is exported (so built) for the native arch. */
static void test_builds(void **state)
{
	struct sandbox_opts sb = { .level = SANDBOX_STRICT };
	struct filter_opts o = { .mode = MODE_OVERLAY, .sandbox = &sb };
	FILE *f = tmpfile();

	assert_non_null(f);
	assert_int_equal(filter_export(&arch_native, &o, fileno(f)), 0);
	fclose(f);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_readme_table),
		cmocka_unit_test(test_builds),
	};
	char line[1024];
	size_t i;

	if (argc == 2 && !strcmp(argv[1], "--print")) {
		for (i = 0; i < deny_nrows; i++) {
			row_line(&deny_rows[i], line, sizeof(line));
			puts(line);
		}
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
