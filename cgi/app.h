/* app.h: what one worker process holds while it serves requests, and the
 * entry point that turns one request's environment into one response. */
#ifndef GAZETTE_APP_H
#define GAZETTE_APP_H

#include <sqlite3.h>

#include "arena.h"
#include "i18n.h"

struct body_source;
struct config;
struct page_cache;
struct response;
struct store;
struct view_counter;
struct list_anchors;

struct app_config {
	const char	*db_path;
	const char	*template_dir;
	const char	*media_dir;	/* where uploaded photos go */
	const char	*base;		/* URL prefix of every link: "" behind nginx,
					 * SCRIPT_NAME as plain CGI */
	int		 page_cache;	/* keep rendered pages (page_cache.h):
					 * `serve` unless told not to; never
					 * for CGI's one request */
	const struct config *site;	/* the run's settings (config.h):
					 * site name, URL and ICP number that
					 * win over the database's, languages,
					 * the photo size limit */
};

struct app {
	sqlite3		*db;
	struct store	*store;
	struct arena	 arena;		/* reset after every request */
	const char	*base;
	const char	*media_dir;	/* borrowed from the config */
	const struct config *config;	/* borrowed: app_config's site */
	char		*site_name;	/* owned; read at open */
	char		*site_url;	/* owned; the site_url setting, or NULL */
	char		*icp_number;	/* owned; the icp_number setting (备案号)
					 * for the footer, or NULL */
	long long	 settings_revision; /* the site revision when the
					 * three settings above were read */
	struct view_counter *views;	/* owned; this worker's pending page
					 * views (view_counter.h), or NULL */
	struct page_cache *pages;	/* owned; rendered answers
					 * (page_cache.h), or NULL: off */
	struct list_anchors *anchors;	/* owned; keys of deep list pages
					 * (list_anchors.h), or NULL */
	/* The current request's, set by app_handle before anything else and
	 * valid until it ends: */
	enum lang	 lang;		/* the reader's language (i18n.h): the
					 * gazette_lang cookie, else
					 * Accept-Language, else English */
	const char	*here;		/* its site path and query, URL-encoded,
					 * for the language switch; "/" if unknown */
	long long	 revision;	/* the site revision read as it began
					 * (site_revision.h), or -1 if unreadable */
};

/* Opens the database, checks its schema version, prepares statements and
 * loads templates. 0 on success; -1 after logging what the operator must fix. */
int	app_open(struct app *, const struct app_config *);
void	app_close(struct app *);
/* (Re-)reads the settings pages show (site name and URL, ICP number);
 * dispatch calls it when the site revision moved past settings_revision.
 * 0, or -1 with the old values kept. */
int	app_load_settings(struct app *);
/* Serves the request described by ENVP into RESP (which the caller then
 * writes out); never fails: problems become 4xx/5xx pages. */
void	app_handle(struct app *, char *const *envp, const struct body_source *,
	    struct response *);
/* A site URL for PATH (which starts with '/'), with the base prefix, in the
 * request arena. */
const char *app_url(struct app *, const char *path);

struct request;
/* The absolute URL of the site's root, without a trailing slash, for
 * feeds and the sitemap: the site_url setting when set (what operators
 * should do), else made from the request's scheme, host and port. */
const char *app_site_url(struct app *, const struct request *);

/* 1 when the site offers LANG (the config's languages; both without a
 * config), else 0. */
int	app_lang_offered(const struct app *, enum lang);

/* The template files the app needs, NULL-terminated. */
extern const char *const app_templates[];

#endif
