/* page_article.c: one article: breadcrumb, title, byline, body with its
 * photos, and links to the previous and next article of its section. */
#include <string.h>

#include "app.h"
#include "article_store.h"
#include "i18n.h"
#include "markdown.h"
#include "page_meta.h"
#include "pages.h"
#include "request.h"
#include "response.h"
#include "section_store.h"
#include "view_counter.h"

static void
add_neighbour(struct app *app, tpl_dict *d, const char *name,
    const struct article_link *l)
{
	tpl_dict *s;

	if (l->id == 0)
		return;
	s = tpl_add_section(d, name);
	tpl_set(s, "HREF", app_url(app, arena_printf(&app->arena,
	    "/articles/%lld", l->id)));
	tpl_set(s, "TITLE", l->title);
}

int
page_article(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct article a;
	struct article_link older, newer;
	struct section *crumbs;
	size_t ncrumbs;
	struct page pg;
	struct strbuf html = STRBUF_INIT;
	int rc;

	if ((rc = article_get(app->store, &app->arena, params->id, &a)) != 0)
		return rc > 0 ? 404 : 500;
	if (a.s.status[0] != 'p')	/* drafts are not public */
		return 404;
	if (section_path(app->store, &app->arena, a.s.section_id, &crumbs, &ncrumbs) != 0 ||
	    article_neighbours(app->store, &app->arena, &a, &older, &newer) != 0)
		return 500;
	if (markdown_render(a.body, strlen(a.body), &html) != 0) {
		strbuf_free(&html);
		return 500;
	}
	if (page_begin(app, &pg, "article.tpl", a.s.title, a.s.excerpt, NULL) != 0) {
		strbuf_free(&html);
		return 500;
	}
	page_breadcrumb(app, pg.content, crumbs, ncrumbs);
	tpl_set(pg.content, "TITLE", a.s.title);
	tpl_set(pg.content, "AUTHOR", a.s.author);
	if (a.source[0] != '\0')
		tpl_set(tpl_add_section(pg.content, "SOURCE"), "TEXT", a.source);
	/* The flushed count: up to a batch behind (view_counter.h). */
	tpl_set_int(pg.content, "VIEWS", a.s.views);
	tpl_set(pg.content, "DATE", a.s.published_on);
	tpl_set(pg.content, "DATE_TEXT", i18n_date(&app->arena, app->lang,
	    a.s.published_on));
	/* The body is HTML made by cmark, which escapes all text and drops raw
	 * HTML; the template prints it with :none, the one unescaped value. */
	tpl_set(pg.content, "BODY_HTML", html.data ? html.data : "");
	page_canonical(app, &pg, req, arena_printf(&app->arena, "/articles/%lld",
	    a.s.id));
	page_article_meta(app, &pg, req, &a, html.data);
	strbuf_free(&html);
	add_neighbour(app, pg.content, "OLDER", &older);
	add_neighbour(app, pg.content, "NEWER", &newer);
	if ((rc = page_finish(app, &pg, resp)) != 0)
		return rc;
	page_article_viewed(app, req, a.s.id);
	return 0;
}

void
page_article_viewed(struct app *app, const struct request *req, long long id)
{
	/* A reader's view: a GET answered in full or with 304 (not HEAD, not
	 * an error). Behind nginx's page cache the view was counted already,
	 * when nginx asked for the cache key (page_cache_key.c). */
	if (req->method == HTTP_GET && req->cache_key == NULL)
		view_counter_add(app->views, id);
}
