/* SPDX-License-Identifier: MIT */
/*
 * The spelling of the mode columns of include/syscall_list.h: each cell
 * NAME or NAME(arg) expands, through D(cell), to D_NAME or D_NAME(arg), a
 * struct decision initialiser.  A cell with any other spelling does not
 * build.  Included by arch/common/sysent.c only (and by the test that
 * builds the table with a decision removed).
 */
#ifndef VFSTRACE_DECISIONS_H
#define VFSTRACE_DECISIONS_H

#include <errno.h>

#include "sysent.h"

#define D(cell) D_##cell

#define D_NOTRAP { H_NOTRAP, 0, NULL }
#define D_LOG { H_LOG, 0, NULL }
#define D_PASS(reason) { H_PASS, 0, reason }
#define D_REFUSE(e) { H_REFUSE, e, NULL }
#define D_PRIVILEGED { H_PRIVILEGED, 0, \
	"not emulated: the kernel refuses it to an unprivileged caller" }
#define D_I386_ONLY { H_REFUSE, ENOSYS, \
	"a row of the i386 ABI alone that overlay mode does not translate" }
#define D_LOOKUP { H_LOOKUP, 0, NULL }
#define D_OPEN { H_OPEN, 0, NULL }
#define D_MODIFY { H_MODIFY, 0, NULL }
#define D_EXEC { H_EXEC, 0, NULL }
#define D_CHDIR { H_CHDIR, 0, NULL }
#define D_GETCWD { H_GETCWD, 0, NULL }
#define D_FDMETA { H_FDMETA, 0, NULL }
#define D_GETDENTS { H_GETDENTS, 0, NULL }
#define D_SOCKET { H_SOCKET, 0, NULL }
#define D_SOCKNAME { H_SOCKNAME, 0, NULL }
#define D_CREDS { H_CREDS, 0, NULL }
#define D_IOCTL { H_IOCTL, 0, NULL }
/* The calls matching the row's rules in arch/common/guard.c: refused. */
#define D_REFUSE_IF(e) { H_REFUSE, e, NULL, true }
/* prctl: PR_SET_DUMPABLE and PR_GET_DUMPABLE (guard.c) are emulated. */
#define D_DUMPABLE { H_DUMPABLE, 0, NULL, true }
#define D_INTREE(e) { H_INTREE, e, NULL }
/* --sandbox only (supervisor/overlay_signal.c, overlay_unix.c) */
#define D_SIGNAL { H_SIGNAL, EPERM, NULL, false, true }
#define D_SEND { H_SEND, 0, NULL, false, true }

#endif
