/* SPDX-License-Identifier: MIT */
/*
 * --sandbox: socket addresses without a race.
 *
 * The kernel reads a socket address from the tree's memory after
 * vfstrace looked at it, and resolves an AF_UNIX path after vfstrace
 * resolved it: a sibling thread can flip the address, or a name of the
 * upper be swapped for a symlink to a host socket, in between.  Under
 * --sandbox therefore:
 *   - connect, sendto, sendmsg and sendmmsg (directly or through i386
 *     socketcall) to an AF_UNIX path are done by vfstrace itself: it
 *     takes a copy of the tree's socket (pidfd_getfd: the same open file
 *     description, so O_NONBLOCK and the socket's state are shared),
 *     opens the socket inode the view resolves to with O_PATH, walking
 *     from the root of the upper (or writable bind, or scratch) without
 *     following any symlink (openat2 RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS),
 *     checks it is a socket, and connects or sends to "/proc/self/fd/N".
 *     Sockets elsewhere (a lower layer: the host's) are reached only when
 *     named with --share-socket; the others get ECONNREFUSED, the
 *     kernel's answer for a path with no socket it may reach.
 *   - any other address (abstract AF_UNIX, AF_INET, ...) is copied into
 *     the tracee's scratch part and the call points at the copy, which
 *     the tree cannot change (sealed, supervisor/memory.c), so the kernel
 *     sees exactly the address vfstrace saw.  Abstract sockets outside
 *     the tree are Landlock's (ABI 6 scoping).
 * Deviations (README): a blocking connect to a listener whose backlog is
 * full, or a datagram to a full receiver, fails with EAGAIN instead of
 * waiting (vfstrace never blocks); SO_PEERCRED of such a connection names
 * vfstrace's pid; sendmsg with ancillary data to an AF_UNIX path is
 * refused (EPERM); sendmmsg sends its first message only (a partial
 * result, which callers handle).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <stddef.h>
#include <unistd.h>

#include "log.h"
#include "memory.h"
#include "pathabs.h"
#include "sandbox.h"
#include "vfs.h"
#include "view.h"
#include "overlay_impl.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

#define MAX_SEND (1u << 20)	/* the largest datagram vfstrace sends */

/* i386 socketcall sub-calls (linux/net.h) */
#define SOCKOP_CONNECT 3
#define SOCKOP_SENDTO 11
#define SOCKOP_SENDMSG 16
#define SOCKOP_SENDMMSG 20

enum sop_kind { SOP_NONE, SOP_CONNECT, SOP_SENDTO, SOP_SENDMSG, SOP_SENDMMSG };

/* A msghdr in either layout. */
struct umsg {
	uint64_t name, iov, iovlen, control, controllen;
	uint32_t namelen, flags;
};

/* One socket call: its arguments wherever they are. */
struct sop {
	enum sop_kind kind;
	bool sockcall;		/* the arguments are socketcall's array */
	unsigned int ps;	/* pointer size of the call's ABI */
	uint64_t a[6];
	struct umsg msg;	/* sendmsg, sendmmsg: the (first) header */
	struct sockaddr_storage addr;
	uint32_t alen;
};

int ov_take_fd(const struct tracee *t, int fd)
{
	int pidfd = syscall(SYS_pidfd_open, t->proc->tgid, 0), r;

	if (pidfd < 0)
		return -errno;
	r = syscall(SYS_pidfd_getfd, pidfd, fd, 0);
	r = r < 0 ? -errno : r;
	close(pidfd);
	return r;
}

static int sop_nargs(enum sop_kind k)
{
	return k == SOP_SENDTO ? 6 : k == SOP_SENDMMSG ? 4 : 3;
}

/* The kind of C, and its arguments into O; false: not one of ours. */
static bool sop_init(struct tracee *t, const struct call *c, struct sop *o)
{
	uint32_t w[6];
	int i;

	memset(o, 0, sizeof(*o));
	o->ps = c->abi ? c->abi->ptr_size : 8;
	if (c->id != SC_socketcall) {
		o->kind = c->id == SC_connect ? SOP_CONNECT :
			  c->id == SC_sendto ? SOP_SENDTO :
			  c->id == SC_sendmsg ? SOP_SENDMSG :
			  c->id == SC_sendmmsg ? SOP_SENDMMSG : SOP_NONE;
		memcpy(o->a, c->args, sizeof(o->a));
		return o->kind != SOP_NONE;
	}
	switch ((int)c->args[0]) {
	case SOCKOP_CONNECT: o->kind = SOP_CONNECT; break;
	case SOCKOP_SENDTO: o->kind = SOP_SENDTO; break;
	case SOCKOP_SENDMSG: o->kind = SOP_SENDMSG; break;
	case SOCKOP_SENDMMSG: o->kind = SOP_SENDMMSG; break;
	default: return false;
	}
	o->sockcall = true;
	o->ps = 4;
	memset(w, 0, sizeof(w));
	if (mem_read(t->tid, c->args[1], w, sop_nargs(o->kind) * 4))
		o->kind = SOP_NONE;	/* the kernel's EFAULT */
	for (i = 0; i < 6; i++)
		o->a[i] = w[i];
	return o->kind != SOP_NONE;
}

/* The header at ADDR in the layout of pointer size PS. */
static int read_msg(pid_t tid, uint64_t addr, unsigned int ps,
		    struct umsg *m)
{
	uint64_t q[7];
	uint32_t w[7];

	if (ps == 4) {
		if (mem_read(tid, addr, w, sizeof(w)))
			return -EFAULT;
		*m = (struct umsg){ .name = w[0], .namelen = w[1],
			.iov = w[2], .iovlen = w[3], .control = w[4],
			.controllen = w[5], .flags = w[6] };
		return 0;
	}
	if (mem_read(tid, addr, q, sizeof(q)))
		return -EFAULT;
	*m = (struct umsg){ .name = q[0], .namelen = (uint32_t)q[1],
		.iov = q[2], .iovlen = q[3], .control = q[4],
		.controllen = q[5], .flags = (uint32_t)q[6] };
	return 0;
}

/* M in the layout of PS into BUF; its size. */
static size_t put_msg(const struct umsg *m, unsigned int ps, void *buf)
{
	uint64_t q[8] = { m->name, m->namelen, m->iov, m->iovlen, m->control,
			  m->controllen, m->flags, 0 };
	uint32_t w[8];
	int i;

	if (ps == 8) {
		memcpy(buf, q, sizeof(q));	/* little-endian: namelen, flags */
		return sizeof(q);		/* + mmsghdr.msg_len, zero */
	}
	for (i = 0; i < 8; i++)
		w[i] = (uint32_t)q[i];
	memcpy(buf, w, sizeof(w));
	return sizeof(w);
}

/*
 * Read the address of O (once: everything below uses this copy).
 * 1: there is one, 0: none (NULL: sendto without address), -errno.
 */
static int sop_addr(struct tracee *t, struct sop *o)
{
	uint64_t p;
	int err;

	switch (o->kind) {
	case SOP_CONNECT:
		p = o->a[1];
		o->alen = (uint32_t)o->a[2];
		break;
	case SOP_SENDTO:
		p = o->a[4];
		o->alen = (uint32_t)o->a[5];
		break;
	default:
		err = read_msg(t->tid, o->a[1], o->ps, &o->msg);
		if (err)
			return err;
		p = o->msg.name;
		o->alen = o->msg.namelen;
		break;
	}
	if (!p && o->kind != SOP_CONNECT)
		return 0;
	if ((int)o->alen < 0)
		return -EINVAL;
	if (o->alen > sizeof(o->addr)) {
		if (o->kind == SOP_CONNECT || o->kind == SOP_SENDTO)
			return -EINVAL;
		o->alen = sizeof(o->addr);	/* msg_namelen: cut, as the kernel */
	}
	if (o->alen && mem_read(t->tid, p, &o->addr, o->alen))
		return -EFAULT;
	return 1;
}

/* The view path of O's AF_UNIX pathname address into BUF, or false. */
static bool sop_path(struct tracee *t, const struct sop *o, char *buf,
		     size_t size)
{
	const struct sockaddr_un *sun = (const void *)&o->addr;
	size_t off = offsetof(struct sockaddr_un, sun_path), n;
	char rel[sizeof(sun->sun_path) + 1];

	if (o->alen <= off || sun->sun_family != AF_UNIX || !sun->sun_path[0])
		return false;
	n = strnlen(sun->sun_path, o->alen - off);
	memcpy(rel, sun->sun_path, n);
	rel[n] = '\0';
	return path_abs(rel[0] == '/' ? NULL : t->proc->cwd, rel, buf,
			size) >= 0 && buf[0] == '/';
}

/* Whether HOST is DIR or beneath it; *REL: the rest ("." for DIR). */
static bool beneath(const char *host, const char *dir, const char **rel)
{
	size_t n = strlen(dir);

	if (!n || strncmp(host, dir, n) || (host[n] && host[n] != '/'))
		return false;
	*rel = host[n] ? host + n + 1 : ".";
	return true;
}

/* O_PATH on REL beneath DIR, no symlink followed on the way; or -errno. */
static int open_beneath(const char *dir, const char *rel)
{
	struct open_how how = {
		.flags = O_PATH | O_NOFOLLOW | O_CLOEXEC,
		.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS |
			   RESOLVE_NO_MAGICLINKS,
	};
	int root = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC), fd;

	if (root < 0)
		return -errno;
	fd = syscall(SYS_openat2, root, rel, &how, sizeof(how));
	fd = fd < 0 ? -errno : fd;
	close(root);
	return fd;
}

/* A --share-socket path naming HOST: opened (the user's path); or -1. */
static int open_shared(const struct sup *s, const char *host)
{
	char real[PATH_MAX];
	size_t i;

	for (i = 0; i < s->sandbox->nshare_sockets; i++) {
		const char *p = s->sandbox->share_sockets[i];

		if (strcmp(p, host) && (!realpath(p, real) ||
					strcmp(real, host)))
			continue;
		i = open(p, O_PATH | O_CLOEXEC);
		return (int)i < 0 ? -errno : (int)i;
	}
	return -1;
}

/*
 * The socket inode the view names at host path HOST, opened O_PATH
 * (owned by the caller), or -ECONNREFUSED when the tree may not reach it.
 */
static int sock_object(const struct sup *s, const char *host)
{
	const char *rel;
	struct stat st;
	int fd = open_shared(s, host);
	size_t i;

	for (i = 0; fd == -1 && i < s->nunix_roots; i++)
		if (beneath(host, s->unix_roots[i], &rel))
			fd = open_beneath(s->unix_roots[i], rel);
	if (fd == -1 && s->view->scratch && beneath(host, s->view->scratch,
						    &rel))
		fd = open_beneath(s->view->scratch, rel);
	if (fd < 0)
		return -ECONNREFUSED;
	if (fstat(fd, &st) || !S_ISSOCK(st.st_mode)) {
		close(fd);
		return -ECONNREFUSED;
	}
	return fd;
}

/* The object of O's view path VP for the tree (see sock_object()). */
static int resolve(struct sup *s, struct tracee *t, const char *vp)
{
	struct vfs_cred cr = ov_cred_of(t);
	struct vfs_target tg;
	struct stat st;
	int err = vfs_resolve(s->view->vfs, &cr, NULL, vp, 0, VFS_LOOKUP,
			      &tg);

	if (err == -EREMOTE)
		err = -ECONNREFUSED;	/* through /proc: not followed */
	if (err)
		return err;
	if (!tg.host[0])
		return -ECONNREFUSED;	/* --tmpfs in memory: no socket */
	err = sock_object(s, tg.host);
	/* a refused socket is said; a path that is no socket is not */
	if (err < 0 && !stat(tg.host, &st) && S_ISSOCK(st.st_mode))
		log_warn("pid %d: unix socket '%s' (%s): refused: not made "
			 "in the view nor shared (--share-socket)", t->tid,
			 vp, tg.host);
	return err;
}

/* "/proc/self/fd/OBJ" as an address. */
static socklen_t obj_addr(int obj, struct sockaddr_un *sun)
{
	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	snprintf(sun->sun_path, sizeof(sun->sun_path), "/proc/self/fd/%d",
		 obj);
	return sizeof(*sun);
}

/*
 * connect(SOCK, OBJ) without blocking vfstrace: a blocking socket is
 * made non-blocking for the call (the description is the tree's: its
 * flags are put back at once).
 */
static long do_connect(int sock, int obj)
{
	struct sockaddr_un sun;
	socklen_t len = obj_addr(obj, &sun);
	int fl = fcntl(sock, F_GETFL);
	long r;

	if (fl < 0)
		return -errno;
	if (!(fl & O_NONBLOCK))
		fcntl(sock, F_SETFL, fl | O_NONBLOCK);
	r = connect(sock, (struct sockaddr *)&sun, len) ? -errno : 0;
	if (!(fl & O_NONBLOCK))
		fcntl(sock, F_SETFL, fl);
	return r;
}

/* Append LEN bytes at ADDR of the tracee to *BUF (*N bytes so far). */
static int gather_one(pid_t tid, uint64_t addr, uint64_t len, char **buf,
		      size_t *n)
{
	char *b;

	if (len > MAX_SEND || *n + len > MAX_SEND)
		return -EMSGSIZE;
	b = realloc(*buf, *n + len + 1);
	if (!b)
		return -ENOMEM;
	*buf = b;
	if (len && mem_read(tid, addr, b + *n, len))
		return -EFAULT;
	*n += len;
	return 0;
}

/* The data O sends, read once into *BUF (freed by the caller). */
static long gather(pid_t tid, const struct sop *o, char **buf)
{
	uint64_t iov[2 * 16];
	size_t n = 0, i, k, ps = o->ps;
	int err = 0;

	*buf = NULL;
	if (o->kind == SOP_SENDTO)
		err = gather_one(tid, o->a[1], o->a[2], buf, &n);
	if (o->kind != SOP_SENDTO && o->msg.iovlen > 1024)
		return -EMSGSIZE;
	for (i = 0; o->kind != SOP_SENDTO && !err && i < o->msg.iovlen;
	     i += 16) {
		size_t m = o->msg.iovlen - i < 16 ? o->msg.iovlen - i : 16;
		uint32_t w[2 * 16];

		if (mem_read(tid, o->msg.iov + i * 2 * ps,
			     ps == 8 ? (void *)iov : (void *)w, m * 2 * ps))
			return -EFAULT;
		for (k = 0; ps == 4 && k < 2 * m; k++)
			iov[k] = w[k];
		for (k = 0; !err && k < m; k++)
			err = gather_one(tid, iov[2 * k], iov[2 * k + 1], buf,
					 &n);
	}
	return err ? err : (long)n;
}

/* sendto/sendmsg/sendmmsg of O on SOCK to OBJ, never blocking. */
static long do_send(struct tracee *t, const struct sop *o, int sock,
		    int obj)
{
	int flags = (int)(o->kind == SOP_SENDMSG ? o->a[2] : o->a[3]);
	struct sockaddr_un sun;
	socklen_t len = obj_addr(obj, &sun);
	char *buf;
	long n = gather(t->tid, o, &buf), r;
	uint32_t sent;

	if (n < 0) {
		free(buf);
		return n;
	}
	r = sendto(sock, buf, n, flags | MSG_DONTWAIT,
		   (struct sockaddr *)&sun, len);
	r = r < 0 ? -errno : r;
	free(buf);
	if (o->kind != SOP_SENDMMSG || r < 0)
		return r;
	sent = (uint32_t)r;	/* msgvec[0].msg_len, after the header */
	if (mem_write(t->tid, o->a[1] + (o->ps == 8 ? 56 : 28), &sent,
		      sizeof(sent)))
		return -EFAULT;
	return 1;
}

/* O to view path VP, done by vfstrace (see the top of this file). */
static enum ov_result emulate(struct sup *s, struct tracee *t,
			      struct call *c, const struct sop *o,
			      const char *vp)
{
	int obj, sock;
	long r;

	if (o->kind != SOP_CONNECT && o->kind != SOP_SENDTO &&
	    o->msg.controllen) {
		log_warn("pid %d: %s: ancillary data to unix socket '%s': "
			 "refused: not sent by vfstrace under --sandbox",
			 t->tid, c->ent->name, vp);
		c->refused = true;
		return ov_done(s, t, c, -EPERM);
	}
	obj = resolve(s, t, vp);
	if (obj < 0)
		return ov_done(s, t, c, obj);
	sock = ov_take_fd(t, (int)o->a[0]);
	if (sock < 0) {
		close(obj);
		if (sock != -EBADF)
			log_warn("pid %d: %s: cannot take a copy of fd %d "
				 "(%s): refused", t->tid, c->ent->name,
				 (int)o->a[0], strerror(-sock));
		return ov_done(s, t, c, sock == -EBADF ? -EBADF :
			       -ECONNREFUSED);
	}
	r = o->kind == SOP_CONNECT ? do_connect(sock, obj) :
	    do_send(t, o, sock, obj);
	close(sock);
	close(obj);
	return ov_done(s, t, c, r);
}

/* Scratch part 2 while a call points at copies of its address. */
struct pin {
	uint32_t sc[8];			/* socketcall's arguments */
	struct sockaddr_storage addr;
	unsigned char msg[64];		/* (m)msghdr */
};

/* Write P to T's scratch part 2 and point the call at it. */
static int pin_commit(struct sup *s, struct tracee *t, struct call *c,
		      struct sop *o, struct pin *p, unsigned int changed)
{
	uint64_t base = ov_part_addr(t, 2);
	int err, i;

	if (o->ps == 4 && base + sizeof(*p) > UINT32_MAX) {
		log_warn("pid %d: %s: scratch memory above 4 GiB: refused",
			 t->tid, c->ent->name);
		c->refused = true;
		return -ENOSYS;
	}
	for (i = 0; i < 6; i++)
		p->sc[i] = (uint32_t)o->a[i];
	err = ov_scratch_write(t, base, p, sizeof(*p));
	if (o->sockcall)
		return err ? err : ov_change_arg(s, t, c, 1, base);
	for (i = 0; !err && i < 6; i++)
		if (changed & (1u << i))
			err = ov_change_arg(s, t, c, i, o->a[i]);
	return err;
}

/*
 * O with a copy of its address (HAS: it has one) and header in the
 * scratch, which the tree cannot change (see the top of this file).
 */
static enum ov_result pin(struct sup *s, struct tracee *t, struct call *c,
			  struct sop *o, int has)
{
	uint64_t base = ov_part_addr(t, 2);
	uint64_t aaddr = base + offsetof(struct pin, addr);
	struct pin p;
	unsigned int changed = 0;
	int err;

	memset(&p, 0, sizeof(p));
	memcpy(&p.addr, &o->addr, o->alen);
	if (o->kind == SOP_CONNECT || o->kind == SOP_SENDTO) {
		int i = o->kind == SOP_CONNECT ? 1 : 4;

		if (!has && !o->sockcall)
			return OV_PASS;	/* a NULL register: nothing read */
		if (has) {
			o->a[i] = aaddr;
			changed = 1u << i;
		}
	} else {
		if (has)
			o->msg.name = aaddr;
		put_msg(&o->msg, o->ps, p.msg);
		changed = 1u << 1;
		if (o->kind == SOP_SENDMMSG) {
			/*
			 * The first message alone, as sendmsg(fd, msg, flags):
			 * the kernel would write its msg_len into the copy,
			 * which is read-only in the tree; ov_unix_exit()
			 * writes it into the tree's vector.
			 */
			OVT(t)->mmsg_back = o->a[1] + (o->ps == 8 ? 56 : 28);
			o->a[2] = o->a[3];
			o->a[3] = 0;
			changed |= 1u << 2 | 1u << 3;
		}
		o->a[1] = base + offsetof(struct pin, msg);
	}
	err = pin_commit(s, t, c, o, &p, changed);
	if (!err && o->kind == SOP_SENDMMSG)
		err = o->sockcall ? ov_change_arg(s, t, c, 0, SOCKOP_SENDMSG) :
		      s->arch->set_scno(t->tid, abi_nr(c->abi, SC_sendmsg));
	if (err)
		OVT(t)->mmsg_back = 0;
	return err ? ov_done(s, t, c, err) : OV_EXIT;
}

long ov_unix_exit(struct tracee *t, long ret)
{
	uint32_t len = (uint32_t)ret;

	if (ret >= 0)
		ret = mem_write(t->tid, OVT(t)->mmsg_back, &len, sizeof(len)) ?
		      -EFAULT : 1;
	OVT(t)->mmsg_back = 0;
	return ret;
}

enum ov_result ov_unix_sandbox(struct sup *s, struct tracee *t,
			       struct call *c)
{
	char vp[PATH_MAX];
	struct sop o;
	int r;

	if (!sop_init(t, c, &o))
		return o.sockcall ? ov_done(s, t, c, -EFAULT) : OV_PASS;
	if (o.kind == SOP_SENDMMSG && !(uint32_t)o.a[2] && !o.sockcall)
		return OV_PASS;		/* vlen 0: nothing is read */
	r = sop_addr(t, &o);
	if (r < 0)
		return ov_done(s, t, c, r);
	if (r && sop_path(t, &o, vp, sizeof(vp)))
		return emulate(s, t, c, &o, vp);
	return pin(s, t, c, &o, r);
}

/* Append the realpath of DIR to S's roots; dies on ENOMEM. */
static void add_root(struct sup *s, const char *dir)
{
	char real[PATH_MAX], **r;

	if (!dir || !realpath(dir, real))
		return;
	r = realloc(s->unix_roots, (s->nunix_roots + 1) * sizeof(*r));
	if (!r || !(r[s->nunix_roots] = strdup(real)))
		die("out of memory");
	s->unix_roots = r;
	s->nunix_roots++;
}

void ov_unix_roots(struct sup *s, const char *const *binds, const bool *ro,
		   size_t n)
{
	size_t i;

	add_root(s, s->view->upper);
	for (i = 0; i < n; i++)
		if (!ro[i])
			add_root(s, binds[2 * i]);
}

void ov_unix_roots_release(struct sup *s)
{
	size_t i;

	for (i = 0; i < s->nunix_roots; i++)
		free(s->unix_roots[i]);
	free(s->unix_roots);
	s->unix_roots = NULL;
	s->nunix_roots = 0;
}
