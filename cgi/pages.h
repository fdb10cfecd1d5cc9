/* pages.h: the page handlers named in the route table (dispatch.c) and the
 * shared page chrome they render into. A handler returns 0 when it filled
 * the response, or an HTTP status (400, 404, 500) for dispatch to answer
 * with the site's error page. */
#ifndef GAZETTE_PAGES_H
#define GAZETTE_PAGES_H

#include "i18n.h"
#include "router.h"
#include "template.h"

struct app;
struct arena;
struct article_summary;
struct section;
struct request;
struct response;

int	page_home(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_all_articles(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_section(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_article(struct app *, const struct request *,
	    const struct route_params *, struct response *);
/* Counts REQ, which got article ID's page (200, or 304 from it), as a
 * reader's view when it is one. The one place that decides; page_article
 * and dispatch's page cache hits call it. */
void	page_article_viewed(struct app *, const struct request *, long long id);

/* Full-text search of the published articles (page_search.c). */
int	page_search(struct app *, const struct request *,
	    const struct route_params *, struct response *);

/* The key of nginx's page cache, asked before each request it may
 * answer from the cache (page_cache_key.c). */
int	page_cache_key(struct app *, const struct request *,
	    const struct route_params *, struct response *);

/* GET /healthz (page_health.c): 200 "ok" when the database answers, 503
 * with a short reason when it does not. */
int	page_health(struct app *, const struct request *,
	    const struct route_params *, struct response *);

/* The interface language (page_lang.c): /lang?to=...&next=... sets the
 * gazette_lang cookie; page_lang_init sets app->lang and app->here for
 * the request (REQ NULL when it could not be parsed). */
int	page_lang(struct app *, const struct request *,
	    const struct route_params *, struct response *);
void	page_lang_init(struct app *, char *const *envp, const struct request *req);

/* For machines (page_feed.c): Atom feeds, the sitemap, robots.txt. */
int	page_feed(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_section_feed(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_sitemap(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_robots(struct app *, const struct request *,
	    const struct route_params *, struct response *);
/* Signing in and out (page_signin.c). */
int	page_signin(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_signin_post(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_signout(struct app *, const struct request *,
	    const struct route_params *, struct response *);
/* The admin (page_admin*.c); each needs a session. */
int	page_admin_dashboard(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_admin_article_new(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_admin_article_create(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_admin_article_edit(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_admin_article_update(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_admin_delete_confirm(struct app *, const struct request *,
	    const struct route_params *, struct response *);
int	page_admin_delete(struct app *, const struct request *,
	    const struct route_params *, struct response *);

/* The shared layout (page_layout.c). */
struct page {
	tpl_dict	*root;		/* layout.tpl */
	tpl_dict	*content;	/* the page's own template, as {{>CONTENT}} */
};

/* Starts a page whose <title> is TITLE (the site name is appended) and
 * whose body is CONTENT_FILE; CURRENT_NAV is the path of the menu entry to
 * mark as current (or NULL). -1 when out of memory. */
int	page_begin(struct app *, struct page *, const char *content_file,
	    const char *title, const char *description, const char *current_nav);
/* Sets the catalog rows of SCOPE (i18n.h), in the request's language, as
 * template globals of ROOT: its includes see them too, which they do not
 * with values set by tpl_set. page_begin sets I18N_SCOPE_PAGE. */
void	page_strings(struct app *, tpl_dict *root, enum i18n_scope scope);
/* Expands the page into RESP's body and frees it; returns 0 or 500. */
int	page_finish(struct app *, struct page *, struct response *);
struct session;
/* page_begin for an admin page: adds the bar with the account name and
 * the sign-out button, and CSRF (the session's token) to the content. */
int	page_admin_begin(struct app *, struct page *, const char *content_file,
	    const char *title, const struct session *);
struct page_window;
/* Reads and checks ?page= (absent: 1; sent twice or not 1..PAGE_MAX: bad):
 * 0, or 400. */
int	page_requested(const struct request *, long *page);
/* Adds the page links of W as {{#PAGER}} of D (nothing for one page).
 * LIST_URL is page 1's site path, with or without a query; later pages
 * add "page=N" to it. */
void	page_pager(struct app *, tpl_dict *d, const char *list_url,
	    const struct page_window *w);
/* Shows {{#PAGE_NUMBER}} of D with TEXT "(page PAGE of PAGES)" when PAGE
 * is not the first. */
void	page_number(struct app *, tpl_dict *d, long page, long pages);
/* T in the server's local time as strftime FORMAT, in the arena. */
const char *admin_local_time(struct arena *, long long t, const char *format);
/* Adds the list of SUMMARIES as {{>ARTICLES}} of D. */
void	page_article_items(struct app *, tpl_dict *d,
	    const struct article_summary *items, size_t n);
/* Adds the breadcrumb "Now: HOME > ... " for the N sections of CRUMBS
 * (root first) as {{#BREADCRUMB}} of D. */
void	page_breadcrumb(struct app *, tpl_dict *d, const struct section *crumbs,
	    size_t n);
/* Renders the site's error page for STATUS into RESP (never fails: a
 * plain-text page if even the template cannot be expanded). */
void	page_error(struct app *, int status, struct response *);

#endif
