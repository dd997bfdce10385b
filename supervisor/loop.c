/* SPDX-License-Identifier: MIT */
/*
 * The event loop: waitpid(-1, __WALL) and one handler per kind of stop.
 *
 * Stops, with PTRACE_SEIZE (see strace's README-linux-ptrace):
 *  - seccomp stop (PTRACE_EVENT_SECCOMP): a trapped call is being entered;
 *    if its result is wanted the tracee is resumed with PTRACE_SYSCALL and
 *    stops again at the syscall exit (kernel >= 4.8 order);
 *  - syscall-exit stop (SIGTRAP | 0x80);
 *  - fork/vfork/clone/exec events;
 *  - PTRACE_EVENT_STOP: a group-stop (restarted with PTRACE_LISTEN so job
 *    control works) or the first stop of a new child;
 *  - signal-delivery stops: the signal is re-injected at once.
 * A new thread's first stop may come before its parent's clone event
 * (proot-rs#44): unknown tids are accepted and described from /proc.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "decode.h"
#include "dumpable.h"
#include "fdcache.h"
#include "guard.h"
#include "log.h"
#include "procfs.h"
#include "select.h"
#include "summary.h"
#include "unwinder.h"
#include "overlay.h"
#include "view.h"
#include "supervisor.h"


/* Whether calls are decoded and their results awaited. */
static bool logging(const struct sup *s)
{
	return s->trace || s->summary;
}

/* A finished (or unfinished) call of T: to the trace and the summary. */
static void emit(struct sup *s, struct tracee *t, struct call *c)
{
	/*
	 * Calls that are not file accesses and that trace mode does not
	 * log (set*id, umask, getsockname, prctl, an ioctl passed on):
	 * logged only when refused.
	 */
	if (!c->ent->cls && c->ent->how[MODE_TRACE].how != H_LOG &&
	    !c->refused)
		return;
	if (s->select && !select_call(s->select, c))
		return;
	if (s->trace)
		trace_syscall(s->trace, t, c);
	if (s->summary)
		summary_add(s->summary, t->proc->tgid, c);
}

/*
 * -k: the stack of T at the entry of C, copied into C (the unwinder's
 * strings live until its next call, and other tracees stop in between).
 */
static void take_stack(struct sup *s, struct tracee *t, struct call *c)
{
	const char *frames[UNWIND_MAX_DEPTH];
	int n, i;

	if (!s->unwinder)
		return;
	n = unwinder_stack(s->unwinder, t->tid, t->proc->tgid, s->stack_depth,
			   frames, NULL);
	if (n <= 0 || !(c->stack = calloc(n, sizeof(char *))))
		return;
	for (i = 0; i < n; i++)
		if ((c->stack[i] = strdup(frames[i])))
			c->nstack = i + 1;
}

/*
 * For the summary's "created": whether an O_CREAT open without O_EXCL
 * will make the file, checked before the kernel runs it (trace mode: the
 * path is the host's).  O_EXCL and O_TMPFILE opens create when they
 * succeed.
 */
static void check_creation(struct call *c)
{
	int fi = sysent_find_arg(c->ent, A_OFLAGS, 0), pi;
	uint64_t fl;
	struct stat st;

	if (!(c->ent->cls & C_OPEN) && c->id != SC_creat)
		return;
	fl = c->id == SC_creat ? O_CREAT : c->id == SC_openat2 ? c->how[0] :
	     fi >= 0 ? c->args[fi] : 0;
	if (!(fl & O_CREAT) && (fl & O_TMPFILE) != O_TMPFILE)
		return;
	c->create_known = true;
	if ((fl & O_EXCL) || (fl & O_TMPFILE) == O_TMPFILE) {
		c->created = true;
		return;
	}
	pi = sysent_find_arg(c->ent, A_PATH, 0);
	c->created = pi >= 0 && c->str[pi] && stat(c->str[pi], &st) &&
		     errno == ENOENT;
}

/* Resume T, delivering SIG; to its syscall exit if one is awaited. */
static void on_stop(struct sup *s, struct tracee *t, int status);

static void resume(struct tracee *t, int sig)
{
	ptrace(t->in_syscall ? PTRACE_SYSCALL : PTRACE_CONT, t->tid, NULL,
	       (void *)(long)sig);
}

/* Any tracee of process TGID, or NULL. */
static struct tracee *tracee_of_proc(struct sup *s, pid_t tgid)
{
	struct tracee *t = tracee_get(&s->tracees, tgid);
	unsigned int i;

	for (i = 0; !t && i < s->tracees.size; i++)
		if (s->tracees.slots[i] && s->tracees.slots[i]->proc->tgid ==
		    tgid)
			t = s->tracees.slots[i];
	return t;
}

/*
 * The tracee for a tid seen for the first time at one of its stops,
 * before its parent's fork event.  A thread joins its process.  A new
 * process in overlay mode inherits its parent's view state (cwd, exe,
 * scratch) now, since it may already be making calls; in trace mode its
 * cwd is read from /proc when needed.
 */
static struct tracee *adopt(struct sup *s, pid_t tid)
{
	pid_t tgid = procfs_status_field(tid, "Tgid"), ppid;
	struct tracee *leader = tgid > 0 ? tracee_of_proc(s, tgid) : NULL;
	struct tracee *parent = NULL;
	struct proc *p;
	struct tracee *t;

	if (leader) {
		t = tracee_add(&s->tracees, tid, leader->proc);
		if (t)
			t->orphan = true;
		return t;
	}
	if (s->view && (ppid = procfs_status_field(tid, "PPid")) > 0)
		parent = tracee_of_proc(s, ppid);
	p = proc_new(tgid > 0 ? tgid : tid, parent ? parent->proc : NULL);
	if (!p)
		return NULL;
	t = tracee_add(&s->tracees, tid, p);
	proc_put(p);
	if (t)
		t->orphan = true;
	return t;
}

/*
 * Refuse a call that was trapped but will not be run: it returns -ERR
 * and is logged as refused (an unknown number as syscall_N).
 */
static void refuse(struct sup *s, struct tracee *t, const struct abi *abi,
		   enum sc_id id, long nr, int err)
{
	if (s->arch->skip(t->tid, -err))
		return;
	if (!logging(s))
		return;
	if (id == SC_NONE) {
		if (s->select && !select_unknown(s->select))
			return;
		if (s->trace)
			trace_unknown(s->trace, t, abi && abi != s->arch->abis[0] ?
				      abi->name : NULL, nr);
		if (s->summary)
			summary_add_unknown(s->summary, nr);
		return;
	}
	if (!t->call && !(t->call = call_new()))
		return;
	call_decode_entry(t->call, t, NULL, abi, id, (const uint64_t[6]){ 0 });
	t->call->refused = true;
	t->call->done = true;
	t->call->ret = -err;
	emit(s, t, t->call);
}

/* A directory may have moved or gone: the cached fd paths are stale. */
static void check_moves(struct sup *s, const struct call *c)
{
	if (!c->done || c->ret != 0)
		return;
	if (c->id == SC_rename || c->id == SC_renameat ||
	    c->id == SC_renameat2 || c->id == SC_rmdir ||
	    (c->id == SC_unlinkat && (c->args[2] & AT_REMOVEDIR))) {
		fdcache_invalidate();
	}
}

/* Overlay mode: every call is decoded (view paths) and handled. */
static void on_seccomp_view(struct sup *s, struct tracee *t,
			    const struct abi *abi, enum sc_id id,
			    const uint64_t *args)
{
	if (!logging(s) && ov_plain(s, t, abi, id, args))
		return resume(t, 0);
	if (!t->call && !(t->call = call_new()))
		return resume(t, 0);
	/*
	 * --sandbox: every socket address is pinned (overlay_unix.c), a
	 * socketcall(SYS_SOCKET) becomes socket() (ov_sandbox_socketcall())
	 */
	if (!call_decode_entry(t->call, t, s->view, abi, id, args) &&
	    !(s->sandbox && (t->call->ent->flags & SF_SOCK)) &&
	    !ov_sandbox_socketcall(s, t->call))
		return resume(t, 0);
	take_stack(s, t, t->call);
	switch (ov_enter(s, t, t->call)) {
	case OV_DONE:
		check_moves(s, t->call);
		if (logging(s))
			emit(s, t, t->call);
		break;
	case OV_PASS:
		t->in_syscall = logging(s);
		break;
	case OV_EXIT:
	case OV_INJECT:
		t->in_syscall = true;
		break;
	}
	resume(t, 0);
}

/* Trace mode: prctl(PR_SET/GET_DUMPABLE), emulated (dumpable.h). */
static void trace_dumpable(struct sup *s, struct tracee *t,
			   const struct abi *abi,
			   const struct __ptrace_syscall_info *info)
{
	long ret;

	if (dumpable_call(t->proc, (const uint64_t *)info->seccomp.args,
			  abi->ptr_size == 8, &ret))
		s->arch->skip(t->tid, ret);
	resume(t, 0);
}

static void on_seccomp(struct sup *s, struct tracee *t)
{
	struct __ptrace_syscall_info info;
	const struct decision *d;
	const struct abi *abi;
	enum sc_id id;
	int i;

	if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) <= 0
	    || info.op != PTRACE_SYSCALL_INFO_SECCOMP)
		return resume(t, 0);
	abi = arch_abi(s->arch, info.arch);
	id = abi ? abi_sc(abi, info.seccomp.nr) : SC_NONE;
	for (i = 0; abi && abi->ptr_size == 4 && i < 6; i++)
		/* a 32-bit ABI's call sees the low halves of the registers */
		info.seccomp.args[i] = (uint32_t)info.seccomp.args[i];
	if (id == SC_NONE) {
		refuse(s, t, abi, id, info.seccomp.nr, ENOSYS);
		return resume(t, 0);
	}
	d = sysent_decide(id, s->mode, abi == s->arch->abis[0]);
	/* trapped all the same: by a filter of the tracee's own */
	if (d->how == H_NOTRAP || (d->ruled &&
	    !guard_match(id, (const uint64_t *)info.seccomp.args)))
		return resume(t, 0);
	if (s->mode == MODE_TRACE && d->how == H_REFUSE) {
		refuse(s, t, abi, id, info.seccomp.nr, d->err);
		return resume(t, 0);
	}
	if (s->mode == MODE_TRACE && d->how == H_DUMPABLE)
		return trace_dumpable(s, t, abi, &info);
	if (s->view)
		return on_seccomp_view(s, t, abi, id,
				       (const uint64_t *)info.seccomp.args);
	if (!logging(s))
		return resume(t, 0);
	if (!t->call && !(t->call = call_new()))
		return resume(t, 0);
	if (call_decode_entry(t->call, t, s->view, abi, id,
			      (const uint64_t *)info.seccomp.args)) {
		t->in_syscall = true;
		if (s->summary)
			check_creation(t->call);
		take_stack(s, t, t->call);
	}
	resume(t, 0);
}

static void on_syscall_exit(struct sup *s, struct tracee *t)
{
	struct __ptrace_syscall_info info;

	if (t->in_syscall && t->call &&
	    ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(info), &info) > 0 &&
	    info.op == PTRACE_SYSCALL_INFO_EXIT) {
		long ret = (long)info.exit.rval;

		if (s->view && ov_exit_wanted(t)) {
			bool injected;

			ret = ov_exit(s, t, ret, &injected);
			if (injected) {
				/* the call runs again from its seccomp stop */
				t->in_syscall = false;
				return resume(t, 0);
			}
		}
		call_decode_exit(t->call, t, ret);
		check_moves(s, t->call);
		/* overlay mode keeps the view cwd itself (ov_exit()) */
		if (!s->view && t->call->ret == 0 &&
		    (t->call->ent->flags & SF_CWD || t->call->id == SC_chroot))
			proc_cwd_changed(t->proc);
		if (logging(s))
			emit(s, t, t->call);
	}
	t->in_syscall = false;
	resume(t, 0);
}

/*
 * Log C's fork event, once: PTID (of process PTGID) made it.  A child
 * first seen at its own stop is logged here, before any of its calls.
 */
static void announce(struct sup *s, struct tracee *c, pid_t ptid,
		     pid_t ptgid)
{
	if (!c->announced && s->trace)
		trace_fork(s->trace, ptid, ptgid, c->tid, c->proc->tgid,
			   c->proc->tgid == ptgid);
	c->announced = true;
}

/*
 * The first stop of a new tracee that came before its parent's fork
 * event (the kernel reports the newest tracee first): keep it stopped
 * until that event, so that its fork is logged before its calls and its
 * exit, and an early exit cannot leave a tracee the event would revive.
 */
static bool hold(struct sup *s, struct tracee *t, int status)
{
	if ((unsigned int)status >> 16 != PTRACE_EVENT_STOP)
		return false;
	t->held = true;
	t->held_status = status;
	s->nheld++;
	return true;
}

static void release(struct sup *s, struct tracee *c, pid_t ptid,
		    pid_t ptgid)
{
	c->held = false;
	s->nheld--;
	announce(s, c, ptid, ptgid);
	on_stop(s, c, c->held_status);
}

/* The process a tracee was forked from, as /proc says (0: unknown). */
static pid_t parent_of(const struct tracee *t)
{
	pid_t ppid;

	if (t->tid != t->proc->tgid)
		return t->proc->tgid;	/* a thread: its process */
	ppid = procfs_status_field(t->tid, "PPid");
	return ppid > 0 ? ppid : 0;
}

/*
 * A tracee died: the fork event of a held tracee may never come (its
 * parent was killed in that stop), so let every held one go on, logged
 * with the parent /proc gives.
 */
static void release_all(struct sup *s)
{
	pid_t tids[64];
	unsigned int i, n;

	while (s->nheld) {
		for (i = 0, n = 0; i < s->tracees.size && n < 64; i++)
			if (s->tracees.slots[i] && s->tracees.slots[i]->held)
				tids[n++] = s->tracees.slots[i]->tid;
		for (i = 0; i < n; i++) {
			struct tracee *c = tracee_get(&s->tracees, tids[i]);
			pid_t ppid = parent_of(c);

			release(s, c, ppid, ppid);
		}
	}
}

/* A tid that died before its fork event: that event is to be dropped. */
static void remember_gone(struct sup *s, pid_t tid)
{
	unsigned int n = sizeof(s->gone_early) / sizeof(s->gone_early[0]);

	s->gone_early[s->ngone_early++ % n] = tid;
}

static bool take_gone(struct sup *s, pid_t tid)
{
	unsigned int n = sizeof(s->gone_early) / sizeof(s->gone_early[0]);
	unsigned int i;

	for (i = 0; i < n && i < s->ngone_early; i++)
		if (s->gone_early[i] == tid) {
			s->gone_early[i] = 0;
			return true;
		}
	return false;
}

static void on_new_child(struct sup *s, struct tracee *t, int event)
{
	unsigned long msg = 0;
	struct tracee *c;
	struct proc *p;
	bool thread;
	pid_t tgid;

	if (ptrace(PTRACE_GETEVENTMSG, t->tid, NULL, &msg))
		return resume(t, 0);
	c = tracee_get(&s->tracees, msg);
	if (!c && take_gone(s, msg))
		return resume(t, 0);	/* came, went, was logged */
	if (!c) {
		tgid = event == PTRACE_EVENT_CLONE ?
		       procfs_status_field(msg, "Tgid") : (pid_t)msg;
		thread = tgid == t->proc->tgid;
		p = thread ? t->proc : proc_new(msg, t->proc);
		c = p ? tracee_add(&s->tracees, msg, p) : NULL;
		if (p && !thread)
			proc_put(p);
	}
	if (c)
		c->orphan = false;
	if (c && c->held)
		release(s, c, t->tid, t->proc->tgid);
	else if (c)
		announce(s, c, t->tid, t->proc->tgid);
	resume(t, 0);
}

/*
 * /proc/PID/cmdline as a NULL-terminated vector whose strings live in
 * *BUF; the caller frees both.  NULL when it cannot be read.  All of it:
 * the kernel bounds it (its argv and envp fit a quarter of the stack
 * limit), and a trace shows the exec's argv whole.
 */
static char **read_cmdline(pid_t pid, char **buf)
{
	size_t n = 0, i;
	char **argv;
	int argc = 0;

	*buf = procfs_slurp(pid, "cmdline", 0, &n, NULL);
	if (!*buf)
		return NULL;
	for (i = 0; i < n; i++)
		argc += !(*buf)[i];
	argv = calloc(argc + 2, sizeof(char *));
	for (i = 0, argc = 0; argv && i < n; i += strlen(*buf + i) + 1)
		argv[argc++] = *buf + i;
	return argv;
}

static void on_exec(struct sup *s, struct tracee *t)
{
	unsigned long former = 0;
	char link[PATH_MAX], exe[PATH_MAX], *buf = NULL, **argv;
	pid_t tid = t->tid;

	if (!ptrace(PTRACE_GETEVENTMSG, tid, NULL, &former) &&
	    (pid_t)former != tid && tracee_get(&s->tracees, former)) {
		/*
		 * exec from a non-leader thread: it now has the leader's tid
		 * (T, the leader's old state, is freed by the move).
		 */
		tracee_move(&s->tracees, former, tid);
		t = tracee_get(&s->tracees, tid);
	}
	if (s->unwinder)
		unwinder_forget(s->unwinder, t->proc->tgid);	/* new image */
	t->proc->nodump = false;	/* the kernel's dumpable is set again */
	if (s->view)
		ov_exec(s, t);
	if (s->trace) {
		if (procfs_exe(t->tid, exe, sizeof(exe)) < 0)
			exe[0] = '\0';
		if (s->view && ov_exe(t))
			snprintf(exe, sizeof(exe), "%s", ov_exe(t));
		else if (s->view && view_from_host(s->view, exe, link,
						   sizeof(link)) > 0)
			snprintf(exe, sizeof(exe), "%s", link);
		argv = read_cmdline(t->tid, &buf);
		trace_exec(s->trace, t->tid, t->proc->tgid, exe, argv);
		free(argv);
		free(buf);
	}
	resume(t, 0);
}

/* PTRACE_EVENT_STOP: group-stop, or the first stop of a new tracee. */
static void on_event_stop(struct tracee *t, int sig)
{
	if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	    sig == SIGTTOU) {
		/* Stay stopped but let the kernel report SIGCONT: job control */
		ptrace(PTRACE_LISTEN, t->tid, NULL, NULL);
		return;
	}
	resume(t, 0);
}

static void on_stop(struct sup *s, struct tracee *t, int status)
{
	int sig = WSTOPSIG(status), event = (unsigned int)status >> 16;

	switch (event) {
	case 0:
		if (sig == (SIGTRAP | 0x80))
			on_syscall_exit(s, t);
		else
			resume(t, sig);	/* signal-delivery stop */
		return;
	case PTRACE_EVENT_SECCOMP:
		return on_seccomp(s, t);
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		return on_new_child(s, t, event);
	case PTRACE_EVENT_EXEC:
		return on_exec(s, t);
	case PTRACE_EVENT_STOP:
		return on_event_stop(t, sig);
	default:
		resume(t, 0);
	}
}

static void on_death(struct sup *s, pid_t pid, int status)
{
	struct tracee *t = tracee_get(&s->tracees, pid);

	if (t && logging(s) && t->in_syscall && t->call) {
		t->call->done = false;
		emit(s, t, t->call);
	}
	if (t && t->orphan) {
		pid_t ppid = parent_of(t);

		if (t->held)
			s->nheld--;
		t->held = false;
		announce(s, t, ppid, ppid);
		remember_gone(s, pid);
	}
	if (t && s->trace)
		trace_exit(s->trace, pid, t->proc->tgid, status);
	if (t && s->unwinder && pid == t->proc->tgid)
		unwinder_forget(s->unwinder, pid);
	if (pid == s->main_pid) {
		s->main_done = true;
		s->main_wstatus = status;
	}
	tracee_del(&s->tracees, pid);
	if (s->nheld)
		release_all(s);
}

/*
 * Trace output is flushed when the buffer fills, and at the latest
 * FLUSH_DELAY_MS after the first event that was not written: a one-shot
 * timer started then interrupts the blocking waitpid().  So a busy tree
 * costs one write per 64 KiB, and a quiet one shows its last events at
 * once, as a pipe would.
 */
#define FLUSH_DELAY_MS 10

static volatile sig_atomic_t flush_due, terminating;

static void on_alarm(int sig)
{
	(void)sig;
	flush_due = 1;
}

/*
 * SIGTERM, SIGHUP: write out the trace, then die of the same signal;
 * PTRACE_O_EXITKILL then kills every tracee.
 */
static void on_terminate(int sig)
{
	terminating = sig;
}

static void die_of_signal(struct sup *s)
{
	int sig = terminating;

	if (s->trace)
		trace_flush(s->trace);
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

void sup_catch_terminate(void)
{
	struct sigaction sa = { .sa_handler = on_terminate };

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void arm_flush_timer(void)
{
	struct itimerval it = { .it_value = { 0, FLUSH_DELAY_MS * 1000 } };
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	static bool installed;

	if (!installed) {
		sigaction(SIGALRM, &sa, NULL);
		installed = true;
	}
	setitimer(ITIMER_REAL, &it, NULL);
}

/* waitpid for any tracee; the trace is flushed when due. */
static pid_t wait_any(struct sup *s, int *status, bool *armed)
{
	pid_t pid;

	for (;;) {
		if (flush_due && s->trace) {
			flush_due = 0;
			*armed = false;
			trace_flush(s->trace);
		}
		if (!*armed && trace_pending(s->trace)) {
			*armed = true;
			arm_flush_timer();
		}
		pid = waitpid(-1, status, __WALL);
		if (terminating)
			die_of_signal(s);
		if (pid >= 0 || errno != EINTR || !flush_due)
			return pid;
	}
}

int sup_run(struct sup *s)
{
	bool armed = false;

	for (;;) {
		struct tracee *t;
		int status;
		pid_t pid = wait_any(s, &status, &armed);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			if (errno == ECHILD)
				break;
			log_err("waitpid: %s", strerror(errno));
			return EXIT_VFSTRACE_FAILED;
		}
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			on_death(s, pid, status);
			continue;
		}
		t = tracee_get(&s->tracees, pid);
		if (!t && (t = adopt(s, pid)) && hold(s, t, status))
			continue;
		if (!t) {
			ptrace(PTRACE_CONT, pid, NULL, NULL);
			continue;
		}
		on_stop(s, t, status);
	}
	if (s->trace)
		trace_flush(s->trace);
	if (!s->main_done)
		return EXIT_VFSTRACE_FAILED;
	if (WIFSIGNALED(s->main_wstatus))
		return 128 + WTERMSIG(s->main_wstatus);
	return WEXITSTATUS(s->main_wstatus);
}
