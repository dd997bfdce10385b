// SPDX-License-Identifier: MIT
/*
 * i386: i386 syscalls made with `int $0x80` from a 64-bit process.  The
 * kernel decodes them with the i386 table (5 is open there, fstat on
 * x86_64), so a supervisor must use seccomp_data.arch to tell them apart
 * (PITFALLS.md #8).  The i386 ABI takes 32-bit pointers: every buffer is
 * in MAP_32BIT memory.
 *
 *   i386 [DIR]   in DIR (64-bit chdir; default: the cwd), with i386 calls:
 *                mkdir d32, open d32/f (O_CREAT), write, close, stat64,
 *                open a missing file, unlink d32/f, rmdir d32;
 *                prints each result.
 *
 * Exit status 0 when every call returned what it should, 1 otherwise,
 * 77 when the kernel has no i386 emulation (int $0x80 gives -ENOSYS).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* i386 syscall numbers (arch/x86/entry/syscalls/syscall_32.tbl). */
#define NR32_WRITE 4
#define NR32_OPEN 5
#define NR32_CLOSE 6
#define NR32_UNLINK 10
#define NR32_MKDIR 39
#define NR32_RMDIR 40
#define NR32_STAT64 195

/* struct stat64 of the i386 ABI (arch/x86/include/uapi/asm/stat.h). */
struct stat64_i386 {
	uint64_t st_dev;
	uint8_t pad0[4];
	uint32_t __st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint8_t pad3[4];
	int64_t st_size;
	uint32_t st_blksize;
	uint64_t st_blocks;
	uint32_t st_atime_, st_atime_nsec;
	uint32_t st_mtime_, st_mtime_nsec;
	uint32_t st_ctime_, st_ctime_nsec;
	uint64_t st_ino;
} __attribute__((packed));

/* Syscall NR of the i386 ABI; returns the raw result (-errno on error). */
static long sys32(long nr, long a, long b, long c)
{
	long ret;

	/* int $0x80 clobbers r8-r11 on some kernels; say so. */
	asm volatile("int $0x80"
		     : "=a"(ret)
		     : "a"(nr), "b"(a), "c"(b), "d"(c)
		     : "memory", "r8", "r9", "r10", "r11");
	return (int)ret;
}

struct low_mem {
	char dir[16];
	char file[16];
	char missing[16];
	char text[16];
	struct stat64_i386 st;
};

static int failures;

static void expect(const char *what, long got, int ok)
{
	printf("%s = %s\n", what, ok ? "ok" : "FAILED");
	if (!ok) {
		fprintf(stderr, "i386: %s returned %ld\n", what, got);
		failures++;
	}
}

int main(int argc, char **argv)
{
	struct low_mem *m;
	long ret, fd;

	if (argc > 1 && chdir(argv[1])) {
		fprintf(stderr, "i386: chdir '%s': %s\n", argv[1],
			strerror(errno));
		return 1;
	}
	m = mmap(NULL, sizeof(*m), PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (m == MAP_FAILED || (uintptr_t)m > UINT32_MAX - sizeof(*m)) {
		fprintf(stderr, "i386: no MAP_32BIT memory\n");
		return 1;
	}
	strcpy(m->dir, "d32");
	strcpy(m->file, "d32/f");
	strcpy(m->missing, "d32/missing");
	strcpy(m->text, "i386\n");

	ret = sys32(NR32_MKDIR, (long)m->dir, 0755, 0);
	if (ret == -ENOSYS) {
		printf("skip: no i386 emulation\n");
		return 77;
	}
	expect("mkdir d32", ret, ret == 0);
	fd = sys32(NR32_OPEN, (long)m->file, O_WRONLY | O_CREAT | O_TRUNC,
		   0644);
	expect("open d32/f", fd, fd >= 0);
	ret = sys32(NR32_WRITE, fd, (long)m->text, 5);
	expect("write", ret, ret == 5);
	ret = sys32(NR32_CLOSE, fd, 0, 0);
	expect("close", ret, ret == 0);
	ret = sys32(NR32_STAT64, (long)m->file, (long)&m->st, 0);
	expect("stat64 d32/f", ret, ret == 0);
	printf("size = %lld\n", (long long)m->st.st_size);
	ret = sys32(NR32_OPEN, (long)m->missing, O_RDONLY, 0);
	expect("open d32/missing fails with ENOENT", ret, ret == -ENOENT);
	ret = sys32(NR32_UNLINK, (long)m->file, 0, 0);
	expect("unlink d32/f", ret, ret == 0);
	ret = sys32(NR32_RMDIR, (long)m->dir, 0, 0);
	expect("rmdir d32", ret, ret == 0);
	return failures ? 1 : 0;
}
