/* page_layout.c: the chrome every page shares (head, header with the
 * menu, footer), the article list used by several pages, and error pages. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "article_store.h"
#include "i18n.h"
#include "log.h"
#include "pages.h"
#include "pagination.h"
#include "request.h"
#include "response.h"
#include "section_store.h"

/* The menu: Home, the sections of the first two levels below the root,
 * and the list of all articles. */
static void
add_nav(struct app *app, tpl_dict *root, const char *current)
{
	struct section *top, *sub;
	size_t ntop, nsub;
	tpl_dict *item;

	item = tpl_add_section(root, "NAV");
	tpl_set(item, "HREF", app_url(app, "/"));
	tpl_set(item, "LABEL", i18n_text(app->lang, I18N_NAV_HOME));
	if (current != NULL && strcmp(current, "/") == 0)
		tpl_show_section(item, "CURRENT");
	if (section_children(app->store, &app->arena, SECTION_ROOT_ID, &top, &ntop) == 0) {
		for (size_t i = 0; i < ntop; i++) {
			const char *path = arena_printf(&app->arena,
			    "/sections/%s/", top[i].slug);

			item = tpl_add_section(root, "NAV");
			tpl_set(item, "HREF", app_url(app, path));
			tpl_set(item, "LABEL", top[i].title);
			if (current != NULL && path != NULL && strcmp(current, path) == 0)
				tpl_show_section(item, "CURRENT");
			if (section_children(app->store, &app->arena, top[i].id,
			    &sub, &nsub) != 0)
				continue;
			for (size_t j = 0; j < nsub; j++) {
				path = arena_printf(&app->arena, "/sections/%s/",
				    sub[j].slug);
				item = tpl_add_section(root, "NAV");
				tpl_set(item, "HREF", app_url(app, path));
				tpl_set(item, "LABEL", sub[j].title);
				if (current != NULL && path != NULL &&
				    strcmp(current, path) == 0)
					tpl_show_section(item, "CURRENT");
			}
		}
	}
	item = tpl_add_section(root, "NAV");
	tpl_set(item, "HREF", app_url(app, "/articles/"));
	tpl_set(item, "LABEL", i18n_text(app->lang, I18N_NAV_ALL));
	if (current != NULL && strcmp(current, "/articles/") == 0)
		tpl_show_section(item, "CURRENT");
}

void
page_strings(struct app *app, tpl_dict *root, enum i18n_scope scope)
{
	for (int k = 0; k < I18N__MAX; k++)
		if (i18n_key_scope((enum i18n_key)k) == scope)
			tpl_set_template_global(root, i18n_key_name((enum i18n_key)k),
			    i18n_text(app->lang, (enum i18n_key)k));
}

/* <html lang>, and the link to this page in the other language when the
 * site offers it. */
static void
add_lang(struct app *app, tpl_dict *root)
{
	enum lang other = i18n_other(app->lang);
	const char *next, *href;
	tpl_dict *d;

	tpl_set(root, "HTML_LANG", i18n_tag(app->lang));
	if (!app_lang_offered(app, other))
		return;
	next = urlenc_encode(&app->arena, app->here ? app->here : "/", 0);
	href = arena_printf(&app->arena, "/lang?to=%s&next=%s",
	    i18n_tag(other), next ? next : "%2F");
	d = tpl_add_section(root, "LANG_SWITCH");
	tpl_set(d, "LANG", i18n_tag(other));
	if (href != NULL)
		tpl_set(d, "HREF", app_url(app, href));
}

int
page_begin(struct app *app, struct page *pg, const char *content_file,
    const char *title, const char *description, const char *current_nav)
{
	tpl_dict *d;

	pg->content = NULL;
	if ((pg->root = tpl_dict_new()) == NULL)
		return -1;
	if (title != NULL && title[0] != '\0')
		tpl_set(pg->root, "PAGE_TITLE", arena_printf(&app->arena,
		    "%s · %s", title, app->site_name));
	else
		tpl_set(pg->root, "PAGE_TITLE", app->site_name);
	if (description != NULL && description[0] != '\0') {
		d = tpl_add_section(pg->root, "DESCRIPTION");
		tpl_set(d, "TEXT", description);
	}
	tpl_set(pg->root, "HOME_URL", app_url(app, "/"));
	tpl_set(pg->root, "FEED_URL", app_url(app, "/feed.xml"));
	/* Static files are always served by the web server at /static/. */
	tpl_set(pg->root, "CSS_URL", "/static/gazette.css");
	if (app->icp_number != NULL)
		tpl_set(tpl_add_section(pg->root, "ICP"), "NUMBER", app->icp_number);
	page_strings(app, pg->root, I18N_SCOPE_PAGE);
	add_lang(app, pg->root);
	add_nav(app, pg->root, current_nav);
	if ((pg->content = tpl_add_include(pg->root, "CONTENT", content_file)) == NULL) {
		tpl_dict_free(pg->root);
		pg->root = NULL;
		return -1;
	}
	return 0;
}

int
page_finish(struct app *app, struct page *pg, struct response *resp)
{
	int rc;

	/* The same URL reads differently by language: caches must key on
	 * what chose it. */
	response_header(resp, "Content-Language", i18n_tag(app->lang));
	response_header(resp, "Vary", "Accept-Language, Cookie");
	rc = tpl_expand("layout.tpl", pg->root, &resp->body);
	tpl_dict_free(pg->root);
	pg->root = pg->content = NULL;
	return rc == 0 ? 0 : 500;
}

int
page_requested(const struct request *req, long *page)
{
	size_t count;
	const char *v = urlenc_get(&req->query, "page", &count);

	if (count > 1 || page_parse(v, page) != PAGE_OK)
		return 400;
	return 0;
}

/* The URL of page PAGE of the list at LIST_URL. */
static const char *
page_href(struct app *app, const char *list_url, long page)
{
	if (page == 1)
		return app_url(app, list_url);
	return app_url(app, arena_printf(&app->arena, "%s%cpage=%ld", list_url,
	    strchr(list_url, '?') ? '&' : '?', page));
}

void
page_pager(struct app *app, tpl_dict *d, const char *list_url,
    const struct page_window *w)
{
	struct page_link links[PAGE_LINKS_MAX];
	size_t n;
	tpl_dict *pager, *s;

	if (list_url == NULL || w->total_pages <= 1)
		return;
	pager = tpl_add_section(d, "PAGER");
	if (w->page > 1)
		tpl_set(tpl_add_section(pager, "PREV"), "HREF",
		    page_href(app, list_url, w->page - 1));
	if (w->page < w->total_pages)
		tpl_set(tpl_add_section(pager, "NEXT"), "HREF",
		    page_href(app, list_url, w->page + 1));
	n = page_links(w, links);
	for (size_t i = 0; i < n; i++) {
		tpl_dict *item = tpl_add_section(pager, "PAGE");

		if (links[i].page == 0)
			tpl_show_section(item, "GAP");
		else if (links[i].current) {
			s = tpl_add_section(item, "CURRENT");
			tpl_set_int(s, "NUM", links[i].page);
		} else {
			s = tpl_add_section(item, "LINK");
			tpl_set_int(s, "NUM", links[i].page);
			tpl_set(s, "HREF", page_href(app, list_url, links[i].page));
		}
	}
}

void
page_number(struct app *app, tpl_dict *d, long page, long pages)
{
	tpl_dict *p;

	if (page <= 1)
		return;
	p = tpl_add_section(d, "PAGE_NUMBER");
	tpl_set(p, "TEXT", arena_printf(&app->arena,
	    i18n_text(app->lang, I18N_PAGE_OF), page, pages));
}

void
page_breadcrumb(struct app *app, tpl_dict *d, const struct section *crumbs,
    size_t n)
{
	tpl_dict *bc;

	if (n == 0)
		return;
	bc = tpl_add_include(d, "BREADCRUMB", "breadcrumb.tpl");
	for (size_t i = 0; i < n; i++) {
		tpl_dict *c = tpl_add_section(bc, "CRUMB");

		tpl_set(c, "LABEL", crumbs[i].title);
		tpl_set(c, "HREF", crumbs[i].parent_id == 0 ? app_url(app, "/") :
		    app_url(app, arena_printf(&app->arena, "/sections/%s/",
		    crumbs[i].slug)));
	}
}

void
page_article_items(struct app *app, tpl_dict *d,
    const struct article_summary *items, size_t n)
{
	tpl_dict *list = tpl_add_include(d, "ARTICLES", "article_items.tpl");

	for (size_t i = 0; i < n; i++) {
		tpl_dict *it = tpl_add_section(list, "ITEM");

		tpl_set(it, "HREF", app_url(app, arena_printf(&app->arena,
		    "/articles/%lld", items[i].id)));
		tpl_set(it, "TITLE", items[i].title);
		tpl_set(it, "AUTHOR", items[i].author);
		tpl_set(it, "DATE", items[i].published_on);
		tpl_set(it, "DATE_TEXT", i18n_date(&app->arena, app->lang,
		    items[i].published_on));
		tpl_set(it, "EXCERPT", items[i].excerpt);
	}
	if (n == 0)
		tpl_show_section(list, "EMPTY");
}

/* What a reader is told for each status, as catalog keys; never any
 * detail of the cause. */
static void
error_text(int status, enum i18n_key *title, enum i18n_key *message)
{
	switch (status) {
	case 400: *title = I18N_E400_TITLE; *message = I18N_E400_TEXT; break;
	case 403: *title = I18N_E403_TITLE; *message = I18N_E403_TEXT; break;
	case 404: *title = I18N_E404_TITLE; *message = I18N_E404_TEXT; break;
	case 405: *title = I18N_E405_TITLE; *message = I18N_E405_TEXT; break;
	case 411: *title = I18N_E411_TITLE; *message = I18N_E411_TEXT; break;
	case 413: *title = I18N_E413_TITLE; *message = I18N_E413_TEXT; break;
	case 414: *title = I18N_E414_TITLE; *message = I18N_E414_TEXT; break;
	case 415: *title = I18N_E415_TITLE; *message = I18N_E415_TEXT; break;
	default:  *title = I18N_E500_TITLE; *message = I18N_E500_TEXT; break;
	}
}

void
page_error(struct app *app, int status, struct response *resp)
{
	struct page pg;
	enum i18n_key tk, mk;
	const char *title, *message;

	error_text(status, &tk, &mk);
	title = i18n_text(app->lang, tk);
	message = i18n_text(app->lang, mk);
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	if (page_begin(app, &pg, "error.tpl", title, message, NULL) == 0) {
		tpl_set(pg.content, "TITLE", title);
		tpl_set(pg.content, "MESSAGE", message);
		tpl_set_int(pg.content, "STATUS", status);
		tpl_set(pg.content, "HOME_URL", app_url(app, "/"));
		if (page_finish(app, &pg, resp) == 0)
			return;
	}
	/* The templates themselves failed: a plain-text answer still tells the
	 * reader what happened. */
	log_error("error page for status %d could not be rendered", status);
	strbuf_reset(&resp->body);
	resp->content_type = "text/plain; charset=utf-8";
	strbuf_printf(&resp->body, "%s\n\n%s\n", title, message);
}
