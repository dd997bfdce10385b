/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_VFS_OVLMODEL_H
#define VFSTRACE_VFS_OVLMODEL_H

/*
 * Differential driver for the overlay: applies an operation sequence
 * decoded from bytes both to an overlay on temporary host directories and
 * to a small in-memory model, and checks after every operation that
 *   - both returned the same result (0 or the same -errno),
 *   - the view equals the model (names, types, modes, contents, symlink
 *     bodies, nlink, the user.k xattr),
 * and after the sequence that
 *   - the lower layers are unchanged (fingerprint: content, mode, times,
 *     xattrs),
 *   - the upper holds no temporary and, applied as an OCI layer over the
 *     lowers by an independent applier, gives the model's tree.
 * Used by tests/fuzz/fuzz_vfs_overlay.c and test_vfs_fuzz_regress.c.
 * Uses no cmocka.
 */

#include <stddef.h>
#include <stdint.h>

struct vom;

/* Lowers are made once in a new temporary directory; NULL on failure. */
struct vom *vom_new(void);
/*
 * Run one sequence on a fresh upper.  0, or -1 after printing what
 * differed to stderr.  VERBOSE prints each operation.
 */
int vom_run(struct vom *m, const uint8_t *data, size_t size, int verbose);
void vom_free(struct vom *m);

#endif
