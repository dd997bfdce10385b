// SPDX-License-Identifier: MIT
/*
 * i386fs FILE DIR: file system calls of the i386 ABI (int $0x80) on a
 * regular file FILE and a directory DIR holding an entry "two", with new
 * names made in the cwd, printing each result (errno names, sizes,
 * modes, listings: never inode numbers or absolute paths).
 *
 * Built twice from this one source, without libc (its own _start and
 * int $0x80 wrappers): as a real 32-bit static program (-m32) and as a
 * 64-bit static one making the same i386 calls (-m64).  Every buffer a
 * call is given is static: a static, non-PIE 64-bit program has its data
 * below 4 GiB, where 32-bit pointers reach.  Both print the same.
 *
 * The 64-bit build makes one native call (access) before the first i386
 * one.  It ends with execve of a #! script it made (i386 argv: 32-bit
 * pointers), which prints its argument.  Exit status 0, or 77 when the kernel has no i386 emulation.
 */
#include <stdint.h>

/* i386 numbers (arch/x86/entry/syscalls/syscall_32.tbl). */
enum {
	NR_EXIT_GROUP = 252, NR_READ = 3, NR_WRITE = 4, NR_OPEN = 5,
	NR_CLOSE = 6, NR_CREAT = 8, NR_UNLINK = 10, NR_CHMOD = 15,
	NR_LCHOWN16 = 16, NR_UTIME = 30, NR_ACCESS = 33, NR_RENAME = 38,
	NR_MKDIR = 39, NR_RMDIR = 40, NR_SYMLINK = 83, NR_READLINK = 85,
	NR_STATFS = 99, NR_STAT = 106, NR_GETDENTS = 141,
	NR_TRUNCATE64 = 193, NR_STAT64 = 195, NR_LSTAT64 = 196,
	NR_GETDENTS64 = 220, NR_CHOWN32 = 212, NR_STATFS64 = 268,
	NR_FSTATAT64 = 300, NR_UTIMENSAT = 320, NR_SOCKETCALL = 102,
	NR_SOCKET = 359, NR_BIND = 361, NR_CONNECT = 362, NR_LISTEN = 363,
	NR_EXECVE = 11,
};

#define O_RDONLY 0
#define O_WRONLY 1
#define O_APPEND 02000
#define O_DIRECTORY 0200000
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define S_IFMT 0170000

#ifdef __x86_64__
__asm__(".globl _start\n_start:\n\txor %ebp, %ebp\n\tmov %rsp, %rdi\n"
	"\tand $-16, %rsp\n\tcall cmain\n\thlt\n");
#else
__asm__(".globl _start\n_start:\n\txor %ebp, %ebp\n\tmov %esp, %eax\n"
	"\tand $-16, %esp\n\tsub $12, %esp\n\tpush %eax\n\tcall cmain\n"
	"\thlt\n");
#endif

/* i386 call NR: the raw result, -errno on failure. */
static long sys(long nr, long a, long b, long c, long d, long e)
{
	long ret;

	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			 : "memory"
#ifdef __x86_64__
			 , "r8", "r9", "r10", "r11"
#endif
			 );
	return (int)ret;
}

#ifdef __x86_64__
/*
 * A native call first, as a 64-bit program makes them: the supervisor's
 * scratch memory is then made from a 64-bit call, and must still lie
 * where the i386 calls' 32-bit pointers reach.
 */
static void native_first(void)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(21L), "D"("/"), "S"(0L)
			 : "rcx", "r11", "memory");
	(void)ret;
}
#else
static void native_first(void)
{
}
#endif

void *memset(void *p, int c, unsigned long n)
{
	volatile unsigned char *q = p;

	while (n--)
		*q++ = c;
	return p;
}

static unsigned long slen(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static char out[256];

static void put(const char *s)
{
	unsigned long n = slen(s);
	unsigned long i;

	/* copied to static memory: a 64-bit build's literals are low too */
	for (i = 0; i < n && i < sizeof(out); i++)
		out[i] = s[i];
	sys(NR_WRITE, 1, (long)out, i, 0, 0);
}

static void num(long v)
{
	char b[24];
	int i = sizeof(b) - 1;
	int neg = v < 0;

	b[i] = '\0';
	if (neg)
		v = -v;
	do {
		b[--i] = '0' + v % 10;
		v /= 10;
	} while (v);
	if (neg)
		b[--i] = '-';
	put(b + i);
}

static void oct(unsigned long v)
{
	char b[24];
	int i = sizeof(b) - 1;

	b[i] = '\0';
	do {
		b[--i] = '0' + (v & 7);
		v >>= 3;
	} while (v);
	put(b + i);
}

static const char *errname(long e)
{
	switch (e) {
	case 1: return "EPERM";
	case 2: return "ENOENT";
	case 9: return "EBADF";
	case 13: return "EACCES";
	case 14: return "EFAULT";
	case 17: return "EEXIST";
	case 20: return "ENOTDIR";
	case 22: return "EINVAL";
	case 38: return "ENOSYS";
	case 36: return "ENAMETOOLONG";
	case 39: return "ENOTEMPTY";
	case 75: return "EOVERFLOW";
	case 98: return "EADDRINUSE";
	case 111: return "ECONNREFUSED";
	default: return "E?";
	}
}

/* "WHAT = RET" (an errno name for a failure); RET. */
static long show(const char *what, long ret)
{
	put(what);
	put(" = ");
	if (ret < 0) {
		put(errname(-ret));
		if (errname(-ret)[1] == '?')
			num(ret);
	} else {
		num(ret);
	}
	put("\n");
	return ret;
}

/* struct stat64 and struct stat of the i386 ABI, and its statfs64. */
struct stat64_32 {
	uint64_t dev;
	uint32_t pad0, ino32, mode, nlink, uid, gid;
	uint64_t rdev;
	uint32_t pad3;
	int64_t size;
	uint32_t blksize;
	uint64_t blocks;
	uint32_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	uint64_t ino;
} __attribute__((packed));

struct stat_32 {
	uint32_t dev, ino;
	uint16_t mode, nlink, uid, gid;
	uint32_t rdev, size, blksize, blocks;
	uint32_t times[6], unused[2];
};

static struct stat64_32 st64;
static struct stat_32 st32;
static char statfs_buf[128];
static char dents[8192];
static char rbuf[256];
static char file[256], dir[256], p1[300], p2[300];
static int32_t times32[4];
static uint64_t first_ino;

static void cat(char *to, const char *a, const char *b)
{
	unsigned long n = slen(a), m = slen(b), i;

	for (i = 0; i < n; i++)
		to[i] = a[i];
	to[n] = '/';
	for (i = 0; i <= m; i++)
		to[n + 1 + i] = b[i];
}

static void set(char *to, const char *s)
{
	unsigned long i;

	for (i = 0; i <= slen(s); i++)
		to[i] = s[i];
}

/* stat64 of P: type, size, mode, nlink, mtime (when MT). */
static void stat64_of(const char *what, const char *p, int nr, int mt)
{
	set(p1, p);
	if (show(what, sys(nr, (long)p1, (long)&st64, 0, 0, 0)) < 0)
		return;
	put("  type=");
	oct(st64.mode & S_IFMT);
	put(" mode=");
	oct(st64.mode & 07777);
	put(" size=");
	num(st64.size);
	put(" nlink=");
	num(st64.nlink);
	put(" ino32 matches=");
	num(st64.ino32 == (uint32_t)st64.ino);
	if (mt) {
		put(" mtime=");
		num(st64.mtime);
	}
	put("\n");
}

/*
 * The names of directory fd FD through getdents (NR) in a buffer of
 * SIZE, in the order of the listing (a merged one's order is the view's:
 * the caller sorts nothing, the tests compare sorted lines).
 */
static void list(const char *what, long fd, int nr, long size)
{
	long n, off;

	n = show(what, sys(nr, fd, (long)dents, size, 0, 0));
	for (off = 0; n > 0 && off < n;) {
		char *r = dents + off;
		unsigned short reclen;
		const char *name;
		int type;

		if (nr == NR_GETDENTS64) {
			reclen = *(unsigned short *)(r + 16);
			type = r[18];
			name = r + 19;
		} else {
			reclen = *(unsigned short *)(r + 8);
			type = r[reclen - 1];
			name = r + 10;
		}
		if (reclen == 0 || off + reclen > n) {
			put("  bad record\n");
			break;
		}
		put("  entry ");
		put(name);
		put(" type=");
		num(type);
		put("\n");
		off += reclen;
	}
}

static void contents(const char *what, const char *p)
{
	long fd, n;

	set(p1, p);
	fd = show(what, sys(NR_OPEN, (long)p1, O_RDONLY, 0, 0, 0));
	if (fd < 0)
		return;
	n = sys(NR_READ, fd, (long)rbuf, sizeof(rbuf) - 1, 0, 0);
	rbuf[n > 0 ? n : 0] = '\0';
	put("  content: ");
	put(rbuf);
	put("|\n");
	sys(NR_CLOSE, fd, 0, 0, 0, 0);
}

static void writes(const char *what, long fd, const char *text)
{
	set(rbuf, text);
	show(what, sys(NR_WRITE, fd, (long)rbuf, slen(text), 0, 0));
	sys(NR_CLOSE, fd, 0, 0, 0, 0);
}

static void on_file(void)
{
	long fd, r;

	contents("open FILE", file);
	stat64_of("stat64 FILE", file, NR_STAT64, 0);
	first_ino = st64.ino;
	r = show("stat FILE", sys(NR_STAT, (long)file, (long)&st32, 0, 0, 0));
	if (r == 0) {
		put("  size=");
		num(st32.size);
		put(" mode=");
		oct(st32.mode);
		put(" ino as stat64's=");
		num(st32.ino == (uint32_t)first_ino);
		put("\n");
	}
	fd = show("open FILE O_WRONLY|O_APPEND",
		  sys(NR_OPEN, (long)file, O_WRONLY | O_APPEND, 0, 0, 0));
	if (fd >= 0)
		writes("write FILE", fd, "i386\n");
	contents("open FILE again", file);
	stat64_of("stat64 FILE after the write", file, NR_STAT64, 0);
	put("  same inode number: ");
	num(st64.ino == first_ino);
	put("\n");
	show("chmod FILE 0600", sys(NR_CHMOD, (long)file, 0600, 0, 0, 0));
	show("truncate64 FILE 3",
	     sys(NR_TRUNCATE64, (long)file, 3, 0, 0, 0));
	times32[0] = 1000000000;
	times32[2] = 1000000000;
	show("utimensat FILE", sys(NR_UTIMENSAT, AT_FDCWD, (long)file,
				   (long)times32, 0, 0));
	show("chown32 FILE -1 -1", sys(NR_CHOWN32, (long)file, -1, -1, 0, 0));
	show("lchown FILE 0xffff 0xffff",
	     sys(NR_LCHOWN16, (long)file, 0xffff, 0xffff, 0, 0));
	stat64_of("stat64 FILE at the end", file, NR_STAT64, 1);
	contents("open FILE at the end", file);
}

static void on_names(void)
{
	long fd;

	fd = show("creat i386-new",
		  sys(NR_CREAT, (long)"i386-new", 0640, 0, 0, 0));
	if (fd >= 0)
		writes("write i386-new", fd, "new\n");
	stat64_of("stat64 i386-new", "i386-new", NR_STAT64, 0);
	show("mkdir i386-dir", sys(NR_MKDIR, (long)"i386-dir", 0750, 0, 0, 0));
	show("mkdir i386-dir again",
	     sys(NR_MKDIR, (long)"i386-dir", 0750, 0, 0, 0));
	stat64_of("stat64 i386-dir", "i386-dir", NR_STAT64, 0);
	show("rename i386-new i386-dir/moved",
	     sys(NR_RENAME, (long)"i386-new", (long)"i386-dir/moved", 0, 0,
		 0));
	show("open i386-new", sys(NR_OPEN, (long)"i386-new", O_RDONLY, 0, 0,
				  0));
	times32[0] = 1500000000;
	times32[1] = 1500000000;
	show("utime i386-dir/moved",
	     sys(NR_UTIME, (long)"i386-dir/moved", (long)times32, 0, 0, 0));
	set(p1, "i386-dir/moved");
	if (show("fstatat64 i386-dir/moved",
		 sys(NR_FSTATAT64, AT_FDCWD, (long)p1, (long)&st64,
		     AT_SYMLINK_NOFOLLOW, 0)) == 0) {
		put("  size=");
		num(st64.size);
		put(" mtime=");
		num(st64.mtime);
		put("\n");
	}
	fd = show("open i386-dir", sys(NR_OPEN, (long)"i386-dir",
				       O_RDONLY | O_DIRECTORY, 0, 0, 0));
	if (fd >= 0) {
		list("getdents64 i386-dir", fd, NR_GETDENTS64, sizeof(dents));
		sys(NR_CLOSE, fd, 0, 0, 0, 0);
	}
	show("access missing", sys(NR_ACCESS, (long)"missing", 0, 0, 0, 0));
}

static void on_dir(void)
{
	long fd, n;

	cat(p2, dir, "two");
	show("unlink DIR/two", sys(NR_UNLINK, (long)p2, 0, 0, 0, 0));
	cat(p2, dir, "lnk");
	show("symlink one DIR/lnk", sys(NR_SYMLINK, (long)"one", (long)p2,
					0, 0, 0));
	stat64_of("lstat64 DIR/lnk", p2, NR_LSTAT64, 0);
	n = show("readlink DIR/lnk", sys(NR_READLINK, (long)p2, (long)rbuf,
					 sizeof(rbuf) - 1, 0, 0));
	rbuf[n > 0 ? n : 0] = '\0';
	put("  target: ");
	put(rbuf);
	put("\n");
	fd = show("open DIR", sys(NR_OPEN, (long)dir, O_RDONLY | O_DIRECTORY,
				  0, 0, 0));
	if (fd < 0)
		return;
	list("getdents DIR", fd, NR_GETDENTS, sizeof(dents));
	list("getdents DIR at its end", fd, NR_GETDENTS, sizeof(dents));
	sys(NR_CLOSE, fd, 0, 0, 0, 0);
	fd = sys(NR_OPEN, (long)dir, O_RDONLY | O_DIRECTORY, 0, 0, 0);
	list("getdents DIR in 10 bytes", fd, NR_GETDENTS, 10);
	sys(NR_CLOSE, fd, 0, 0, 0, 0);
	show("rmdir DIR", sys(NR_RMDIR, (long)dir, 0, 0, 0, 0));
	show("statfs64 . 84", sys(NR_STATFS64, (long)".", 84,
				  (long)statfs_buf, 0, 0));
	show("statfs64 . 88", sys(NR_STATFS64, (long)".", 88,
				  (long)statfs_buf, 0, 0));
	show("statfs .", sys(NR_STATFS, (long)".", (long)statfs_buf, 0, 0,
			     0));
}

static uint32_t sargs[3];
static struct {
	uint16_t family;
	char path[108];
} sun;

/* socketcall(CALL, {A, B, C}): the i386 multiplexer of socket calls. */
static long sockcall(int call, long a, long b, long c)
{
	sargs[0] = a;
	sargs[1] = b;
	sargs[2] = c;
	return sys(NR_SOCKETCALL, call, (long)sargs, 0, 0, 0);
}

/*
 * An AF_UNIX listener bound to NAME and a client connected to it, through
 * socketcall (MUX) or the direct calls; the name's type once bound.
 */
static void on_sock(const char *name, int mux)
{
	long len = 2 + slen(name) + 1, a, b;

	sun.family = 1;		/* AF_UNIX */
	set(sun.path, name);
	put(mux ? "socketcall:\n" : "direct:\n");
	a = show("socket", mux ? sockcall(1, 1, 1, 0) :
			   sys(NR_SOCKET, 1, 1, 0, 0, 0));
	show("bind", mux ? sockcall(2, a, (long)&sun, len) :
			   sys(NR_BIND, a, (long)&sun, len, 0, 0));
	show("listen", mux ? sockcall(4, a, 1, 0) :
			     sys(NR_LISTEN, a, 1, 0, 0, 0));
	b = show("socket", mux ? sockcall(1, 1, 1, 0) :
			   sys(NR_SOCKET, 1, 1, 0, 0, 0));
	show("connect", mux ? sockcall(3, b, (long)&sun, len) :
			      sys(NR_CONNECT, b, (long)&sun, len, 0, 0));
	sys(NR_CLOSE, b, 0, 0, 0, 0);
	b = mux ? sockcall(1, 1, 1, 0) : sys(NR_SOCKET, 1, 1, 0, 0, 0);
	show("bind again", mux ? sockcall(2, b, (long)&sun, len) :
				 sys(NR_BIND, b, (long)&sun, len, 0, 0));
	sys(NR_CLOSE, b, 0, 0, 0, 0);
	sys(NR_CLOSE, a, 0, 0, 0, 0);
	stat64_of("stat64 of the name", name, NR_LSTAT64, 0);
}

static uint32_t av[3], ev[1];
static char script[] = "#!/bin/sh\necho \"i386-script ran: $1\"\n";

/*
 * A new #! script run by execve of the i386 ABI, its argv a vector of
 * 32-bit pointers: the program ends there (the script's status).
 */
static void on_exec(void)
{
	long fd = show("creat i386-script",
		       sys(NR_CREAT, (long)"i386-script", 0755, 0, 0, 0));

	if (fd >= 0)
		writes("write i386-script", fd, script);
	av[0] = (uintptr_t)"i386-script";
	av[1] = (uintptr_t)"arg1";
	show("execve i386-script", sys(NR_EXECVE, (long)"./i386-script",
				       (long)av, (long)ev, 0, 0));
}

void cmain(long *sp)
{
	char **argv = (char **)(sp + 1);

	if (sp[0] != 3) {
		put("usage: i386fs FILE DIR\n");
		sys(NR_EXIT_GROUP, 2, 0, 0, 0, 0);
	}
	native_first();
	if (sys(NR_ACCESS, (long)"/", 0, 0, 0, 0) == -38) {
		put("skip: no i386 emulation\n");
		sys(NR_EXIT_GROUP, 77, 0, 0, 0, 0);
	}
	set(file, argv[1]);
	set(dir, argv[2]);
	on_file();
	on_names();
	on_dir();
	on_sock("i386-sock", 1);
	on_sock("i386-sock2", 0);
	on_exec();
	sys(NR_EXIT_GROUP, 1, 0, 0, 0, 0);
}
