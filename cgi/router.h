/* router.h: the route table's types and the matcher that turns a method
 * and path into a handler with typed parameters. */
#ifndef GAZETTE_ROUTER_H
#define GAZETTE_ROUTER_H

#include <stddef.h>

#include "request.h"
#include "response.h"

struct app;
struct response;

/* Typed values captured from the path; a pattern names them in braces:
 * {id} is a positive decimal number of at most 15 digits without leading
 * zeros, {slug} is 1 to 64 of [a-z0-9-]. */
#define ROUTE_SLUG_MAX	64
struct route_params {
	long long	id;
	char		slug[ROUTE_SLUG_MAX + 1];
};

typedef int (*route_handler)(struct app *, const struct request *,
    const struct route_params *, struct response *);

#define METHOD_BIT(m)	(1u << (m))
#define METHODS_READ	(METHOD_BIT(HTTP_GET) | METHOD_BIT(HTTP_HEAD))
#define METHOD_POST	METHOD_BIT(HTTP_POST)

struct route {
	const char	*pattern;	/* "/articles/{id}" */
	unsigned	 methods;	/* METHOD_BIT()s */
	route_handler	 handler;
	enum cache_policy cache;	/* for its 200 answers */
};

enum route_match {
	ROUTE_FOUND,
	ROUTE_NOT_FOUND,
	ROUTE_BAD_METHOD,	/* the path exists, not for this method */
	ROUTE_ADD_SLASH		/* not found, but PATH + "/" would be */
};

/* Matches REQ against the N routes of TABLE. On ROUTE_FOUND, *FOUND and
 * *PARAMS are set; on ROUTE_BAD_METHOD, *ALLOWED holds the methods the path
 * takes (for the Allow header). */
enum route_match	router_match(const struct route *table, size_t n,
			    enum http_method, const char *path,
			    const struct route **found, struct route_params *params,
			    unsigned *allowed);
/* Formats the method bits as an Allow header value ("GET, HEAD"). */
void			router_allow_header(unsigned methods, char *buf, size_t len);

#endif
