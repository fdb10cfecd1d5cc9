/* request.h: one HTTP request as the responder sees it, built from the
 * CGI/FastCGI environment and validated before any handler runs. */
#ifndef GAZETTE_REQUEST_H
#define GAZETTE_REQUEST_H

#include "urlencoded.h"

struct arena;

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_OTHER,	/* anything else: answered 405 by the router */
	HTTP_METHOD__MAX
};

/* Limits on what a request may send; past them the answer is a 4xx.
 * REQUEST_MAX_BODY must agree with nginx's client_max_body_size (10m in
 * docs/nginx.conf), so that the responder and the web server refuse the
 * same bodies. */
#define REQUEST_MAX_PATH	1024	/* bytes of the decoded path */
#define REQUEST_MAX_QUERY	2048	/* bytes of the raw query string */
#define REQUEST_MAX_BODY	(10L * 1024 * 1024)

/* Where a request body comes from: FastCGI's input stream or CGI's stdin.
 * READ returns the bytes it put in BUF, 0 at the end, -1 on error. */
struct body_source {
	long	(*read)(void *ctx, char *buf, size_t len);
	void	 *ctx;
};

struct request {
	enum http_method	 method;
	const char		*method_name;	/* as sent, for the log */
	const char		*path;		/* decoded, valid UTF-8, starts with '/' */
	const char		*query_raw;	/* as sent, possibly "" */
	struct urlenc_form	 query;		/* decoded pairs */
	const char		*remote_addr;
	long long		 content_length; /* -1 when absent */
	const char		*content_type;	/* NULL when absent */
	const char		*cookie;	/* the Cookie header, or NULL */
	const char		*origin;	/* the Origin header, or NULL */
	const char		*host;		/* Host without port, or NULL */
	const char		*server_port;	/* or NULL */
	int			 https;		/* served over TLS */
	const char		*if_none_match;	/* or NULL */
	const char		*if_modified_since; /* or NULL */
	/* Set by nginx's page cache (docs/nginx.conf), else NULL: on a page
	 * request, the key it asked for (views were counted then); on the
	 * cache-key request itself, the page's URI as the reader sent it. */
	const char		*cache_key;
	const char		*original_uri;
	const struct body_source *body;		/* NULL: no body */
};

/* Reads the request out of ENVP (a FastCGI parameter array or environ).
 * Returns 0, or the HTTP status to answer with (400, 414) and sets *WHY
 * to a short reason for the log. */
int		 request_parse(struct arena *, char *const *envp,
		    const struct body_source *, struct request *, const char **why);
/* Reads the whole body (at most MAX bytes) into the arena: 0 with *DATA
 * (NUL-terminated) and *LEN set, or the status to answer: 411 without a
 * Content-Length, 413 when it announces more than MAX, 400 when fewer
 * bytes arrive than it announced. */
int		 request_read_body(struct arena *, const struct request *,
		    size_t max, const char **data, size_t *len);
/* The value of NAME in ENVP, or NULL. */
const char	*env_get(char *const *envp, const char *name);

#endif
