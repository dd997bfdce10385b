/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_IOCTL_RULES_H
#define VFSTRACE_IOCTL_RULES_H

#include <stdbool.h>
#include <stddef.h>

/*
 * What overlay mode does with an ioctl request (rows in ioctl_list.h).
 * Only the low 32 bits of the request count: the kernel's cmd is an
 * unsigned int.
 */
enum ioc_how {
	IOC_TRAPPED = 0,	/* in no row: refused with ENOTTY on a lower
				   object, passed on any other fd */
	IOC_NOTRAP,		/* never trapped */
	IOC_COPYUP,		/* on a lower object: copy up, apply to it */
	IOC_REFUSE,		/* on a lower object: refused with err */
	IOC_REFUSE_ALL,		/* on every fd: refused with err */
};

struct ioc_rule {
	const char *name;	/* the macro's name; NULL for IOC_TRAPPED */
	unsigned int req;
	enum ioc_how how;
	int err;		/* IOC_REFUSE, IOC_REFUSE_ALL */
};

/* Constant tables: the rows of ioctl_list.h, and its IOC_TYPE types. */
extern const struct ioc_rule ioc_rules[];
extern const size_t ioc_nrules;
extern const unsigned char ioc_notrap_types[];
extern const size_t ioc_ntypes;

/*
 * The rule of request REQ (low 32 bits); for a request in no row, a
 * rule with how IOC_TRAPPED (IOC_NOTRAP when its type is a NOTRAP
 * type).  Never NULL.
 */
const struct ioc_rule *ioc_rule_of(unsigned long req);

#endif
