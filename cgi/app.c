/* app.c: opening and closing a worker's application state. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "config.h"
#include "request.h"
#include "db.h"
#include "list_anchors.h"
#include "log.h"
#include "page_cache.h"
#include "section_store.h"
#include "site_revision.h"
#include "store.h"
#include "template.h"
#include "view_counter.h"

const char *const app_templates[] = {
	"layout.tpl", "home.tpl", "list.tpl", "article.tpl",
	"article_items.tpl", "breadcrumb.tpl", "error.tpl", "signin.tpl",
	"admin_dashboard.tpl", "admin_article_form.tpl", "admin_delete.tpl",
	"feed.tpl", "sitemap.tpl", "search.tpl", NULL
};

/* A copy of setting KEY (NULL when unset or ""): the config file's value
 * when it sets one (CONFIG_BIT), else the database's. 0, or -1. */
static int
setting_copy(struct app *app, const char *key, unsigned config_bit,
    const char *config_value, char **out)
{
	const char *v = NULL;

	*out = NULL;
	if (app->config != NULL && (app->config->set & config_bit))
		v = config_value;
	else if (setting_get(app->store, &app->arena, key, &v) < 0)
		return -1;
	if (v == NULL || v[0] == '\0')
		return 0;
	return (*out = strdup(v)) == NULL ? -1 : 0;
}

int
app_load_settings(struct app *app)
{
	static const struct config none;
	const struct config *c = app->config ? app->config : &none;
	struct site_revision rev;
	char *name, *url, *icp;

	/* The revision first: a change made while these are read bumps it
	 * again, and the next request reads them once more. */
	if (site_revision_get(app->store, &rev) != 0 ||
	    setting_copy(app, "site_name", CONFIG_SET_SITE_NAME,
	    c->site_name, &name) != 0)
		return -1;
	if (setting_copy(app, "site_url", CONFIG_SET_SITE_URL, c->site_url,
	    &url) != 0) {
		free(name);
		return -1;
	}
	/* The ICP filing number (备案号) that Chinese law wants in the
	 * footer of a site hosted in China; unset or "" shows nothing. */
	if (setting_copy(app, "icp_number", CONFIG_SET_ICP_NUMBER,
	    c->icp_number, &icp) != 0) {
		free(name);
		free(url);
		return -1;
	}
	/* Stored without its trailing slash: URLs append "/path". */
	if (url != NULL) {
		size_t n = strlen(url);

		while (n > 0 && url[n - 1] == '/')
			url[--n] = '\0';
	}
	if (name == NULL && (name = strdup("Gazette")) == NULL) {
		free(url);
		free(icp);
		return -1;
	}
	free(app->site_name);
	free(app->site_url);
	free(app->icp_number);
	app->site_name = name;
	app->site_url = url;
	app->icp_number = icp;
	app->settings_revision = rev.revision;
	tpl_set_global("SITE_NAME", app->site_name);
	return 0;
}

int
app_open(struct app *app, const struct app_config *cfg)
{
	memset(app, 0, sizeof(*app));
	arena_init(&app->arena);
	app->base = cfg->base ? cfg->base : "";
	app->media_dir = cfg->media_dir ? cfg->media_dir : "media";
	app->config = cfg->site;
	/* A forked worker keeps its parent's copy, checked at start or at
	 * the last good SIGHUP, rather than reading files that may have
	 * been broken since. */
	if (!tpl_loaded_from(cfg->template_dir) &&
	    tpl_load(cfg->template_dir, app_templates) != 0) {
		log_error("cannot load templates from %s (pass --templates DIR "
		    "or reinstall gazette)", cfg->template_dir);
		return -1;
	}
	if ((app->db = db_open(cfg->db_path, DB_READ_WRITE)) == NULL)
		return -1;
	/* SQLite's page cache per connection: 1 MiB instead of the default
	 * 2 MB. It filled at a million articles and took worker RSS to
	 * 8 MiB; pages it drops are still in the kernel's cache, and list
	 * pages touch few (keyset anchors, covering indexes). */
	if (sqlite3_exec(app->db, "PRAGMA cache_size = -1024", NULL, NULL,
	    NULL) != SQLITE_OK)
		log_error("cannot set the database cache size: %s",
		    sqlite3_errmsg(app->db));
	if (db_check_version(app->db, cfg->db_path) != 0 ||
	    (app->store = store_open(app->db)) == NULL) {
		app_close(app);
		return -1;
	}
	if (app_load_settings(app) != 0) {
		app_close(app);
		return -1;
	}
	arena_reset(&app->arena);
	/* Without it views are not counted; the site still serves. */
	app->views = view_counter_open(app->store, NULL);
	/* Likewise: without it every page is rendered. */
	if (cfg->page_cache && (app->pages = page_cache_new(0, 0)) == NULL)
		log_error("page cache: out of memory; rendering every page");
	/* Without it deep list pages skip rows one by one. */
	app->anchors = list_anchors_new();
	return 0;
}

void
app_close(struct app *app)
{
	/* Before the store: the last flush writes through it. */
	view_counter_close(app->views);
	app->views = NULL;
	page_cache_free(app->pages);
	app->pages = NULL;
	list_anchors_free(app->anchors);
	app->anchors = NULL;
	store_close(app->store);
	app->store = NULL;
	db_close(app->db);
	app->db = NULL;
	free(app->site_name);
	app->site_name = NULL;
	free(app->site_url);
	app->site_url = NULL;
	free(app->icp_number);
	app->icp_number = NULL;
	arena_release(&app->arena);
}

const char *
app_site_url(struct app *app, const struct request *req)
{
	const char *port = req->server_port;
	int plain = port == NULL || strcmp(port, req->https ? "443" : "80") == 0;
	const char *url;

	if (app->site_url != NULL)
		return app->site_url;
	url = arena_printf(&app->arena, "%s://%s%s%s%s", req->https ? "https" : "http",
	    req->host ? req->host : "localhost", plain ? "" : ":", plain ? "" : port,
	    app->base);
	return url ? url : "";
}

const char *
app_url(struct app *app, const char *path)
{
	if (app->base[0] == '\0')
		return path;
	return arena_printf(&app->arena, "%s%s", app->base, path);
}
