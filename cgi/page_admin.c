/* page_admin.c: the admin chrome (who is signed in, the sign-out button)
 * and the dashboard: every article with its status and actions, and the
 * recent activity from the audit log. */
#include <string.h>
#include <time.h>

#include "admin_auth.h"
#include "app.h"
#include "article_store.h"
#include "audit_log.h"
#include "i18n.h"
#include "pages.h"
#include "pagination.h"
#include "request.h"
#include "response.h"

#define DASHBOARD_PAGE_SIZE	50
#define DASHBOARD_ACTIVITY	15

int
page_admin_begin(struct app *app, struct page *pg, const char *content_file,
    const char *title, const struct session *s)
{
	tpl_dict *bar;

	if (page_begin(app, pg, content_file, title, NULL, NULL) != 0)
		return -1;
	page_strings(app, pg->root, I18N_SCOPE_ADMIN);
	bar = tpl_add_section(pg->root, "ADMIN_BAR");
	tpl_set(bar, "USER", s->user_name);
	tpl_set(bar, "DASHBOARD_URL", app_url(app, "/admin/"));
	tpl_set(bar, "NEW_URL", app_url(app, "/admin/articles/new"));
	tpl_set(bar, "SIGNOUT_URL", app_url(app, "/admin/signout"));
	tpl_set(bar, "CSRF", s->csrf);
	tpl_set(pg->content, "CSRF", s->csrf);
	return 0;
}

/* T in the server's local time as FORMAT (strftime), in the arena; ""
 * when it cannot be shown. */
const char *
admin_local_time(struct arena *a, long long t, const char *format)
{
	struct tm tm;
	time_t tt = (time_t)t;
	char buf[32];

	if (localtime_r(&tt, &tm) == NULL || strftime(buf, sizeof(buf), format, &tm) == 0)
		return "";
	return arena_strdup(a, buf);
}

static void
add_articles(struct app *app, tpl_dict *d, const struct article_summary *items,
    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tpl_dict *it = tpl_add_section(d, "ARTICLE");
		int published = strcmp(items[i].status, "published") == 0;

		tpl_set(it, "TITLE", items[i].title);
		tpl_set(it, "AUTHOR", items[i].author);
		tpl_set_int(it, "VIEWS", items[i].views);
		tpl_set(it, "DATE", items[i].published_on);
		tpl_set(it, "STATUS", i18n_text(app->lang, published ?
		    I18N_STATUS_PUBLISHED : I18N_STATUS_DRAFT));
		tpl_set(it, "STATUS_CLASS", published ? "published" : "draft");
		tpl_set(it, "EDIT_URL", app_url(app, arena_printf(&app->arena,
		    "/admin/articles/%lld/edit", items[i].id)));
		tpl_set(it, "DELETE_URL", app_url(app, arena_printf(&app->arena,
		    "/admin/articles/%lld/delete", items[i].id)));
		/* A draft has no public page to link to. */
		if (published) {
			tpl_dict *v = tpl_add_section(it, "VIEW");

			tpl_set(v, "HREF", app_url(app, arena_printf(&app->arena,
			    "/articles/%lld", items[i].id)));
			tpl_set(v, "TITLE", items[i].title);
		} else
			tpl_show_section(it, "UNLINKED");
	}
	if (n == 0)
		tpl_show_section(d, "NO_ARTICLES");
}

/* An action as the audit log stores it (in English, from the code) in
 * the reader's language; one it does not know is shown as stored. */
static const char *
action_text(struct app *app, const char *action)
{
	static const enum i18n_key known[] = {
		I18N_AUDIT_SIGNED_IN, I18N_AUDIT_SIGNED_OUT, I18N_AUDIT_PUBLISHED,
		I18N_AUDIT_CREATED_DRAFT, I18N_AUDIT_UPDATED,
		I18N_AUDIT_UNPUBLISHED, I18N_AUDIT_DELETED,
	};

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(action, i18n_text(LANG_EN, known[i])) == 0)
			return i18n_text(app->lang, known[i]);
	return action;
}

static void
add_activity(struct app *app, tpl_dict *d, const struct audit_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		tpl_dict *it = tpl_add_section(d, "ACTIVITY");

		tpl_set(it, "WHEN", admin_local_time(&app->arena, e[i].at, "%Y-%m-%d %H:%M"));
		tpl_set(it, "WHO", e[i].user_name);
		tpl_set(it, "WHAT", action_text(app, e[i].action));
		if (e[i].detail[0] != '\0')
			tpl_set(tpl_add_section(it, "DETAIL"), "TEXT", e[i].detail);
	}
	if (n == 0)
		tpl_show_section(d, "NO_ACTIVITY");
}

/* A message about what was just done, from the redirect's query. */
static void
add_notice(struct app *app, const struct request *req, tpl_dict *d)
{
	const char *saved = urlenc_get(&req->query, "saved", NULL);
	const char *text = NULL;

	if (saved != NULL)
		text = i18n_text(app->lang, strcmp(saved, "draft") == 0 ?
		    I18N_NOTICE_SAVED_DRAFT : I18N_NOTICE_SAVED_PUBLISHED);
	else if (urlenc_get(&req->query, "deleted", NULL) != NULL)
		text = i18n_text(app->lang, I18N_NOTICE_DELETED);
	if (text != NULL)
		tpl_set(tpl_add_section(d, "NOTICE"), "TEXT", text);
}

int
page_admin_dashboard(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct session s;
	struct page pg;
	struct page_window w;
	struct article_summary *items;
	struct audit_entry *activity;
	size_t n, nact;
	long page, total;
	int rc;

	(void)params;
	if ((rc = admin_require(app, req, resp, &s)) != 0)
		return rc > 0 ? 0 : 500;
	if (page_requested(req, &page) != 0)
		return 400;
	if (article_count_any(app->store, &total) != 0)
		return 500;
	if (page_window(page, DASHBOARD_PAGE_SIZE, total, &w) != PAGE_OK)
		return 404;
	if (article_list_any(app->store, &app->arena, w.offset, w.per_page,
	    &items, &n) != 0 ||
	    audit_recent(app->store, &app->arena, DASHBOARD_ACTIVITY,
	    &activity, &nact) != 0)
		return 500;
	if (page_admin_begin(app, &pg, "admin_dashboard.tpl",
	    i18n_text(app->lang, I18N_ADMIN_DASHBOARD), &s) != 0)
		return 500;
	add_notice(app, req, pg.content);
	tpl_set(pg.content, "NEW_URL", app_url(app, "/admin/articles/new"));
	tpl_set_int(pg.content, "TOTAL", total);
	add_articles(app, pg.content, items, n);
	if (w.page > 1)
		tpl_set(tpl_add_section(pg.content, "PREV"), "HREF", app_url(app,
		    arena_printf(&app->arena, "/admin/?page=%ld", w.page - 1)));
	if (w.page < w.total_pages)
		tpl_set(tpl_add_section(pg.content, "NEXT"), "HREF", app_url(app,
		    arena_printf(&app->arena, "/admin/?page=%ld", w.page + 1)));
	add_activity(app, pg.content, activity, nact);
	admin_private_headers(resp);
	return page_finish(app, &pg, resp);
}
