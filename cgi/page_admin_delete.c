/* page_admin_delete.c: deleting an article: a confirmation page (GET),
 * then the deletion itself (POST with the CSRF token). The row goes, so
 * the article leaves every public page, list and count at once; its photos
 * stay in the media folder, since other articles may show them too. */
#include <time.h>

#include "admin_auth.h"
#include "app.h"
#include "article_store.h"
#include "audit_log.h"
#include "db.h"
#include "form_body.h"
#include "i18n.h"
#include "log.h"
#include "pages.h"
#include "request.h"
#include "response.h"

/* The confirmation page for article A with STATUS; ALERT, when set, says
 * why the last try did not delete it. */
static int
show_confirm(struct app *app, const struct session *s, struct response *resp,
    const struct article *a, int status, const char *alert)
{
	struct page pg;

	if (page_admin_begin(app, &pg, "admin_delete.tpl",
	    i18n_text(app->lang, I18N_DELETE_TITLE), s) != 0)
		return 500;
	if (alert != NULL)
		tpl_set(tpl_add_section(pg.content, "ALERT"), "TEXT", alert);
	tpl_set(pg.content, "TITLE", a->s.title);
	tpl_set(pg.content, "DATE", a->s.published_on);
	tpl_set(pg.content, "ACTION", app_url(app, arena_printf(&app->arena,
	    "/admin/articles/%lld/delete", a->s.id)));
	tpl_set(pg.content, "CANCEL_URL", app_url(app, "/admin/"));
	admin_private_headers(resp);
	if (status == 503)
		response_header(resp, "Retry-After", DB_RETRY_AFTER);
	resp->status = status;
	return page_finish(app, &pg, resp);
}

int
page_admin_delete_confirm(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct session s;
	struct article a;
	int rc;

	if ((rc = admin_require(app, req, resp, &s)) != 0)
		return rc > 0 ? 0 : 500;
	if ((rc = article_get(app->store, &app->arena, params->id, &a)) != 0)
		return rc > 0 ? 404 : 500;
	return show_confirm(app, &s, resp, &a, 200, NULL);
}

int
page_admin_delete(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct session s;
	struct form_body form;
	struct article a;
	const char *why;
	int rc, status;

	if ((rc = admin_require(app, req, resp, &s)) != 0)
		return rc > 0 ? 0 : 500;
	if (!admin_origin_ok(req))
		return 403;
	if ((status = form_body_read(&app->arena, req, &form, &why)) != 0) {
		log_info("delete form refused: %s", why);
		return status;
	}
	if ((status = admin_check_post(req, &s, form_text(&form, CSRF_FIELD))) != 0)
		return status;
	if ((rc = article_get(app->store, &app->arena, params->id, &a)) != 0)
		return rc > 0 ? 404 : 500;
	if ((rc = db_begin(app->db)) == 0 &&
	    (rc = article_delete(app->store, params->id)) == 0 &&
	    (audit_record(app->store, (long long)time(NULL), s.user_name,
	    "deleted", params->id, a.s.title) != 0 || db_commit(app->db) != 0))
		rc = -1;
	if (rc != 0) {
		enum db_failure why = DB_FAILED;

		/* Read before the rollback, which clears the error. */
		if (rc < 0)
			why = db_log_failure(app->db, arena_printf(&app->arena,
			    "account %s deleting article %lld", s.user_name,
			    params->id));
		db_rollback(app->db);
		if (rc > 0)
			return 404;
		/* A lock held elsewhere passes and a full disk needs the
		 * operator: the page says which, and the button is still there. */
		return show_confirm(app, &s, resp, &a, db_failure_status(why),
		    i18n_text(app->lang,
		    why == DB_BUSY ? I18N_DELETE_BUSY : why == DB_FULL ?
		    I18N_DELETE_FULL : I18N_DELETE_FAILED));
	}
	log_info("account %s deleted article %lld", s.user_name, params->id);
	response_redirect(resp, 303, app_url(app, "/admin/?deleted=1"));
	admin_private_headers(resp);
	return 0;
}
