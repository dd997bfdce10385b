/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_PROCFS_H
#define VFSTRACE_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

/*
 * The one module of the supervisor that reads /proc: the kernel's view of
 * a tracee (its fds, cwd, exe, status, cmdline, fdinfo, maps).  Every
 * function names its process by pid (a tid works wherever the kernel
 * accepts one) and returns -errno on failure: a process that is gone gives
 * -ENOENT or -ESRCH, which callers treat as "gone", never as a bug.
 * Nothing here keeps state; every fd opened is O_CLOEXEC and closed
 * before returning.
 *
 * The vfs library reads /proc/self/fd of the supervisor's own fds (a host
 * path for an fd it holds); that is not a tracee's /proc and stays there.
 */

/*
 * The target of the magic link /proc/PID/NAME ("cwd", "exe", "root",
 * "fd/3") into BUF (SIZE bytes, NUL-terminated).  Returns the length or
 * -errno; -ENAMETOOLONG when it does not fit.
 */
int procfs_readlink(pid_t pid, const char *name, char *buf, size_t size);

/* The target of /proc/PID/fd/FD, as procfs_readlink(). */
int procfs_fd_path(pid_t pid, int fd, char *buf, size_t size);

/* The target of /proc/PID/cwd, as procfs_readlink(). */
int procfs_cwd(pid_t pid, char *buf, size_t size);

/* The target of /proc/PID/exe, as procfs_readlink(). */
int procfs_exe(pid_t pid, char *buf, size_t size);

/* stat(2) of what /proc/PID/fd/FD names (follows the magic link). */
int procfs_fd_stat(pid_t pid, int fd, struct stat *st);

/*
 * Read up to SIZE - 1 bytes of the file /proc/PID/NAME ("status",
 * "fdinfo/3") into BUF and NUL-terminate it.  Returns the length read
 * (0 for an empty file) or -errno.
 */
ssize_t procfs_read(pid_t pid, const char *name, char *buf, size_t size);

/*
 * All of /proc/PID/NAME (however long: "maps", "cmdline") in a buffer the
 * caller frees, NUL-terminated; *LEN receives its length without the NUL
 * when LEN is not NULL.  At most MAX bytes are read (0: no limit); a file
 * cut there sets *CUT when CUT is not NULL.  NULL on error, errno set.
 */
char *procfs_slurp(pid_t pid, const char *name, size_t max, size_t *len,
		   bool *cut);

/*
 * Open /proc/PID/NAME read-only (O_CLOEXEC), e.g. "map_files/1000-2000".
 * Returns the fd (owned by the caller) or -errno.
 */
int procfs_open(pid_t pid, const char *name);

/* /proc/PID/status into BUF (SIZE bytes, NUL-terminated); 0 or -errno. */
int procfs_status(pid_t pid, char *buf, size_t size);

/*
 * The number after the field FIELD ("Tgid", "PPid") of /proc/PID/status,
 * or -errno (-ESRCH when the field is missing).
 */
long procfs_status_field(pid_t pid, const char *field);

/* pos, ino and mnt_id of fd FD of PID from /proc/PID/fdinfo/FD. */
int procfs_fdinfo(pid_t pid, int fd, unsigned long long *pos,
		  unsigned long *ino, unsigned long *mnt);

/* The open flags of fd FD of PID (fdinfo's "flags:"), or -errno. */
int procfs_fd_flags(pid_t pid, int fd);

/*
 * Call FN(fd, ARG) for each fd of the supervisor itself (from
 * /proc/self/fd, the directory's own fd excepted) until FN returns
 * non-zero; returns that value, 0 when FN never did, or -errno.
 */
int procfs_each_self_fd(int (*fn)(int fd, void *arg), void *arg);

#endif
