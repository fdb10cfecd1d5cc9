/* log.h: operator-facing log lines, one per event, to standard error or
 * to syslog. On standard error each line starts with the UTC time (ms),
 * the program and its pid: "2026-11-21T17:57:34.123Z gazette[4242] ";
 * syslog adds its own time and pid, so there the line starts after that.
 *
 * Then the kind, and the request id while a request is being handled:
 *   request id=ID method=GET path=/articles/?page=2 status=200 ms=1.23 cache=hit
 *   warning id=ID: failed sign-in for account bob from 127.0.0.1
 *   error: cannot open database ...        (outside any request)
 * so one grep for "id=ID" joins a request's line with every error or
 * warning it caused. Control bytes, backslashes and bytes that are not
 * UTF-8 are written as \xNN (and spaces too in request fields), so what a
 * request sent can never break a line, forge one, or drive a terminal.
 * A line is at most LOG_LINE_MAX bytes and goes out in one write, so
 * lines of different workers never mix. */
#ifndef GAZETTE_LOG_H
#define GAZETTE_LOG_H

#define LOG_LINE_MAX	4096	/* PIPE_BUF: one write is never split */
#define LOG_ID_MAX	64	/* bytes of a request id */

void	log_error(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));

/* From now on every line goes to syslog (facility daemon, ident
 * "gazette", with the pid) at the priority of its kind, and none to
 * standard error. Call it once, before the workers are forked: they
 * share the socket it opens (LOG_NDELAY, so that it is open before the
 * process leaves root). */
void	log_use_syslog(void);

/* Starts a request: its id is GIVEN (the web server's, e.g. nginx's
 * $request_id) when that is 1 to LOG_ID_MAX bytes of letters, digits and
 * ".-_@", else 32 random hex digits. Every line until log_request carries
 * it. */
void	log_request_begin(const char *given);
/* The current request's id, or "" outside a request. */
const char *log_request_id(void);

/* Whether the answer came out of the worker's page cache (page_cache.h). */
enum log_cache {
	LOG_CACHE_NONE,		/* not a candidate: cache off, a private
				 * page, not GET/HEAD, failed before routing */
	LOG_CACHE_MISS,		/* a candidate the handler rendered */
	LOG_CACHE_HIT		/* copied out of the cache */
};

/* The one line each request leaves, and the end of it: later lines carry
 * no id. PATH and QUERY (NULL or "" for none) as received; a path longer
 * than the line allows is cut, ending in "...". */
void	log_request(const char *method, const char *path, const char *query,
	    int status, double ms, enum log_cache cache);

#endif
