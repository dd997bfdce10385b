/* SPDX-License-Identifier: MIT */
/*
 * The buffered writer shared by the trace and the summary (outbuf.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "outbuf.h"

#define OUTBUF_CAP (64 * 1024)

int outbuf_init(struct outbuf *ob, int fd, const char *what)
{
	memset(ob, 0, sizeof(*ob));
	ob->fd = fd;
	ob->what = what;
	ob->buf = malloc(OUTBUF_CAP);
	if (!ob->buf)
		return -ENOMEM;
	ob->cap = OUTBUF_CAP;
	return 0;
}

int outbuf_release(struct outbuf *ob)
{
	int err = outbuf_flush(ob);

	free(ob->buf);
	ob->buf = NULL;
	ob->cap = 0;
	return err;
}

int outbuf_flush(struct outbuf *ob)
{
	size_t done = 0;

	while (done < ob->len && !ob->err) {
		ssize_t n = write(ob->fd, ob->buf + done, ob->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ob->err = n < 0 ? -errno : -EIO;
			if (ob->what)
				log_warn("cannot write the %s: %s; writing it "
					 "stops", ob->what, strerror(-ob->err));
		}
		done += n > 0 ? n : 0;
	}
	ob->len = 0;
	return ob->err;
}

void outbuf_put_slow(struct outbuf *ob, const char *s, size_t n)
{
	outbuf_flush(ob);
	if (n > ob->cap) {
		char *bigger = realloc(ob->buf, n);

		if (!bigger)
			return;
		ob->buf = bigger;
		ob->cap = n;
	}
	memcpy(ob->buf + ob->len, s, n);
	ob->len += n;
}

/* U in decimal at the end of TMP (24 bytes); returns where it starts. */
static char *udec(char tmp[24], unsigned long long u)
{
	char *p = tmp + 24;

	do {
		*--p = '0' + u % 10;
		u /= 10;
	} while (u);
	return p;
}

size_t outbuf_dec(struct outbuf *ob, long long v)
{
	char tmp[24], *p;

	p = udec(tmp, v < 0 ? -(unsigned long long)v : (unsigned long long)v);
	if (v < 0)
		*--p = '-';
	outbuf_put(ob, p, tmp + sizeof(tmp) - p);
	return tmp + sizeof(tmp) - p;
}

size_t outbuf_udec(struct outbuf *ob, unsigned long long v, int width)
{
	static const char spaces[] = "                ";
	char tmp[24], *p = udec(tmp, v);
	size_t digits = tmp + sizeof(tmp) - p, pad, left, k;

	pad = width > 0 && (size_t)width > digits ? width - digits : 0;
	for (left = pad; left; left -= k) {
		k = left < sizeof(spaces) - 1 ? left : sizeof(spaces) - 1;
		outbuf_put(ob, spaces, k);
	}
	outbuf_put(ob, p, digits);
	return pad + digits;
}

void outbuf_printf(struct outbuf *ob, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		outbuf_put(ob, tmp, (size_t)n < sizeof(tmp) ? (size_t)n :
			   sizeof(tmp) - 1);
}

/* Length of the valid UTF-8 sequence at S (N bytes left), 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned int cp, need, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 1, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 2, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 3, cp = s[0] & 0x07;
	else
		return 0;
	if (n < need + 1)
		return 0;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return need + 1;
}

void outbuf_json_str(struct outbuf *ob, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;

	outbuf_putc(ob, '"');
	while (i < len) {
		n = utf8_len(u + i, len - i);
		if (n > 1) {
			outbuf_put(ob, s + i, n);
		} else if (n == 0) {
			outbuf_printf(ob, "\\udc%02x", u[i]);
			n = 1;
		} else if (u[i] == '"' || u[i] == '\\') {
			outbuf_printf(ob, "\\%c", u[i]);
		} else if (u[i] < 0x20 || u[i] == 0x7f) {
			outbuf_printf(ob, "\\u%04x", u[i]);
		} else {
			outbuf_put(ob, s + i, 1);
		}
		i += n;
	}
	outbuf_putc(ob, '"');
}
