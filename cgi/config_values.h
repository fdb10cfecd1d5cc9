/* config_values.h: what the config reader shares between its two files,
 * config.c (the file's lines, its keys and the layers) and
 * config_values.c (checking and converting one key's value); not for
 * other callers, who use config.h. */
#ifndef GAZETTE_CONFIG_VALUES_H
#define GAZETTE_CONFIG_VALUES_H

#include <stddef.h>

struct config;

/* Where problems go: "NAME:LINE: message" lines, cut (never overrun)
 * when ERRS fills. */
struct config_report {
	const char	*name;
	int		 line;
	char		*errs;
	size_t		 len, used;
	int		 count;
};

/* Counts one problem and writes it to R as a "NAME:LINE: message" line,
 * when there is room. */
void	config_problem(struct config_report *r, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Each checks the value V of one key (KEY names it in messages) and, when
 * it is good, stores it: 0, or -1 after saying what is wrong in R. */

/* An absolute path into FIELD (SIZE bytes). */
int	config_set_path(struct config_report *r, const char *key,
	    const char *v, char *field, size_t size);
/* A text shown on pages (UTF-8, no control characters) into FIELD. */
int	config_set_text(struct config_report *r, const char *key,
	    const char *v, char *field, size_t size);
/* The site's name: a text, not empty. */
int	config_set_site_name(struct config_report *r, const char *v,
	    struct config *c);
/* The readers' address of the site, kept without a trailing slash. */
int	config_set_url(struct config_report *r, const char *v,
	    struct config *c);
/* An absolute unix socket path, or HOST:PORT. */
int	config_set_listen(struct config_report *r, const char *v,
	    struct config *c);
/* A whole number from MIN to MAX into *OUT; upload_max also takes a K or
 * M suffix. */
int	config_set_number(struct config_report *r, const char *key,
	    const char *v, long min, long max, long *out);
/* A list of distinct languages gazette has, the first the default. */
int	config_set_languages(struct config_report *r, const char *v,
	    struct config *c);
/* on/yes/true or off/no/false into *OUT as 1 or 0. */
int	config_set_switch(struct config_report *r, const char *key,
	    const char *v, int *out);
/* A login name as useradd takes it. */
int	config_set_user(struct config_report *r, const char *v,
	    struct config *c);
/* stderr or syslog. */
int	config_set_log(struct config_report *r, const char *v,
	    struct config *c);

#endif
