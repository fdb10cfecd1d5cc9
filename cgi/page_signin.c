/* page_signin.c: the sign-in form, signing in and signing out.
 *
 * The sign-in form has no session to bind a CSRF token to, so it carries
 * a token that must match a cookie set with the form (a "double submit"):
 * another site can neither read the cookie nor set it, so it cannot sign
 * a visitor in to an account of its choosing. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "admin_auth.h"
#include "app.h"
#include "audit_log.h"
#include "cookie.h"
#include "db.h"
#include "form_body.h"
#include "i18n.h"
#include "log.h"
#include "pages.h"
#include "request.h"
#include "response.h"
#include "signin_throttle.h"
#include "user_store.h"

/* The sign-in token from REQ's cookie, or NULL. */
static const char *
signin_cookie(struct app *app, const struct request *req)
{
	struct cookie_jar jar;
	const char *v;
	size_t count = 0;

	if (req->cookie == NULL ||
	    cookie_parse(&app->arena, req->cookie, strlen(req->cookie), &jar) != 0)
		return NULL;
	v = cookie_get(&jar, SIGNIN_COOKIE, &count);
	return v != NULL && count == 1 && strlen(v) == SESSION_TOKEN_CHARS ? v : NULL;
}

/* Renders the form with STATUS; MESSAGE (or NULL) says what went wrong,
 * NOTICE (or NULL) what went right. */
static int
show_form(struct app *app, const struct request *req, struct response *resp,
    int status, const char *name, const char *next, const char *message,
    const char *notice)
{
	struct page pg;
	const char *token = signin_cookie(app, req);
	char fresh[SESSION_TOKEN_CHARS + 1];
	tpl_dict *d;

	if (token == NULL) {
		unsigned char raw[SESSION_TOKEN_BYTES];

		randombytes_buf(raw, sizeof(raw));
		sodium_bin2base64(fresh, sizeof(fresh), raw, sizeof(raw),
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		token = fresh;
		admin_set_cookie(resp, req, SIGNIN_COOKIE, token, -1);
	}
	if (page_begin(app, &pg, "signin.tpl",
	    i18n_text(app->lang, I18N_SIGNIN_TITLE), NULL, NULL) != 0)
		return 500;
	tpl_set(pg.content, "ACTION", app_url(app, "/signin"));
	tpl_set(pg.content, "CSRF", token);
	tpl_set(pg.content, "NAME", name ? name : "");
	if (next != NULL && admin_next_ok(next)) {
		d = tpl_add_section(pg.content, "NEXT");
		tpl_set(d, "VALUE", next);
	}
	if (message != NULL) {
		d = tpl_add_section(pg.content, "ERROR");
		tpl_set(d, "TEXT", message);
	}
	if (notice != NULL) {
		d = tpl_add_section(pg.content, "NOTICE");
		tpl_set(d, "TEXT", notice);
	}
	admin_private_headers(resp);
	resp->status = status;
	return page_finish(app, &pg, resp);
}

int
page_signin(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct session s;
	const char *next = urlenc_get(&req->query, "next", NULL);
	int rc;

	(void)params;
	if ((rc = admin_session(app, req, &s)) < 0)
		return 500;
	if (rc == 0) {
		response_redirect(resp, 303, app_url(app, "/admin/"));
		admin_private_headers(resp);
		return 0;
	}
	return show_form(app, req, resp, 200, NULL, next,
	    NULL, urlenc_get(&req->query, "signed_out", NULL) ?
	    i18n_text(app->lang, I18N_SIGNIN_SIGNED_OUT) : NULL);
}

/* Opens a session for USER_ID and sends its cookie; the session the
 * browser had before, if any, ends (a fixated token is worthless). */
static int
open_session(struct app *app, const struct request *req, struct response *resp,
    long long user_id, const char *name, enum db_failure *failure)
{
	struct cookie_jar jar;
	char cookie[SESSION_TOKEN_CHARS + 1];
	long long now = (long long)time(NULL);
	const char *old = NULL;

	if (req->cookie != NULL &&
	    cookie_parse(&app->arena, req->cookie, strlen(req->cookie), &jar) == 0)
		old = cookie_get(&jar, SESSION_COOKIE, NULL);
	if (db_begin(app->db) != 0 ||
	    (old != NULL && session_end_cookie(app->store, old) != 0) ||
	    session_purge(app->store, now) != 0 ||
	    session_create(app->store, user_id, now, cookie) != 0 ||
	    throttle_success(app->store, name) != 0 ||
	    audit_record(app->store, now, name, "signed in", 0, NULL) != 0 ||
	    db_commit(app->db) != 0) {
		*failure = db_log_failure(app->db, "signing in");
		db_rollback(app->db);
		return -1;
	}
	admin_set_cookie(resp, req, SESSION_COOKIE, cookie, SESSION_MAX_SECONDS);
	admin_set_cookie(resp, req, SIGNIN_COOKIE, "", 0);
	return 0;
}

/* A sign-in whose write failed for FAILURE (db_log_failure): the form
 * again, saying why, when the person can do something about it. */
static int
write_failed(struct app *app, const struct request *req, struct response *resp,
    enum db_failure failure, const char *name, const char *next)
{
	if (failure == DB_FAILED)
		return 500;
	if (failure == DB_BUSY)
		response_header(resp, "Retry-After", DB_RETRY_AFTER);
	return show_form(app, req, resp, db_failure_status(failure), name, next,
	    i18n_text(app->lang, failure == DB_BUSY ? I18N_SIGNIN_BUSY :
	    I18N_SIGNIN_FULL), NULL);
}

int
page_signin_post(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct form_body form;
	const char *why, *name, *password, *token, *next, *expect;
	long long user_id = 0, now = (long long)time(NULL);
	enum db_failure failure;
	long wait;
	int status;

	(void)params;
	if (!admin_origin_ok(req)) {
		log_info("sign-in refused: Origin %s is not this site", req->origin);
		return 403;
	}
	if ((status = form_body_read(&app->arena, req, &form, &why)) != 0) {
		log_info("sign-in form refused: %s", why);
		return status;
	}
	token = form_text(&form, CSRF_FIELD);
	expect = signin_cookie(app, req);
	if (token == NULL || expect == NULL || strlen(token) != SESSION_TOKEN_CHARS ||
	    sodium_memcmp(token, expect, SESSION_TOKEN_CHARS) != 0) {
		log_info("sign-in refused: missing or wrong form token");
		return 403;
	}
	name = form_text(&form, "name");
	password = form_text(&form, "password");
	next = form_text(&form, "next");
	if (name == NULL || password == NULL || name[0] == '\0' || password[0] == '\0')
		return show_form(app, req, resp, 400, name, next,
		    i18n_text(app->lang, I18N_SIGNIN_MISSING), NULL);
	if (strlen(name) > USER_NAME_MAX) {
		size_t n = USER_NAME_MAX;

		/* Cut between characters: half of one would be invalid UTF-8
		 * in the form shown back, the log and signin_failure's key. */
		while (n > 0 && ((unsigned char)name[n] & 0xc0) == 0x80)
			n--;
		name = arena_strndup(&app->arena, name, n);
	}
	if (name == NULL)
		return 500;
	if ((status = throttle_check(app->store, name, req->remote_addr, now, &wait)) < 0)
		return 500;
	if (status > 0) {
		char secs[24];
		long minutes = (wait + 59) / 60;
		const char *msg = arena_printf(&app->arena, i18n_text(app->lang,
		    minutes == 1 ? I18N_SIGNIN_THROTTLED_ONE :
		    I18N_SIGNIN_THROTTLED_MANY), minutes);

		log_warn("sign-in throttled for account %s from %s (%ld s left)",
		    name, req->remote_addr, wait);
		snprintf(secs, sizeof(secs), "%ld", wait);
		response_header(resp, "Retry-After", secs);
		return show_form(app, req, resp, 429, name, next, msg, NULL);
	}
	status = strlen(password) > USER_PASSWORD_MAX ? 1 :
	    user_verify(app->store, name, password, &user_id);
	if (status < 0)
		return 500;
	if (status > 0) {
		log_warn("failed sign-in for account %s from %s", name, req->remote_addr);
		if (db_begin(app->db) != 0 ||
		    throttle_failure(app->store, name, req->remote_addr, now) != 0 ||
		    db_commit(app->db) != 0) {
			failure = db_log_failure(app->db, "recording a failed sign-in");
			db_rollback(app->db);
			return write_failed(app, req, resp, failure, name, next);
		}
		return show_form(app, req, resp, 403, name, next,
		    i18n_text(app->lang, I18N_SIGNIN_WRONG), NULL);
	}
	if (open_session(app, req, resp, user_id, name, &failure) != 0)
		return write_failed(app, req, resp, failure, name, next);
	log_info("account %s signed in from %s", name, req->remote_addr);
	response_redirect(resp, 303, next != NULL && admin_next_ok(next) ?
	    app_url(app, next) : app_url(app, "/admin/"));
	admin_private_headers(resp);
	return 0;
}

int
page_signout(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct session s;
	struct form_body form;
	const char *why;
	int status;

	(void)params;
	/* Without a session there is nothing to end: to the sign-in form,
	 * without a next= that would lead back to this POST-only URL. */
	if ((status = admin_session(app, req, &s)) != 0) {
		if (status < 0)
			return 500;
		response_redirect(resp, 303, app_url(app, "/signin"));
		admin_private_headers(resp);
		return 0;
	}
	if ((status = form_body_read(&app->arena, req, &form, &why)) != 0)
		return status;
	if ((status = admin_check_post(req, &s, form_text(&form, CSRF_FIELD))) != 0)
		return status;
	if (db_begin(app->db) != 0 || session_end(app->store, &s) != 0 ||
	    audit_record(app->store, (long long)time(NULL), s.user_name,
	    "signed out", 0, NULL) != 0 || db_commit(app->db) != 0) {
		db_rollback(app->db);
		return 500;
	}
	admin_set_cookie(resp, req, SESSION_COOKIE, "", 0);
	response_redirect(resp, 303, app_url(app, "/signin?signed_out=1"));
	admin_private_headers(resp);
	return 0;
}
