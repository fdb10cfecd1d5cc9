/* log.h: operator-facing messages on standard error, one line each,
 * prefixed with time, program and pid so a log of many workers stays legible.
 * Control bytes and backslashes in a message are written as \xNN, so what
 * a request sent can never break a line or forge one. */
#ifndef GAZETTE_LOG_H
#define GAZETTE_LOG_H

void	log_error(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));

/* The one line each request leaves: method, path, status, duration, and
 * " cached" when the answer came out of the worker's page cache. Bytes
 * that could forge a log line (control characters) are written as \xNN. */
void	log_request(const char *method, const char *path, int status, double ms,
	    int cached);

#endif
