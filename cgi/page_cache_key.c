/* page_cache_key.c: GET /_gazette/cache-key, which nginx's auth_request
 * asks before every request it may answer from its fastcgi_cache
 * (docs/nginx.conf). The answer names the current site revision and the
 * reader's language; nginx puts it into the cache key, so a publish or an
 * edit changes the key and the next request is a miss that gazette
 * renders afresh. Old entries are never read again and age out.
 *
 * It is also where article views are counted behind the cache: a page
 * served from nginx's cache never reaches page_article, but its key
 * request always comes here first.
 *
 * Nothing secret is said: the revision is a counter. nginx marks the
 * location internal, so readers cannot ask for it themselves. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "pages.h"
#include "request.h"
#include "response.h"
#include "router.h"
#include "view_counter.h"

/* The article a reader's GET of URI (as sent: path and query) is for, or
 * 0. Article paths are digits only, so the raw path is the decoded one. */
static long long
article_viewed(struct app *app, const char *uri)
{
	static const struct route article[] = {
		{ "/articles/{id}", METHODS_READ, NULL, CACHE_UNSAID },
	};
	const struct route *found;
	struct route_params params;
	unsigned allowed;
	size_t len = strcspn(uri, "?#");
	char *path;

	if (len > REQUEST_MAX_PATH ||
	    (path = arena_printf(&app->arena, "%.*s", (int)len, uri)) == NULL)
		return 0;
	if (router_match(article, 1, HTTP_GET, path, &found, &params,
	    &allowed) != ROUTE_FOUND)
		return 0;
	return params.id;
}

int
page_cache_key(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	long long id;
	char key[32];

	(void)params;
	/* Only nginx's auth_request asks, and it always sends the page's URI
	 * (docs/nginx.conf); without it, the request came from outside a
	 * server that forgot to make the location internal. */
	if (req->original_uri == NULL)
		return 404;
	/* Read by app_handle as the request began. */
	if (app->revision < 0)
		return 500;
	/* The language is chosen from the same Cookie and Accept-Language
	 * nginx passes on with the page request, so one entry per language
	 * is enough whatever those headers spell. */
	snprintf(key, sizeof(key), "r%lld-%s", app->revision, i18n_tag(app->lang));
	resp->status = 204;
	response_header(resp, "X-Gazette-Cache-Key", key);
	response_header(resp, "Cache-Control", "no-store");
	/* REQUEST_METHOD is the reader's (nginx's key requests are GETs). */
	if (req->method == HTTP_GET && req->original_uri != NULL &&
	    (id = article_viewed(app, req->original_uri)) > 0)
		view_counter_add(app->views, id);
	return 0;
}
