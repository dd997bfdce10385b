/* SPDX-License-Identifier: MIT */
/*
 * --sandbox: the capabilities the tree loses (sandbox_caps.h), with the
 * raw capget/capset and prctl calls (no library: three calls).
 */
#include <errno.h>
#include <linux/capability.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sandbox_caps.h"

#define BIT(c) ((uint64_t)1 << (c))

/* What the tree keeps: a container runtime's default, less MKNOD, NET_RAW. */
static const uint64_t keep =
	BIT(CAP_CHOWN) | BIT(CAP_DAC_OVERRIDE) | BIT(CAP_FOWNER) |
	BIT(CAP_FSETID) | BIT(CAP_KILL) | BIT(CAP_SETGID) | BIT(CAP_SETUID) |
	BIT(CAP_SETPCAP) | BIT(CAP_NET_BIND_SERVICE) | BIT(CAP_SYS_CHROOT) |
	BIT(CAP_AUDIT_WRITE) | BIT(CAP_SETFCAP);

/*
 * Drop every capability but KEEP from the bounding set, up to the
 * first number the kernel does not know (EINVAL).  0 or -errno.
 */
static int drop_bounding(void)
{
	int c;

	for (c = 0; c < 64; c++) {
		if (keep & BIT(c))
			continue;
		if (prctl(PR_CAPBSET_READ, c, 0, 0, 0) < 0)
			return errno == EINVAL ? 0 : -errno;
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0))
			return -errno;
	}
	return 0;
}

/* Permitted, effective and inheritable cut down to KEEP. */
static int drop_sets(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	int i;

	if (syscall(SYS_capget, &h, d))
		return -errno;
	for (i = 0; i < _LINUX_CAPABILITY_U32S_3; i++) {
		uint32_t k = (uint32_t)(keep >> (32 * i));

		d[i].effective &= k;
		d[i].permitted &= k;
		d[i].inheritable &= k;
	}
	if (syscall(SYS_capset, &h, d))
		return -errno;
	return 0;
}

int sandbox_drop_caps(void)
{
	int err = drop_bounding();

	/* without CAP_SETPCAP: no_new_privs keeps exec from adding any */
	if (err == -EPERM && geteuid() != 0)
		err = 0;
	if (!err)
		err = drop_sets();
	/* ambient capabilities: cleared (Linux 4.3; EINVAL before) */
	if (!err && prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) &&
	    errno != EINVAL)
		err = -errno;
	return err;
}
