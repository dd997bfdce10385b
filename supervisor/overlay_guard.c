/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: the calls that guard the tree's reach without a path.
 *
 * prctl(PR_SET_DUMPABLE, 0) (ssh-agent, gpg-agent) makes the kernel
 * refuse vfstrace, when it lacks CAP_SYS_PTRACE, every read of the
 * process's memory (the check of process_vm_readv, /proc/PID/mem and
 * PEEKDATA looks at the target's dumpability, tracer or not): its paths
 * could not be read any more and every path call would fail.  So the
 * setting is emulated, as one bit of the process: the kernel never sees
 * SET_DUMPABLE 0 and PR_GET_DUMPABLE answers 0 while the bit is set.
 * SET_DUMPABLE 1 clears the bit and runs (the kernel's own value may
 * have been lowered by a credential change); any other value runs too,
 * and the kernel refuses it with EINVAL.  GET runs when the bit is clear
 * and gives the kernel's value.  A fork inherits the bit, an exec clears
 * it: the kernel's dumpability follows the memory image.
 *
 * process_vm_readv/writev reach another process's memory: passed only
 * when the pid names a thread of the traced tree.
 */
#include <errno.h>
#include <sys/prctl.h>

#include "log.h"
#include "overlay_impl.h"

#define SUID_DUMP_DISABLE 0
#define SUID_DUMP_USER 1

/* An argument as the kernel reads it: 32 bits on a 32-bit ABI. */
static uint64_t word(const struct call *c, int i)
{
	return c->abi && c->abi->ptr_size == 4 ? (uint32_t)c->args[i] :
	       c->args[i];
}

enum ov_result h_dumpable(struct sup *s, struct tracee *t, struct call *c)
{
	struct ov_proc *op = OVP(t->proc);

	switch ((int)c->args[0]) {
	case PR_GET_DUMPABLE:
		return op->nodump ? ov_done(s, t, c, 0) : OV_PASS;
	case PR_SET_DUMPABLE:
		if (word(c, 1) == SUID_DUMP_DISABLE) {
			op->nodump = true;
			return ov_done(s, t, c, 0);
		}
		if (word(c, 1) == SUID_DUMP_USER)
			op->nodump = false;
		return OV_PASS;
	default:
		/* not a call of the rules (arch/common/guard.c) */
		return OV_PASS;
	}
}

enum ov_result h_intree(struct sup *s, struct tracee *t, struct call *c,
			int err)
{
	pid_t pid = (pid_t)c->args[0];

	if (pid > 0 && tracee_get(&s->tracees, pid))
		return OV_PASS;
	log_warn("pid %d: %s: pid %d: refused: a process outside the tree",
		 t->tid, c->ent->name, (int)pid);
	c->refused = true;
	return ov_done(s, t, c, -(long)err);
}
