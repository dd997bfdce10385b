/* SPDX-License-Identifier: MIT */
/*
 * Helpers of the escape suite's attack programs (tests/escape/): each
 * attack is one small static program that tries one route to the host.
 * It reports what it did on stderr, but its output is never the verdict:
 * tests/escape/run judges from the host canary.
 */
#ifndef ESCAPE_H
#define ESCAPE_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Say what a step gave, on stderr (for the reader of a failure only). */
static inline void step(const char *what, long ret)
{
	if (ret < 0)
		fprintf(stderr, "%s: -1 (%s)\n", what, strerror(errno));
	else
		fprintf(stderr, "%s: %ld\n", what, ret);
}

/* Exit with status 2 and a message when the attack cannot be set up. */
static inline void setup_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("setup: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\n", stderr);
	va_end(ap);
	exit(2);
}

#endif
