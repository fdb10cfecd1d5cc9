/* http_cache.h: the caching headers of a finished answer (Cache-Control,
 * ETag, Last-Modified, Vary) and the 304 for a matching conditional GET. */
#ifndef GAZETTE_HTTP_CACHE_H
#define GAZETTE_HTTP_CACHE_H

struct request;
struct response;

/* Called once the handler has filled RESP for REQ. A 200 under a public
 * policy gets its validators, and becomes a bodiless 304 when REQ's
 * If-None-Match / If-Modified-Since say the client has it already.
 * LAST_MODIFIED is the site revision's time (0: unknown). */
void	http_cache_finish(const struct request *, struct response *,
	    long long last_modified);

#endif
