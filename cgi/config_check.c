/* config_check.c: `gazette check-config`: what each setting is after the
 * file, the environment and the flags, and whether what it names is
 * there: the folders, the templates (parsed), the database's schema and
 * the user to serve as. The file itself was parsed before any command
 * ran (main.c), so a file with problems never gets this far. */
#include <pwd.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "command.h"
#include "config.h"
#include "db.h"
#include "paths.h"
#include "template.h"

static int problems;

static void
bad(const char *fmt, const char *a, const char *b)
{
	fputs("  problem: ", stdout);
	printf(fmt, a, b);
	fputc('\n', stdout);
	problems++;
}

static int
is_dir(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* A folder that `serve` writes to: there, and writable unless this runs
 * as root (which serves as another user: `serve` checks it then). */
static void
check_writable_dir(const char *what, const char *dir)
{
	if (!is_dir(dir))
		bad("%s folder %s does not exist (create it, owned by the user "
		    "gazette serves as)", what, dir);
	else if (geteuid() != 0 && access(dir, W_OK) != 0)
		bad("%s folder %s is not writable by this user", what, dir);
}

/* The schema version of the database at PATH, opened read-only. */
static void
check_db(const char *path)
{
	sqlite3 *db = NULL;
	int have = -1;

	if (access(path, F_OK) != 0) {
		printf("  database: not created yet (gazette migrate creates it; "
		    "so does serve)\n");
		return;
	}
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
		have = db_schema_version(db);
	sqlite3_close(db);
	if (have < 0)
		bad("database %s cannot be read as SQLite%s", path,
		    " (is it a gazette database? is it readable?)");
	else if (have > db_schema_latest()) {
		char v[32];

		snprintf(v, sizeof(v), "%d", have);
		bad("database %s has schema version %s, newer than this binary "
		    "knows: install the newer gazette", path, v);
	} else if (have < db_schema_latest())
		printf("  database: schema version %d of %d (serve or migrate "
		    "brings it up to date, after a copy of the file)\n", have,
		    db_schema_latest());
	else
		printf("  database: schema version %d, up to date\n", have);
}

static void
show(const char *key, const char *value)
{
	printf("  %-11s %s\n", key, value[0] ? value : "(unset)");
}

int
cmd_check_config(const struct command *c)
{
	const struct config *cfg = c->cfg;
	char dir[PATH_MAX], langs[64] = "", n[32];

	problems = 0;
	if (cfg->file[0] != '\0')
		printf("%s: read, no problems in the file\n", cfg->file);
	else
		printf("no config file (none given, and none installed): "
		    "built-in defaults and flags\n");
	printf("settings:\n");
	show("state_dir", cfg->state_dir);
	show("db", cfg->db);
	show("media", cfg->media);
	show("templates", cfg->templates);
	show("listen", cfg->listen[0] ? cfg->listen : "gazette.sock");
	snprintf(n, sizeof(n), "%d", cfg->workers);
	show("workers", cfg->workers ? n : "one per core");
	show("user", cfg->user);
	show("page_cache", cfg->page_cache ? "on" : "off");
	show("log", config_log_name(cfg->log));
	show("site_name", cfg->site_name[0] ? cfg->site_name :
	    "(the database's setting)");
	show("site_url", cfg->site_url[0] ? cfg->site_url :
	    "(the database's setting)");
	show("icp_number", cfg->icp_number[0] ? cfg->icp_number :
	    "(the database's setting)");
	for (int i = 0; i < cfg->nlanguages; i++) {
		strcat(langs, i ? " " : "");
		strcat(langs, i18n_tag(cfg->languages[i]));
	}
	show("languages", langs);
	snprintf(n, sizeof(n), "%ld", cfg->upload_max);
	show("upload_max", n);

	printf("checks:\n");
	paths_dirname(cfg->db, dir, sizeof(dir));
	check_writable_dir("database", dir);
	check_db(cfg->db);
	if (is_dir(cfg->media))
		check_writable_dir("media", cfg->media);
	else
		printf("  media: %s is made at the first photo\n", cfg->media);
	if (!is_dir(cfg->templates))
		bad("template folder %s does not exist%s", cfg->templates,
		    " (reinstall gazette, or fix 'templates')");
	else if (tpl_load(cfg->templates, app_templates) != 0)
		bad("templates in %s do not all parse%s", cfg->templates,
		    " (the lines above say which)");
	else
		printf("  templates: all parse\n");
	if (cfg->listen[0] == '/') {
		paths_dirname(cfg->listen, dir, sizeof(dir));
		/* systemd's RuntimeDirectory= makes it at each start, so
		 * before the first start it is missing by design. */
		if (!is_dir(dir))
			printf("  socket: folder %s is not there yet: systemd "
			    "makes it at start (RuntimeDirectory=); otherwise "
			    "create it\n", dir);
	}
	if (cfg->user[0] != '\0' && getpwnam(cfg->user) == NULL)
		bad("user %s does not exist%s", cfg->user,
		    " (adduser --system --group --no-create-home gazette)");
	if (problems == 0)
		printf("ok\n");
	else
		printf("%d problem%s\n", problems, problems == 1 ? "" : "s");
	return problems == 0 ? 0 : 1;
}
