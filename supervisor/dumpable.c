/* SPDX-License-Identifier: MIT */
/*
 * prctl(PR_SET_DUMPABLE, 0) (ssh-agent, gpg-agent) makes the kernel
 * refuse vfstrace, when it lacks CAP_SYS_PTRACE, every read of the
 * process's memory: the check of process_vm_readv, /proc/PID/mem and
 * PEEKDATA looks at the target's dumpability, tracer or not.  Its paths
 * could not be read any more: in overlay mode every path call would
 * fail, in trace mode the trace would lose them.  So the setting is
 * emulated, as one bit of the process (struct proc's nodump): the kernel
 * never sees SET_DUMPABLE 0, and PR_GET_DUMPABLE answers 0 while the bit
 * is set.  SET_DUMPABLE 1 clears the bit and runs (the kernel's own value
 * may have been lowered by a credential change); any other value runs
 * too, and the kernel refuses it with EINVAL.  GET runs when the bit is
 * clear and gives the kernel's value.  A fork inherits the bit, an exec
 * clears it (proc_new(), on_exec()): the kernel's dumpability follows
 * the memory image and is set again at exec.
 */
#include <sys/prctl.h>

#include "dumpable.h"

#define SUID_DUMP_DISABLE 0
#define SUID_DUMP_USER 1

bool dumpable_call(struct proc *p, const uint64_t args[6], bool wide,
		   long *ret)
{
	uint64_t v = wide ? args[1] : (uint32_t)args[1];

	switch ((int)args[0]) {
	case PR_GET_DUMPABLE:
		*ret = 0;
		return p->nodump;
	case PR_SET_DUMPABLE:
		if (v == SUID_DUMP_DISABLE) {
			p->nodump = true;
			*ret = 0;
			return true;
		}
		if (v == SUID_DUMP_USER)
			p->nodump = false;
		return false;
	default:
		/* not a call of the rules (arch/common/guard.c) */
		return false;
	}
}
