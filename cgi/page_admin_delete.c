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

int
page_admin_delete_confirm(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct session s;
	struct article a;
	struct page pg;
	int rc;

	if ((rc = admin_require(app, req, resp, &s)) != 0)
		return rc > 0 ? 0 : 500;
	if ((rc = article_get(app->store, &app->arena, params->id, &a)) != 0)
		return rc > 0 ? 404 : 500;
	if (page_admin_begin(app, &pg, "admin_delete.tpl",
	    i18n_text(app->lang, I18N_DELETE_TITLE), &s) != 0)
		return 500;
	tpl_set(pg.content, "TITLE", a.s.title);
	tpl_set(pg.content, "DATE", a.s.published_on);
	tpl_set(pg.content, "ACTION", app_url(app, arena_printf(&app->arena,
	    "/admin/articles/%lld/delete", a.s.id)));
	tpl_set(pg.content, "CANCEL_URL", app_url(app, "/admin/"));
	admin_private_headers(resp);
	return page_finish(app, &pg, resp);
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
	if (db_begin(app->db) != 0)
		return 500;
	if ((rc = article_delete(app->store, params->id)) != 0 ||
	    audit_record(app->store, (long long)time(NULL), s.user_name, "deleted",
	    params->id, a.s.title) != 0 || db_commit(app->db) != 0) {
		db_rollback(app->db);
		return rc > 0 ? 404 : 500;
	}
	log_info("account %s deleted article %lld", s.user_name, params->id);
	response_redirect(resp, 303, app_url(app, "/admin/?deleted=1"));
	admin_private_headers(resp);
	return 0;
}
