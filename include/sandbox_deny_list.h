/* SPDX-License-Identifier: MIT */
/*
 * The sandbox deny list: kernel attack surface ordinary programs never
 * need, refused in the seccomp filter under --sandbox (supervisor/
 * filter.c, a program of its own whose SECCOMP_RET_ERRNO outranks every
 * TRACE: the call never reaches a handler).  One table for the filter and
 * for README.md's "Sandbox deny list" (tests/unit/test_sandbox_deny.c
 * checks that every row is there with its errno and reason).
 *
 *   DENY(call, errno, reason)              every call
 *   DENY_FLAGS(call, arg, mask, what, errno, reason)
 *                                          calls with a bit of MASK set
 *                                          in argument ARG
 *   DENY_DEVNODE(call, arg, what, errno, reason)
 *                                          the mode argument ARG makes a
 *                                          character or block device
 *   DENY_IOCTL(request, errno, reason)     ioctl(fd, REQUEST, ...): the
 *                                          low 32 bits (the kernel's cmd)
 *   DENY_FAMILY(call, what, errno, reason) argument 0, the address
 *                                          family, other than AF_UNIX
 *                                          (and AF_INET, AF_INET6 with
 *                                          --share-net)
 *
 * CALL is the name libseccomp gives the call; the filter resolves it for
 * each ABI and leaves out the ABIs that lack it (stime is i386 only,
 * ioperm and iopl x86 only, kexec_file_load not i386).  ENOSYS where
 * libc or the runtimes fall back on it (a kernel without the call),
 * EPERM elsewhere (what an unprivileged caller or a container runtime's
 * profile gives).
 *
 * Included several times with different definitions: no guard.
 */
DENY(keyctl, EPERM, "kernel keyrings: shared kernel state, a frequent "
     "source of kernel bugs; no ordinary program needs them")
DENY(add_key, EPERM, "kernel keyrings (keyctl)")
DENY(request_key, EPERM, "kernel keyrings (keyctl)")
DENY(bpf, EPERM, "eBPF programs and maps run in the kernel")
DENY(perf_event_open, EPERM, "performance counters: kernel attack surface "
     "and a side channel on other processes")
DENY(userfaultfd, EPERM, "stalls kernel accesses to memory: the usual "
     "tool to widen a kernel race")
DENY(init_module, EPERM, "module loading: code in the kernel")
DENY(finit_module, EPERM, "module loading: code in the kernel")
DENY(delete_module, EPERM, "module unloading")
DENY(kexec_load, EPERM, "replaces the running kernel")
DENY(kexec_file_load, EPERM, "replaces the running kernel")
DENY(swapon, EPERM, "host swap configuration")
DENY(swapoff, EPERM, "host swap configuration")
DENY(reboot, EPERM, "reboots or halts the host")
DENY(settimeofday, EPERM, "sets the host's clock")
DENY(clock_settime, EPERM, "sets the host's clock")
DENY(clock_settime64, EPERM, "sets the host's clock (i386, 64-bit time)")
DENY(stime, EPERM, "sets the host's clock (i386)")
DENY(adjtimex, EPERM, "adjusts the host's clock (its read-only query "
     "cannot be told apart: the mode is in memory)")
DENY(clock_adjtime, EPERM, "adjusts the host's clock (as adjtimex)")
DENY(clock_adjtime64, EPERM, "adjusts the host's clock (i386, as "
     "adjtimex)")
DENY(ioperm, EPERM, "raw I/O port access (x86)")
DENY(iopl, EPERM, "raw I/O port access (x86)")
DENY_FLAGS(unshare, 0, SANDBOX_NS_FLAGS | CLONE_NEWTIME,
	   "unshare with a CLONE_NEW* flag", EPERM,
	   "new namespaces: the tree would get a root of its own and "
	   "mounts that vfstrace does not see (CLONE_FILES, CLONE_FS, "
	   "CLONE_SYSVSEM pass)")
DENY(setns, EPERM, "joins another namespace, around the view")
DENY_FLAGS(clone, 0, SANDBOX_NS_FLAGS, "clone with a CLONE_NEW* flag",
	   EPERM, "new namespaces, as unshare (the flags are argument 0 on "
	   "x86_64, i386 and aarch64)")
DENY(clone3, ENOSYS, "its flags are in memory, out of the filter's "
     "reach: ENOSYS, a kernel before 5.3, and glibc falls back to clone")
DENY(io_uring_setup, ENOSYS, "io_uring's operations bypass seccomp and "
     "ptrace; ENOSYS, a kernel without io_uring: liburing, libuv and "
     "tokio fall back to plain calls")
DENY(io_uring_enter, ENOSYS, "io_uring (io_uring_setup)")
DENY(io_uring_register, ENOSYS, "io_uring (io_uring_setup)")
DENY(name_to_handle_at, EOPNOTSUPP, "file handles name files without a "
     "path; EOPNOTSUPP, a filesystem without handles, from which "
     "callers (systemd, util-linux) fall back")
DENY(open_by_handle_at, EPERM, "opens a file by handle, around the view "
     "(what a caller without CAP_DAC_READ_SEARCH gets)")
DENY(ptrace, EPERM, "tracing: a tracer could run its tracee's calls "
     "around vfstrace")
DENY(process_vm_writev, EPERM, "writes another process's memory: "
     "vfstrace's rewritten paths in a sibling's scratch")
DENY(process_madvise, EPERM, "acts on another process's memory")
DENY_DEVNODE(mknod, 1, "mknod of a character or block device", EPERM,
	     "a device node is raw access to host hardware or memory "
	     "(vfstrace, if root, would make it in the upper)")
DENY_DEVNODE(mknodat, 2, "mknodat of a character or block device", EPERM,
	     "as mknod")
DENY_IOCTL(TIOCSTI, EPERM, "pushes input into a terminal: commands typed "
	   "into the shell outside the tree")
DENY_IOCTL(TIOCLINUX, EPERM, "virtual console: selection pasting "
	   "injects input like TIOCSTI")
DENY_FAMILY(socket, "socket of another family than AF_UNIX (and AF_INET, "
	    "AF_INET6 with --share-net)", EAFNOSUPPORT,
	    "netlink, packet, vsock, bluetooth, ...: kernel attack surface "
	    "and the host's network configuration; i386 socketcall is "
	    "rewritten into socket(2) with the arguments in registers")
DENY_FAMILY(socketpair, "socketpair of another family than AF_UNIX",
	    EAFNOSUPPORT, "as socket")
