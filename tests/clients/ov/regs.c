// SPDX-License-Identifier: MIT
/*
 * regs: do argument registers survive the calls vfstrace handles in
 * overlay mode?  (tests/integration/t_ov_registers, x86_64 only)
 *
 *   regs DIR
 *
 * The x86_64 syscall instruction clobbers rax, rcx and r11 only; compilers
 * and libcs (musl's inline __syscallN) keep values in rdi, rsi, rdx, r10,
 * r8 and r9 across it.  A supervisor that rewrites a path argument, or
 * turns the call into another one (an emulated getdents64 becoming
 * lseek), must give the thread its registers back.  Each call below is
 * made with raw inline assembly, and the six argument registers are
 * compared before and after.
 *
 * DIR must hold a lower file "lower", and is a merged directory once the
 * client has created "upper" in it.  Prints one line per call, "NAME
 * ret=R kept" or "NAME ret=R CHANGED reg=old->new ..."; exit status 0 when
 * every register was kept, 1 otherwise, 2 on a usage or set-up error.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#if defined(__x86_64__)

static const char *const names[6] = { "rdi", "rsi", "rdx", "r10", "r8",
				      "r9" };
static int changed;

/* syscall NR with arguments A[0..5]; reports whether they survived. */
static long check(const char *what, long nr, const uint64_t a[6])
{
	register uint64_t rdi __asm__("rdi") = a[0];
	register uint64_t rsi __asm__("rsi") = a[1];
	register uint64_t rdx __asm__("rdx") = a[2];
	register uint64_t r10 __asm__("r10") = a[3];
	register uint64_t r8 __asm__("r8") = a[4];
	register uint64_t r9 __asm__("r9") = a[5];
	uint64_t after[6];
	long ret = nr;
	int i, bad = 0;

	__asm__ volatile("syscall"
			 : "+a"(ret), "+r"(rdi), "+r"(rsi), "+r"(rdx),
			   "+r"(r10), "+r"(r8), "+r"(r9)
			 :
			 : "rcx", "r11", "memory");
	after[0] = rdi;
	after[1] = rsi;
	after[2] = rdx;
	after[3] = r10;
	after[4] = r8;
	after[5] = r9;
	printf("%s ret=%s", what, ret < 0 ? "error" : "ok");
	if (ret < 0)
		printf("(%s)", strerror((int)-ret));
	for (i = 0; i < 6; i++) {
		if (after[i] == a[i])
			continue;
		printf("%s %s=%#llx->%#llx", bad ? "" : " CHANGED", names[i],
		       (unsigned long long)a[i],
		       (unsigned long long)after[i]);
		bad = 1;
	}
	printf("%s\n", bad ? "" : " kept");
	changed |= bad;
	return ret;
}

#define A(...) ((const uint64_t[6]){ __VA_ARGS__ })
/* Values no supervisor would put in unused registers by chance. */
#define J1 0x1111222233334444ull
#define J2 0x5555666677778888ull
#define J3 0x9999aaaabbbbccccull

int main(int argc, char **argv)
{
	static char buf[65536];
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct stat st;
	long fd, dfd, sfd;

	if (argc != 2 || chdir(argv[1])) {
		fprintf(stderr, "usage: regs DIR (an existing directory)\n");
		return 2;
	}
	fd = open("upper", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write(fd, "u\n", 2) != 2 || close(fd)) {
		perror("regs: upper");
		return 2;
	}
	/* paths rewritten to the upper */
	fd = check("openat upper", SYS_openat,
		   A((uint64_t)AT_FDCWD, (uint64_t)"upper", O_RDONLY, J1, J2,
		     J3));
	if (fd >= 0)
		close(fd);
	check("newfstatat upper", SYS_newfstatat,
	      A((uint64_t)AT_FDCWD, (uint64_t)"upper", (uint64_t)&st, 0, J1,
		J2));
	check("stat upper", SYS_stat, A((uint64_t)"upper", (uint64_t)&st, J1,
					J2, J3, J1));
	/* a write open: copy-up, path rewritten */
	fd = check("openat lower for writing", SYS_openat,
		   A((uint64_t)AT_FDCWD, (uint64_t)"lower",
		     O_WRONLY | O_APPEND, J1, J2, J3));
	if (fd >= 0)
		close(fd);
	check("access lower", SYS_access, A((uint64_t)"lower", R_OK, J1, J2,
					    J3, J1));
	/* emulated calls */
	check("mkdir", SYS_mkdir, A((uint64_t)"made", 0755, J1, J2, J3, J1));
	check("unlinkat", SYS_unlinkat,
	      A((uint64_t)AT_FDCWD, (uint64_t)"made", AT_REMOVEDIR, J1, J2,
		J3));
	check("getcwd", SYS_getcwd, A((uint64_t)buf, sizeof(buf), J1, J2, J3,
				      J1));
	check("readlink /proc/self/cwd", SYS_readlink,
	      A((uint64_t)"/proc/self/cwd", (uint64_t)buf, sizeof(buf), J1,
		J2, J3));
	check("chdir .", SYS_chdir, A((uint64_t)".", J1, J2, J3, J1, J2));
	/* getdents64 of a merged directory (emulated, turned into lseek) */
	dfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		perror("regs: open .");
		return 2;
	}
	check("getdents64 merged", SYS_getdents64,
	      A((uint64_t)dfd, (uint64_t)buf, 1024, J1, J2, J3));
	check("getdents64 merged again", SYS_getdents64,
	      A((uint64_t)dfd, (uint64_t)buf, sizeof(buf), J1, J2, J3));
	check("getdents64 merged at end", SYS_getdents64,
	      A((uint64_t)dfd, (uint64_t)buf, sizeof(buf), J1, J2, J3));
	close(dfd);
	/* AF_UNIX bind: address and length rewritten */
	sfd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (sfd < 0 || !getcwd(sun.sun_path, sizeof(sun.sun_path) - 6)) {
		perror("regs: socket");
		return 2;
	}
	strcat(sun.sun_path, "/sock");
	check("bind", SYS_bind,
	      A((uint64_t)sfd, (uint64_t)&sun, sizeof(sun), J1, J2, J3));
	close(sfd);
	return changed ? 1 : 0;
}

#else

int main(void)
{
	fprintf(stderr, "regs: x86_64 only\n");
	return 77;
}

#endif
