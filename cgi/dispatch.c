/* dispatch.c: the route table and the one path every request takes:
 * parse and validate, route (405, then 404), run the handler, turn any
 * failure into the site's error page, log one line. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "log.h"
#include "pages.h"
#include "request.h"
#include "response.h"
#include "router.h"

static const struct route routes[] = {
	{ "/",			METHODS_READ,	page_home },
	{ "/articles/",		METHODS_READ,	page_all_articles },
	{ "/articles/{id}",	METHODS_READ,	page_article },
	{ "/sections/{slug}/",	METHODS_READ,	page_section },
};

/* PATH percent-encoded for a Location header: bytes other than unreserved
 * characters and '/' become %XX. */
static const char *
path_encode(struct arena *a, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(path) * 3 + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL)
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

static double
elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

void
app_handle(struct app *app, char *const *envp, struct response *resp)
{
	struct request req;
	struct route_params params;
	const struct route *route = NULL;
	const char *why = NULL;
	unsigned allowed;
	struct timespec start;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &start);
	response_reset(resp);
	status = request_parse(&app->arena, envp, &req, &why);
	/* Known even when parsing failed: a HEAD error answer has no body. */
	resp->omit_body = req.method == HTTP_HEAD;
	if (status != 0)
		goto error;

	switch (router_match(routes, sizeof(routes) / sizeof(routes[0]),
	    req.method, req.path, &route, &params, &allowed)) {
	case ROUTE_FOUND:
		status = route->handler(app, &req, &params, resp);
		break;
	case ROUTE_BAD_METHOD: {
		char allow[64];

		router_allow_header(allowed, allow, sizeof(allow));
		response_header(resp, "Allow", allow);
		status = 405;
		break;
	}
	case ROUTE_ADD_SLASH: {
		/* Only reads are redirected: a form must post to the real URL. */
		if (req.method != HTTP_GET && req.method != HTTP_HEAD) {
			status = 404;
			break;
		}
		const char *path = path_encode(&app->arena, req.path);
		const char *to = path == NULL ? NULL :
		    arena_printf(&app->arena, "%s/%s%s", app_url(app, path),
		    req.query_raw[0] ? "?" : "", req.query_raw);

		if (to != NULL) {
			response_redirect(resp, 301, to);
			status = 0;
		} else
			status = 500;
		break;
	}
	case ROUTE_NOT_FOUND:
		status = 404;
		break;
	}
error:
	if (status != 0) {
		/* A handler may have set headers for a page it did not finish;
		 * the error page keeps only an Allow header. */
		if (status != 405)
			strbuf_reset(&resp->headers);
		strbuf_reset(&resp->body);
		page_error(app, status, resp);
	}
	if (why != NULL)
		log_info("rejected request: %s", why);
	log_request(req.method_name, req.path, resp->status, elapsed_ms(&start));
	arena_reset(&app->arena);
}
