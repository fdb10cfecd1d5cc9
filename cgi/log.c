/* log.c: operator-facing log lines on standard error or syslog, and the
 * request id that joins a request's lines (see log.h). */
#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static int use_syslog;
/* The id of the request being handled; "" between requests. A worker
 * handles one request at a time, so one copy per process is enough. */
static char current_id[LOG_ID_MAX + 1];

/* A line being built. Two bytes stay free for the newline and the NUL. */
struct line {
	char	buf[LOG_LINE_MAX];
	size_t	len;
};

#define LINE_ROOM(l)	(sizeof((l)->buf) - 2 - (l)->len)

static void
put(struct line *l, const char *s)
{
	size_t n = strlen(s);

	if (n > LINE_ROOM(l))
		n = LINE_ROOM(l);
	memcpy(l->buf + l->len, s, n);
	l->len += n;
}

/* The length of the UTF-8 character at S (1 to 4) when it is valid,
 * shortest-form and not a C1 control (U+0080..U+009F, which a terminal
 * may obey like ESC), else 0. S[0] >= 0x80; S is NUL-terminated. */
static size_t
utf8_len(const unsigned char *s)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t n;

	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		if (s[0] == 0xc2)
			lo = 0xa0;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		if (s[0] == 0xe0)
			lo = 0xa0;
		else if (s[0] == 0xed)
			hi = 0x9f;	/* no UTF-16 surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;	/* nothing past U+10FFFF */
	} else
		return 0;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* Appends S with control bytes, backslashes and bytes that are not UTF-8
 * as \xNN (spaces too when SPACE: they separate a request line's fields),
 * in at most BUDGET bytes of the line. What does not fit is cut and
 * "..." ends it; returns 1 then. */
static int
put_escaped(struct line *l, const char *s, size_t budget, int space)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t used = 0, in, out;	/* bytes read from S, written to L */
	char hex[5];

	if (budget > LINE_ROOM(l))
		budget = LINE_ROOM(l);
	for (; *p != '\0'; p += in) {
		const char *piece = (const char *)p;

		if (*p >= 0x80 && (in = utf8_len(p)) > 0)
			out = in;
		else if (*p < 0x20 || *p >= 0x7f || *p == '\\' ||
		    (space && *p == ' ')) {
			snprintf(hex, sizeof(hex), "\\x%02x", *p);
			piece = hex;
			in = 1;
			out = 4;
		} else
			in = out = 1;
		/* Keep room for "..." unless this is the last piece. */
		if (used + out + (p[in] != '\0' ? 3 : 0) > budget) {
			if (used + 3 <= budget) {
				memcpy(l->buf + l->len, "...", 3);
				l->len += 3;
			}
			return 1;
		}
		memcpy(l->buf + l->len, piece, out);
		l->len += out;
		used += out;
	}
	return 0;
}

/* Starts a line of KIND: the time and pid (syslog adds its own), the
 * kind, and the request's id while there is one. */
static void
begin(struct line *l, const char *kind)
{
	l->len = 0;
	if (!use_syslog) {
		struct timespec ts;
		struct tm tm;
		char stamp[64];

		clock_gettime(CLOCK_REALTIME, &ts);
		if (gmtime_r(&ts.tv_sec, &tm) != NULL &&
		    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm) > 0) {
			put(l, stamp);
			snprintf(stamp, sizeof(stamp), ".%03ldZ ",
			    ts.tv_nsec / 1000000);
			put(l, stamp);
		}
		snprintf(stamp, sizeof(stamp), "gazette[%ld] ", (long)getpid());
		put(l, stamp);
	}
	put(l, kind);
	if (current_id[0] != '\0') {
		put(l, " id=");
		put(l, current_id);
	}
}

/* Sends the line: one syslog call, or one write(2) with its newline. */
static void
emit(struct line *l, int priority)
{
	const char *p = l->buf;
	size_t n;
	int saved = errno;	/* callers may log, then look at errno */

	if (use_syslog) {
		l->buf[l->len] = '\0';
		syslog(priority, "%s", l->buf);
		errno = saved;
		return;
	}
	l->buf[l->len++] = '\n';
	for (n = l->len; n > 0;) {
		ssize_t w = write(STDERR_FILENO, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;	/* nowhere else to say it */
		p += w;
		n -= (size_t)w;
	}
	errno = saved;
}

static void
log_line(int priority, const char *kind, const char *fmt, va_list ap)
{
	struct line l;
	char msg[LOG_LINE_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	begin(&l, kind);
	put(&l, ": ");
	/* Messages quote what requests sent (a sign-in name, an Origin). */
	put_escaped(&l, msg, sizeof(l.buf), 0);
	emit(&l, priority);
}

void
log_use_syslog(void)
{
	if (use_syslog)
		return;
	openlog("gazette", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	use_syslog = 1;
}

void
log_request_begin(const char *given)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@";
	unsigned char raw[16];
	size_t n = given ? strlen(given) : 0;

	if (n > 0 && n <= LOG_ID_MAX && strspn(given, ok) == n) {
		memcpy(current_id, given, n + 1);
		return;
	}
	/* The same shape as nginx's $request_id: 128 random bits in hex. */
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(current_id, sizeof(current_id), raw, sizeof(raw));
}

const char *
log_request_id(void)
{
	return current_id;
}

/* The bytes left on L before TAIL, which must still fit. */
static size_t
room_before(struct line *l, const char *tail)
{
	size_t room = LINE_ROOM(l), n = strlen(tail);

	return room > n ? room - n : 0;
}

void
log_request(const char *method, const char *path, const char *query,
    int status, double ms, enum log_cache cache)
{
	static const char *const caches[] = { "-", "miss", "hit" };
	struct line l;
	char tail[128];
	int cut;

	snprintf(tail, sizeof(tail), " status=%d ms=%.2f cache=%s", status, ms,
	    caches[cache <= LOG_CACHE_HIT ? cache : LOG_CACHE_NONE]);
	begin(&l, "request");
	put(&l, " method=");
	put_escaped(&l, method ? method : "-", 32, 1);
	put(&l, " path=");
	/* The path is what may be long: it gives way, so that the fields
	 * after it are always there. */
	cut = put_escaped(&l, path && *path ? path : "-",
	    room_before(&l, tail), 1);
	if (!cut && query != NULL && *query != '\0' &&
	    room_before(&l, tail) > 4) {
		put(&l, "?");
		put_escaped(&l, query, room_before(&l, tail), 1);
	}
	put(&l, tail);
	emit(&l, LOG_INFO);
	current_id[0] = '\0';
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(LOG_ERR, "error", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(LOG_WARNING, "warning", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(LOG_INFO, "info", fmt, ap);
	va_end(ap);
}
