/* response.h: a response being built: status, headers and body, sent in
 * one piece when the handler is done. */
#ifndef GAZETTE_RESPONSE_H
#define GAZETTE_RESPONSE_H

#include "strbuf.h"

/* How an answer may be kept by browsers and caches (http_cache.c adds the
 * headers once the handler is done). Public pages carry an ETag (a hash of
 * the body) and Last-Modified (the site revision's time). */
enum cache_policy {
	CACHE_UNSAID,		/* the handler set its own headers, or an error */
	CACHE_REVALIDATE,	/* public page: keep, but ask every time */
	CACHE_FEED,		/* feeds and the sitemap: fresh for 5 minutes */
	CACHE_DAY,		/* robots.txt: fresh for a day */
};

/* The Content-Security-Policy of every response (see response_head).
 * connect-src 'self' lets audits (Lighthouse) fetch /robots.txt from the
 * page; with no script allowed to run, nothing else can connect. */
#define RESPONSE_CSP	"default-src 'none'; connect-src 'self'; " \
			"style-src 'self'; img-src 'self'; form-action 'self'; " \
			"base-uri 'none'; frame-ancestors 'none'"

struct response {
	int		 status;
	const char	*content_type;	/* static string */
	struct strbuf	 headers;	/* extra "Name: value\r\n" lines */
	struct strbuf	 body;
	int		 omit_body;	/* HEAD: headers only */
	enum cache_policy cache;	/* from the route; CACHE_UNSAID by default */
};

void		 response_init(struct response *);
void		 response_reset(struct response *);
void		 response_free(struct response *);
/* Adds a header; a name or value holding CR, LF or NUL is refused (-1). */
int		 response_header(struct response *, const char *name,
		    const char *value);
/* Makes the response a redirect to LOCATION (a site path). */
void		 response_redirect(struct response *, int status,
		    const char *location);
/* Writes the CGI header block (Status, Content-Type, the security
 * headers, extras, blank line) into OUT. */
void		 response_head(const struct response *, struct strbuf *out);
const char	*http_status_text(int status);

#endif
