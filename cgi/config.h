/* config.h: gazette's settings for one run, from four layers: built-in
 * defaults, then the config file (docs/gazette.conf is the commented
 * sample), then the environment (GAZETTE_DB, GAZETTE_PAGE_CACHE), then
 * command-line flags. The file is a list of "key = value" lines; '#'
 * starts a comment line. Parsing is pure: config_parse reads a buffer and
 * touches no file, so the fuzzer links it alone. */
#ifndef GAZETTE_CONFIG_H
#define GAZETTE_CONFIG_H

#include <limits.h>
#include <stddef.h>

#include "i18n.h"

#define CONFIG_FILE_MAX		(64 * 1024)	/* bytes of a config file */
#define CONFIG_TEXT_MAX		200		/* bytes of a name or number */
#define CONFIG_URL_MAX		500
#define CONFIG_USER_MAX		32
/* Bytes of one uploaded photo: the most a form may carry (FORM_FILE_MAX)
 * is the ceiling; the config may only lower it. */
#define CONFIG_UPLOAD_MIN	(16L * 1024)

enum config_log {
	CONFIG_LOG_STDERR,
	CONFIG_LOG_SYSLOG
};

/* Every value as it will be used; strings are "" when unset. */
struct config {
	char		 file[PATH_MAX];	/* the file read; "" when none */
	/* Paths: the database and media live under the state folder
	 * unless named one by one. */
	char		 state_dir[PATH_MAX];
	char		 db[PATH_MAX];
	char		 media[PATH_MAX];
	char		 templates[PATH_MAX];	/* "": found beside the binary */
	/* serve */
	char		 listen[PATH_MAX];	/* unix socket path or
						 * 127.0.0.1:PORT */
	int		 workers;		/* 0: one per core */
	char		 user[CONFIG_USER_MAX + 1];	/* serve as; "" none */
	int		 page_cache;		/* 1 on, 0 off */
	enum config_log	 log;
	/* The site: these win over the database's settings of the same
	 * name when set. */
	char		 site_name[CONFIG_TEXT_MAX + 1];
	char		 site_url[CONFIG_URL_MAX + 1];	/* no trailing slash */
	char		 icp_number[CONFIG_TEXT_MAX + 1];
	enum lang	 languages[LANG__MAX];	/* offered; the first is the
						 * default */
	int		 nlanguages;
	long		 upload_max;		/* bytes of one photo */
	/* Which keys the file set, so flags and messages can tell. */
	unsigned	 set;			/* CONFIG_SET_* bits */
};

#define CONFIG_SET_SITE_NAME	(1u << 0)
#define CONFIG_SET_SITE_URL	(1u << 1)
#define CONFIG_SET_ICP_NUMBER	(1u << 2)
#define CONFIG_SET_DB		(1u << 3)
#define CONFIG_SET_MEDIA	(1u << 4)

/* Fills C with the built-in defaults: state folder ".", one worker per
 * core, page cache on, log to standard error, both languages (English
 * first), photos up to FORM_FILE_MAX. */
void	config_defaults(struct config *c);

/* Reads the LEN bytes of TEXT (the file NAME, for messages) into C over
 * what it holds. Each problem is written to ERRS (at most ERRS_LEN bytes,
 * one "NAME:LINE: message" line each, always NUL-terminated). Returns the
 * number of problems: 0 means C holds every value of the file. Unknown
 * keys, keys given twice, values out of range and relative paths are
 * problems; nothing is checked on disk. */
int	config_parse(struct config *c, const char *name, const char *text,
	    size_t len, char *errs, size_t errs_len);

/* Reads the file PATH with config_parse. Returns the number of problems,
 * or -1 when the file cannot be read (said in ERRS). */
int	config_read_file(struct config *c, const char *path, char *errs,
	    size_t errs_len);

/* Fills the paths left to defaults from the others: the database is
 * STATE_DIR/gazette.db, media the folder "media" beside the database. */
void	config_resolve(struct config *c);

/* "stderr" or "syslog"; a language list as written in the file. */
const char *config_log_name(enum config_log);

#endif
