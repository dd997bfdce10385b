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

#endif
