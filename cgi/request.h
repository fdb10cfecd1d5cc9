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

/* Limits on what a request may send; past them the answer is a 4xx. */
#define REQUEST_MAX_PATH	1024	/* bytes of the decoded path */
#define REQUEST_MAX_QUERY	2048	/* bytes of the raw query string */

struct request {
	enum http_method	 method;
	const char		*method_name;	/* as sent, for the log */
	const char		*path;		/* decoded, valid UTF-8, starts with '/' */
	const char		*query_raw;	/* as sent, possibly "" */
	struct urlenc_form	 query;		/* decoded pairs */
	const char		*remote_addr;
	long long		 content_length; /* -1 when absent */
};

/* Reads the request out of ENVP (a FastCGI parameter array or environ).
 * Returns 0, or the HTTP status to answer with (400, 414) and sets *WHY
 * to a short reason for the log. */
int		 request_parse(struct arena *, char *const *envp,
		    struct request *, const char **why);
/* The value of NAME in ENVP, or NULL. */
const char	*env_get(char *const *envp, const char *name);

#endif
