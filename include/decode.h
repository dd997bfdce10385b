/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_DECODE_H
#define VFSTRACE_DECODE_H

#include <stdbool.h>
#include <limits.h>
#include <stdint.h>

#include "arch.h"
#include "call.h"
#include "sysent.h"

struct tracee;
struct view;

/*
 * Decode the entry of row ID of ABI, with arguments ARGS, made by T.
 * Paths are read from T's memory and made absolute against T's cwd or
 * the dirfd.  With a VIEW (overlay mode) paths are view paths: the cwd is
 * the view cwd and fds are named through view_fd_path(); VIEW is NULL in
 * trace mode.  Returns true when the call is a file access worth logging
 * (false: e.g. connect() on an AF_INET socket).
 */
bool call_decode_entry(struct call *c, struct tracee *t,
		       const struct view *view, const struct abi *abi,
		       enum sc_id id, const uint64_t args[6]);

/* Record the result RET (-errno on failure) and read output strings. */
void call_decode_exit(struct call *c, struct tracee *t, long ret);

/*
 * The cwd of T's process (cached in its proc, read from /proc/TID/cwd
 * when not known), or NULL when it cannot be read.  The string belongs
 * to T's proc.
 */
const char *tracee_cwd(struct tracee *t);

#endif
