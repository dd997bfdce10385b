/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_OVERLAY_IMPL_H
#define VFSTRACE_OVERLAY_IMPL_H

/*
 * Private to the overlay-mode files (supervisor/overlay*.c): what the
 * families of handlers share.  The public entry points are overlay.h.
 */
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "arch.h"
#include "cleanup.h"
#include "decode.h"
#include "overlay_types.h"
#include "supervisor.h"
#include "vfs.h"

struct vfs_target;

#define SCRATCH_SIZE (4u << 20)
#define SLOT_SIZE (16u << 10)
#define NSLOTS (SCRATCH_SIZE / SLOT_SIZE)
#define PART_SIZE 6144		/* part 0, 1: paths; part 2: sockaddr */
#define MAX_XATTR (64 * 1024)

/* One directory fd whose listing is emulated (per process). */
struct dirstate {
	int fd;
	unsigned long ino, mnt;	/* of the host directory, from fdinfo */
	bool emulate;
	char *view;		/* owned */
	struct vfs_dir *snap;	/* owned; NULL until the first read */
};

/* What overlay mode knows of a thread's credentials (/proc/TID/status). */
struct tcred {
	bool valid;
	uid_t fsuid;
	gid_t fsgid;
	mode_t umask;
	size_t ngroups;
	gid_t groups[64];
};

/* Work left for the exit stop of an overlay-mode call. */
enum ov_exit {
	OVX_NONE = 0,
	OVX_INJECTED,		/* scratch mmap: record it, restart the call */
	OVX_GETDENTS,		/* the lseek standing in for getdents64 */
	OVX_RESTORE,		/* arguments were changed: put them back */
	OVX_SOCKNAME,		/* getsockname/getpeername: name the view's */
	OVX_CREDS,		/* credentials or umask changed */
};

/* Overlay mode's state of a process (struct proc's mode). */
struct ov_proc {
	char *exe;		/* owned; view path of the executable */
	uint64_t scratch;	/* tracee address of the scratch mapping */
	unsigned int next_slot;
	struct dirstate *dirs;	/* owned; emulated directory fds */
	size_t ndirs;
	/*
	 * The kernel's cwd (struct proc's kcwd) is a directory in which the
	 * kernel resolves names as the view does (VFS_T_PLAIN), or an upper
	 * directory of the upper alone (VFS_T_TOP_ONLY): see
	 * ov_kernel_decides().
	 */
	bool cwd_plain, cwd_top;
	/*
	 * CWD_CHECK: a directory moved or went since the cwd was looked
	 * at; CWD_GONE: the view removed the cwd's directory (until the
	 * next chdir): see ov_removed_cwd().
	 */
	bool cwd_check, cwd_gone;
};

/* Overlay mode's state of a thread (struct tracee's mode). */
struct ov_thread {
	unsigned int slot;	/* its slot in the proc's scratch mapping */
	struct tcred cred;
	enum ov_exit ov_exit;
	bool statfix;		/* patch st_dev/st_ino of the result */
	bool merged;		/* with statfix: a merged directory's */
	long ov_ret;		/* OVX_GETDENTS: the result to return */
	struct arch_regs *saved; /* owned; OVX_INJECTED registers */
	struct vfs_file *file;	/* owned ref until the kernel's open ran */
	char *exe;		/* owned; view path of a pending execve */
	char *chdir_view;	/* owned; a pending chdir: the view cwd */
	char *chdir_host;	/* owned; and the kernel's, a host path */
	unsigned int chdir_attrs; /* and its VFS_T_* */
	bool flush;		/* the kernel changes what the library cached */
	/*
	 * A walk of the library came to /proc through a symlink or ".."
	 * (-EREMOTE, given to ov_done(), which then does nothing): the
	 * call is decided again with that path (ov_remote()), REMOTES
	 * times at most VFS_MAXSYMLINKS.
	 */
	bool remote;
	unsigned int remotes;
	/*
	 * The call as vfstrace rewrote it (its number and arguments), until
	 * its exit stop: only its exact restart may pass unseen.
	 */
	bool rw_valid;
	enum sc_id rw_id;
	uint64_t rw_args[6];
	/*
	 * An openat2 through /proc with RESOLVE_BENEATH, IN_ROOT or NO_XDEV
	 * went to the kernel with RESOLVE_NO_MAGICLINKS: its -ELOOP for a
	 * magic link is the -EXDEV of the original flags (nd_jump_link()).
	 */
	bool loop_xdev;
};

/* A vfs file reference released when the variable leaves its scope. */
static inline void cleanup_vfs_filep(struct vfs_file **f)
{
	vfs_file_put(*f);
}
#define _cleanup_vfs_file_ __attribute__((cleanup(cleanup_vfs_filep)))

/* The overlay state of a process and of a thread (set by the hooks). */
#define OVP(p) ((struct ov_proc *)(p)->mode)
#define OVT(t) ((struct ov_thread *)(t)->mode)

/* overlay_compat.c: results in the layout of the call's ABI */
struct stat;
struct statfs;
/* Whether C was made through a 32-bit ABI (i386: 16-bit ids, ...). */
bool ov_compat(const struct call *c);
/* A 16-bit uid or gid argument as a 32-bit one (0xffff is -1). */
uint32_t ov_compat_id16(uint64_t v);
/*
 * Write ST as the result of stat-family call C (not statx) into its
 * buffer, in C's layout: 0 or -errno (-EOVERFLOW: it does not fit).
 */
int ov_stat_put(const struct tracee *t, const struct call *c,
		const struct stat *st);
/* Read the kernel's result of C: dev, ino, mode, nlink at least. */
int ov_stat_get(const struct tracee *t, const struct call *c,
		struct stat *st);
/* Change dev, ino and nlink of the kernel's result of C to ST's. */
int ov_stat_patch(const struct tracee *t, const struct call *c,
		  const struct stat *st);
/* Write F as the result of statfs or statfs64 call C. */
int ov_statfs_put(const struct tracee *t, const struct call *c,
		  const struct statfs *f);

/* overlay_rewrite.c */
enum ov_result ov_done(struct sup *s, struct tracee *t, struct call *c,
		       long ret);
uint64_t ov_part_addr(const struct tracee *t, int part);
int ov_change_arg(struct sup *s, struct tracee *t, struct call *c,
		  int i, uint64_t val);
int ov_set_arg_data(struct sup *s, struct tracee *t, struct call *c,
		    int i, int part, const void *data, size_t len);
bool ov_as_given(const struct call *c, int i, const struct vfs_target *tg);
int ov_rewrite(struct sup *s, struct tracee *t, struct call *c, int i,
	       const char *host);
enum ov_result ov_pass(const struct tracee *t);
bool ov_under(const char *path, const char *dir);
int ov_first_path(const struct call *c);
int ov_at_flags(const struct call *c);
const char *ov_path_of(const struct call *c, int i);
/*
 * Where the library walks path argument I (view path VP) from, as the
 * kernel would: for a relative path used as given (VP is C->str[I]), the
 * view directory it is relative to (its dirfd's, or the cwd) is put in
 * BUF (SIZE bytes) and returned, and *PATH is the string as given, so
 * the library walks from that directory without searching its ancestors
 * again, as the kernel walks from a directory it holds.  Otherwise NULL,
 * and *PATH is VP.
 */
const char *ov_walk_from(const struct call *c, int i, const char *vp,
			 char *buf, size_t size, const char **path);
long ov_path_err(const struct call *c, int i);
enum ov_result ov_inject_scratch(struct sup *s, struct tracee *t,
				 const struct call *c);
bool ov_rewritten(const struct tracee *t, const struct call *c);

/*
 * Whether the kernel may decide call C, whose lookup by the library of
 * relative path argument I failed with ERR, as the tracee made it: the
 * library (the supervisor's own host calls, with the tracee's uid) could
 * not search an ancestor of the cwd, which the kernel, holding the cwd,
 * does not need.  Only for -EACCES, a path relative to the kernel's cwd
 * without "..", masked or mounted names, a cwd whose names the kernel
 * resolves as the view does, and, when WRITES, one name in a cwd of the
 * upper alone (never a lower's; the caller makes sure no final symlink
 * is followed).
 */
bool ov_kernel_decides(const struct sup *s, const struct tracee *t,
		       const struct call *c, int i, long err, bool writes);

/* overlay_creds.c */
struct vfs_cred ov_cred_of(struct tracee *t);

/* overlay_proc.c */
bool ov_proc_path(const struct tracee *t, const char *vp, bool nofollow,
		  char *out, size_t size);
struct tracee *ov_proc_owner(struct sup *s, struct tracee *t,
			     const char *p, const char **rest);
int ov_proc_link(struct sup *s, struct tracee *t, const char *vp,
		 char *out, size_t size);
bool ov_fd_link_view(struct sup *s, struct tracee *t, const char *vp,
		     char *out, size_t size);
/*
 * View path VP through /proc, as the tracee T names it: OVP_VIEW with
 * OUT (SIZE bytes) the view path it names through the root, cwd or a
 * directory fd of a tracee (/proc/PID/root/x, /proc/PID/cwd/x,
 * /proc/PID/fd/N/x, thread-self, task/TID, /dev/fd/N/x), or when ".."
 * leaves /proc; OVP_CANONICAL with OUT the /proc path VP is with "//",
 * "." and ".." taken out (up to its first magic link); OVP_SAME when VP
 * stays as it is; -EACCES for a guarded entry (root, cwd, fd, mem,
 * environ, ...) of a process outside the tree; -errno.
 */
enum { OVP_SAME, OVP_CANONICAL, OVP_VIEW };
int ov_proc_view(struct sup *s, struct tracee *t, const char *vp,
		 char *out, size_t size);
/*
 * Path argument I of C through a magic link of /proc of the tree, resolved
 * in the view: /proc/PID/root/..., /proc/PID/cwd/... and /proc/PID/fd/N/...
 * (also thread-self, task/TID, /dev/fd/N/...) of a tracee are view paths
 * (str[I] is replaced, marked moved).  A guarded entry (root, cwd, fd, mem,
 * environ, ...) of a process outside the tree is -EACCES.  0 or -errno.
 */
int ov_proc_redirect(struct sup *s, struct tracee *t, struct call *c, int i);
/* Every path argument of C through a magic link: ov_proc_redirect(). */
int ov_proc_links(struct sup *s, struct tracee *t, struct call *c);
/* Path argument I of C is now view path PATH (absolute, moved). 0 or -ENOMEM. */
int ov_move_path(struct call *c, int i, const char *path);
/*
 * For a change through the fd magic link VP (/proc/PID/fd/N, /dev/fd/N of
 * a tracee): 1 with OUT (SIZE bytes) its view path when the fd is on an
 * object of a lower layer or a bind (the change must go through the view,
 * as overlayfs copies up on such a reopen); 0 when the kernel may follow
 * the link (no such path, or the fd is on the upper or on no layer: a
 * pipe, a memfd); -ENOENT for a lower object the host has removed.
 */
int ov_fd_link_change(struct sup *s, struct tracee *t, const char *vp,
		      char *out, size_t size);
/*
 * Whether the kernel may walk /proc path PATH for T (openat2 with flags
 * that follow no magic link): 0; -EACCES for a guarded entry of a
 * process outside the tree; -EXDEV when its ".." leave /proc (the host's
 * root is not the view's).
 */
int ov_proc_check(struct sup *s, struct tracee *t, const char *path);

/*
 * The fd number VP names when it is /proc/PID/fd/N or /dev/fd/N of a
 * tracee (also thread-self, task/TID), with *O that tracee; else -1.
 */
int ov_proc_fd(struct sup *s, struct tracee *t, const char *vp,
	       struct tracee **o);

/* overlay_passed.c */
/*
 * An open for writing of VP (FLAGS), /proc/self/fd/N, /dev/fd/N or
 * /dev/std* of T's process, where N is on an open file the caller passed
 * in (ov_passed_init()) with the access asked for: the call becomes
 * fcntl(N, F_DUPFD[_CLOEXEC], 0).  True with *RES when it did.
 */
bool ov_reopen_passed(struct sup *s, struct tracee *t, struct call *c,
		      const char *vp, int flags, enum ov_result *res);

/* overlay_lookup.c */
bool ov_fd_has_origin(struct sup *s, struct tracee *t, int fd);
enum ov_result h_lookup(struct sup *s, struct tracee *t,
			struct call *c, int i);
void ov_fix_stat(struct sup *s, struct tracee *t);

/* overlay_exec.c */
enum ov_result h_exec(struct sup *s, struct tracee *t, struct call *c);

/* overlay_open.c */
enum ov_result h_open(struct sup *s, struct tracee *t, struct call *c);
/*
 * The kernel opens TG, found by the library for the first path argument
 * of C (its open flags FLAGS, in argument FI, or -1): placeholder
 * directories, lower fifos copied up, the path rewritten unless GIVEN
 * and the tracee's string already names TG, the flags changed to
 * TG->flags.  *FILE moves to the thread until the exit stop.
 */
enum ov_result ov_open_found(struct sup *s, struct tracee *t, struct call *c,
			     int fi, int flags, struct vfs_target *tg,
			     struct vfs_file **file, bool given);

/* overlay_open2.c */
enum ov_result h_openat2(struct sup *s, struct tracee *t, struct call *c);

/* overlay_modify.c */
long ov_do_xattr_set(struct sup *s, struct tracee *t, struct call *c,
		     const struct vfs_cred *cr, const char *base,
		     const char *vp, int vi, int af);
int ov_link_open_file(struct sup *s, struct tracee *t, struct call *c,
		      enum ov_result *res);
long ov_modify(struct sup *s, struct tracee *t, struct call *c);

/* overlay_fdmeta.c */
enum ov_result h_fdmeta(struct sup *s, struct tracee *t,
			struct call *c);

/* overlay_dir.c */
/* The exit stop of a chdir the kernel ran (RET): the cwds move. */
void ov_chdir_exit(struct tracee *t, long ret);
void ov_dirstate_clear(struct dirstate *d);
enum ov_result h_chdir(struct sup *s, struct tracee *t,
		       struct call *c, const char *vp);
/*
 * Relative paths from a removed cwd, as the kernel walks them from the
 * removed directory it still holds: "." is that directory (the kernel's
 * cwd, when it is the removed upper directory itself), ".." its old
 * parent, a name in it ENOENT.  False when C is not such a call, else
 * true with *RES.
 */
bool ov_removed_cwd(struct sup *s, struct tracee *t, struct call *c,
		    enum ov_result *res);
enum ov_result h_getcwd(struct sup *s, struct tracee *t,
			struct call *c);
enum ov_result h_getdents(struct sup *s, struct tracee *t,
			  struct call *c);

/* overlay_ioctl.c */
enum ov_result h_ioctl(struct sup *s, struct tracee *t, struct call *c);

/* overlay_sock.c */
enum ov_result h_sockname(struct sup *s, struct tracee *t,
			  struct call *c);
void ov_sockname_exit(struct sup *s, struct tracee *t, long ret);
enum ov_result h_sock(struct sup *s, struct tracee *t, struct call *c);

/* overlay_guard.c */
enum ov_result h_dumpable(struct sup *s, struct tracee *t, struct call *c);
enum ov_result h_intree(struct sup *s, struct tracee *t, struct call *c,
			int err);

#endif
