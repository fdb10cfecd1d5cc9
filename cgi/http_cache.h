/* http_cache.h: the caching headers of a finished answer (Cache-Control,
 * ETag, Last-Modified, Vary) and the 304 for a matching conditional GET. */
#ifndef GAZETTE_HTTP_CACHE_H
#define GAZETTE_HTTP_CACHE_H

struct request;
struct response;

/* Bytes of an ETag as http_cache_etag writes it: quotes, hex, NUL. */
#define HTTP_CACHE_ETAG_SIZE	35

/* 1 when RESP (as its handler left it) answering REQ gets validators: a
 * 200 to a GET or HEAD under a public cache policy. */
int	http_cache_public(const struct request *, const struct response *);
/* The ETag of RESP's body into OUT (HTTP_CACHE_ETAG_SIZE bytes). */
void	http_cache_etag(const struct response *, char *out);
/* Called once the handler has filled RESP for REQ. A 200 under a public
 * policy gets its validators, and becomes a bodiless 304 when REQ's
 * If-None-Match / If-Modified-Since say the client has it already.
 * LAST_MODIFIED is the site revision's time (0: unknown). ETAG is the
 * body's ETag when the caller knows it already (page_cache.h), else NULL:
 * it is then hashed here. */
void	http_cache_finish(const struct request *, struct response *,
	    long long last_modified, const char *etag);

#endif
