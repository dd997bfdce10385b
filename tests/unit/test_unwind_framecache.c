/* SPDX-License-Identifier: MIT */
/*
 * The frame-text cache (include/framecache.h): texts found by all three
 * key parts and only by them, kept across growth, gone after a clear.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "framecache.h"

static char *text(uint64_t dev, uint64_t ino, uint64_t key)
{
	char *t;

	assert_true(asprintf(&t, "%llu/%llu/%llx", (unsigned long long)dev,
			     (unsigned long long)ino,
			     (unsigned long long)key) > 0);
	return t;
}

static void keys(void **state)
{
	struct framecache fc;

	(void)state;
	assert_int_equal(framecache_init(&fc), 0);
	assert_null(framecache_get(&fc, 1, 2, 3));
	assert_int_equal(framecache_put(&fc, 1, 2, 3, text(1, 2, 3)), 0);
	assert_string_equal(framecache_get(&fc, 1, 2, 3), "1/2/3");
	assert_null(framecache_get(&fc, 9, 2, 3));
	assert_null(framecache_get(&fc, 1, 9, 3));
	assert_null(framecache_get(&fc, 1, 2, 9));
	assert_null(framecache_get(&fc, 1, 2, 3 | 1ULL << 63));
	framecache_destroy(&fc);
}

/*
 * 5000 texts that differ in their device (few inodes and keys): the table
 * grows past its first size, all stay found, each its own.
 */
static void growth_and_clear(void **state)
{
	struct framecache fc;
	char want[64];

	(void)state;
	assert_int_equal(framecache_init(&fc), 0);
	for (uint64_t k = 0; k < 5000; k++)
		assert_int_equal(framecache_put(&fc, k, k % 7, k % 5,
						text(k, k % 7, k % 5)), 0);
	assert_int_equal(fc.n, 5000);
	for (uint64_t k = 0; k < 5000; k++) {
		snprintf(want, sizeof(want), "%llu/%llu/%llx",
			 (unsigned long long)k, (unsigned long long)(k % 7),
			 (unsigned long long)(k % 5));
		assert_string_equal(framecache_get(&fc, k, k % 7, k % 5),
				    want);
	}
	framecache_clear(&fc);
	assert_int_equal(fc.n, 0);
	assert_null(framecache_get(&fc, 0, 0, 0));
	assert_int_equal(framecache_put(&fc, 0, 0, 0, text(0, 0, 0)), 0);
	assert_string_equal(framecache_get(&fc, 0, 0, 0), "0/0/0");
	framecache_destroy(&fc);
	framecache_destroy(&fc);	/* a destroyed cache: a no-op */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keys),
		cmocka_unit_test(growth_and_clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
