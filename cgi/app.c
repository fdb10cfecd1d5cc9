/* app.c: opening and closing a worker's application state. */
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "request.h"
#include "db.h"
#include "log.h"
#include "section_store.h"
#include "store.h"
#include "template.h"

const char *const app_templates[] = {
	"layout.tpl", "home.tpl", "list.tpl", "article.tpl",
	"article_items.tpl", "breadcrumb.tpl", "error.tpl", "signin.tpl",
	"admin_dashboard.tpl", "admin_article_form.tpl", "admin_delete.tpl",
	"feed.tpl", "sitemap.tpl", "search.tpl", NULL
};

int
app_open(struct app *app, const struct app_config *cfg)
{
	const char *name = NULL;

	memset(app, 0, sizeof(*app));
	arena_init(&app->arena);
	app->base = cfg->base ? cfg->base : "";
	app->media_dir = cfg->media_dir ? cfg->media_dir : "media";
	if (tpl_set_root(cfg->template_dir) != 0 || tpl_preload(app_templates) != 0) {
		log_error("cannot load templates from %s (pass --templates DIR "
		    "or reinstall gazette)", cfg->template_dir);
		return -1;
	}
	if ((app->db = db_open(cfg->db_path, DB_READ_WRITE)) == NULL)
		return -1;
	if (db_check_version(app->db, cfg->db_path) != 0 ||
	    (app->store = store_open(app->db)) == NULL) {
		app_close(app);
		return -1;
	}
	if (setting_get(app->store, &app->arena, "site_name", &name) < 0 ||
	    (app->site_name = strdup(name ? name : "Gazette")) == NULL) {
		app_close(app);
		return -1;
	}
	name = NULL;
	if (setting_get(app->store, &app->arena, "site_url", &name) < 0 ||
	    (name != NULL && name[0] != '\0' &&
	    (app->site_url = strdup(name)) == NULL)) {
		app_close(app);
		return -1;
	}
	/* Stored without its trailing slash: URLs append "/path". */
	if (app->site_url != NULL) {
		size_t n = strlen(app->site_url);

		while (n > 0 && app->site_url[n - 1] == '/')
			app->site_url[--n] = '\0';
	}
	arena_reset(&app->arena);
	tpl_set_global("SITE_NAME", app->site_name);
	return 0;
}

void
app_close(struct app *app)
{
	store_close(app->store);
	app->store = NULL;
	db_close(app->db);
	app->db = NULL;
	free(app->site_name);
	app->site_name = NULL;
	free(app->site_url);
	app->site_url = NULL;
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
