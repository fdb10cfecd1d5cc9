/* page_list.c: the paginated lists: all articles, and one section (with
 * the sections below it). Ten per page, newest first; ?page=N. */
#include <stdio.h>

#include "app.h"
#include "article_store.h"
#include "i18n.h"
#include "page_meta.h"
#include "pages.h"
#include "pagination.h"
#include "request.h"
#include "response.h"
#include "section_store.h"

/* Renders one page of the list of SECTION_ID (0: all) titled TITLE. */
static int
render_list(struct app *app, const struct request *req, struct response *resp,
    long long section_id, const char *title, const char *path,
    const struct section *crumbs, size_t ncrumbs)
{
	struct article_summary *items;
	struct page_window w;
	struct page pg;
	size_t n;
	long page, total;
	int status;
	const char *page_title = title;

	if ((status = page_requested(req, &page)) != 0)
		return status;
	if (article_count(app->store, section_id, &total) != 0)
		return 500;
	if (page_window(page, PAGE_SIZE, total, &w) != PAGE_OK)
		return 404;
	if (article_list(app->store, &app->arena, app->anchors, section_id, w.offset, w.per_page,
	    &items, &n) != 0)
		return 500;
	if (page > 1)
		page_title = arena_printf(&app->arena,
		    i18n_text(app->lang, I18N_LIST_TITLE_PAGE), title, page);
	if (page_begin(app, &pg, "list.tpl", page_title,
	    arena_printf(&app->arena, i18n_text(app->lang, I18N_LIST_DESCRIPTION),
	    title, total), path) != 0)
		return 500;
	tpl_set(pg.content, "TITLE", title);
	page_canonical(app, &pg, req, page > 1 ? arena_printf(&app->arena,
	    "%s?page=%ld", path, page) : path);
	page_breadcrumb(app, pg.content, crumbs, ncrumbs);
	page_number(app, pg.content, page, w.total_pages);
	page_article_items(app, pg.content, items, n);
	page_pager(app, pg.content, path, &w);
	return page_finish(app, &pg, resp);
}

int
page_all_articles(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	(void)params;
	return render_list(app, req, resp, 0, i18n_text(app->lang, I18N_NAV_ALL),
	    "/articles/", NULL, 0);
}

int
page_section(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct section sec, *crumbs;
	size_t ncrumbs;
	int rc;

	if ((rc = section_by_slug(app->store, &app->arena, params->slug, &sec)) != 0)
		return rc > 0 ? 404 : 500;
	if (sec.parent_id == 0) {
		/* The root section is the home page. */
		response_redirect(resp, 301, app_url(app, "/"));
		return 0;
	}
	if (section_path(app->store, &app->arena, sec.id, &crumbs, &ncrumbs) != 0)
		return 500;
	return render_list(app, req, resp, sec.id, sec.title,
	    arena_printf(&app->arena, "/sections/%s/", sec.slug), crumbs, ncrumbs);
}
