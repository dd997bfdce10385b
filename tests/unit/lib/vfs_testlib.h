/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_VFS_TESTLIB_H
#define VFSTRACE_VFS_TESTLIB_H

/*
 * Helpers shared by the tests of vfs/ (tests/unit/test_vfs_*.c) and the
 * fuzz target: temporary host trees, tree fingerprints, credentials.
 * Every function aborts the test (cmocka fail) on unexpected host errors,
 * except the fuzz-safe ones marked "no cmocka".
 */

#include <stdbool.h>
#include <sys/types.h>

#include "vfs.h"

/* A new empty directory under $TMPDIR or /tmp; free() the result. */
char *vt_mkdtemp(const char *tag);
/* Make the layer directory TOP/NAME (0755); its path into OUT. */
void vt_layer(const char *top, const char *name, char *out, size_t size);
/*
 * End of a fixture: free V, remove TOP (and free it), and check that no fd
 * was leaked since the fixture counted FDS.
 */
void vt_fixture_done(struct vfs *v, char *top, int fds);
/* rm -rf PATH (makes directories writable first).  No cmocka. */
void vt_rmtree(const char *path);

/* Host file helpers: PATH is DIR "/" REL. */
void vt_write(const char *dir, const char *rel, const char *content,
	      mode_t mode);
void vt_mkdir(const char *dir, const char *rel, mode_t mode);
void vt_symlink(const char *dir, const char *rel, const char *target);
void vt_setxattr(const char *dir, const char *rel, const char *name,
		 const char *value);
bool vt_exists(const char *dir, const char *rel);
/* Content of DIR/REL into a static buffer ("" if missing). */
const char *vt_read(const char *dir, const char *rel);

/*
 * Fingerprint of the tree under ROOT, one sorted line per object: path,
 * type, mode, owner, size, mtime, ctime, content hash or symlink body,
 * xattrs.  With NAMES_ONLY just "type path".  malloc'd.  No cmocka.
 */
char *vt_tree(const char *root, bool names_only);

/* Credentials of a caller (no supplementary groups, umask 022). */
struct vfs_cred vt_cred(uid_t uid, gid_t gid);
extern const struct vfs_cred vt_root;

/* Open fds of this process (for leak checks). */
int vt_fd_count(void);

/* Read the whole of view path PATH through vfs_open and the kernel. */
const char *vt_view_read(struct vfs *v, const struct vfs_cred *c,
			 const char *path);
/*
 * vfs_open + open(2) of the host path, as the supervisor does it: the fd
 * or -errno.  No cmocka.
 */
int vt_view_open(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		 const char *path, int flags, mode_t mode);
/* Write CONTENT to view path PATH (O_CREAT|O_TRUNC|O_WRONLY), -errno. */
int vt_view_write(struct vfs *v, const struct vfs_cred *c, const char *path,
		  const char *content);
/* Names of view directory PATH, sorted, space-separated, without dots. */
char *vt_view_ls(struct vfs *v, const struct vfs_cred *c, const char *path);

#endif
