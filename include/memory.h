/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_MEMORY_H
#define VFSTRACE_MEMORY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * Access to a stopped tracee's memory: process_vm_readv/writev, with
 * PTRACE_PEEKDATA/POKEDATA as the fallback (pages the tracee cannot
 * write, kernels without CMA).  Reads never cross into an unmapped page
 * unless the data does.  All return -errno: -EFAULT for a bad address,
 * -ESRCH when the tracee is gone (not an error of vfstrace).
 */

/* Read exactly LEN bytes at ADDR into BUF; 0 or -errno. */
int mem_read(pid_t tid, uint64_t addr, void *buf, size_t len);

/*
 * Read the NUL-terminated string at ADDR into BUF (SIZE bytes, SIZE > 0).
 * Returns its length, or -ENAMETOOLONG when no NUL is found within SIZE-1
 * bytes (BUF then holds SIZE-1 bytes and a NUL), or -errno.  Page-aware:
 * one system call for strings that fit in the first 256 bytes.
 */
ssize_t mem_read_str(pid_t tid, uint64_t addr, char *buf, size_t size);

/* Write LEN bytes from BUF at ADDR; 0 or -errno. */
int mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len);

/*
 * The tracer's writes that ignore page protections (FOLL_FORCE, as a
 * debugger's), for memory the tracee can only read (the scratch mapping:
 * overlay_scratch.c).  mem_open() opens /proc/TID/mem for writing: an fd
 * (O_CLOEXEC, owned by the caller) on TID's address space as it is now
 * (after an exec it names the old one), or -errno.  mem_write_forced()
 * writes LEN bytes from BUF at ADDR through FD (pwrite; FD < 0: none),
 * and what that could not write with PTRACE_POKEDATA into TID; 0 or
 * -errno.  process_vm_writev honours page protections and cannot.
 */
int mem_open(pid_t tid);
int mem_write_forced(int fd, pid_t tid, uint64_t addr, const void *buf,
		     size_t len);

#endif
