/* log.c: operator-facing log lines on standard error (see log.h). */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* Copies S into BUF (of LEN > 4 bytes) with control bytes as \xNN. */
static void
log_safe(const char *s, char *buf, size_t len)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0' && n + 5 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || c == '\\')
			n += (size_t)snprintf(buf + n, len - n, "\\x%02x", c);
		else
			buf[n++] = (char)c;
	}
	buf[n] = '\0';
}

static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char stamp[32], msg[2048], safe[4 * sizeof(msg)];
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		stamp[0] = '\0';
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* Messages quote what requests sent (a sign-in name, an Origin):
	 * a line break there would forge a line, an escape would drive the
	 * operator's terminal. */
	log_safe(msg, safe, sizeof(safe));
	/* One fprintf per line keeps lines from different workers whole. */
	fprintf(stderr, "%s gazette[%ld] %s: %s\n", stamp, (long)getpid(), level, safe);
}

void
log_request(const char *method, const char *path, int status, double ms,
    int cached)
{
	char m[32], p[1100];

	log_safe(method ? method : "-", m, sizeof(m));
	log_safe(path ? path : "-", p, sizeof(p));
	fprintf(stderr, "%s %s %d %.2fms%s\n", m, p, status, ms,
	    cached ? " cached" : "");
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("warning", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("info", fmt, ap);
	va_end(ap);
}
