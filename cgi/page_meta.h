/* page_meta.h: what a page tells search engines and link previews beyond
 * its text: the canonical URL, and for an article Open Graph and JSON-LD
 * (schema.org NewsArticle). Everything goes through templates/layout.tpl,
 * escaped by the template engine. */
#ifndef GAZETTE_PAGE_META_H
#define GAZETTE_PAGE_META_H

struct app;
struct arena;
struct article;
struct page;
struct request;

/* <link rel="canonical"> to PATH (a site path, with its query if it has
 * one that matters, such as "?page=2"), made absolute. */
void	page_canonical(struct app *, struct page *, const struct request *,
	    const char *path);
/* Open Graph and JSON-LD for article A, whose rendered body is
 * BODY_HTML (its first photo becomes the preview image). */
void	page_article_meta(struct app *, struct page *, const struct request *,
	    const struct article *a, const char *body_html);

/* T as RFC 3339 / ISO 8601 in UTC ("2026-11-21T08:30:00Z"), in the
 * arena (feeds, sitemap, JSON-LD). */
const char *page_utc_time(struct arena *, long long t);

#endif
