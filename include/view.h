/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_VIEW_H
#define VFSTRACE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct vfs;

/*
 * The lock file of an upper directory, relative to it: whoever works on
 * an upper (vfstrace, tools applying or cleaning it) holds
 * flock(LOCK_EX) on it for as long as it does.  A reserved ".wh..wh."
 * name: never in the view, whites out nothing.
 */
#define UPPER_LOCK	".wh..wh..vfstrace-lock"

/*
 * The view of overlay mode: the vfs/ context built from the command line
 * (-u, -l, --bind, --ro-bind, --tmpfs) plus what the supervisor needs to
 * translate back: which host directory backs which view path, so that a
 * tracee's fd (whose host path /proc tells) can be named in the view.
 */

struct view_map {
	char *host;		/* host directory, no trailing slash ("" = /) */
	char *view;		/* view path it appears at ("" = /) */
};

struct view {
	struct vfs *vfs;	/* owned */
	struct view_map *maps;	/* owned; most specific host prefix first */
	size_t nmaps;
	char *upper;		/* owned; realpath of the upper */
	char *initial_cwd;	/* owned; view path of vfstrace's cwd */
	char *host_cwd;		/* owned; vfstrace's cwd, the kernel's cwd
				   of the command at its start; NULL when
				   unknown */
	char *scratch;		/* owned; private host directory, hidden
				   from the view, removed at exit */
	unsigned int nplaceholders;
	int scratch_fd;		/* owned; O_PATH fd of SCRATCH, in which
				   placeholders are made (the tree may
				   swap SCRATCH's name for a symlink) */
	int lock_fd;		/* owned; holds the flock of UPPER_LOCK, or
				   -1 (no upper) */
	/*
	 * Every directory fd the traced tree got from vfstrace (and none
	 * inherited from it) is on a directory the kernel resolves names in
	 * as the view does (VFS_T_PLAIN: one lower layer, or a bind; nothing
	 * merged; masked and mounted names aside, which are never taken
	 * for plain), and none has changed since
	 * (vfs_stats.dir_changes is still DIR_CHANGES0): a no-follow lookup
	 * of one name relative to any dirfd needs no translation.
	 */
	bool plain_dirfds;
	unsigned long long dir_changes0;
	/*
	 * AF_UNIX paths (view_sock_path): SOCK_BASE, a private directory
	 * of /tmp (NULL until needed), holds symlink I to the host
	 * directory SOCK_DIRS[I]; SOCK_NAMES maps the kernel's name of a
	 * socket bound by the tree (.host) to the name it gave (.view).
	 */
	char *sock_base;	/* owned */
	char **sock_dirs;	/* owned */
	size_t nsock_dirs;
	struct view_map *sock_names;	/* owned */
	size_t nsock_names;
};

/* What the command line asks for.  Strings are borrowed. */
struct view_opts {
	const char *upper;
	const char **lowers;	/* first = highest */
	size_t nlowers;
	const char **binds;	/* SRC DEST pairs */
	bool *bind_ro;
	size_t nbinds;
	const char **tmpfs;
	size_t ntmpfs;
	const char **hide;	/* --hide PATH, absolute host paths */
	size_t nhide;
	bool sandbox;		/* --sandbox: no device node made in the
				   upper or a bind (VFS_MOUNT_NODEV); no
				   writable "/" without an upper */
};

/*
 * Build the view; dies (exit 125) with a one-line message on bad input
 * ("vfstrace: cannot create upper directory '/x': Permission denied").
 * The upper is created when missing.  When the upper lies inside a lower,
 * its path is masked in the view (vfs_mask: an in-memory whiteout, nothing
 * written), so the tracee never sees where its changes go.
 */
void view_init(struct view *v, const struct view_opts *o);

/*
 * --hide (view_hide.c, called by view_init): each PATH of O, and the
 * target of one that is a symlink, is hidden at every view path that
 * shows it (through a lower layer or a bind): a directory of the host
 * is an empty read-only directory there, anything else is missing and
 * cannot be created (vfs_hide()).  Dies (exit 125) when PATH is /, in
 * /proc, or holds a lower layer or a bind source.
 */
void view_hide(struct view *v, const struct view_opts *o);

void view_release(struct view *v);

/*
 * The view path of host path HOST into OUT (SIZE bytes); its length, or
 * -ENOENT when no layer or bind backs HOST (a memory file, a pipe).
 */
int view_from_host(const struct view *v, const char *host, char *out,
		   size_t size);

/*
 * A real host directory standing for the view directory VPATH, which has
 * no host object (a --tmpfs directory): opening it gives the tracee a
 * directory fd that view_fd_path() maps back to VPATH, so listings and
 * fchdir go through the view.  Writes its host path to HOST; 0 or -errno.
 */
int view_placeholder(struct view *v, const char *vpath, char *host,
		     size_t size);

/* The view path of fd FD of TID (from /proc); length or -errno. */
int view_fd_path(const struct view *v, pid_t tid, int fd, char *out,
		 size_t size);

/*
 * Whether the kernel may run a no-follow lookup of one NAME relative to
 * any dirfd of the tree as it is (see plain_dirfds); NAME as read from
 * the tracee.
 */
bool view_plain_name(const struct view *v, const char *name);

/*
 * The path to put in an AF_UNIX address (sun_path, SIZE bytes with its
 * NUL) for the socket at host path HOST, into OUT: HOST itself when it
 * fits, else a short path through a symlink to HOST's directory in a
 * private directory of /tmp (made on first use with mkdtemp, mode 0711,
 * masked in the view, removed at exit; left behind only when vfstrace
 * is killed).  The kernel follows the symlink as it resolves the
 * address.  0, -ENAMETOOLONG when even that does not fit, or -errno.
 */
int view_sock_path(struct view *v, const char *host, char *out, size_t size);

/*
 * The tree binds a socket whose kernel name (the sun_path given to the
 * kernel) is KNAME, as GIVEN (the tracee's sun_path).  0 or -ENOMEM.
 */
int view_sock_bound(struct view *v, const char *kname, const char *given);

/* The name a socket of kernel name KNAME was bound with, or NULL. */
const char *view_sock_given(const struct view *v, const char *kname);

/* Remove the private directory, free the names; before view_release(). */
void view_sock_release(struct view *v);

#endif
