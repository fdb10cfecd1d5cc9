/* page_admin_article.c: the article editor. GET shows the form (new, or
 * filled from the article); POST takes an optional photo, then either
 * shows a preview or saves. A refused form comes back with every field as
 * typed and a message beside each one that needs attention. */
#include <string.h>
#include <time.h>

#include "admin_auth.h"
#include "app.h"
#include "article_form.h"
#include "article_photo.h"
#include "article_store.h"
#include "audit_log.h"
#include "db.h"
#include "form_body.h"
#include "i18n.h"
#include "log.h"
#include "markdown.h"
#include "pages.h"
#include "request.h"
#include "response.h"
#include "section_store.h"

static void
add_error(tpl_dict *d, const char *name, const char *error)
{
	if (error != NULL)
		tpl_set(tpl_add_section(d, name), "TEXT", error);
}

static int
add_sections(struct app *app, tpl_dict *d, long long selected)
{
	struct section *all;
	int *depth;
	size_t n;

	if (section_all(app->store, &app->arena, &all, &depth, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		tpl_dict *o = tpl_add_section(d, "OPTION");
		const char *indent = depth[i] == 0 ? "" : depth[i] == 1 ? "— " :
		    depth[i] == 2 ? "— — " : "— — — ";

		tpl_set_int(o, "VALUE", all[i].id);
		tpl_set(o, "LABEL", arena_printf(&app->arena, "%s%s", indent,
		    all[i].title));
		if (all[i].id == selected)
			tpl_show_section(o, "SELECTED");
	}
	return 0;
}

/* Renders the form of article ID (0: a new one) with STATUS. ALERT, when
 * set, says above the form why nothing was saved (instead of the count of
 * problems to correct). */
static int
show_form(struct app *app, const struct session *s, struct response *resp,
    long long id, const struct article_form *f, int status, int preview,
    const char *alert, const char *notice)
{
	struct page pg;
	tpl_dict *c;
	const char *action = id ? arena_printf(&app->arena,
	    "/admin/articles/%lld/edit", id) : "/admin/articles/new";
	const char *heading = i18n_text(app->lang, id ? I18N_EDIT_TITLE :
	    I18N_ADMIN_NEW_ARTICLE);

	if (page_admin_begin(app, &pg, "admin_article_form.tpl",
	    heading, s) != 0)
		return 500;
	c = pg.content;
	tpl_set(c, "HEADING", heading);
	tpl_set(c, "ACTION", app_url(app, action));
	tpl_set(c, "TITLE", f->title);
	tpl_set(c, "AUTHOR", f->author);
	tpl_set(c, "SOURCE", f->source ? f->source : "");
	tpl_set(c, "DATE", f->published_on);
	tpl_set(c, "BODY", f->body);
	tpl_set(c, "PHOTO_ALT", f->photo_alt);
	tpl_set(c, "PHOTO_LABEL", arena_printf(&app->arena,
	    i18n_text(app->lang, I18N_PHOTO_LABEL), article_photo_max_text(app)));
	tpl_show_section(c, strcmp(f->status, "draft") == 0 ?
	    "STATUS_DRAFT" : "STATUS_PUBLISHED");
	if (add_sections(app, c, f->section_id) != 0) {
		tpl_dict_free(pg.root);
		return 500;
	}
	if (alert != NULL || f->errors > 0) {
		tpl_dict *e = tpl_add_section(c, "ERRORS");

		tpl_set_int(e, "COUNT", f->errors);
		tpl_set(e, "TEXT", alert ? alert : arena_printf(&app->arena,
		    i18n_text(app->lang, I18N_FORM_ERRORS), f->errors));
	}
	add_error(c, "TITLE_ERROR", f->title_error);
	add_error(c, "AUTHOR_ERROR", f->author_error);
	add_error(c, "SOURCE_ERROR", f->source_error);
	add_error(c, "DATE_ERROR", f->date_error);
	add_error(c, "SECTION_ERROR", f->section_error);
	add_error(c, "BODY_ERROR", f->body_error);
	add_error(c, "STATUS_ERROR", f->status_error);
	add_error(c, "PHOTO_ERROR", f->photo_error);
	if (notice != NULL)
		tpl_set(tpl_add_section(c, "NOTICE"), "TEXT", notice);
	if (id) {
		tpl_set(tpl_add_section(c, "DELETE"), "HREF", app_url(app,
		    arena_printf(&app->arena, "/admin/articles/%lld/delete", id)));
	}
	if (preview) {
		struct strbuf html = STRBUF_INIT;
		tpl_dict *p = tpl_add_section(c, "PREVIEW");

		if (markdown_render(f->body, strlen(f->body), &html) != 0) {
			strbuf_free(&html);
			tpl_dict_free(pg.root);
			return 500;
		}
		tpl_set(p, "TITLE", f->title);
		tpl_set(p, "AUTHOR", f->author);
		if (f->source != NULL && f->source[0] != '\0')
			tpl_set(tpl_add_section(p, "SOURCE_LINE"), "TEXT", f->source);
		tpl_set(p, "DATE", f->published_on);
		tpl_set(p, "DATE_TEXT", i18n_date(&app->arena, app->lang,
		    f->published_on));
		/* cmark's HTML: text escaped, raw HTML dropped (markdown.h). */
		tpl_set(p, "BODY_HTML", html.data ? html.data : "");
		strbuf_free(&html);
	}
	admin_private_headers(resp);
	if (status == 503)
		response_header(resp, "Retry-After", DB_RETRY_AFTER);
	resp->status = status;
	return page_finish(app, &pg, resp);
}

int
page_admin_article_new(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct session s;
	struct article_form f;
	struct article_summary *latest;
	size_t n;
	int rc;

	(void)params;
	if ((rc = admin_require(app, req, resp, &s)) != 0)
		return rc > 0 ? 0 : 500;
	/* A site's articles mostly share a byline and a section: start from
	 * those of the newest article. */
	if (article_list_any(app->store, &app->arena, 0, 1, &latest, &n) != 0)
		return 500;
	article_form_new(&app->arena, &f, n ? latest[0].author : s.user_name,
	    admin_local_time(&app->arena, (long long)time(NULL), "%Y-%m-%d"), n ? latest[0].section_id : SECTION_ROOT_ID);
	return show_form(app, &s, resp, 0, &f, 200, 0, NULL, NULL);
}

int
page_admin_article_edit(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct session s;
	struct article_form f;
	struct article a;
	int rc;

	if ((rc = admin_require(app, req, resp, &s)) != 0)
		return rc > 0 ? 0 : 500;
	if ((rc = article_get(app->store, &app->arena, params->id, &a)) != 0)
		return rc > 0 ? 404 : 500;
	article_form_of(&app->arena, &f, &a);
	return show_form(app, &s, resp, params->id, &f, 200, 0, NULL, NULL);
}

/* What the audit log says a save did. */
static const char *
save_action(const char *old_status, const char *new_status)
{
	if (old_status == NULL)
		return strcmp(new_status, "draft") == 0 ? "created a draft" : "published";
	if (strcmp(old_status, new_status) == 0)
		return "updated";
	return strcmp(new_status, "draft") == 0 ? "unpublished" : "published";
}

/* Writes the article and its audit record in one transaction: 0 (*ID is
 * the article's), 1 when the article vanished meanwhile, -1 (logged) with
 * *WHY saying what kept it from being written. */
static int
save(struct app *app, const struct session *s, long long *id,
    const char *old_status, const struct article_input *in,
    enum db_failure *why)
{
	long long saved = *id;
	int rc;

	if ((rc = db_begin(app->db)) == 0) {
		rc = saved == 0 ? article_insert(app->store, in, &saved) :
		    article_update(app->store, saved, in);
		if (rc == 0 && (audit_record(app->store, (long long)time(NULL),
		    s->user_name, save_action(old_status, in->status), saved,
		    in->title) != 0 || db_commit(app->db) != 0))
			rc = -1;
	}
	if (rc != 0) {
		/* Read before the rollback, which clears the error. */
		if (rc < 0)
			*why = db_log_failure(app->db, *id ? arena_printf(&app->arena,
			    "account %s saving article %lld", s->user_name, *id) :
			    arena_printf(&app->arena, "account %s saving a new article",
			    s->user_name));
		db_rollback(app->db);
		return rc > 0 ? 1 : -1;
	}
	*id = saved;
	return 0;
}

/* What the editor is told above the form for such a STATUS. */
static const char *
failed_text(struct app *app, int status)
{
	return i18n_text(app->lang, status == 503 ? I18N_SAVE_BUSY :
	    status == 507 ? I18N_SAVE_FULL : I18N_SAVE_FAILED);
}

/* POST of the form for article ID (0: a new one). */
static int
take_form(struct app *app, const struct request *req, struct response *resp,
    long long id)
{
	struct session s;
	struct form_body form;
	struct article_form f;
	struct article old;
	struct article_input in;
	struct section sec;
	const char *why, *action, *alert = NULL;
	enum db_failure failure = DB_FAILED;
	int rc, status, added;

	if ((rc = admin_require(app, req, resp, &s)) != 0)
		return rc > 0 ? 0 : 500;
	if (!admin_origin_ok(req))
		return 403;
	if ((status = form_body_read(&app->arena, req, &form, &why)) != 0) {
		log_info("article form refused: %s", why);
		return status;
	}
	if ((status = admin_check_post(req, &s, form_text(&form, CSRF_FIELD))) != 0)
		return status;
	if (id != 0 && (rc = article_get(app->store, &app->arena, id, &old)) != 0)
		return rc > 0 ? 404 : 500;
	if (article_form_read(&app->arena, &f, &form, app->lang) != 0)
		return 500;
	action = form_text(&form, "action");
	/* A photo the server failed to store leaves the form to be shown
	 * again with everything typed, rather than lost behind an error page. */
	if ((status = article_photo_take(app, &form, &f, &added)) >= 500)
		alert = failed_text(app, status);
	article_form_validate(&f, app->lang);
	if (f.section_id > 0 &&
	    (rc = section_by_id(app->store, &app->arena, f.section_id, &sec)) != 0) {
		if (rc < 0)
			return 500;
		article_form_error(&f, &f.section_error,
		    i18n_text(app->lang, I18N_FORM_SECTION_GONE));
	}
	if (f.errors > 0)
		return show_form(app, &s, resp, id, &f, status ? status : 400, 0,
		    alert, NULL);
	if (action == NULL || strcmp(action, "save") != 0)
		return show_form(app, &s, resp, id, &f, 200, 1, NULL, added ?
		    i18n_text(app->lang, I18N_NOTICE_PHOTO_ADDED) : NULL);
	if (article_form_input(&app->arena, &f, &in) != 0)
		return 500;
	if ((rc = save(app, &s, &id, id ? old.s.status : NULL, &in, &failure)) != 0) {
		if (rc > 0)
			return 404;
		/* Nothing was written; the form keeps the editor's text. */
		status = db_failure_status(failure);
		return show_form(app, &s, resp, id, &f, status, 0,
		    failed_text(app, status), NULL);
	}
	log_info("account %s saved article %lld", s.user_name, id);
	response_redirect(resp, 303, app_url(app, strcmp(in.status, "draft") == 0 ?
	    "/admin/?saved=draft" : "/admin/?saved=published"));
	admin_private_headers(resp);
	return 0;
}

int
page_admin_article_create(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	(void)params;
	return take_form(app, req, resp, 0);
}

int
page_admin_article_update(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	return take_form(app, req, resp, params->id);
}
