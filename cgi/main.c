/* main.c: the gazette command line: flags, the config file under them,
 * and the choice of subcommand (command.h), plus CGI mode when a web
 * server runs the binary as a CGI program. */
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cgi_mode.h"
#include "command.h"
#include "config.h"
#include "log.h"
#include "paths.h"
#include "prefork.h"
#include "user_commands.h"

#define MAX_ARGS	4096

static const char usage[] =
"usage: gazette [OPTIONS] COMMAND [ARGS...]\n"
"\n"
"Commands:\n"
"  serve               answer FastCGI requests on the socket (--listen)\n"
"                      with the worker processes (--workers); started as\n"
"                      root it serves as --user and refuses to serve as\n"
"                      root; it first brings the database's schema up to\n"
"                      date, keeping a copy of the old file\n"
"  migrate             create the database, or bring its schema up to date\n"
"                      (in one transaction, after a copy of the file:\n"
"                      DB.before-vN.TIME.bak)\n"
"  import FILE...      add articles: files in the seed format, or the JSON\n"
"                      that 'export' writes; photos go to the media folder\n"
"  export [FILE]       write every article, photos included, as JSON to\n"
"                      FILE (default: standard output)\n"
"  backup DEST         copy the database (while the site serves) and the\n"
"                      media files into the new folder DEST\n"
"  restore SRC         bring back a backup folder into the database and its\n"
"                      media folder; an existing database is only replaced\n"
"                      with --force\n"
"  stats               articles, page views, sessions and sizes\n"
"  check-config        check the config file and what it names, and say\n"
"                      what each setting is and where it came from\n"
"  setting KEY [VALUE] show or change a site setting (site_name, site_tagline,\n"
"                      site_url, icp_number) kept in the database\n"
"  adduser NAME        add an administrator; the password is read from\n"
"                      standard input (at least 10 characters)\n"
"  passwd NAME         set a new password (from standard input) and end\n"
"                      the account's sessions\n"
"  deluser NAME        remove an administrator and end its sessions\n"
"  users               list the administrators\n"
"  help                show this text\n"
"\n"
"Options (each overrides the config file's key of the same name):\n"
"  --config FILE       the config file (default: $GAZETTE_CONFIG, else\n"
"                      etc/gazette/gazette.conf of the install, if present)\n"
"  --state-dir DIR     folder of the database and media (default: .)\n"
"  --db PATH           the database (default: $GAZETTE_DB, else\n"
"                      STATE_DIR/gazette.db)\n"
"  --media DIR         uploaded photos (default: 'media' beside the database)\n"
"  --templates DIR     template folder (default: found beside the binary)\n"
"  --listen ADDRESS    serve: an absolute unix socket path (default\n"
"                      ./gazette.sock) or 127.0.0.1:PORT\n"
"  --workers N         serve: N workers (default: one per core)\n"
"  --user NAME         serve, started as root: the user to serve as\n"
"  --no-page-cache     serve: render every page (also GAZETTE_PAGE_CACHE=off),\n"
"                      to measure the cache\n"
"  --force             restore: replace an existing database\n"
"\n"
"Run by a web server as a CGI program (GATEWAY_INTERFACE set), gazette\n"
"answers the one request in its environment.\n";

/* The flags as given; NULL when absent. */
struct flags {
	const char	*config;
	const char	*state_dir;
	const char	*db;
	const char	*templates;
	const char	*listen;
	const char	*media;
	const char	*user;
	const char	*workers;
	int		 no_page_cache;
	int		 force;
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
parse_flags(int argc, char **argv, struct flags *f)
{
	int dashdash = 0;

	memset(f, 0, sizeof(*f));
	for (int i = 1; i < argc; i++) {
		if (!dashdash && argv[i][0] == '-') {
			if (strcmp(argv[i], "--") == 0)
				dashdash = 1;
			else if (strcmp(argv[i], "--no-page-cache") == 0)
				f->no_page_cache = 1;
			else if (strcmp(argv[i], "--force") == 0)
				f->force = 1;
			else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
				fputs(usage, stdout);
				exit(0);
			} else if (!take_opt(argc, argv, &i, "--config", &f->config) &&
			    !take_opt(argc, argv, &i, "--state-dir", &f->state_dir) &&
			    !take_opt(argc, argv, &i, "--db", &f->db) &&
			    !take_opt(argc, argv, &i, "--templates", &f->templates) &&
			    !take_opt(argc, argv, &i, "--listen", &f->listen) &&
			    !take_opt(argc, argv, &i, "--media", &f->media) &&
			    !take_opt(argc, argv, &i, "--user", &f->user) &&
			    !take_opt(argc, argv, &i, "--workers", &f->workers)) {
				fprintf(stderr, "gazette: unknown option %s\n%s", argv[i], usage);
				exit(2);
			}
			continue;
		}
		if (f->nargs == MAX_ARGS) {
			fprintf(stderr, "gazette: more than %d arguments\n", MAX_ARGS);
			exit(2);
		}
		f->args[f->nargs++] = argv[i];
	}
}

/* Copies a flag's VALUE into a config field of SIZE bytes; exits (2)
 * when it does not fit. */
static void
set_flag(char *field, size_t size, const char *flag, const char *value)
{
	if (value == NULL)
		return;
	if (strlen(value) >= size) {
		fprintf(stderr, "gazette: %s: the value is longer than %zu bytes\n",
		    flag, size - 1);
		exit(2);
	}
	memcpy(field, value, strlen(value) + 1);
}

/* The config file: --config, else $GAZETTE_CONFIG (both must exist),
 * else the installed one when there is one. Exits when it is unreadable
 * or has problems: a server must not start on half a configuration. */
static void
read_config(const struct flags *f, struct config *c)
{
	static char errs[8192];
	char found[PATH_MAX];
	const char *path = f->config;
	int n;

	if (path == NULL && (path = getenv("GAZETTE_CONFIG")) != NULL &&
	    path[0] == '\0')
		path = NULL;
	if (path == NULL && paths_config_file(found, sizeof(found)) == 0)
		path = found;
	if (path == NULL)
		return;
	if ((n = config_read_file(c, path, errs, sizeof(errs))) != 0) {
		fputs(errs, stderr);
		if (n > 0)
			fprintf(stderr, "gazette: %s has %d problem%s (see above); "
			    "fix %s, then run 'gazette check-config'\n", path, n,
			    n == 1 ? "" : "s", n == 1 ? "it" : "them");
		exit(1);
	}
}

/* Defaults, then the file, then the environment, then the flags. */
static void
build_config(const struct flags *f, struct config *c)
{
	const char *env;

	config_defaults(c);
	read_config(f, c);
	if ((env = getenv("GAZETTE_DB")) != NULL && env[0] != '\0') {
		set_flag(c->db, sizeof(c->db), "GAZETTE_DB", env);
		c->set |= CONFIG_SET_DB;
	}
	if ((env = getenv("GAZETTE_PAGE_CACHE")) != NULL &&
	    (strcmp(env, "off") == 0 || strcmp(env, "0") == 0))
		c->page_cache = 0;
	set_flag(c->state_dir, sizeof(c->state_dir), "--state-dir", f->state_dir);
	if (f->state_dir != NULL && f->db == NULL)
		c->set &= ~CONFIG_SET_DB;	/* the database goes with it */
	if (f->state_dir != NULL && f->media == NULL)
		c->set &= ~CONFIG_SET_MEDIA;
	if (f->db != NULL) {
		set_flag(c->db, sizeof(c->db), "--db", f->db);
		c->set |= CONFIG_SET_DB;
	}
	if (f->media != NULL) {
		set_flag(c->media, sizeof(c->media), "--media", f->media);
		c->set |= CONFIG_SET_MEDIA;
	}
	set_flag(c->templates, sizeof(c->templates), "--templates", f->templates);
	set_flag(c->listen, sizeof(c->listen), "--listen", f->listen);
	set_flag(c->user, sizeof(c->user), "--user", f->user);
	if (f->no_page_cache)
		c->page_cache = 0;
	if (f->workers != NULL) {
		char *end;
		long w = strtol(f->workers, &end, 10);

		if (*end != '\0' || w < 1 || w > PREFORK_MAX_WORKERS) {
			fprintf(stderr, "gazette: --workers takes 1 to %d\n",
			    PREFORK_MAX_WORKERS);
			exit(2);
		}
		c->workers = (int)w;
	}
	config_resolve(c);
	if (c->templates[0] == '\0' &&
	    paths_template_dir(c->templates, sizeof(c->templates)) != 0)
		snprintf(c->templates, sizeof(c->templates), "templates");
}

static const struct {
	const char	*name;
	int		(*run)(const struct command *);
} commands[] = {
	{ "migrate",		cmd_migrate },
	{ "import",		cmd_import },
	{ "export",		cmd_export },
	{ "backup",		cmd_backup },
	{ "restore",		cmd_restore },
	{ "stats",		cmd_stats },
	{ "check-config",	cmd_check_config },
	{ "setting",		cmd_setting },
};

int
main(int argc, char **argv)
{
	static struct flags f;
	static struct config cfg;
	struct app_config app;
	struct command cmd;
	const char *name;

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
	parse_flags(argc, argv, &f);
	build_config(&f, &cfg);
	/* First, so every line after it (CGI, commands, serve's parent and
	 * its workers, which share the socket opened here) goes there. */
	if (cfg.log == CONFIG_LOG_SYSLOG)
		log_use_syslog();
	memset(&app, 0, sizeof(app));
	app.db_path = cfg.db;
	app.media_dir = cfg.media;
	app.template_dir = cfg.templates;
	app.site = &cfg;

	if (getenv("GATEWAY_INTERFACE") != NULL)
		return cgi_serve(&app);
	if (f.nargs == 0) {
		fputs(usage, stderr);
		return 2;
	}
	name = f.args[0];
	if (strcmp(name, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(name, "serve") == 0) {
		app.page_cache = cfg.page_cache;
		return prefork_serve(cfg.listen[0] ? cfg.listen : "gazette.sock",
		    cfg.workers, cfg.user[0] ? cfg.user : NULL, &app);
	}
	cmd.cfg = &cfg;
	cmd.nargs = f.nargs;
	cmd.args = f.args;
	cmd.force = f.force;
	if (user_command_known(name))
		return cmd_user(&cmd);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0)
			return commands[i].run(&cmd);
	fprintf(stderr, "gazette: unknown command %s\n%s", name, usage);
	return 2;
}
