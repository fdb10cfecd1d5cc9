/* page_feed.c: what machines read: Atom feeds of the newest articles (the
 * whole site and each section), the sitemap and robots.txt. URLs in them
 * are absolute (app_site_url), as feed readers and crawlers need. */
#include <string.h>

#include "app.h"
#include "feed_store.h"
#include "markdown.h"
#include "page_meta.h"
#include "pages.h"
#include "request.h"
#include "response.h"
#include "section_store.h"

/* Renders the feed of SECTION (NULL: the whole site). */
static int
render_feed(struct app *app, const struct request *req, struct response *resp,
    const struct section *section)
{
	const char *site = app_site_url(app, req);
	const char *html_path = section ? arena_printf(&app->arena, "/sections/%s/",
	    section->slug) : "/";
	struct feed_entry *e;
	size_t n;
	long long newest = 0;
	tpl_dict *d;
	int rc;

	if (feed_entries(app->store, &app->arena, section ? section->id : 0,
	    FEED_ENTRIES, &e, &n) != 0 || (d = tpl_dict_new()) == NULL)
		return 500;
	tpl_set(d, "SITE_URL", site);
	tpl_set(d, "TITLE", section ? arena_printf(&app->arena, "%s · %s",
	    section->title, app->site_name) : app->site_name);
	tpl_set(d, "SELF_URL", arena_printf(&app->arena, "%s%sfeed.xml", site,
	    section ? html_path : "/"));
	tpl_set(d, "HTML_URL", arena_printf(&app->arena, "%s%s", site, html_path));
	for (size_t i = 0; i < n; i++) {
		tpl_dict *it = tpl_add_section(d, "ENTRY");
		struct strbuf html = STRBUF_INIT;

		if (e[i].updated_at > newest)
			newest = e[i].updated_at;
		tpl_set(it, "TITLE", e[i].s.title);
		tpl_set(it, "URL", arena_printf(&app->arena, "%s/articles/%lld",
		    site, e[i].s.id));
		tpl_set(it, "PUBLISHED", arena_printf(&app->arena, "%sT00:00:00Z",
		    e[i].s.published_on));
		tpl_set(it, "UPDATED", page_utc_time(&app->arena, e[i].updated_at));
		tpl_set(it, "AUTHOR", e[i].s.author);
		tpl_set(it, "SUMMARY", e[i].s.excerpt);
		if (markdown_render(e[i].body, strlen(e[i].body), &html) != 0) {
			strbuf_free(&html);
			tpl_dict_free(d);
			return 500;
		}
		tpl_set(it, "CONTENT", html.data ? html.data : "");
		strbuf_free(&html);
	}
	tpl_set(d, "UPDATED", page_utc_time(&app->arena, newest));
	rc = tpl_expand("feed.tpl", d, &resp->body);
	tpl_dict_free(d);
	if (rc != 0)
		return 500;
	resp->content_type = "application/atom+xml; charset=utf-8";
	return 0;
}

int
page_feed(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	(void)params;
	return render_feed(app, req, resp, NULL);
}

int
page_section_feed(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	struct section sec;
	int rc;

	if ((rc = section_by_slug(app->store, &app->arena, params->slug, &sec)) != 0)
		return rc > 0 ? 404 : 500;
	/* The root section's feed is the site's. */
	return render_feed(app, req, resp, sec.parent_id == 0 ? NULL : &sec);
}

int
page_sitemap(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	const char *site = app_site_url(app, req);
	struct sitemap_entry *e;
	struct section *secs;
	int *depth;
	size_t n, nsec;
	tpl_dict *d, *u;
	int rc;

	(void)params;
	if (sitemap_entries(app->store, &app->arena, SITEMAP_MAX, &e, &n) != 0 ||
	    section_all(app->store, &app->arena, &secs, &depth, &nsec) != 0 ||
	    (d = tpl_dict_new()) == NULL)
		return 500;
	tpl_set(tpl_add_section(d, "URL"), "LOC", arena_printf(&app->arena, "%s/", site));
	tpl_set(tpl_add_section(d, "URL"), "LOC", arena_printf(&app->arena,
	    "%s/articles/", site));
	for (size_t i = 0; i < nsec; i++)
		if (secs[i].parent_id != 0)
			tpl_set(tpl_add_section(d, "URL"), "LOC", arena_printf(
			    &app->arena, "%s/sections/%s/", site, secs[i].slug));
	for (size_t i = 0; i < n; i++) {
		u = tpl_add_section(d, "URL");
		tpl_set(u, "LOC", arena_printf(&app->arena, "%s/articles/%lld",
		    site, e[i].id));
		tpl_set(tpl_add_section(u, "LASTMOD"), "DATE",
		    page_utc_time(&app->arena, e[i].updated_at));
	}
	rc = tpl_expand("sitemap.tpl", d, &resp->body);
	tpl_dict_free(d);
	if (rc != 0)
		return 500;
	resp->content_type = "application/xml; charset=utf-8";
	return 0;
}

int
page_robots(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	(void)params;
	/* Plain text, not HTML: the only value in it is the site's own URL.
	 * Search pages may be crawled; each names its canonical URL. (Hiding
	 * them with robots.txt or noindex fails Lighthouse's SEO audit, which
	 * /search must pass.) /lang only sets a cookie and redirects. */
	resp->content_type = "text/plain; charset=utf-8";
	strbuf_printf(&resp->body, "User-agent: *\nDisallow: %s/admin/\n"
	    "Disallow: %s/signin\nDisallow: %s/lang\n\nSitemap: %s/sitemap.xml\n",
	    app->base, app->base, app->base, app_site_url(app, req));
	return 0;
}
