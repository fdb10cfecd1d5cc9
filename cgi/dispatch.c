/* dispatch.c: the route table and the one path every request takes:
 * parse and validate, route (405, then 404), run the handler, turn any
 * failure into the site's error page, log one line. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin_auth.h"
#include "app.h"
#include "http_cache.h"
#include "i18n.h"
#include "list_anchors.h"
#include "log.h"
#include "page_cache.h"
#include "pages.h"
#include "request.h"
#include "response.h"
#include "router.h"
#include "site_revision.h"

static const struct route routes[] = {
	{ "/",			METHODS_READ,	page_home, CACHE_REVALIDATE },
	{ "/articles/",		METHODS_READ,	page_all_articles, CACHE_REVALIDATE },
	{ "/articles/{id}",	METHODS_READ,	page_article, CACHE_REVALIDATE },
	{ "/sections/{slug}/",	METHODS_READ,	page_section, CACHE_REVALIDATE },
	{ "/sections/{slug}/feed.xml", METHODS_READ, page_section_feed, CACHE_FEED },
	{ "/feed.xml",		METHODS_READ,	page_feed, CACHE_FEED },
	{ "/sitemap.xml",	METHODS_READ,	page_sitemap, CACHE_FEED },
	{ "/robots.txt",	METHODS_READ,	page_robots, CACHE_DAY },
	{ "/signin",		METHODS_READ,	page_signin, CACHE_UNSAID },
	{ "/signin",		METHOD_POST,	page_signin_post, CACHE_UNSAID },
	{ "/admin/",		METHODS_READ,	page_admin_dashboard, CACHE_UNSAID },
	{ "/admin/signout",	METHOD_POST,	page_signout, CACHE_UNSAID },
	{ "/admin/articles/new", METHODS_READ,	page_admin_article_new, CACHE_UNSAID },
	{ "/admin/articles/new", METHOD_POST,	page_admin_article_create, CACHE_UNSAID },
	{ "/admin/articles/{id}/edit", METHODS_READ, page_admin_article_edit, CACHE_UNSAID },
	{ "/admin/articles/{id}/edit", METHOD_POST, page_admin_article_update, CACHE_UNSAID },
	{ "/admin/articles/{id}/delete", METHODS_READ, page_admin_delete_confirm, CACHE_UNSAID },
	{ "/admin/articles/{id}/delete", METHOD_POST, page_admin_delete, CACHE_UNSAID },
	{ "/search",		METHODS_READ,	page_search, CACHE_REVALIDATE },
	{ "/lang",		METHODS_READ,	page_lang, CACHE_UNSAID },
	/* Asked by nginx before each cached request (docs/nginx.conf). */
	{ "/_gazette/cache-key", METHODS_READ,	page_cache_key, CACHE_UNSAID },
	/* For monitors and load balancers: never cached (page_health.c). */
	{ "/healthz",		METHODS_READ,	page_health, CACHE_UNSAID },
};

/* Everything under /admin/ needs a session, even a page that does not
 * exist or a method it does not take, so that the outside cannot map the
 * admin: 0 to go on (not an admin path, or signed in), -1 when RESP now
 * redirects to the sign-in form, or 500. */
static int
admin_gate(struct app *app, const struct request *req, struct response *resp)
{
	struct session s;
	int rc;

	if (strncmp(req->path, "/admin/", 7) != 0)
		return 0;
	if ((rc = admin_require(app, req, resp, &s)) < 0)
		return 500;
	return rc > 0 ? -1 : 0;
}

/* 1 for the paths whose answers carry admin_private_headers. */
static int
private_path(const char *path)
{
	return strncmp(path, "/admin/", 7) == 0 || strcmp(path, "/signin") == 0;
}

static double
elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* The request's log line. A request refused while parsing has no
 * validated path: its line shows what was sent (escaped by the log),
 * which is what the operator needs to see. */
static void
log_answer(char *const *envp, const struct request *req,
    const struct response *resp, const struct timespec *start,
    enum log_cache cache)
{
	const char *path = req->path, *query = req->query_raw;

	if (path == NULL && (path = env_get(envp, "DOCUMENT_URI")) == NULL)
		path = env_get(envp, "PATH_INFO");
	if (query == NULL)
		query = env_get(envp, "QUERY_STRING");
	log_request(req->method_name, path, query, resp->status,
	    elapsed_ms(start), cache);
}

/* Whether this request may use the page cache: 1 when it is on and its
 * stamp could be checked (stamp_ok), the route keeps a public answer, and
 * the request reads. KEY is then filled (in the arena). */
static int
cacheable(struct app *app, int stamp_ok, const struct request *req,
    const struct route *route, struct page_cache_key *key)
{
	if (app->pages == NULL || !stamp_ok || route->cache == CACHE_UNSAID ||
	    (req->method != HTTP_GET && req->method != HTTP_HEAD))
		return 0;
	key->lang = i18n_tag(app->lang);
	key->site = app_site_url(app, req);
	key->path = req->path;
	key->query = req->query_raw;
	return 1;
}

/* Runs ROUTE's handler, or answers from the page cache: a hit is copied
 * into RESP with its ETag into ETAG; a fresh 200 is kept, its ETag hashed
 * once into ETAG. ETAG stays "" when nobody hashed. *CACHE tells the log
 * which it was. */
static int
run_route(struct app *app, int stamp_ok, const struct request *req,
    const struct route *route, const struct route_params *params,
    struct response *resp, char *etag, enum log_cache *cache)
{
	const struct page_cache_entry *e;
	struct page_cache_key key;
	int use = cacheable(app, stamp_ok, req, route, &key), status;

	if (use && (e = page_cache_get(app->pages, &key)) != NULL) {
		page_cache_answer(e, resp);
		memcpy(etag, e->etag, HTTP_CACHE_ETAG_SIZE);
		*cache = LOG_CACHE_HIT;
		/* The handler that would count the view does not run. */
		if (route->handler == page_article)
			page_article_viewed(app, req, params->id);
		return 0;
	}
	if (use)
		*cache = LOG_CACHE_MISS;
	status = route->handler(app, req, params, resp);
	if (status == 0 && use && http_cache_public(req, resp)) {
		http_cache_etag(resp, etag);
		page_cache_put(app->pages, &key, resp, etag);
	}
	return status;
}

void
app_handle(struct app *app, char *const *envp, const struct body_source *body,
    struct response *resp)
{
	struct request req;
	struct route_params params;
	const struct route *route = NULL;
	const char *why = NULL, *id;
	unsigned allowed;
	struct timespec start;
	struct site_revision rev;
	struct page_cache_stamp stamp;
	char etag[HTTP_CACHE_ETAG_SIZE] = "";
	enum log_cache cache = LOG_CACHE_NONE;
	int status, stamp_ok = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	/* First, so that every line this request causes carries its id:
	 * nginx's $request_id (docs/nginx.conf passes it as REQUEST_ID), or
	 * Apache's mod_unique_id for plain CGI, else one made here. */
	if ((id = env_get(envp, "REQUEST_ID")) == NULL)
		id = env_get(envp, "UNIQUE_ID");
	log_request_begin(id);
	response_reset(resp);
	/* Read before the handler runs: a write during this request makes
	 * Last-Modified older than the change, never newer than the page. */
	if (site_revision_get(app->store, &rev) != 0) {
		rev.changed_at = 0;
		app->revision = -1;
	} else {
		app->revision = rev.revision;
		/* Something changed since the settings were read: one may be
		 * a setting (the cost is three small reads after each edit). */
		if (rev.revision != app->settings_revision &&
		    app_load_settings(app) != 0)
			log_error("cannot re-read the settings; showing the old ones");
		/* Before the handler reads anything, so that whatever it
		 * renders is at least as new as the stamp it is kept under.
		 * A moved revision also clears it (settings included). */
		stamp_ok = app->pages != NULL &&
		    page_cache_stamp_read(app->store, rev.revision, &stamp) == 0;
		if (stamp_ok)
			page_cache_check(app->pages, &stamp);
	}
	/* Anchors hold row positions: any write to articles moves them. */
	list_anchors_sync(app->anchors, app->revision);
	status = request_parse(&app->arena, envp, body, &req, &why);
	/* Known even when parsing failed: a HEAD error answer has no body. */
	resp->omit_body = req.method == HTTP_HEAD;
	/* Before any page, error pages included: the reader's language. */
	page_lang_init(app, envp, status == 0 ? &req : NULL);
	if (status != 0)
		goto error;

	switch (router_match(routes, sizeof(routes) / sizeof(routes[0]),
	    req.method, req.path, &route, &params, &allowed)) {
	case ROUTE_FOUND:
		resp->cache = route->cache;
		status = run_route(app, stamp_ok, &req, route, &params, resp,
		    etag, &cache);
		break;
	case ROUTE_BAD_METHOD: {
		char allow[64];

		if ((status = admin_gate(app, &req, resp)) != 0)
			break;
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
		const char *path = urlenc_encode(&app->arena, req.path, 1);
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
		if ((status = admin_gate(app, &req, resp)) == 0)
			status = 404;
		break;
	}
error:
	if (status < 0)		/* a redirect to the sign-in form */
		status = 0;
	if (status != 0) {
		/* A handler may have set headers for a page it did not finish;
		 * the error page keeps only an Allow header. */
		if (status != 405)
			strbuf_reset(&resp->headers);
		strbuf_reset(&resp->body);
		if (req.path != NULL && private_path(req.path))
			admin_private_headers(resp);
		else
			response_header(resp, "Cache-Control", "no-store");
		resp->cache = CACHE_UNSAID;
		page_error(app, status, resp);
	}
	http_cache_finish(&req, resp, rev.changed_at, etag[0] ? etag : NULL);
	if (why != NULL)
		log_info("rejected request: %s", why);
	log_answer(envp, &req, resp, &start, cache);
	arena_reset(&app->arena);
}
