/* SPDX-License-Identifier: MIT */
/*
 * The ioctl requests of overlay mode (include/ioctl_list.h): the numbers
 * come from the kernel's headers, so they are the architecture's.
 */
#include <errno.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <linux/fscrypt.h>
#include <linux/fsverity.h>
#include <linux/ioctl.h>

#include "ioctl_rules.h"

/* Linux 6.5 and 6.9; older headers lack them. */
#ifndef FS_IOC_GETFSUUID
#define FS_IOC_GETFSUUID _IOR(0x15, 0, struct { __u8 len; __u8 uuid[16]; })
#endif
#ifndef FS_IOC_GETFSSYSFSPATH
#define FS_IOC_GETFSSYSFSPATH \
	_IOR(0x15, 1, struct { __u8 len; __u8 name[128]; })
#endif

#define IOCH_NOTRAP IOC_NOTRAP, 0
#define IOCH_COPYUP IOC_COPYUP, 0
#define IOCH_REFUSE(e) IOC_REFUSE, e
#define IOCH_REFUSE_ALL(e) IOC_REFUSE_ALL, e

const struct ioc_rule ioc_rules[] = {
#define IOC_TYPE(name, type)
#define IOC(name, lower) { #name, (unsigned int)(name), IOCH_##lower },
#include "ioctl_list.h"
#undef IOC
#undef IOC_TYPE
};
const size_t ioc_nrules = sizeof(ioc_rules) / sizeof(ioc_rules[0]);

const unsigned char ioc_notrap_types[] = {
#define IOC_TYPE(name, type) type,
#define IOC(name, lower)
#include "ioctl_list.h"
#undef IOC
#undef IOC_TYPE
};
const size_t ioc_ntypes = sizeof(ioc_notrap_types);

static const struct ioc_rule trapped = { NULL, 0, IOC_TRAPPED, 0 };
static const struct ioc_rule untrapped = { NULL, 0, IOC_NOTRAP, 0 };

const struct ioc_rule *ioc_rule_of(unsigned long req)
{
	unsigned int r = (unsigned int)req;
	size_t i;

	for (i = 0; i < ioc_nrules; i++)
		if (ioc_rules[i].req == r)
			return &ioc_rules[i];
	for (i = 0; i < ioc_ntypes; i++)
		if (_IOC_TYPE(r) == ioc_notrap_types[i])
			return &untrapped;
	return &trapped;
}
