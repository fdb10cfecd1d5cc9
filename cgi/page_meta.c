/* page_meta.c: canonical links, Open Graph and JSON-LD, and the UTC
 * times they and the feeds print. URLs here are absolute (app_site_url:
 * the site_url setting, else the request's own scheme and host), because
 * previews and crawlers read them out of context. */
#include <string.h>
#include <time.h>

#include "app.h"
#include "article_store.h"
#include "pages.h"
#include "page_meta.h"

void
page_canonical(struct app *app, struct page *pg, const struct request *req,
    const char *path)
{
	const char *url = arena_printf(&app->arena, "%s%s",
	    app_site_url(app, req), path);

	if (url != NULL)
		tpl_set(tpl_add_section(pg->root, "CANONICAL"), "URL", url);
}

/* The src of the first <img> in HTML, which cmark wrote (so attributes
 * are double-quoted and escaped), in the arena; NULL when there is none.
 * Only photos of this site (/media/...) are used. */
static const char *
first_photo(struct app *app, const char *html)
{
	const char *p = strstr(html, "<img src=\"/media/"), *end;

	if (p == NULL)
		return NULL;
	p += strlen("<img src=\"");
	if ((end = strchr(p, '"')) == NULL || end - p > 200)
		return NULL;
	/* Media names are [0-9a-f].ext: nothing in them was escaped. */
	if (memchr(p, '&', (size_t)(end - p)) != NULL)
		return NULL;
	return arena_printf(&app->arena, "%.*s", (int)(end - p), p);
}

const char *
page_utc_time(struct arena *a, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return "1970-01-01T00:00:00Z";
	return arena_strdup(a, buf);
}

void
page_article_meta(struct app *app, struct page *pg, const struct request *req,
    const struct article *a, const char *body_html)
{
	const char *site = app_site_url(app, req);
	const char *photo = body_html ? first_photo(app, body_html) : NULL;
	tpl_dict *m = tpl_add_section(pg->root, "ARTICLE_META");

	tpl_set(m, "TITLE", a->s.title);
	tpl_set(m, "DESCRIPTION", a->s.excerpt);
	tpl_set(m, "AUTHOR", a->s.author[0] ? a->s.author : app->site_name);
	tpl_set(m, "URL", arena_printf(&app->arena, "%s/articles/%lld", site, a->s.id));
	tpl_set(m, "PUBLISHED", a->s.published_on);
	tpl_set(m, "MODIFIED", page_utc_time(&app->arena, a->updated_at));
	if (photo != NULL)
		tpl_set(tpl_add_section(m, "IMAGE"), "URL",
		    arena_printf(&app->arena, "%s%s", site, photo));
}
