/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: the calls that guard the tree's reach without a path.
 * prctl(PR_SET_DUMPABLE) is emulated (supervisor/dumpable.c);
 * process_vm_readv/writev reach another process's memory: passed only
 * when the pid names a thread of the traced tree.
 */
#include <errno.h>

#include "dumpable.h"
#include "log.h"
#include "overlay_impl.h"

enum ov_result h_dumpable(struct sup *s, struct tracee *t, struct call *c)
{
	long ret;

	if (dumpable_call(t->proc, c->args, !c->abi || c->abi->ptr_size == 8,
			  &ret))
		return ov_done(s, t, c, ret);
	return OV_PASS;
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
