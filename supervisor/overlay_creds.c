/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: what the view knows of a thread's credentials, read from
 * /proc/TID/status once per thread and again after it changed them.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/un.h>
#include <stddef.h>
#include <unistd.h>
#include <utime.h>

#include "decode.h"
#include "log.h"
#include "memory.h"
#include "procfs.h"
#include "vfs.h"
#include "view.h"
#include "overlay_impl.h"

static void read_ids(const char *line, unsigned int *fs)
{
	unsigned int r, e, sv;

	sscanf(line, "%u %u %u %u", &r, &e, &sv, fs);
}

/* Fill T->cred from /proc/TID/status; 0 or -errno. */
static int cred_load(struct tracee *t)
{
	char buf[4096], *l;
	unsigned int fsuid = 0, fsgid = 0;
	int err = procfs_status(t->tid, buf, sizeof(buf));

	if (err)
		return err;
	OVT(t)->cred.umask = 022;
	OVT(t)->cred.ngroups = 0;
	for (l = buf; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (!strncmp(l, "Umask:", 6))
			OVT(t)->cred.umask = strtoul(l + 6, NULL, 8);
		else if (!strncmp(l, "Uid:", 4))
			read_ids(l + 4, &fsuid);
		else if (!strncmp(l, "Gid:", 4))
			read_ids(l + 4, &fsgid);
		else if (!strncmp(l, "Groups:", 7)) {
			char *p = l + 7, *end;

			while (OVT(t)->cred.ngroups < 64) {
				unsigned long g = strtoul(p, &end, 10);

				if (end == p)
					break;
				OVT(t)->cred.groups[OVT(t)->cred.ngroups++] = g;
				p = end;
			}
		}
	}
	OVT(t)->cred.fsuid = fsuid;
	OVT(t)->cred.fsgid = fsgid;
	OVT(t)->cred.valid = true;
	return 0;
}

struct vfs_cred ov_cred_of(struct tracee *t)
{
	if (!OVT(t)->cred.valid)
		cred_load(t);
	return (struct vfs_cred){ .fsuid = OVT(t)->cred.fsuid,
				  .fsgid = OVT(t)->cred.fsgid,
				  .ngroups = OVT(t)->cred.ngroups,
				  .groups = OVT(t)->cred.groups,
				  .umask = OVT(t)->cred.umask };
}
