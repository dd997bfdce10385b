/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_PATHABS_H
#define VFSTRACE_PATHABS_H

#include <stddef.h>

/*
 * Making a tracee's path absolute for the trace, without canonicalising:
 * "a/../b" against "/w" is "/w/a/../b", exactly what the kernel walks.
 */

/*
 * Join BASE (an absolute directory path, or NULL when unknown) and PATH.
 * An absolute PATH is returned as is; "" gives BASE (AT_EMPTY_PATH); a
 * relative PATH with an unknown BASE is returned as is.  Writes a NUL-
 * terminated result to OUT (SIZE bytes) and returns its length, or -1
 * when it does not fit (OUT then holds a truncated string).
 */
int path_abs(const char *base, const char *path, char *out, size_t size);

/*
 * TARGET named relative to the directory BASE, both absolute canonical
 * paths (no ".", "..", symlinks or doubled slashes): the part of TARGET
 * below their common directory, after one ".." per name of BASE below it
 * ("f", "../f", "..", "." when they are the same).  Into OUT (SIZE
 * bytes); returns its length, or -1 when they share nothing but "/" or
 * the result does not fit.
 */
int path_from(const char *base, const char *target, char *out, size_t size);

#endif
