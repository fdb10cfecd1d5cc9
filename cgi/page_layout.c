/* page_layout.c: the chrome every page shares (head, header with the
 * menu, footer), the article list used by several pages, and error pages. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "article_store.h"
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
	tpl_set(item, "LABEL", "Home");
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
	tpl_set(item, "LABEL", "All articles");
	if (current != NULL && strcmp(current, "/articles/") == 0)
		tpl_show_section(item, "CURRENT");
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

	(void)app;
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
		tpl_set(it, "EXCERPT", items[i].excerpt);
	}
	if (n == 0)
		tpl_show_section(list, "EMPTY");
}

/* What a reader is told for each status; never any detail of the cause. */
static void
error_text(int status, const char **title, const char **message)
{
	switch (status) {
	case 400:
		*title = "Bad request";
		*message = "The address or the values sent with it are not valid. "
		    "Please check the link, or start again from the home page.";
		break;
	case 403:
		*title = "Not allowed";
		*message = "This form could not be accepted: it was sent from "
		    "another site, or the page it came from is out of date. "
		    "Please go back, reload the page and try again.";
		break;
	case 404:
		*title = "Page not found";
		*message = "There is no page at this address. It may have been "
		    "moved or removed, or the link may be mistyped.";
		break;
	case 405:
		*title = "Method not allowed";
		*message = "This page cannot be used that way.";
		break;
	case 411:
		*title = "Length required";
		*message = "The form was sent without saying how long it is. "
		    "Please send it again from the page.";
		break;
	case 415:
		*title = "Unsupported form";
		*message = "What was sent is not a form this site understands. "
		    "Please send it again from the page.";
		break;
	case 413:
		*title = "Request too large";
		*message = "What was sent is larger than this site accepts.";
		break;
	case 414:
		*title = "Address too long";
		*message = "The address of this request is longer than this site accepts.";
		break;
	default:
		*title = "Something went wrong";
		*message = "The site could not show this page because of a problem "
		    "on our side. It has been logged; please try again in a moment.";
		break;
	}
}

void
page_error(struct app *app, int status, struct response *resp)
{
	struct page pg;
	const char *title, *message;

	error_text(status, &title, &message);
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	if (page_begin(app, &pg, "error.tpl", title, NULL, NULL) == 0) {
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
