/* SPDX-License-Identifier: MIT */
/*
 * Tracee memory access.  The remote range is split at page boundaries
 * into one iovec per page: process_vm_readv never splits an iovec, so
 * this way a string ending just before an unmapped page is still read
 * (the call returns the bytes of the pages that exist).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

#include "memory.h"

#define PAGE 4096UL
#define MAX_IOV 4
#define FIRST_READ 256

/* Fill IOV with the pages of [ADDR, ADDR+LEN); returns the count. */
static int split_pages(uint64_t addr, size_t len, struct iovec *iov)
{
	int n = 0;

	while (len && n < MAX_IOV) {
		size_t chunk = PAGE - (addr & (PAGE - 1));

		if (chunk > len)
			chunk = len;
		iov[n].iov_base = (void *)(uintptr_t)addr;
		iov[n].iov_len = chunk;
		n++;
		addr += chunk;
		len -= chunk;
	}
	return n;
}

/* Up to LEN bytes; returns bytes read (stops at a hole) or -errno. */
static ssize_t cma_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { .iov_base = buf, .iov_len = len };
	struct iovec remote[MAX_IOV];
	int n = split_pages(addr, len, remote);
	ssize_t got = process_vm_readv(tid, &local, 1, remote, n, 0);

	return got < 0 ? -errno : got;
}

static ssize_t peek_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		uint64_t a = addr + done;
		uint64_t base = a & ~(uint64_t)(sizeof(long) - 1);
		size_t off = a - base, n = sizeof(long) - off;
		long word;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, tid, (void *)(uintptr_t)base,
			      NULL);
		if (errno)
			return done ? (ssize_t)done : -errno;
		if (n > len - done)
			n = len - done;
		memcpy((char *)buf + done, (char *)&word + off, n);
		done += n;
	}
	return done;
}

/* Read up to LEN bytes, falling back to PEEKDATA; bytes read or -errno. */
static ssize_t read_some(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	ssize_t got = cma_read(tid, addr, buf, len);

	if (got == -ENOSYS || got == -EPERM)
		got = peek_read(tid, addr, buf, len);
	return got;
}

int mem_read(pid_t tid, uint64_t addr, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t got = read_some(tid, addr + done, (char *)buf + done,
					len - done);

		if (got < 0)
			return got;
		if (got == 0)
			return -EFAULT;
		done += got;
	}
	return 0;
}

ssize_t mem_read_str(pid_t tid, uint64_t addr, char *buf, size_t size)
{
	size_t done = 0, want = size - 1 < FIRST_READ ? size - 1 : FIRST_READ;

	if (!addr)
		return -EFAULT;
	while (done < size - 1) {
		ssize_t got = read_some(tid, addr + done, buf + done,
					want - done);
		char *nul;

		if (got < 0)
			return got;
		if (got == 0)
			return -EFAULT;
		nul = memchr(buf + done, '\0', got);
		if (nul)
			return nul - buf;
		done += got;
		want = size - 1;
	}
	buf[size - 1] = '\0';
	return -ENAMETOOLONG;
}

static int poke_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		uint64_t a = addr + done;
		uint64_t base = a & ~(uint64_t)(sizeof(long) - 1);
		size_t off = a - base, n = sizeof(long) - off;
		long word = 0;

		if (n > len - done)
			n = len - done;
		if (off || n < sizeof(long)) {
			errno = 0;
			word = ptrace(PTRACE_PEEKDATA, tid,
				      (void *)(uintptr_t)base, NULL);
			if (errno)
				return -errno;
		}
		memcpy((char *)&word + off, (const char *)buf + done, n);
		if (ptrace(PTRACE_POKEDATA, tid, (void *)(uintptr_t)base,
			   (void *)word) < 0)
			return -errno;
		done += n;
	}
	return 0;
}

int mem_write(pid_t tid, uint64_t addr, const void *buf, size_t len)
{
	struct iovec local = { .iov_base = (void *)buf, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)(uintptr_t)addr,
				.iov_len = len };
	ssize_t put = process_vm_writev(tid, &local, 1, &remote, 1, 0);

	if (put == (ssize_t)len)
		return 0;
	return poke_write(tid, addr, buf, len);
}

int mem_open(pid_t tid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)tid);
	fd = open(path, O_RDWR | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int mem_write_forced(int fd, pid_t tid, uint64_t addr, const void *buf,
		     size_t len)
{
	size_t done = 0;

	while (fd >= 0 && done < len) {
		ssize_t put = pwrite(fd, (const char *)buf + done, len - done,
				     (off_t)(addr + done));

		if (put <= 0)
			break;
		done += put;
	}
	if (done == len)
		return 0;
	/* PTRACE_POKEDATA forces too, one word a call */
	return poke_write(tid, addr + done, (const char *)buf + done,
			  len - done);
}
