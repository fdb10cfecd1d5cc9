/* page_home.c: the home page: the site's name and the latest articles. */
#include "app.h"
#include "article_store.h"
#include "i18n.h"
#include "page_meta.h"
#include "pages.h"
#include "response.h"

#define HOME_ARTICLES	6

int
page_home(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct article_summary *items;
	struct page pg;
	size_t n;
	long total;

	(void)params;
	if (article_list(app->store, &app->arena, app->anchors, 0, 0, HOME_ARTICLES, &items, &n) != 0 ||
	    article_count(app->store, 0, &total) != 0)
		return 500;
	if (page_begin(app, &pg, "home.tpl", NULL,
	    i18n_text(app->lang, I18N_HOME_DESCRIPTION), "/") != 0)
		return 500;
	page_canonical(app, &pg, req, "/");
	page_article_items(app, pg.content, items, n);
	if (total > (long)n) {
		tpl_dict *more = tpl_add_section(pg.content, "MORE");

		tpl_set(more, "HREF", app_url(app, "/articles/"));
		tpl_set_int(more, "TOTAL", total);
		tpl_set(more, "TEXT", arena_printf(&app->arena,
		    i18n_text(app->lang, I18N_HOME_ALL_N), total));
	}
	return page_finish(app, &pg, resp);
}
