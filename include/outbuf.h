/* SPDX-License-Identifier: MIT */
#ifndef VFSTRACE_OUTBUF_H
#define VFSTRACE_OUTBUF_H

#include <stddef.h>
#include <string.h>

/*
 * The buffered writer of the trace and the summary: bytes are appended
 * to a 64 KiB buffer that is written to the fd by outbuf_flush() (the
 * owner's choice of when: the trace flushes once per batch of events)
 * or when an append does not fit.  An append larger than the buffer
 * grows it to that size.  The first failed write breaks the buffer:
 * what is appended afterwards is dropped, and ERR keeps the -errno.
 * Appends never fail visibly; an append that cannot get memory is
 * dropped.  Single-threaded.
 */
struct outbuf {
	int fd;			/* not owned */
	const char *what;	/* "trace": warned about once when broken;
				   NULL: silent (the owner reports ERR) */
	char *buf;		/* owned */
	size_t len, cap;
	int err;		/* 0, or -errno of the write that failed */
};

/*
 * Set OB up to write to FD (not owned) with a 64 KiB buffer; WHAT as in
 * struct outbuf (a static string, not copied).  Returns 0 or -ENOMEM.
 * Released with outbuf_release().
 */
int outbuf_init(struct outbuf *ob, int fd, const char *what);
/* Flush, then free the buffer; FD is not closed.  Returns OB->err. */
int outbuf_release(struct outbuf *ob);

/* Write out what is buffered; returns OB->err. */
int outbuf_flush(struct outbuf *ob);

/* The slow path of outbuf_put(): flush first, grow if N > cap. */
void outbuf_put_slow(struct outbuf *ob, const char *s, size_t n);

/* Append the N bytes at S (the hot path: inline while they fit). */
static inline void outbuf_put(struct outbuf *ob, const char *s, size_t n)
{
	if (ob->len + n <= ob->cap) {
		memcpy(ob->buf + ob->len, s, n);
		ob->len += n;
	} else {
		outbuf_put_slow(ob, s, n);
	}
}

static inline void outbuf_putc(struct outbuf *ob, char ch)
{
	outbuf_put(ob, &ch, 1);
}

static inline void outbuf_puts(struct outbuf *ob, const char *s)
{
	outbuf_put(ob, s, strlen(s));
}

/*
 * V in decimal without printf (the hot path of every trace line); the
 * unsigned one right-aligned in at least WIDTH columns, as "%*llu".
 * Both return the number of bytes appended.
 */
size_t outbuf_dec(struct outbuf *ob, long long v);
size_t outbuf_udec(struct outbuf *ob, unsigned long long v, int width);

/* printf into the buffer; output beyond 255 bytes is cut off. */
void outbuf_printf(struct outbuf *ob, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * S (LEN bytes) as a JSON string: valid UTF-8 as is, each byte of an
 * invalid sequence as \udcXX (lossless, Python's "surrogateescape").
 */
void outbuf_json_str(struct outbuf *ob, const char *s, size_t len);

#endif
