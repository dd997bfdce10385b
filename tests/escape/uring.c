/* SPDX-License-Identifier: MIT */
/*
 * io_uring: operations that never pass through seccomp or ptrace.
 * uring ROUTE FILE: a ring set up by ROUTE ("native": io_uring_setup;
 * "i386": the i386 io_uring_setup through int $0x80, the ring then
 * driven natively) runs IORING_OP_OPENAT of FILE for writing and
 * IORING_OP_WRITE of "pwned" into it: natively FILE changes; under
 * --sandbox the three io_uring calls fail with ENOSYS.
 */
#include <fcntl.h>
#include <linux/io_uring.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "escape.h"

struct ring {
	int fd;
	struct io_uring_params p;
	unsigned char *sq, *cq;
	struct io_uring_sqe *sqes;
};

static long setup_i386(unsigned int n, struct io_uring_params *p)
{
	struct io_uring_params *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	long ret;

	if (low == MAP_FAILED)
		setup_fail("no memory below 4 GiB");
	memset(low, 0, sizeof(*low));
	__asm__ volatile("int $0x80" : "=a"(ret)
			 : "a"(425L), "b"((long)n), "c"(low)
			 : "memory", "r8", "r9", "r10", "r11");
	ret = (int)ret;
	*p = *low;
	if (ret < 0)
		errno = -ret;
	return ret < 0 ? -1 : ret;
}

static int ring_open(struct ring *r, int i386)
{
	memset(r, 0, sizeof(*r));
	r->fd = i386 ? setup_i386(4, &r->p) :
		syscall(SYS_io_uring_setup, 4, &r->p);
	step("io_uring_setup", r->fd);
	if (r->fd < 0)
		return -1;
	r->sq = mmap(NULL, r->p.sq_off.array + r->p.sq_entries * 4,
		     PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
		     IORING_OFF_SQ_RING);
	r->cq = mmap(NULL, r->p.cq_off.cqes + r->p.cq_entries *
		     sizeof(struct io_uring_cqe), PROT_READ | PROT_WRITE,
		     MAP_SHARED, r->fd, IORING_OFF_CQ_RING);
	r->sqes = mmap(NULL, r->p.sq_entries * sizeof(struct io_uring_sqe),
		       PROT_READ | PROT_WRITE, MAP_SHARED, r->fd,
		       IORING_OFF_SQES);
	if (r->sq == MAP_FAILED || r->cq == MAP_FAILED ||
	    r->sqes == MAP_FAILED)
		setup_fail("cannot map the ring");
	return 0;
}

#define AT(base, off) ((unsigned *)((base) + (off)))

/* Submit SQE, wait for its completion; its result. */
static int run_one(struct ring *r, const struct io_uring_sqe *sqe)
{
	unsigned tail = *AT(r->sq, r->p.sq_off.tail), head, mask;
	struct io_uring_cqe *cqe;
	int res;

	mask = *AT(r->sq, r->p.sq_off.ring_mask);
	r->sqes[tail & mask] = *sqe;
	AT(r->sq, r->p.sq_off.array)[tail & mask] = tail & mask;
	__atomic_store_n(AT(r->sq, r->p.sq_off.tail), tail + 1,
			 __ATOMIC_RELEASE);
	step("io_uring_enter", syscall(SYS_io_uring_enter, r->fd, 1, 1,
				       IORING_ENTER_GETEVENTS, NULL, 0));
	head = __atomic_load_n(AT(r->cq, r->p.cq_off.head), __ATOMIC_ACQUIRE);
	if (head == __atomic_load_n(AT(r->cq, r->p.cq_off.tail),
				    __ATOMIC_ACQUIRE))
		return -EAGAIN;
	mask = *AT(r->cq, r->p.cq_off.ring_mask);
	cqe = (struct io_uring_cqe *)(r->cq + r->p.cq_off.cqes) +
	      (head & mask);
	res = cqe->res;
	__atomic_store_n(AT(r->cq, r->p.cq_off.head), head + 1,
			 __ATOMIC_RELEASE);
	return res;
}

int main(int argc, char **argv)
{
	static const char data[] = "pwned\n";
	struct io_uring_sqe sqe;
	struct ring r;
	int fd;

	if (argc != 3)
		setup_fail("usage: uring native|i386 FILE");
	if (ring_open(&r, !strcmp(argv[1], "i386")))
		return 1;
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_OPENAT;
	sqe.fd = AT_FDCWD;
	sqe.addr = (uintptr_t)argv[2];
	sqe.open_flags = O_WRONLY | O_TRUNC;
	fd = run_one(&r, &sqe);
	step("IORING_OP_OPENAT", fd);
	if (fd < 0)
		return 1;
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_WRITE;
	sqe.fd = fd;
	sqe.addr = (uintptr_t)data;
	sqe.len = sizeof(data) - 1;
	sqe.off = 0;
	step("IORING_OP_WRITE", run_one(&r, &sqe));
	return 0;
}
