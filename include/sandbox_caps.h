/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_SANDBOX_CAPS_H
#define VFSTRACE_SANDBOX_CAPS_H

/*
 * --sandbox: the capabilities the tree keeps, those a container
 * runtime keeps by default less CAP_MKNOD and CAP_NET_RAW (README,
 * "Sandbox capabilities"): CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL,
 * SETGID, SETUID, SETPCAP, NET_BIND_SERVICE, SYS_CHROOT, AUDIT_WRITE,
 * SETFCAP.  Every other one, known or newer than these headers, is
 * dropped from the bounding, permitted, effective, inheritable and
 * ambient sets of the calling thread.
 *
 * Meant for the child between fork and exec, before the filter.  For a
 * caller without CAP_SETPCAP (not root) the bounding set is left alone:
 * with no_new_privs (the filter sets it) exec can give no capability
 * back.  Returns 0 or -errno.
 */
int sandbox_drop_caps(void);

#endif
