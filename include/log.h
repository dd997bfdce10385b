/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_LOG_H
#define VFSTRACE_LOG_H

/*
 * Diagnostics of vfstrace itself, on stderr, one line each, prefixed
 * "vfstrace: ".  Separate from the trace (trace.h), which is the
 * product's output.  die() is for set-up only, before the first tracee
 * runs: it exits with status 125, as env(1) does when it fails.
 */

#define EXIT_VFSTRACE_FAILED 125
#define EXIT_CANNOT_EXEC 126
#define EXIT_NOT_FOUND 127

void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* Set from -d / VFSTRACE_DEBUG: log_debug() prints only then. */
extern int log_verbose;

#endif
