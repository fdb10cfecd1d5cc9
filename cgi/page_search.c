/* page_search.c: /search?q=...&page=N: the search form, and the published
 * articles holding every term of q, newest first, ten per page, with the
 * terms marked in the title, the author and a snippet of the body. The
 * marks are data (plain and marked pieces) that search.tpl escapes like
 * any value; no HTML is made here. A query that cannot be searched
 * (empty, too long, too many words) gets the form and a sentence saying
 * why, with status 200: it is the reader's input, not a broken request. */
#include <string.h>

#include "app.h"
#include "i18n.h"
#include "markdown.h"
#include "page_meta.h"
#include "pages.h"
#include "pagination.h"
#include "request.h"
#include "response.h"
#include "search_query.h"
#include "search_store.h"

#define SNIPPET_WIDTH	200	/* characters of body text shown */
#define SNIPPET_BEFORE	60	/* of which before the first term */
/* Plain text of a body looked through for a term; past it, a snippet
 * shows the start. Bounds the work per result for huge bodies. */
#define SNIPPET_TEXT_MAX	20000

/* Adds TEXT as section NAME of D: {{#PIECE}}s, each showing {{#MARK}} or
 * {{#PLAIN}} around its {{TEXT}}, between optional {{#CUT_START}} and
 * {{#CUT_END}} (text left out). */
static void
add_marked(struct app *app, tpl_dict *d, const char *name, const char *text,
    const struct search_query *q, size_t width)
{
	struct search_snippet sn;
	tpl_dict *holder = tpl_add_section(d, name);

	search_snippet(text, strlen(text), q, width, SNIPPET_BEFORE, &sn);
	if (sn.cut_start)
		tpl_show_section(holder, "CUT_START");
	for (size_t i = 0; i < sn.n; i++) {
		tpl_dict *p = tpl_add_section(holder, "PIECE");

		tpl_set(p, "TEXT", arena_strndup(&app->arena,
		    text + sn.pieces[i].off, sn.pieces[i].len));
		tpl_show_section(p, sn.pieces[i].marked ? "MARK" : "PLAIN");
	}
	if (sn.cut_end)
		tpl_show_section(holder, "CUT_END");
}

static int
add_hits(struct app *app, tpl_dict *d, const struct search_query *q,
    const struct search_hit *hits, size_t n)
{
	tpl_dict *list;

	if (n == 0)
		return 0;
	list = tpl_add_section(d, "RESULTS");
	for (size_t i = 0; i < n; i++) {
		tpl_dict *it = tpl_add_section(list, "ITEM");
		/* The body's plain text: the CommonMark source would show
		 * escapes and photo links. */
		const char *text = markdown_excerpt(&app->arena, hits[i].body,
		    SNIPPET_TEXT_MAX);

		if (text == NULL)
			return -1;
		tpl_set(it, "HREF", app_url(app, arena_printf(&app->arena,
		    "/articles/%lld", hits[i].s.id)));
		tpl_set(it, "DATE", hits[i].s.published_on);
		tpl_set(it, "DATE_TEXT", i18n_date(&app->arena, app->lang,
		    hits[i].s.published_on));
		add_marked(app, it, "TITLE", hits[i].s.title, q, 0);
		add_marked(app, it, "AUTHOR", hits[i].s.author, q, 0);
		/* Shown when set: a match may be in it alone. */
		if (hits[i].source[0] != '\0')
			add_marked(app, it, "SOURCE", hits[i].source, q, 0);
		add_marked(app, it, "SNIPPET", text, q, SNIPPET_WIDTH);
	}
	return 0;
}

/* What the results line says. */
static const char *
summary(struct app *app, long count, const char *q)
{
	if (count == 0)
		return arena_printf(&app->arena,
		    i18n_text(app->lang, I18N_SEARCH_NONE), q);
	if (count == 1)
		return arena_printf(&app->arena,
		    i18n_text(app->lang, I18N_SEARCH_ONE), q);
	if (count > SEARCH_COUNT_MAX)
		return arena_printf(&app->arena, i18n_text(app->lang,
		    I18N_SEARCH_CAPPED), SEARCH_COUNT_MAX, q, SEARCH_COUNT_MAX);
	return arena_printf(&app->arena, i18n_text(app->lang, I18N_SEARCH_MANY),
	    count, q);
}

/* Why Q is not searched, or NULL when it is. */
static const char *
refusal(struct app *app, enum search_parse p)
{
	switch (p) {
	case SEARCH_OK:
		return NULL;
	case SEARCH_TOO_LONG:
		return arena_printf(&app->arena, i18n_text(app->lang,
		    I18N_SEARCH_TOO_LONG), SEARCH_MAX_CHARS);
	case SEARCH_TOO_MANY:
		return arena_printf(&app->arena, i18n_text(app->lang,
		    I18N_SEARCH_TOO_MANY), SEARCH_MAX_TERMS);
	default:
		return i18n_text(app->lang, I18N_SEARCH_EMPTY);
	}
}

int
page_search(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct search_query query;
	struct search_sql sql;
	struct search_hit *hits = NULL;
	struct page_window w;
	struct page pg;
	enum search_parse parsed;
	const char *q, *enc, *message;
	const char *title = i18n_text(app->lang, I18N_SEARCH_HEADING);
	size_t count, nhits = 0;
	long page, total = 0;

	(void)params;
	if (page_requested(req, &page) != 0)
		return 400;
	/* q twice counts as no q, as a form field sent twice does. */
	q = urlenc_get(&req->query, "q", &count);
	if (q == NULL || count != 1)
		q = "";
	parsed = search_query_parse(q, strlen(q), &query);
	if ((message = refusal(app, parsed)) == NULL) {
		if (search_prepare(app->store, &app->arena, &query, &sql) != 0 ||
		    search_count(app->store, &sql, &total) != 0)
			return 500;
		if (page_window(page, PAGE_SIZE, total > SEARCH_COUNT_MAX ?
		    SEARCH_COUNT_MAX : total, &w) != PAGE_OK)
			return 404;
		if (search_list(app->store, &app->arena, &sql, w.offset, w.per_page,
		    &hits, &nhits) != 0)
			return 500;
		title = page > 1 ? arena_printf(&app->arena, i18n_text(app->lang,
		    I18N_SEARCH_TITLE_PAGE), q, page) : arena_printf(&app->arena,
		    i18n_text(app->lang, I18N_SEARCH_TITLE), q);
	}
	if (page_begin(app, &pg, "search.tpl", title,
	    i18n_text(app->lang, I18N_SEARCH_DESCRIPTION), NULL) != 0)
		return 500;
	tpl_set(pg.root, "SEARCH_Q", q);
	tpl_set(pg.content, "Q", q);
	tpl_set(pg.content, "ACTION", app_url(app, "/search"));
	if (message != NULL) {
		tpl_set(tpl_add_section(pg.content, "MESSAGE"), "TEXT", message);
		return page_finish(app, &pg, resp);
	}
	page_number(app, pg.content, page, w.total_pages);
	tpl_set(tpl_add_section(pg.content, "SUMMARY"), "TEXT",
	    summary(app, total, q));
	if (add_hits(app, pg.content, &query, hits, nhits) != 0) {
		page_finish(app, &pg, resp);
		return 500;
	}
	if ((enc = urlenc_encode(&app->arena, q, 0)) != NULL) {
		const char *url = arena_printf(&app->arena, "/search?q=%s", enc);

		page_pager(app, pg.content, url, &w);
		page_canonical(app, &pg, req, page > 1 ? arena_printf(&app->arena,
		    "%s&page=%ld", url, page) : url);
	}
	return page_finish(app, &pg, resp);
}
