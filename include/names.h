/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_NAMES_H
#define VFSTRACE_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "sysent.h"

/*
 * Symbolic names of flag arguments, errnos and signals, as strace prints
 * them.  Each *_str() writes a NUL-terminated string into OUT (SIZE
 * bytes, truncated if needed) and returns OUT.  Unknown bits are printed
 * as a hex remainder ("O_RDONLY|0x40000000").
 */

/* Format argument VAL of KIND for row ID; "" when KIND is not a flag. */
char *flags_str(enum sc_id id, int kind, uint64_t val, char *out,
		size_t size);

/* Mode as octal, with the file type first for mknod ("S_IFIFO|0644"). */
char *mode_str(uint64_t mode, int with_type, char *out, size_t size);

/* RESOLVE_* flags of openat2. */
char *resolve_str(uint64_t val, char *out, size_t size);

/* "ENOENT" for 2; NULL when unknown. */
const char *errno_name(int err);

/* "SIGKILL" for 9; NULL when unknown. */
const char *signal_name(int sig);

#endif
