/* admin_auth.c: sessions from cookies, the sign-in redirect, Origin and
 * CSRF checks (see admin_auth.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "admin_auth.h"
#include "app.h"
#include "cookie.h"
#include "log.h"
#include "request.h"
#include "response.h"

int
admin_session(struct app *app, const struct request *req, struct session *s)
{
	struct cookie_jar jar;
	const char *token;
	size_t count = 0;

	if (req->cookie == NULL ||
	    cookie_parse(&app->arena, req->cookie, strlen(req->cookie), &jar) != 0)
		return 1;
	/* Two session cookies (say, one set for a parent domain) are refused
	 * rather than guessed between. */
	if ((token = cookie_get(&jar, SESSION_COOKIE, &count)) == NULL || count != 1)
		return 1;
	return session_lookup(app->store, &app->arena, token, (long long)time(NULL), s);
}

int
admin_require(struct app *app, const struct request *req, struct response *resp,
    struct session *s)
{
	const char *next, *to;
	int rc;

	if ((rc = admin_session(app, req, s)) <= 0)
		return rc;
	next = req->query_raw[0] ? arena_printf(&app->arena, "%s?%s", req->path,
	    req->query_raw) : req->path;
	if (next == NULL || (next = urlenc_encode(&app->arena, next, 0)) == NULL ||
	    (to = arena_printf(&app->arena, "%s?next=%s", app_url(app, "/signin"),
	    next)) == NULL)
		return -1;
	response_redirect(resp, 303, to);
	admin_private_headers(resp);
	return 1;
}

int
admin_origin_ok(const struct request *req)
{
	const char *o = req->origin, *scheme, *port, *want;
	size_t n;

	if (o == NULL)
		return 1;
	if (req->host == NULL)
		return 0;
	scheme = req->https ? "https://" : "http://";
	want = req->server_port ? req->server_port : req->https ? "443" : "80";
	n = strlen(scheme);
	if (strncasecmp(o, scheme, n) != 0)
		return 0;
	o += n;
	n = strlen(req->host);
	if (strncasecmp(o, req->host, n) != 0)
		return 0;
	o += n;
	if (*o == '\0')
		port = req->https ? "443" : "80";
	else if (*o == ':')
		port = o + 1;
	else
		return 0;
	return strcmp(port, want) == 0;
}

int
admin_check_post(const struct request *req, const struct session *s,
    const char *token)
{
	if (!admin_origin_ok(req)) {
		log_warn("refused a POST to %s by %s: Origin %s is not this site",
		    req->path, s->user_name, req->origin);
		return 403;
	}
	if (!session_csrf_ok(s, token)) {
		log_warn("refused a POST to %s by %s: %s CSRF token", req->path,
		    s->user_name, token == NULL ? "no" : "a wrong");
		return 403;
	}
	return 0;
}

int
admin_next_ok(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' || next[1] == '\\')
		return 0;
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return strlen(next) <= REQUEST_MAX_PATH;
}

void
admin_set_cookie(struct response *resp, const struct request *req,
    const char *name, const char *value, long max_age)
{
	char line[256];
	char age[48] = "";

	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	if ((size_t)snprintf(line, sizeof(line),
	    "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value, age,
	    req->https ? "; Secure" : "") < sizeof(line))
		response_header(resp, "Set-Cookie", line);
}

void
admin_private_headers(struct response *resp)
{
	response_header(resp, "Cache-Control", "no-store");
}
