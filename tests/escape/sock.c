/* SPDX-License-Identifier: MIT */
/*
 * Unix socket connections to listeners outside the tree: sock MODE ARGS.
 *   listen STREAM DGRAM NAME LOG  the host's listener: a stream socket at
 *                 path STREAM and abstract @NAME, a datagram socket at
 *                 DGRAM; every connection or datagram is a line of LOG (a
 *                 host file: the judge); prints "ready", ends at SIGTERM
 *   swapper PATH TARGET  a host accomplice: PATH flips between a socket
 *                 and a symlink to TARGET (renamed over it) until SIGTERM
 *   connect PATH  connect(2) to PATH
 *   i386 PATH     connect through i386 socketcall(SYS_CONNECT)
 *   sendto PATH   a datagram with sendto(2), then sendmsg(2), to PATH
 *   abstract NAME connect to @NAME
 *   flip PATH     a sibling thread flips the sockaddr between an unbound
 *                 abstract name and PATH while connect loops (3 s)
 *   flip_dgram PATH  the same with sendto of datagrams
 *   loop DIR NAME [S]  chdir(DIR), then connect to NAME in a loop for S
 *                 seconds (default 3; 0: once)
 * The verdict is the listener's LOG, never this program's output.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "i386.h"

static volatile sig_atomic_t done;

static void on_term(int sig)
{
	(void)sig;
	done = 1;
}

/* ADDR for PATH ("@name": abstract); its length. */
static socklen_t addr_of(const char *path, struct sockaddr_un *a)
{
	size_t n = strlen(path);

	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	if (n >= sizeof(a->sun_path))
		setup_fail("path too long: %s", path);
	memcpy(a->sun_path, path, n);
	if (path[0] == '@')
		a->sun_path[0] = '\0';
	return offsetof(struct sockaddr_un, sun_path) + n +
	       (path[0] != '@');
}

static int bound(int type, const char *path)
{
	struct sockaddr_un a;
	socklen_t len = addr_of(path, &a);
	int fd = socket(AF_UNIX, type, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, len) ||
	    (type == SOCK_STREAM && listen(fd, 64)))
		setup_fail("cannot listen on %s: %s", path, strerror(errno));
	return fd;
}

static void log_line(const char *log, const char *what)
{
	FILE *f = fopen(log, "a");

	if (f) {
		fprintf(f, "%s\n", what);
		fclose(f);
	}
}

static int listener(char **argv)
{
	char name[128], buf[256];
	struct pollfd p[3];
	int i;

	snprintf(name, sizeof(name), "@%s", argv[2 + 2]);
	p[0].fd = bound(SOCK_STREAM, argv[2]);
	p[1].fd = bound(SOCK_DGRAM, argv[3]);
	p[2].fd = bound(SOCK_STREAM, name);
	for (i = 0; i < 3; i++)
		p[i].events = POLLIN;
	signal(SIGTERM, on_term);
	printf("ready\n");
	fflush(stdout);
	while (!done) {
		if (poll(p, 3, 100) <= 0)
			continue;
		for (i = 0; i < 3; i++) {
			if (!(p[i].revents & POLLIN))
				continue;
			if (i == 1) {
				if (recv(p[i].fd, buf, sizeof(buf), 0) >= 0)
					log_line(argv[5], "datagram");
				continue;
			}
			close(accept(p[i].fd, NULL, NULL));
			log_line(argv[5], i ? "abstract connection" :
				 "connection");
		}
	}
	return 0;
}

static int swapper(const char *path, const char *target)
{
	char tmp[4096], lnk[4096];

	snprintf(tmp, sizeof(tmp), "%s.sock", path);
	snprintf(lnk, sizeof(lnk), "%s.lnk", path);
	signal(SIGTERM, on_term);
	while (!done) {
		int fd;

		unlink(tmp);
		fd = bound(SOCK_STREAM, tmp);
		rename(tmp, path);
		usleep(500);
		unlink(lnk);
		if (!symlink(target, lnk))
			rename(lnk, path);
		usleep(500);
		close(fd);
	}
	return 0;
}

static long try_connect(const struct sockaddr_un *a, socklen_t len)
{
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	long r = connect(fd, (const struct sockaddr *)a, len);

	close(fd);
	return r;
}

static long i386_connect(const char *path)
{
	struct sockaddr_un a;
	socklen_t len = addr_of(path, &a);
	uint32_t *args;
	char *low = low_copy("", NULL);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	long r;

	memcpy(low + 64, &a, sizeof(a));
	args = (uint32_t *)low;
	args[0] = fd;
	args[1] = (uint32_t)(uintptr_t)(low + 64);
	args[2] = len;
	r = int80(102, 3, (long)(uintptr_t)args, 0);
	close(fd);
	return r;
}

static void send_both(const char *path)
{
	struct sockaddr_un a;
	socklen_t len = addr_of(path, &a);
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct iovec iov = { .iov_base = "x", .iov_len = 1 };
	struct msghdr m = { .msg_name = &a, .msg_namelen = len,
			    .msg_iov = &iov, .msg_iovlen = 1 };

	step("sendto", sendto(fd, "x", 1, 0, (struct sockaddr *)&a, len));
	step("sendmsg", sendmsg(fd, &m, 0));
	close(fd);
}

static struct sockaddr_un flip_addr;
static atomic_int stop;

/*
 * Byte 0 of the path flips between '/' and '\0': the path, or the
 * abstract name of its other bytes (bound by nobody).
 */
static void *flipper(void *arg)
{
	volatile char *c = flip_addr.sun_path;
	int i;

	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		*c = '/';
		for (i = 0; i < 200; i++)
			__asm__ volatile("" ::: "memory");
		*c = '\0';
		for (i = 0; i < 200; i++)
			__asm__ volatile("" ::: "memory");
	}
	return NULL;
}

static int flip(const char *path, int dgram)
{
	int fd = dgram ? socket(AF_UNIX, SOCK_DGRAM, 0) : -1;
	long tries = 0;
	pthread_t th;
	time_t end;

	if (path[0] != '/')
		setup_fail("flip needs an absolute path");
	addr_of(path, &flip_addr);
	if (pthread_create(&th, NULL, flipper, NULL))
		setup_fail("pthread_create");
	end = time(NULL) + 3;
	while (time(NULL) < end) {
		if (dgram)
			sendto(fd, "x", 1, MSG_DONTWAIT,
			       (struct sockaddr *)&flip_addr,
			       sizeof(flip_addr));
		else
			try_connect(&flip_addr, sizeof(flip_addr));
		tries++;
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	step("tries", tries);
	return 0;
}

static int loop(const char *dir, const char *name, int secs)
{
	struct sockaddr_un a;
	socklen_t len = addr_of(name, &a);
	long tries = 0, ok = 0;
	time_t end = time(NULL) + secs;

	if (chdir(dir))
		setup_fail("cannot enter %s: %s", dir, strerror(errno));
	do {
		ok += try_connect(&a, len) == 0;
		tries++;
	} while (time(NULL) < end);
	step("tries", tries);
	step("connected", ok);
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	struct sockaddr_un a;

	if (!strcmp(m, "listen") && argc == 6)
		return listener(argv);
	if (!strcmp(m, "swapper") && argc == 4)
		return swapper(argv[2], argv[3]);
	if (!strcmp(m, "loop") && (argc == 4 || argc == 5))
		return loop(argv[2], argv[3], argc == 5 ? atoi(argv[4]) : 3);
	if (argc != 3)
		setup_fail("usage: sock MODE ARGS (see sock.c)");
	if (!strcmp(m, "connect"))
		step("connect", try_connect(&a, addr_of(argv[2], &a)));
	else if (!strcmp(m, "abstract")) {
		char name[128];

		snprintf(name, sizeof(name), "@%s", argv[2]);
		step("connect", try_connect(&a, addr_of(name, &a)));
	} else if (!strcmp(m, "i386"))
		step("i386 connect", i386_connect(argv[2]));
	else if (!strcmp(m, "sendto"))
		send_both(argv[2]);
	else if (!strcmp(m, "flip"))
		flip(argv[2], 0);
	else if (!strcmp(m, "flip_dgram"))
		flip(argv[2], 1);
	else
		setup_fail("unknown mode %s", m);
	return 0;
}
