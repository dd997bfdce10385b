/* SPDX-License-Identifier: MIT */
/* The rows of include/sandbox_deny_list.h. */
#include <errno.h>
#include <linux/sched.h>
#include <sys/ioctl.h>

#include "sandbox_deny.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

const struct deny_row deny_rows[] = {
#define DENY(call, e, why) { #call, #call, DENY_ALL, 0, 0, e, why },
#define DENY_FLAGS(call, a, m, w, e, why) \
	{ #call, w, DENY_FLAGS, a, m, e, why },
#define DENY_DEVNODE(call, a, w, e, why) \
	{ #call, w, DENY_DEVNODE, a, 0, e, why },
#define DENY_IOCTL(req, e, why) \
	{ "ioctl", "ioctl " #req, DENY_IOCTL, 1, (unsigned int)(req), e, why },
#define DENY_FAMILY(call, w, e, why) \
	{ #call, w, DENY_FAMILY, 0, 0, e, why },
#include "sandbox_deny_list.h"
#undef DENY
#undef DENY_FLAGS
#undef DENY_DEVNODE
#undef DENY_IOCTL
#undef DENY_FAMILY
};
const size_t deny_nrows = sizeof(deny_rows) / sizeof(deny_rows[0]);
