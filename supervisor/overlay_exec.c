/* SPDX-License-Identifier: MIT */
/*
 * Overlay mode: the execve family and "#!" scripts, run through their
 * interpreter by vfstrace so that scripts in the upper work.
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

/*
 * A "#!" script: its interpreter and optional argument (Linux rules: the
 * first line, at most 256 bytes, one argument after the interpreter).
 * Returns true for a script.
 */
static bool shebang(const char *host, char *interp, size_t isize, char *arg,
		    size_t asize)
{
	char buf[257], *p, *end, *nl;
	ssize_t n;
	int fd = open(host, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 3 || buf[0] != '#' || buf[1] != '!')
		return false;
	buf[n] = '\0';
	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	for (p = buf + 2; *p == ' ' || *p == '\t'; p++)
		;
	for (end = p; *end && *end != ' ' && *end != '\t'; end++)
		;
	if (end == p || (size_t)(end - p) >= isize)
		return false;
	memcpy(interp, p, end - p);
	interp[end - p] = '\0';
	for (p = end; *p == ' ' || *p == '\t'; p++)
		;
	for (end = p + strlen(p); end > p && (end[-1] == ' ' ||
					      end[-1] == '\t'); end--)
		;
	if ((size_t)(end - p) >= asize)
		return false;
	memcpy(arg, p, end - p);
	arg[end - p] = '\0';
	return true;
}

/*
 * Into HOST (PATH_MAX bytes), what the kernel is to run for the "#!"
 * interpreter INTERP: a path of /proc or /dev/fd (/proc/self/exe,
 * /dev/fd/N) is the tracee's own and is left to the kernel, which
 * resolves it in the tracee that execs; through a root, cwd or directory
 * fd of /proc it is a view path; any other path is resolved in the view.
 * 0 or -errno.
 */
static int interp_host(struct sup *s, struct tracee *t,
		       const struct vfs_cred *cr, const char *interp,
		       char *host)
{
	char vp[PATH_MAX], out[PATH_MAX];
	struct vfs_target tg;
	const char *from;
	int err, n;

	snprintf(vp, sizeof(vp), "%s", interp);
	for (n = 0; n < VFS_MAXSYMLINKS; n++) {
		err = ov_proc_view(s, t, vp, out, sizeof(out));
		if (err < 0)
			return err;
		if (err != OVP_SAME)
			snprintf(vp, sizeof(vp), "%s", out);
		if (ov_under(vp, "/proc") || ov_under(vp, "/dev/fd")) {
			snprintf(host, PATH_MAX, "%s", vp);
			return 0;
		}
		err = vfs_resolve(s->view->vfs, cr, NULL, vp, 0, VFS_LOOKUP,
				  &tg);
		if (err != -EREMOTE)
			break;
		snprintf(vp, sizeof(vp), "%s", vfs_remote(s->view->vfs, &from));
	}
	if (err)
		return n == VFS_MAXSYMLINKS ? -ELOOP : err;
	snprintf(host, PATH_MAX, "%s", tg.host);
	return 0;
}

/*
 * Run the script through its interpreter ourselves: the kernel would pass
 * the interpreter the host path of the script, a path that does not
 * exist in the view.  argv becomes [INTERP, ARG?, FILENAME, argv[1]...]
 * as the kernel builds it, with FILENAME as the tracee gave it; strings go
 * to part 1 of the slot, the vector to the rest.  Returns 0, 1 when the
 * vector does not fit (the caller execs the script by its host path), or
 * -errno.
 */
static int exec_script(struct sup *s, struct tracee *t, struct call *c,
		       int pi, const char *interp, const char *arg)
{
	struct vfs_cred cr = ov_cred_of(t);
	int ai = sysent_find_arg(c->ent, A_ARGV, 0), n = 0, err;
	uint64_t vec[(SLOT_SIZE - 2 * PART_SIZE) / 8], p, strs;
	uint32_t vec32[sizeof(vec) / sizeof(vec[0])];
	char host[PATH_MAX], buf[PART_SIZE];
	size_t off = 0, len;
	const char *words[3] = { interp, arg[0] ? arg : NULL, c->raw };
	int i, nvec = sizeof(vec) / sizeof(vec[0]);
	unsigned int ps = c->abi->ptr_size;

	if (!c->raw || ai < 0)
		return 1;
	err = interp_host(s, t, &cr, interp, host);
	if (err)
		return err;
	strs = ov_part_addr(t, 1);
	for (i = 0; i < 3; i++) {
		if (!words[i])
			continue;
		len = strlen(words[i]) + 1;
		if (off + len > sizeof(buf))
			return 1;
		memcpy(buf + off, words[i], len);
		vec[n++] = strs + off;
		off += len;
	}
	for (p = c->args[ai] + ps; n < nvec; p += ps) {
		vec[n] = 0;
		if (mem_read(t->tid, p, &vec[n], ps))
			return -EFAULT;
		if (!vec[n++])
			break;
	}
	if (n == nvec && vec[n - 1])
		return 1;
	for (i = 0; ps == 4 && i < n; i++)
		vec32[i] = vec[i];	/* the i386 ABI's: 32-bit pointers */
	err = ov_scratch_write(t, strs, buf, off);
	if (!err)
		err = ov_scratch_write(t, ov_part_addr(t, 2),
				ps == 4 ? (void *)vec32 : (void *)vec, n * ps);
	if (!err)
		err = ov_change_arg(s, t, c, ai, ov_part_addr(t, 2));
	if (!err)
		err = ov_set_arg_data(s, t, c, pi, 0, host, strlen(host) + 1);
	return err;
}

/* execve, execveat */
enum ov_result h_exec(struct sup *s, struct tracee *t, struct call *c)
{
	struct vfs_cred cr = ov_cred_of(t);
	int i = ov_first_path(c), err;
	const char *vp = ov_path_of(c, i), *base, *wp;
	char interp[256], arg[256], bbuf[PATH_MAX];
	struct vfs_target tg;

	if (!vp)
		return ov_done(s, t, c, ov_path_err(c, i));
	if (c->str[i] && !c->str[i][0])
		return OV_PASS;		/* fexecve: the fd is real */
	if (ov_under(vp, "/proc") || ov_under(vp, "/dev/fd"))
		return h_lookup(s, t, c, i);
	base = ov_walk_from(c, i, vp, bbuf, sizeof(bbuf), &wp);
	err = vfs_resolve(s->view->vfs, &cr, base, wp,
			  ov_at_flags(c) & AT_SYMLINK_NOFOLLOW, VFS_LOOKUP, &tg);
	if (!err && !tg.host[0])
		err = -EACCES;	/* memory files cannot be run */
	if (err)
		return ov_done(s, t, c, err);
	free(OVT(t)->exe);
	OVT(t)->exe = strdup(tg.view);
	if (shebang(tg.host, interp, sizeof(interp), arg, sizeof(arg))) {
		/* the kernel checks the script's own execute permission */
		err = vfs_access(s->view->vfs, &cr, base, wp, X_OK, 0);
		if (err)
			return ov_done(s, t, c, err);
		err = exec_script(s, t, c, i, interp, arg);
		if (err <= 0)
			return err ? ov_done(s, t, c, err) : ov_pass(t);
	}
	err = ov_rewrite(s, t, c, i, tg.host);
	return err ? ov_done(s, t, c, err) : ov_pass(t);
}
