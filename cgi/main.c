/* main.c: the gazette command line: option parsing and the subcommands
 * (serve, migrate, import, setting), plus CGI mode when a web server runs
 * the binary as a CGI program. */
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "arena.h"
#include "cgi_mode.h"
#include "db.h"
#include "importer.h"
#include "paths.h"
#include "prefork.h"
#include "section_store.h"
#include "store.h"
#include "user_commands.h"

#define MAX_ARGS	4096

static const char usage[] =
"usage: gazette [--db PATH] [--templates DIR] COMMAND [ARGS...]\n"
"\n"
"Commands:\n"
"  serve [--listen ADDRESS] [--workers N] [--media DIR] [--user NAME]\n"
"        [--no-page-cache]\n"
"                      answer FastCGI requests on ADDRESS: an absolute unix\n"
"                      socket path (default ./gazette.sock) or 127.0.0.1:PORT;\n"
"                      N workers (default: one per core); uploaded photos\n"
"                      go to DIR (default: 'media' beside the database);\n"
"                      started as root, it serves as user NAME (it refuses\n"
"                      to serve as root);\n"
"                      --no-page-cache renders every page (also\n"
"                      GAZETTE_PAGE_CACHE=off), to measure the cache\n"
"  migrate             create the database, or bring its schema up to date\n"
"  import [--media DIR] FILE...\n"
"                      add articles written in the seed format; photos go to\n"
"                      DIR (default: the folder 'media' beside the database)\n"
"  setting KEY [VALUE] show or change a site setting (site_name, site_tagline,\n"
"                      site_url, icp_number)\n"
"  adduser NAME        add an administrator; the password is read from\n"
"                      standard input (at least 10 characters)\n"
"  passwd NAME         set a new password (from standard input) and end\n"
"                      the account's sessions\n"
"  deluser NAME        remove an administrator and end its sessions\n"
"  users               list the administrators\n"
"  help                show this text\n"
"\n"
"Run by a web server as a CGI program (GATEWAY_INTERFACE set), gazette\n"
"answers the one request in its environment.\n"
"\n"
"Options:\n"
"  --db PATH           the database (default: $GAZETTE_DB, else ./gazette.db)\n"
"  --templates DIR     template folder (default: found beside the binary)\n";

struct options {
	const char	*db;
	const char	*templates;
	const char	*listen;
	const char	*media;
	const char	*user;
	int		 workers;
	int		 no_page_cache;
	char		*args[MAX_ARGS];	/* the command and its operands */
	int		 nargs;
};

/* Takes "--name VALUE" or "--name=VALUE" at ARGV[*I]; 1 if it matched. */
static int
take_opt(int argc, char **argv, int *i, const char *name, const char **value)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc) {
		fprintf(stderr, "gazette: %s needs a value\n", name);
		exit(2);
	}
	*value = argv[++*i];
	return 1;
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	const char *workers = NULL;
	int dashdash = 0;

	memset(o, 0, sizeof(*o));
	o->db = getenv("GAZETTE_DB");
	for (int i = 1; i < argc; i++) {
		if (!dashdash && argv[i][0] == '-') {
			if (strcmp(argv[i], "--") == 0)
				dashdash = 1;
			else if (strcmp(argv[i], "--no-page-cache") == 0)
				o->no_page_cache = 1;
			else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
				fputs(usage, stdout);
				exit(0);
			} else if (!take_opt(argc, argv, &i, "--db", &o->db) &&
			    !take_opt(argc, argv, &i, "--templates", &o->templates) &&
			    !take_opt(argc, argv, &i, "--listen", &o->listen) &&
			    !take_opt(argc, argv, &i, "--media", &o->media) &&
			    !take_opt(argc, argv, &i, "--user", &o->user) &&
			    !take_opt(argc, argv, &i, "--workers", &workers)) {
				fprintf(stderr, "gazette: unknown option %s\n%s", argv[i], usage);
				exit(2);
			}
			continue;
		}
		if (o->nargs == MAX_ARGS) {
			fprintf(stderr, "gazette: more than %d arguments\n", MAX_ARGS);
			exit(2);
		}
		o->args[o->nargs++] = argv[i];
	}
	if (o->db == NULL || o->db[0] == '\0')
		o->db = "gazette.db";
	if (workers != NULL) {
		char *end;
		long w = strtol(workers, &end, 10);

		if (*end != '\0' || w < 1 || w > PREFORK_MAX_WORKERS) {
			fprintf(stderr, "gazette: --workers takes 1 to %d\n",
			    PREFORK_MAX_WORKERS);
			exit(2);
		}
		o->workers = (int)w;
	}
}

static int
cmd_migrate(const struct options *o)
{
	sqlite3 *db = db_open(o->db, DB_CREATE);
	int rc;

	if (db == NULL)
		return 1;
	rc = db_migrate(db);
	db_close(db);
	return rc == 0 ? 0 : 1;
}

/* Opens the database for a command that changes it. */
static int
open_store(const struct options *o, sqlite3 **db, struct store **st)
{
	if ((*db = db_open(o->db, DB_READ_WRITE)) == NULL)
		return -1;
	if (db_check_version(*db, o->db) != 0 || (*st = store_open(*db)) == NULL) {
		db_close(*db);
		return -1;
	}
	return 0;
}

/* The media folder: --media, else "media" beside the database. */
static void
media_dir(const struct options *o, char media[PATH_MAX])
{
	char dir[PATH_MAX];

	if (o->media != NULL) {
		snprintf(media, PATH_MAX, "%s", o->media);
		return;
	}
	paths_dirname(o->db, dir, sizeof(dir));
	snprintf(media, PATH_MAX, "%.4000s/media", dir);
}

static int
cmd_user(const struct options *o)
{
	sqlite3 *db;
	struct store *st;
	int rc;

	if (open_store(o, &db, &st) != 0)
		return 1;
	rc = user_command_run(st, o->nargs, o->args);
	store_close(st);
	db_close(db);
	return rc;
}

/* Imports the files in batches of IMPORT_BATCH_FILES, one transaction
 * each (see importer.h); a batch's lines are printed once it committed,
 * so "added" is only ever said of a stored article. */
static int
cmd_import(const struct options *o)
{
	static struct import_result res[IMPORT_BATCH_FILES];
	char media[PATH_MAX];
	sqlite3 *db;
	struct store *st;
	int added = 0, unchanged = 0, failed = 0;

	if (o->nargs < 2) {
		fprintf(stderr, "gazette import: name at least one file\n");
		return 2;
	}
	media_dir(o, media);
	if (open_store(o, &db, &st) != 0)
		return 1;
	/* A page cache of 256 MiB for this connection only (2 MiB by
	 * default): a batch's search-index merges dirty tens of MiB, which
	 * would otherwise spill to the WAL before COMMIT and be written again.
	 * Only speed depends on it, so a failure is not an error. */
	sqlite3_exec(db, "PRAGMA cache_size=-262144", NULL, NULL, NULL);
	for (int i = 1; i < o->nargs; i += IMPORT_BATCH_FILES) {
		size_t n = (size_t)(o->nargs - i) < IMPORT_BATCH_FILES ?
		    (size_t)(o->nargs - i) : IMPORT_BATCH_FILES;
		const char *const *paths = (const char *const *)&o->args[i];

		import_batch(st, paths, n, media, res);
		for (size_t k = 0; k < n; k++) {
			switch (res[k].outcome) {
			case IMPORT_ADDED:
				printf("%s: added as article %lld\n", paths[k], res[k].id);
				added++;
				break;
			case IMPORT_UNCHANGED:
				printf("%s: already imported as article %lld\n", paths[k],
				    res[k].id);
				unchanged++;
				break;
			case IMPORT_FAILED:
				failed++;
				break;
			}
		}
	}
	printf("%d added, %d already present, %d failed\n", added, unchanged, failed);
	store_close(st);
	db_close(db);
	return failed ? 1 : 0;
}

static int
cmd_setting(const struct options *o)
{
	struct arena a;
	sqlite3 *db;
	struct store *st;
	const char *value;
	int rc = 0;

	if (o->nargs < 2 || o->nargs > 3) {
		fprintf(stderr, "usage: gazette setting KEY [VALUE]\n");
		return 2;
	}
	if (open_store(o, &db, &st) != 0)
		return 1;
	arena_init(&a);
	if (o->nargs == 3)
		rc = setting_set(st, o->args[1], o->args[2]) == 0 ? 0 : 1;
	else if ((rc = setting_get(st, &a, o->args[1], &value)) == 0)
		printf("%s\n", value);
	else if (rc == 1)
		fprintf(stderr, "gazette: no setting named %s\n", o->args[1]);
	arena_release(&a);
	store_close(st);
	db_close(db);
	return rc == 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct app_config cfg;
	char templates[PATH_MAX], media[PATH_MAX];
	const char *cmd;

	if (sodium_init() < 0) {
		fprintf(stderr, "gazette: libsodium failed to initialise\n");
		return 1;
	}
	/* A CGI server may pass words of the query string as arguments
	 * (ISINDEX queries): as a CGI program, gazette reads none of them. */
	if (getenv("GATEWAY_INTERFACE") != NULL) {
		argc = 1;
		argv[1] = NULL;
	}
	parse_options(argc, argv, &o);
	memset(&cfg, 0, sizeof(cfg));
	cfg.db_path = o.db;
	media_dir(&o, media);
	cfg.media_dir = media;
	if (o.templates != NULL)
		cfg.template_dir = o.templates;
	else if (paths_template_dir(templates, sizeof(templates)) == 0)
		cfg.template_dir = templates;
	else
		cfg.template_dir = "templates";

	if (getenv("GATEWAY_INTERFACE") != NULL)
		return cgi_serve(&cfg);
	if (o.nargs == 0) {
		fputs(usage, stderr);
		return 2;
	}
	cmd = o.args[0];
	if (strcmp(cmd, "serve") == 0) {
		const char *env = getenv("GAZETTE_PAGE_CACHE");

		/* On unless told: the switch is for measuring it (make bench). */
		cfg.page_cache = !o.no_page_cache && (env == NULL ||
		    (strcmp(env, "off") != 0 && strcmp(env, "0") != 0));
		return prefork_serve(o.listen ? o.listen : "gazette.sock", o.workers,
		    o.user, &cfg);
	}
	if (strcmp(cmd, "migrate") == 0)
		return cmd_migrate(&o);
	if (strcmp(cmd, "import") == 0)
		return cmd_import(&o);
	if (strcmp(cmd, "setting") == 0)
		return cmd_setting(&o);
	if (user_command_known(cmd))
		return cmd_user(&o);
	if (strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	fprintf(stderr, "gazette: unknown command %s\n%s", cmd, usage);
	return 2;
}
