/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SUMMARY_H
#define VFSTRACE_SUMMARY_H

#include <stdbool.h>
#include <sys/types.h>

struct call;

/*
 * -c, --summary: counts per path and per syscall, written at exit.
 * Per path: read, written, created, deleted, executed, missing, and the
 * processes (tgids) that touched it.  What counts, for a call that
 * succeeded unless said otherwise (classes: select.h):
 *   read      a C_READ call (open for reading, readlink, getxattr, ...)
 *   written   C_WRITE or C_META (open for writing, truncate, chmod, ...)
 *   created   C_CREATE of the new name (mkdir, mknod, bind, symlink's and
 *             link's new path, creat, O_EXCL/O_TMPFILE opens, and O_CREAT
 *             opens that did create the file: struct call.created)
 *   deleted   C_DELETE (unlink, rmdir)
 *   renamed   counted as deleted (old path) and created (new path)
 *   executed  C_EXEC
 *   missing   any call that failed with ENOENT (a probe), on its path
 */
struct summary;

/* 0 or -ENOMEM; freed with summary_free(). */
int summary_new(struct summary **out);
void summary_free(struct summary *s);

/* Count a call the table does not know, refused: syscall_NR. */
void summary_add_unknown(struct summary *s, long nr);

/* Count the finished call C of process TGID. */
void summary_add(struct summary *s, pid_t tgid, const struct call *c);

/* Write the tables to FD as text or JSON; 0 or -errno. */
int summary_write(struct summary *s, int fd, bool json);

#endif
