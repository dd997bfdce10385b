/* SPDX-License-Identifier: MIT */
/*
 * Signals to processes outside the tree: sig MODE [PID].
 *   victim LOG        the host's victim: its own process group, records
 *                     each SIGUSR1 in LOG (a host file), prints its pid
 *                     on stdout, ends at SIGTERM
 *   parent            SIGUSR1 to the parent (under vfstrace: vfstrace,
 *                     whose default action is to die)
 *   kill PID          kill(PID, SIGUSR1)
 *   group PID         kill(-PID, SIGUSR1) (the victim's group)
 *   thread PID        tkill(PID), then tgkill(PID, PID)
 *   queue PID         rt_sigqueueinfo(PID), then rt_tgsigqueueinfo
 *   i386 PID          kill through int $0x80
 *   pidfd PID         pidfd_open(PID) + pidfd_send_signal, then the same
 *                     through an fd of /proc/PID
 *   pidfd_race PID    a sibling thread dup2()s an fd of /proc/PID over a
 *                     pidfd of the caller's own process while the main
 *                     thread loops pidfd_send_signal on that fd (3 s)
 * The verdict is the victim's LOG (or, for parent, the death of the
 * process signalled), never this program's output.
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "i386.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

static volatile sig_atomic_t got, done;

static void on_usr1(int sig)
{
	(void)sig;
	got++;
}

static void on_term(int sig)
{
	(void)sig;
	done = 1;
}

static int victim(const char *log)
{
	sig_atomic_t seen = 0;

	setpgid(0, 0);
	signal(SIGUSR1, on_usr1);
	signal(SIGTERM, on_term);
	printf("%d\n", (int)getpid());
	fflush(stdout);
	while (!done) {
		usleep(20000);
		if (got != seen) {
			FILE *f = fopen(log, "a");

			seen = got;
			if (f) {
				fprintf(f, "signalled\n");
				fclose(f);
			}
		}
	}
	return 0;
}

static siginfo_t queue_info(void)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	si.si_signo = SIGUSR1;
	si.si_code = SI_QUEUE;
	si.si_pid = getpid();
	si.si_uid = getuid();
	return si;
}

static int proc_fd(int pid)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d", pid);
	return open(path, O_RDONLY | O_DIRECTORY);
}

static int pidfd_routes(int pid)
{
	int fd = syscall(SYS_pidfd_open, pid, 0);

	step("pidfd_open", fd);
	if (fd >= 0)
		step("pidfd_send_signal(pidfd)",
		     syscall(SYS_pidfd_send_signal, fd, SIGUSR1, NULL, 0));
	fd = proc_fd(pid);
	step("open /proc/PID", fd);
	if (fd >= 0)
		step("pidfd_send_signal(/proc/PID)",
		     syscall(SYS_pidfd_send_signal, fd, SIGUSR1, NULL, 0));
	return 0;
}

static int race_fd, race_self, race_other;
static atomic_int stop;

static void *flipper(void *arg)
{
	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		dup2(race_other, race_fd);
		dup2(race_self, race_fd);
	}
	return NULL;
}

/* Signal 0 to the caller itself, unless the flip lands in between. */
static int pidfd_race(int pid)
{
	pthread_t th;
	time_t end;
	long tries = 0;

	race_self = syscall(SYS_pidfd_open, getpid(), 0);
	race_other = proc_fd(pid);
	if (race_self < 0 || race_other < 0)
		setup_fail("pidfd_open or open /proc/%d: %s", pid,
			   strerror(errno));
	race_fd = dup(race_self);
	signal(SIGUSR1, SIG_IGN);	/* our own copies are harmless */
	if (pthread_create(&th, NULL, flipper, NULL))
		setup_fail("pthread_create");
	end = time(NULL) + 3;
	while (time(NULL) < end) {
		syscall(SYS_pidfd_send_signal, race_fd, SIGUSR1, NULL, 0);
		tries++;
	}
	atomic_store(&stop, 1);
	pthread_join(th, NULL);
	step("tries", tries);
	return 0;
}

int main(int argc, char **argv)
{
	const char *m = argc > 1 ? argv[1] : "";
	int pid = argc > 2 ? atoi(argv[2]) : 0;
	siginfo_t si = queue_info();

	if (!strcmp(m, "victim") && argc == 3)
		return victim(argv[2]);
	if (!strcmp(m, "parent")) {
		step("kill(getppid())", kill(getppid(), SIGUSR1));
		sleep(1);
		return 0;
	}
	if (argc != 3 || pid <= 0)
		setup_fail("usage: sig victim LOG | parent | MODE PID");
	if (!strcmp(m, "kill"))
		step("kill", kill(pid, SIGUSR1));
	else if (!strcmp(m, "group"))
		step("kill(-pgrp)", kill(-pid, SIGUSR1));
	else if (!strcmp(m, "thread")) {
		step("tkill", syscall(SYS_tkill, pid, SIGUSR1));
		usleep(100000);
		step("tgkill", syscall(SYS_tgkill, pid, pid, SIGUSR1));
	} else if (!strcmp(m, "queue")) {
		step("rt_sigqueueinfo",
		     syscall(SYS_rt_sigqueueinfo, pid, SIGUSR1, &si));
		usleep(100000);
		step("rt_tgsigqueueinfo",
		     syscall(SYS_rt_tgsigqueueinfo, pid, pid, SIGUSR1, &si));
	} else if (!strcmp(m, "i386"))
		step("i386 kill", int80(37, pid, SIGUSR1, 0));
	else if (!strcmp(m, "pidfd"))
		pidfd_routes(pid);
	else if (!strcmp(m, "pidfd_race"))
		pidfd_race(pid);
	else
		setup_fail("unknown mode %s", m);
	usleep(200000);
	return 0;
}
