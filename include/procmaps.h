/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_PROCMAPS_H
#define VFSTRACE_PROCMAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The text of /proc/PID/maps, parsed: pure functions over a buffer (the
 * reading is procfs_slurp's), no state, no allocation but the array
 * procmaps_parse returns.
 */

/* One line: "start-end perms offset major:minor inode   path". */
struct procmap {
	uint64_t start, end, off;	/* start < end */
	uint64_t dev, ino;		/* ino 0: not a file */
	const char *path;	/* into the parsed text; "" if none */
	bool exec;
};

/*
 * Parse the line LINE of LEN bytes (no newline) into *M, all but
 * M->path; *PATH_AT gets the offset of the path in LINE (LEN when there
 * is none).  0, or -EINVAL for a line not in the kernel's format.
 */
int procmaps_parse_line(const char *line, size_t len, struct procmap *m,
			size_t *path_at);

/*
 * Parse TEXT (LEN bytes, TEXT[LEN] == '\0') in place: each newline
 * becomes a NUL and the paths point into TEXT, which must outlive the
 * result.  Malformed lines are skipped.  *OUT gets a new array sorted by
 * start (the caller frees it; never NULL on success, even for no line)
 * and *N its length.  0 or -ENOMEM.
 */
int procmaps_parse(char *text, size_t len, struct procmap **out, size_t *n);

/* The mapping of MAPS (N, sorted by start) holding ADDR, or NULL. */
const struct procmap *procmaps_find(const struct procmap *maps, size_t n,
				    uint64_t addr);

/*
 * Whether an executable mapping of OLD (NOLD) is not in NOW (NNOW) just
 * as it was (same range, file and offset): its addresses may hold other
 * code now.  Both sorted by start.
 */
bool procmaps_exec_gone(const struct procmap *old, size_t nold,
			const struct procmap *now, size_t nnow);

#endif
