/* page_lang.c: the reader's interface language for each request, and
 * GET /lang?to=zh-CN&next=/path, the target of the switch link in every
 * page's header: it remembers the choice in the gazette_lang cookie and
 * sends the reader back to NEXT (a path on this site only, never another
 * site: the same check as the sign-in form's next). */
#include <stdio.h>
#include <string.h>

#include "admin_auth.h"
#include "app.h"
#include "config.h"
#include "i18n.h"
#include "pages.h"
#include "request.h"
#include "response.h"

void
page_lang_init(struct app *app, char *const *envp, const struct request *req)
{
	const char *path;

	const struct config *c = app->config;

	app->lang = i18n_choose_offered(&app->arena, env_get(envp, "HTTP_COOKIE"),
	    env_get(envp, "HTTP_ACCEPT_LANGUAGE"), c ? c->languages : NULL,
	    c ? c->nlanguages : 0);
	app->here = "/";
	if (req == NULL || req->path == NULL ||
	    (path = urlenc_encode(&app->arena, req->path, 1)) == NULL)
		return;
	if (req->query_raw[0] == '\0')
		app->here = path;
	else if ((path = arena_printf(&app->arena, "%s?%s", path,
	    req->query_raw)) != NULL)
		app->here = path;
}

int
app_lang_offered(const struct app *app, enum lang lang)
{
	const struct config *c = app->config;

	if (c == NULL)
		return 1;
	for (int i = 0; i < c->nlanguages; i++)
		if (c->languages[i] == lang)
			return 1;
	return 0;
}

int
page_lang(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	const char *to, *next, *location;
	size_t count;
	enum lang lang;
	char cookie[128];

	(void)params;
	to = urlenc_get(&req->query, "to", &count);
	if (count != 1 || i18n_lang_parse(to, &lang) != 0 ||
	    !app_lang_offered(app, lang))
		return 400;
	next = urlenc_get(&req->query, "next", &count);
	if (count != 1 || !admin_next_ok(next))
		next = "/";
	if ((location = app_url(app, next)) == NULL)
		return 500;
	/* Lax, not Strict: the choice must reach the page a reader arrives
	 * at from another site's link. Secure over https, as admin cookies. */
	snprintf(cookie, sizeof(cookie), "%s=%s; Path=/; Max-Age=%ld; "
	    "SameSite=Lax; HttpOnly%s", LANG_COOKIE, i18n_tag(lang),
	    LANG_COOKIE_MAX_AGE, req->https ? "; Secure" : "");
	response_redirect(resp, 303, location);
	response_header(resp, "Set-Cookie", cookie);
	/* An answer that sets a cookie is nobody's to keep. */
	response_header(resp, "Cache-Control", "no-store");
	return 0;
}
