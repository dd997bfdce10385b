/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_VFS_H
#define VFSTRACE_VFS_H

/*
 * vfs: the view of the filesystem that a traced process tree sees.
 *
 * A context (struct vfs) holds a mount table: backends mounted at view
 * paths.  Three backends exist:
 *
 *   overlay  one writable host directory (the upper) over read-only host
 *            directories (the lowers), copy-up on modification, deletions
 *            as OCI whiteouts;
 *   bind     a host directory or file as is, optionally read-only;
 *   memory   a tree held by the library, file contents in memfds.
 *
 * Masks (vfs_mask()) hide view paths of the backends below them.
 *
 * The library knows nothing of processes: the caller (the supervisor)
 * passes, for each call, the caller's credentials, the view path of the
 * directory relative paths start from (the tracee's cwd or dirfd) and the
 * path.  It never consults the credentials of the process running it for
 * permission decisions.
 *
 * Errors: every function returning int or ssize_t returns a negative errno
 * value on failure, exactly what a kernel filesystem would return for the
 * same call, and 0 (or a length) on success.  errno is not used.
 *
 * Threads: no global state.  A context may be used by one thread at a
 * time; separate contexts may be used in parallel.
 *
 * Security: the view is not a security boundary.  Paths handed to the
 * kernel (struct vfs_target.host) are re-resolved by the kernel after the
 * library checked them; a process racing renames on the host can escape a
 * bind or overlay directory.  Kernel-enforced rules (namespaces, Landlock)
 * are needed for containment.
 *
 * == Resolve or emulate ==
 *
 * For every path-taking system call the supervisor asks the library, then
 * either rewrites the tracee's path or emulates the call:
 *
 *   open, openat, creat       vfs_open()  -> kernel opens target.host
 *                                            with target.flags
 *   stat, access, readlink,   vfs_resolve(VFS_LOOKUP) -> kernel uses
 *   getxattr, listxattr,         target.host when VFS_T_HOST_META is set,
 *   chdir, execve, statfs        else emulate with vfs_stat(), ...
 *   truncate, setxattr,       vfs_resolve(VFS_WRITE): copy-up done, write
 *   removexattr                  permission checked; kernel acts on host
 *   chmod, utimes with times  vfs_resolve(VFS_OWNER): copy-up done,
 *                                ownership checked
 *   chown, mkdir, mknod,      emulated: vfs_chown(), vfs_mkdir(), ...;
 *   symlink, link, unlink,       the library does the operation and
 *   rmdir, rename                returns 0 or -errno for the tracee
 *   getdents                  emulated with vfs_opendir() when
 *                                VFS_T_DIR_EMULATE is set (overlay
 *                                directories but those of the lowest
 *                                layer alone; any directory holding a
 *                                mask or a mount point)
 *   stat results of the       st_dev/st_ino mapped through
 *   kernel (also fstat)          vfs_ino_origin() (VFS_T_ORIGIN tells
 *                                which objects need it); getxattr and
 *                                listxattr of a VFS_T_ORIGIN object
 *                                emulated (the host object carries
 *                                user.vfstrace.* attributes)
 *
 * Every operation also exists as a direct call (vfs_chmod(), vfs_stat(),
 * ...), usable instead of resolving when the supervisor prefers to
 * emulate.  When target.host is empty the object has no host counterpart
 * and the call must be emulated.
 *
 * == Path resolution ==
 *
 * A path is resolved inside the view: "/" is the view root, ".." never
 * goes above it and crosses mount points like the kernel's, symlinks are
 * read from the view and an absolute target starts again at the view root.
 * More than VFS_MAXSYMLINKS links in one resolution: -ELOOP.  A path of
 * PATH_MAX bytes or more, or a component longer than NAME_MAX:
 * -ENAMETOOLONG.  "" is -ENOENT unless AT_EMPTY_PATH is given (then the
 * object is CWD itself).  A non-directory used as a directory: -ENOTDIR.
 * A trailing slash requires a directory and follows a final symlink.
 * Search permission is checked on every directory traversed, with CRED;
 * not on the components of CWD itself (the tracee already is there).
 *
 * == Credentials ==
 *
 * Permission checks (search, read/write/exec bits, write+search on the
 * parent for create/unlink/rename, the sticky bit, owner-only chmod and
 * explicit utimes, chown rules, protected hard links) are made by the
 * library against the view's metadata and CRED, like the kernel's
 * generic_permission() without ACLs.  fsuid 0 is treated as holding every
 * capability.  The host operations that follow (copy-up, emulated calls)
 * run with the credentials of the process running the library, like the
 * kernel's overlayfs acting with the mounter's credentials; new objects
 * are then given CRED's owner with fchown() when the process may do so.
 * When the library runs unprivileged the kernel's own checks on the host
 * files apply as well, and owners it may not set stay its own.
 *
 * == Overlay ==
 *
 * vfs_mount_overlay(upper, lowers): lowers[0] is the highest lower, like
 * lowerdir=lowers[0]:lowers[1]:...  Each layer directory may itself be an
 * OCI layer: in any layer, ".wh.NAME" hides NAME of the layers below and
 * ".wh..wh..opq" in a directory hides the directories below it.  An
 * entry and a whiteout of the same name in one layer: the entry wins (OCI:
 * a whiteout applies to lower layers only).  The upper is kept a valid OCI
 * layer diff of the view.
 *
 *   - Names beginning with ".wh." cannot be created in an overlay view
 *     (-EINVAL).  In the upper and the lowers but the lowest they do not
 *     exist in the view (lookup: -ENOENT).  The lowest layer has nothing
 *     below it: its ".wh." names are ordinary names, but can never be
 *     changed, nor anything below them (-EINVAL: their copy in the upper
 *     would be a whiteout).
 *   - Copy-up (open for writing, O_TRUNC even with O_RDONLY, truncate,
 *     chmod, chown, utimens, set/remove xattr, link, rename) copies the
 *     object to the upper with its content, mode, owner (where the process
 *     may set it), times and xattrs (user.* always; others where
 *     permitted), creating missing upper parents with their own metadata.
 *     Regular files are written into an O_TMPFILE and linked in when
 *     complete; other objects are made under a hidden ".wh..wh..tmp.*"
 *     name in the target directory and renamed: an interrupted copy-up
 *     never shows a partial object.
 *   - A hard link of a lower file breaks on copy-up: the copied name gets
 *     a new inode, other names keep the lower one (like the kernel's
 *     overlayfs without index=on).  Links made through the view are made
 *     in the upper and stay coherent.
 *   - rename() of a directory that exists in a lower layer returns -EXDEV,
 *     as the kernel's overlayfs does without redirect_dir; mv then copies.
 *     Directories existing only in the upper are renamed.
 *   - rmdir of a directory that looks empty removes its upper part and
 *     leaves a whiteout when a lower one exists; a directory made again
 *     there is opaque.
 *   - A file created by the kernel through a path from vfs_open(O_CREAT)
 *     over a deleted lower file leaves the whiteout in place (valid, see
 *     above).
 *   - Merged directories: vfs_opendir() snapshots upper then lower
 *     entries, minus whiteouts and opaque-hidden ones, without duplicates.
 *   - Inode numbers are the host's, except that a copy-up keeps its
 *     origin's, like the kernel's overlayfs on one filesystem: at every
 *     copy-up the context records (upper st_dev, st_ino) -> (lower
 *     st_dev, st_ino) (vfs_ino_origin()), and vfs_stat(), vfs_opendir()
 *     entries ("." and ".." too) show the lower numbers.  With
 *     VFS_MOUNT_ORIGINS the origin is also written into the
 *     user.vfstrace.origin xattr of the new upper object, and its
 *     directory marked with user.vfstrace.origins, when the upper's
 *     filesystem takes user xattrs (regular files and directories only:
 *     symlinks and special files keep theirs for the run only); a later
 *     context on the same upper, mounted with the flag too, reads it
 *     back lazily, when it looks the object up or lists a marked
 *     directory.  The kernel shows these xattrs on the host objects:
 *     the supervisor emulates getxattr and listxattr of VFS_T_ORIGIN
 *     objects (and of fds open on them).  Names
 *     "user.vfstrace.*" do not exist in an overlay's view: getxattr
 *     -ENODATA, never listed, never copied up, set and remove -EPERM.
 *     As in the kernel's overlayfs without index, the copied-up name of
 *     a lower hard link shows the same st_dev/st_ino as the names left
 *     in the lower, with its own link count and content.  The record of
 *     an upper inode is dropped when its last name is removed through
 *     the library.
 *
 * == Memory ==
 *
 * A tree held by the context and freed by vfs_free().  Each regular file's
 * content lives in a memfd owned by the context; vfs_open() returns
 * "/proc/<pid>/fd/<n>" (pid: the process running the library, or the
 * path an fd export gives, see vfs_set_fd_export()) so that the
 * kernel opens a new description of the same file for the tracee: reads,
 * writes, mmap(MAP_SHARED) and ftruncate are coherent across processes and
 * offsets are per open.  The kernel's fstat() on such an fd shows the
 * memfd (nlink 0, mode 0777): emulate fstat with vfs_file_stat().  Opening
 * /proc/<pid>/fd/<n> requires the tracee to pass the kernel's ptrace
 * access check on the supervisor (same uid).  Every memory file costs the
 * supervisor one fd.  Directories, symlinks and special files have no host
 * object: calls on them are emulated.
 *
 * == Lookup cache ==
 *
 * The host backends cache what a lookup found (a node or its absence) per
 * directory, so that resolving a path again costs no host call: a stat
 * of /etc/passwd through an overlay over "/" makes 6 fstatat() the first
 * time and none after.  Each mount holds at most 65536 entries (it starts
 * again when full).  The cache follows:
 *
 *   - every change made through the library, on the names it changed
 *     (entries of a renamed or removed directory go with it), and through
 *     another mount of the context as a whole (a bind may show a layer);
 *   - what the kernel changes through host paths the library handed out,
 *     at one fstatat() per lookup of such an object: the attributes of an
 *     upper object resolved with VFS_WRITE or VFS_OWNER, the names that
 *     may appear in an upper directory in which vfs_open() prepared a
 *     creation (compared by the directory's ctime; a ctime less than two
 *     seconds old is not trusted and the names are looked up again);
 *   - changes made by anyone to a bind's host directory: every cached
 *     entry of a bind is checked with one fstatat() (of the object, or of
 *     its directory for an absent name), which is what a bind lookup cost
 *     before.
 *
 * Changes made to an overlay's layers by other processes, outside the
 * view, are not seen while cached (the kernel's overlayfs does not
 * support them either): call vfs_cache_flush() after them.
 */

#include <dirent.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/types.h>
#include <time.h>

#define VFS_MAXSYMLINKS	40	/* like the kernel's MAXSYMLINKS */
#define VFS_MAXLAYERS	64	/* upper + lowers of one overlay */

struct vfs;
struct vfs_file;
struct vfs_dir;

/*
 * The caller of one operation.  GROUPS (NGROUPS entries, supplementary
 * groups) is borrowed for the duration of the call.  UMASK is applied to
 * the mode of objects the library creates itself.
 */
struct vfs_cred {
	uid_t fsuid;
	gid_t fsgid;
	size_t ngroups;
	const gid_t *groups;
	mode_t umask;
};

/* Context.  vfs_new: 0 or -ENOMEM; *OUT is freed with vfs_free(). */
int vfs_new(struct vfs **out);

/*
 * Unmount everything, free memory trees and close every fd the library
 * holds.  Every struct vfs_file and vfs_dir must have been released.
 * NULL is allowed.
 */
void vfs_free(struct vfs *v);

/* Mount flags. */
#define VFS_MOUNT_RDONLY	0x1	/* every modification: -EROFS */
#define VFS_MOUNT_ORIGINS	0x2	/* overlay: persist copy-up origins
					   in user xattrs of the upper (see
					   Overlay); others ignore it */
#define VFS_MOUNT_NODEV		0x4	/* overlay, bind: never make a char
					   or block device node (mknod, a
					   copy-up of one: -EPERM) */

/*
 * Mount a backend at view path AT (absolute; "." components and extra
 * slashes are ignored, ".." is -EINVAL).  A mount point need not exist in
 * the backend below it (it shows up there as what the mount's root is,
 * and its parent directory's listing comes from the view:
 * VFS_T_DIR_EMULATE), but its parent directory must, for the walk to
 * reach it.  When it exists, the kernel's rule applies: a directory
 * mounts on a directory, a non-directory on a non-directory, else
 * -ENOTDIR; a symlink there is covered by anything (mount points are
 * matched by view path, never followed).  The root "/" must be a
 * directory.  Longest prefix wins, mounts nest, ".." at a mount's root
 * goes to the directory holding the mount point.  -EBUSY when AT is
 * already a mount point.  Path strings are copied; host paths are
 * resolved with realpath() and opened (O_PATH) at mount time, the fds are
 * owned by the context.
 *
 * The upper of an overlay must be writable and on one filesystem; lowers
 * are never written to.  Up to VFS_MAXLAYERS - 1 lowers (-EINVAL beyond).
 * The bind backend is the overlay's code with the host directory as its
 * only layer and whiteout interpretation off.
 */
int vfs_mount_overlay(struct vfs *v, const char *at, const char *upper,
		      const char *const *lowers, size_t nlowers,
		      unsigned int flags);
/*
 * A host directory as is.  A bind mount is not a security boundary: the
 * kernel re-resolves returned host paths, and host symlinks or renames
 * racing with the tracee can lead outside HOST (the library's own host
 * calls beneath HOST, and beneath an overlay's upper, never follow a
 * symlink: vfs/hostfs_at.h).  VFS_MOUNT_RDONLY makes
 * every write -EROFS in the view only.
 *
 * HOST may be a non-directory (after realpath(): a regular file, a
 * device, a socket...): AT is then that object; stat, open, readlink,
 * xattrs and the target reach it, nothing is below it (-ENOTDIR), and
 * unlink or rename of AT itself, or onto it, is -EBUSY like the kernel's
 * bind mounts (rmdir: -ENOTDIR).  The bind follows the name HOST in its
 * directory: a file replaced on the host by rename is seen replaced.
 */
int vfs_mount_bind(struct vfs *v, const char *at, const char *host,
		   unsigned int flags);
/* An empty in-memory tree (root mode 0755, owned by uid/gid 0). */
int vfs_mount_memory(struct vfs *v, const char *at, unsigned int flags);

/* What a caller is about to do with a resolved object. */
enum vfs_intent {
	VFS_LOOKUP,	/* read: stat, access, readlink, exec, getxattr */
	VFS_WRITE,	/* needs write permission: truncate, setxattr */
	VFS_OWNER,	/* needs ownership: chmod, utimes with times */
	/*
	 * VFS_LOOKUP for a call the kernel then makes on T->host without
	 * following a final symlink (lstat, readlink, lgetxattr): when the
	 * last name's directory comes from one lower layer only (or a
	 * bind) and nothing is mounted or masked at the name, the name is
	 * not looked up: T->host is where the kernel will find it or not,
	 * T->type is 0 and the object may not exist.  Needs
	 * AT_SYMLINK_NOFOLLOW; anything else is a VFS_LOOKUP.
	 */
	VFS_PEEK,
};

/* target.attrs */
#define VFS_T_HOST_META		0x1	/* host object carries the view's
					   metadata: kernel stat etc. right */
#define VFS_T_DIR_EMULATE	0x2	/* a directory whose listing must
					   come from vfs_opendir() */
#define VFS_T_DIR		0x4	/* the object is a directory */
#define VFS_T_PLAIN		0x10	/* a directory in which the kernel
					   resolves every name as the view
					   does, but for the last names of
					   masks and mount points
					   (vfs_special_name()) */
#define VFS_T_AS_GIVEN		0x20	/* the kernel resolving the path as
					   given (absolute) from the host
					   root reaches HOST by the same
					   steps: same symlinks, same "..",
					   same object; with -ENOENT (HOST
					   empty): it finds nothing either */
#define VFS_T_TOP_ONLY		0x40	/* a directory of the upper alone:
					   in no lower, not opaque over one;
					   its host listing and names are
					   the view's, but for the last
					   names of masks and mount points */
#define VFS_T_MERGED		0x80	/* a directory of several layers
					   (an upper one and a lower one, or
					   lowers): its link count is 1, as
					   in the kernel's overlayfs */
#define VFS_T_ORIGIN		0x8	/* a copied-up object: its view
					   st_dev/st_ino are its origin's
					   (vfs_ino_origin()) and, with
					   VFS_MOUNT_ORIGINS, the host
					   object carries user.vfstrace.*
					   xattrs the view hides */

/*
 * Where an object is.  HOST: absolute host path for the kernel, or "" when
 * there is none (emulate).  VIEW: canonical view path (no symlink, ".",
 * "..": what getcwd() should say after chdir there).  MOUNT: view path of
 * its mount point, owned by the context.  REL: VIEW inside that mount,
 * without leading slash ("" for the mount root), points into VIEW.
 * FLAGS: (vfs_open) the flags to give the kernel's open.
 */
struct vfs_target {
	char host[PATH_MAX];
	char view[PATH_MAX];
	const char *mount;
	const char *rel;
	int flags;
	unsigned int attrs;
	mode_t type;		/* S_IFMT bits of the object; 0 when the
				   kernel creates it (open with O_CREAT) */
};

/*
 * Resolve CWD/PATH (CWD: absolute view path or NULL for "/"; used when
 * PATH is relative).  AT_FLAGS: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH.  The
 * object must exist.  VFS_WRITE checks write permission, VFS_OWNER
 * ownership, both -EROFS on a read-only mount, and both copy the object up
 * in an overlay: T->host is then the upper object.  On -ENOENT T->attrs
 * is VFS_T_AS_GIVEN when the kernel's walk of PATH on the host finds
 * nothing either, else 0.
 */
int vfs_resolve(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		const char *path, int at_flags, enum vfs_intent intent,
		struct vfs_target *t);

/*
 * open(2) semantics for FLAGS (O_CREAT, O_EXCL, O_TRUNC, O_APPEND,
 * O_DIRECTORY, O_NOFOLLOW, O_TMPFILE, O_PATH) and MODE.  All checks are
 * done; a write open or O_TRUNC of a lower file copies it up; O_CREAT
 * prepares the upper directory.  On success the caller opens T->host with
 * T->flags (and MODE): for an overlay or bind mount the kernel then creates
 * the file itself with the tracee's umask; a memory file is created by the
 * library (mode & ~c->umask) and T->flags lose O_CREAT, O_EXCL,
 * O_NOFOLLOW and O_TMPFILE.  VFS_T_AS_GIVEN as for vfs_resolve(), for
 * an existing object opened without O_CREAT only.
 *
 * FILE, when not NULL, receives a reference on objects without host
 * metadata (memory backend), or one for vfs_file_opened() to finish a
 * create the kernel does, else NULL.  Keep it until the kernel's open
 * of T->host is done (an O_TMPFILE memory file lives only through it) and
 * for as long as vfs_file_stat() is wanted; release with vfs_file_put().
 */
int vfs_open(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	     const char *path, int flags, mode_t mode, struct vfs_target *t,
	     struct vfs_file **file);

/*
 * openat2(2)'s RESOLVE_* flags, with the kernel's values
 * (include/uapi/linux/openat2.h).
 */
#define VFS_RESOLVE_NO_XDEV		0x01
#define VFS_RESOLVE_NO_MAGICLINKS	0x02
#define VFS_RESOLVE_NO_SYMLINKS		0x04
#define VFS_RESOLVE_BENEATH		0x08
#define VFS_RESOLVE_IN_ROOT		0x10
#define VFS_RESOLVE_CACHED		0x20
#define VFS_RESOLVE_ALL			0x3f

/*
 * The checks openat2(2) makes of a struct open_how before it reads the
 * path (build_open_flags() in fs/open.c): 0, -EINVAL for an unknown bit
 * of FLAGS or RESOLVE, a MODE without O_CREAT or O_TMPFILE (or with bits
 * beyond 07777), O_CREAT with O_DIRECTORY, O_TMPFILE without write
 * access, O_PATH with flags other than O_DIRECTORY, O_NOFOLLOW and
 * O_CLOEXEC, RESOLVE_BENEATH with RESOLVE_IN_ROOT; -EAGAIN for
 * RESOLVE_CACHED with O_CREAT, O_TRUNC or O_TMPFILE.
 */
int vfs_open_how_check(uint64_t flags, uint64_t mode, uint64_t resolve);

/*
 * vfs_open() with openat2(2)'s RESOLVE flags (VFS_RESOLVE_*), resolved in
 * the view as the kernel's path walk does: NO_SYMLINKS: a symlink to
 * follow is -ELOOP; BENEATH: an absolute path, an absolute symlink or a
 * ".." above CWD is -EXDEV; IN_ROOT: CWD is the root for those ("/" and
 * ".." stay in it); NO_XDEV: entering or leaving a mount of the view
 * (its root, --bind, --tmpfs: the layers of an overlay are one mount),
 * an absolute symlink from another mount than the root's, or the
 * foreign directory (vfs_set_foreign()) is -EXDEV.  CWD must be the
 * directory a relative (or, for IN_ROOT, any) PATH starts from.  With
 * any flag the foreign directory is -EREMOTE also for a path that names
 * it as given: its magic links are the caller's (NO_MAGICLINKS has no
 * other object in the view); CACHED changes nothing here.
 * VFS_T_AS_GIVEN is never set.
 */
int vfs_open_resolve(struct vfs *v, const struct vfs_cred *c,
		     const char *cwd, const char *path, int flags,
		     mode_t mode, unsigned int resolve, struct vfs_target *t,
		     struct vfs_file **file);

/* stat(2) of an open memory object, nlink 0 once unlinked. */
int vfs_file_stat(struct vfs_file *f, struct stat *st);
/*
 * The kernel's open of vfs_open()'s target succeeded: a create the
 * library left to the kernel is finished (an overlay drops the whiteout
 * the new name supersedes).  NULL is allowed.
 */
void vfs_file_opened(struct vfs_file *f);
/* Release a reference from vfs_open().  NULL is allowed. */
void vfs_file_put(struct vfs_file *f);

/* Direct operations, semantics of the system call of the same name. */
int vfs_stat(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	     const char *path, int at_flags, struct stat *st);
/* MODE: F_OK or R_OK|W_OK|X_OK; AT_FLAGS: AT_SYMLINK_NOFOLLOW. */
int vfs_access(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	       const char *path, int mode, int at_flags);
/* Returns the target's length; BUF is not NUL-terminated, like readlink. */
ssize_t vfs_readlink(struct vfs *v, const struct vfs_cred *c,
		     const char *cwd, const char *path, char *buf,
		     size_t size);
/* MODE is masked with ~c->umask. */
int vfs_mkdir(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, mode_t mode);
/* S_IFREG (or 0), S_IFIFO, S_IFSOCK; S_IFCHR/S_IFBLK need fsuid 0. */
int vfs_mknod(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, mode_t mode, dev_t dev);
int vfs_symlink(struct vfs *v, const struct vfs_cred *c, const char *target,
		const char *cwd, const char *path);
/* AT_FLAGS: AT_SYMLINK_FOLLOW, AT_EMPTY_PATH (on OLDPATH). */
int vfs_link(struct vfs *v, const struct vfs_cred *c, const char *oldcwd,
	     const char *oldpath, const char *newcwd, const char *newpath,
	     int at_flags);
/* AT_FLAGS: AT_REMOVEDIR makes it rmdir. */
int vfs_unlink(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	       const char *path, int at_flags);
int vfs_rmdir(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path);
/* FLAGS: RENAME_NOREPLACE, RENAME_EXCHANGE. */
int vfs_rename(struct vfs *v, const struct vfs_cred *c, const char *oldcwd,
	       const char *oldpath, const char *newcwd, const char *newpath,
	       unsigned int flags);
/* AT_FLAGS: AT_SYMLINK_NOFOLLOW (-EOPNOTSUPP on a symlink). */
int vfs_chmod(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, mode_t mode, int at_flags);
/* (uid_t)-1 / (gid_t)-1: unchanged. */
int vfs_chown(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	      const char *path, uid_t uid, gid_t gid, int at_flags);
/* TS NULL: now; UTIME_NOW and UTIME_OMIT are honoured. */
int vfs_utimens(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		const char *path, const struct timespec ts[2], int at_flags);
int vfs_truncate(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		 const char *path, off_t length);
int vfs_statfs(struct vfs *v, const struct vfs_cred *c, const char *cwd,
	       const char *path, struct statfs *sfs);

/*
 * Extended attributes: "user.", "trusted." (fsuid 0 only) and "security."
 * names.  Return the value's or list's length; SIZE 0 asks for it.
 */
ssize_t vfs_getxattr(struct vfs *v, const struct vfs_cred *c,
		     const char *cwd, const char *path, const char *name,
		     void *value, size_t size, int at_flags);
/* XFLAGS: XATTR_CREATE, XATTR_REPLACE. */
int vfs_setxattr(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		 const char *path, const char *name, const void *value,
		 size_t size, int xflags, int at_flags);
ssize_t vfs_listxattr(struct vfs *v, const struct vfs_cred *c,
		      const char *cwd, const char *path, char *list,
		      size_t size, int at_flags);
int vfs_removexattr(struct vfs *v, const struct vfs_cred *c,
		    const char *cwd, const char *path, const char *name,
		    int at_flags);

/*
 * Mask VIEW_PATH (absolute; "." components and extra slashes ignored,
 * ".." and "/" are -EINVAL): an in-memory whiteout, nothing is written.
 *
 *   - What the backends below hold at VIEW_PATH does not exist in the
 *     view: lookups give -ENOENT, its parent's listing omits it (and the
 *     parent directory reports VFS_T_DIR_EMULATE), the layers' subtree
 *     below it cannot be reached.  A mount point at VIEW_PATH is not
 *     masked: mounts are above masks.
 *   - In an overlay the mask hides the lower layers only, like a
 *     whiteout in the upper: an upper object at VIEW_PATH stays visible,
 *     and creating something there (mkdir, open O_CREAT, mknod, symlink,
 *     link, rename) makes a fresh upper object, opaque if a directory
 *     (the opaque marker is written in the new directory, as over a
 *     whiteout).  Removing that object never leaves a whiteout: the path
 *     goes back to being masked.
 *   - In a bind or memory mount, which have no upper, the object is
 *     hidden and the name cannot be created: -EACCES.
 *
 * Masks apply from the call on and last as long as the context; masking
 * a path twice is allowed.  0, -EINVAL, -ENAMETOOLONG or -ENOMEM.
 */
int vfs_mask(struct vfs *v, const char *view_path);

/*
 * Hide VIEW_PATH (--hide): a mask that hides the objects of every
 * backend there, an overlay's upper included, and at which nothing can
 * be created (mkdir, open O_CREAT, mknod, symlink, link, rename onto
 * it: -EACCES, what a sandbox denying the path answers); names below it
 * are missing (-ENOENT).  Not listed in its directory.  Mounts are above
 * it, as above masks.  0, -EINVAL, -ENAMETOOLONG or -ENOMEM.
 */
int vfs_hide(struct vfs *v, const char *view_path);

/*
 * Absolute view path PATH as the mount table and masks take it, into
 * OUT (PATH_MAX bytes): "." and extra slashes dropped; 0, -EINVAL (not
 * absolute, or "..") or -ENAMETOOLONG.
 */
int vfs_canon_view(const char *path, char *out);

/*
 * View path PREFIX ("/proc") names the calling process's own objects, not
 * the view's: a walk that comes to a name below PREFIX through a symlink
 * or ".." stops there with -EREMOTE, and vfs_remote() is the absolute path
 * it reached ("/proc/self/fd/3"), for the caller to resolve in the
 * process's context.  A path that starts with PREFIX itself is walked as
 * the host directory it is (the caller decides those before).  One
 * prefix; 0, -EINVAL or -ENOMEM.
 */
int vfs_set_foreign(struct vfs *v, const char *prefix);

/*
 * Where tracees open memory files.  Without an export, the path of a
 * memory file's content is "/proc/<pid>/fd/<n>" of the process running
 * the library.  With one, KEEP is called once per memfd (FD stays the
 * library's) to hand a copy to another process: it writes the path a
 * tracee opens that copy by into PATH (SIZE bytes) and returns a handle
 * (>= 0) or -errno (then the call fails with it); DROP(ARG, handle) when
 * the file is freed.  E is copied; ARG is the caller's.  With MAKE, the
 * content of a file is a file MAKE creates instead of a memfd (KEEP is
 * then never called).
 */
struct vfs_fd_export {
	int (*keep)(void *arg, int fd, char *path, size_t size);
	void (*drop)(void *arg, int handle);
	void *arg;
	/*
	 * Optional, instead of memfds: a new empty regular file the tree
	 * opens by the path written into PATH; its fd (O_RDWR, the
	 * library's) in *FD; returns a handle for DROP, or -errno.
	 */
	int (*make)(void *arg, int *fd, char *path, size_t size);
};
void vfs_set_fd_export(struct vfs *v, const struct vfs_fd_export *e);
/*
 * After -EREMOTE: the path reached (owned by V, valid until the next
 * walk), and *FROM the path string the caller gave the call that walked
 * (borrowed from the caller, who knows which argument it was).
 */
const char *vfs_remote(const struct vfs *v, const char **from);

/* Whether NAME is the last name of a mask or of a mount point. */
bool vfs_special_name(const struct vfs *v, const char *name);

/*
 * Origin of a copied-up object: when upper inode DEV:INO was made by a
 * copy-up (in this run, or in an earlier run on the same upper when the
 * origin could be persisted and the object has been looked up since),
 * 0 with the lower object's st_dev and st_ino in *ODEV, *OINO; else
 * -ENOENT.  The supervisor maps st_dev/st_ino of a kernel fstat() or
 * stat() of a host object through it.
 */
int vfs_ino_origin(struct vfs *v, dev_t dev, ino_t ino, dev_t *odev,
		   ino_t *oino);

/*
 * Whether vfs_ino_origin() knows any origin yet: while it does not, no
 * kernel stat result needs mapping (an fd can only be on an upper object
 * the library has looked up, which loads its persisted origin).
 */
bool vfs_has_origins(const struct vfs *v);

/*
 * Forget every cached lookup (see "Lookup cache" above).  Needed only
 * after the layers were changed behind the library's back.
 */
void vfs_cache_flush(struct vfs *v);

/* Counters of the context, for tests and benchmarks. */
struct vfs_stats {
	unsigned long long host_stats;	/* fstatat()/fstat() on the layers
					   made by lookups and revalidation */
	unsigned long long host_xattrs;	/* origin xattr reads */
	unsigned long long cache_hits;	/* lookups answered by the cache */
	unsigned long long cache_misses;	/* lookups that probed layers */
	unsigned long long peeks;	/* VFS_PEEK names not looked up */
	unsigned long long dir_changes;	/* lower directories merged by a
					   copy-up, masks added: listings
					   and lookups the kernel made right
					   in them may not be any more */
};

void vfs_get_stats(const struct vfs *v, struct vfs_stats *st);

/* One directory entry of a snapshot.  Owned by the struct vfs_dir. */
struct vfs_dirent {
	uint64_t ino;
	unsigned char type;	/* DT_* */
	const char *name;
};

/*
 * Snapshot of a directory's merged listing ("." and ".." first), taken
 * with read permission checked.  Positions 0..count-1 stay the same while
 * the snapshot lives, whatever happens to the directory: the supervisor
 * keeps one per open directory fd and a position per fd (lseek sets it).
 * *OUT is freed with vfs_closedir(); it does not refer to the context.
 */
int vfs_opendir(struct vfs *v, const struct vfs_cred *c, const char *cwd,
		const char *path, int at_flags, struct vfs_dir **out);
size_t vfs_dir_count(const struct vfs_dir *d);
/* Entry at POS, or NULL past the end. */
const struct vfs_dirent *vfs_dir_get(const struct vfs_dir *d, size_t pos);
/*
 * Fill BUF with struct linux_dirent64 records from *POS on, advance *POS.
 * d_off of an entry is the position after it.  Returns bytes written, 0 at
 * the end, -EINVAL when not even one record fits.
 */
ssize_t vfs_dir_getdents64(const struct vfs_dir *d, uint64_t *pos,
			   void *buf, size_t size);
/*
 * The record layouts a listing can be written in: each has its own
 * encoder in vfs/dir.c (a 32-bit ABI's struct linux_dirent is one more).
 */
enum vfs_dirent_layout {
	VFS_DIRENT64,		/* struct linux_dirent64 (getdents64) */
	VFS_DIRENT_LONG64,	/* struct linux_dirent of a 64-bit ABI
				   (getdents): d_type in the last byte */
	VFS_DIRENT_COMPAT32,	/* the same of a 32-bit ABI (i386): 32-bit
				   d_ino and d_off; EOVERFLOW for an inode
				   number that does not fit, as the kernel */
};
/* vfs_dir_getdents64() in the record layout LAYOUT (-EINVAL: unknown). */
ssize_t vfs_dir_getdents(const struct vfs_dir *d,
			 enum vfs_dirent_layout layout, uint64_t *pos,
			 void *buf, size_t size);
void vfs_closedir(struct vfs_dir *d);

#endif /* VFSTRACE_VFS_H */
