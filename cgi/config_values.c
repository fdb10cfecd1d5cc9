/* config_values.c: checking and converting the value of each config key
 * (paths, texts, the site URL, the listen address, numbers and sizes, a
 * switch, the user, the languages, the log target) into struct config.
 * The file's lines and keys are read in config.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config_values.h"
#include "urlencoded.h"

/* A text shown on pages: valid UTF-8 without control characters. */
static int
printable_text(const char *v)
{
	for (const char *p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	return utf8_valid(v, strlen(v));
}

static int
copy_value(struct config_report *r, const char *key, const char *v,
    char *field, size_t size)
{
	if (strlen(v) >= size) {
		config_problem(r, "%s: longer than %zu bytes", key, size - 1);
		return -1;
	}
	memcpy(field, v, strlen(v) + 1);
	return 0;
}

int
config_set_path(struct config_report *r, const char *key, const char *v,
    char *field, size_t size)
{
	if (v[0] != '/') {
		config_problem(r, "%s: '%s' is not an absolute path (start it "
		    "with /)", key, v);
		return -1;
	}
	return copy_value(r, key, v, field, size);
}

int
config_set_text(struct config_report *r, const char *key, const char *v,
    char *field, size_t size)
{
	if (!printable_text(v)) {
		config_problem(r, "%s: not valid UTF-8 text (control "
		    "characters or broken bytes)", key);
		return -1;
	}
	return copy_value(r, key, v, field, size);
}

/* The readers' address of the site: http:// or https://, a host, and no
 * query, fragment, space or quote. */
int
config_set_url(struct config_report *r, const char *v, struct config *c)
{
	size_t n;
	const char *host;

	if (strncmp(v, "https://", 8) == 0)
		host = v + 8;
	else if (strncmp(v, "http://", 7) == 0)
		host = v + 7;
	else {
		config_problem(r, "site_url: '%s' must start with https:// (or "
		    "http://)", v);
		return -1;
	}
	if (*host == '\0' || *host == '/') {
		config_problem(r, "site_url: '%s' names no host", v);
		return -1;
	}
	for (const char *p = v; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("\"'<>\\?#`{}|^", *p) != NULL) {
			config_problem(r, "site_url: '%s' may not hold '%c' "
			    "(percent-encode it, and leave out any ?query or "
			    "#fragment)", v,
			    (unsigned char)*p >= 0x20 ? *p : '?');
			return -1;
		}
	if (copy_value(r, "site_url", v, c->site_url,
	    sizeof(c->site_url)) != 0)
		return -1;
	n = strlen(c->site_url);
	while (n > 0 && c->site_url[n - 1] == '/')
		c->site_url[--n] = '\0';
	return 0;
}

/* An absolute unix socket path, or HOST:PORT (the listener checks the
 * host is a loopback address when it binds). */
int
config_set_listen(struct config_report *r, const char *v, struct config *c)
{
	const char *colon = strrchr(v, ':');
	char *end;
	long port;

	if (v[0] != '/') {
		if (colon == NULL || colon == v) {
			config_problem(r, "listen: '%s' is neither an absolute "
			    "socket path nor 127.0.0.1:PORT", v);
			return -1;
		}
		errno = 0;
		port = strtol(colon + 1, &end, 10);
		if (errno != 0 || *end != '\0' || end == colon + 1 || port < 1 ||
		    port > 65535) {
			config_problem(r, "listen: '%s' has no port from 1 to "
			    "65535", v);
			return -1;
		}
	}
	return copy_value(r, "listen", v, c->listen, sizeof(c->listen));
}

int
config_set_number(struct config_report *r, const char *key, const char *v,
    long min, long max, long *out)
{
	char *end;
	long n, unit = 1;

	errno = 0;
	n = strtol(v, &end, 10);
	if (end != v && strcmp(key, "upload_max") == 0) {
		if (strcmp(end, "K") == 0 || strcmp(end, "k") == 0)
			unit = 1024, end++;
		else if (strcmp(end, "M") == 0 || strcmp(end, "m") == 0)
			unit = 1024 * 1024, end++;
	}
	if (errno != 0 || end == v || *end != '\0' || n < 0 || n > max / unit ||
	    n * unit < min) {
		config_problem(r, "%s: '%s' is not a number from %ld to %ld",
		    key, v, min, max);
		return -1;
	}
	*out = n * unit;
	return 0;
}

int
config_set_languages(struct config_report *r, const char *v, struct config *c)
{
	enum lang found[LANG__MAX];
	int n = 0;
	char word[16];

	while (*v != '\0') {
		size_t len = strcspn(v, " \t,");
		enum lang l;

		if (len == 0) {
			v++;
			continue;
		}
		if (len >= sizeof(word)) {
			config_problem(r, "languages: '%.*s' is not a language "
			    "gazette has (en, zh-CN)",
			    (int)(len > 40 ? 40 : len), v);
			return -1;
		}
		memcpy(word, v, len);
		word[len] = '\0';
		if (i18n_lang_parse(word, &l) != 0) {
			config_problem(r, "languages: '%s' is not a language "
			    "gazette has (en, zh-CN)", word);
			return -1;
		}
		for (int i = 0; i < n; i++)
			if (found[i] == l) {
				config_problem(r, "languages: '%s' is named "
				    "twice", word);
				return -1;
			}
		found[n++] = l;
		v += len;
	}
	if (n == 0) {
		config_problem(r, "languages: name at least one (en, zh-CN)");
		return -1;
	}
	memcpy(c->languages, found, sizeof(found[0]) * (size_t)n);
	c->nlanguages = n;
	return 0;
}

int
config_set_switch(struct config_report *r, const char *key, const char *v,
    int *out)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "yes") == 0 ||
	    strcmp(v, "true") == 0)
		*out = 1;
	else if (strcmp(v, "off") == 0 || strcmp(v, "no") == 0 ||
	    strcmp(v, "false") == 0)
		*out = 0;
	else {
		config_problem(r, "%s: '%s' is neither on nor off", key, v);
		return -1;
	}
	return 0;
}

/* A login name as useradd takes it. */
int
config_set_user(struct config_report *r, const char *v, struct config *c)
{
	size_t n = strlen(v);

	if (n == 0 || n > CONFIG_USER_MAX || v[0] == '-' ||
	    strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-.") != n) {
		config_problem(r, "user: '%s' is not a user name (lower-case "
		    "letters, digits, '_', '-', '.'; at most %d)", v,
		    CONFIG_USER_MAX);
		return -1;
	}
	return copy_value(r, "user", v, c->user, sizeof(c->user));
}

/* The site's name as pages show it; empty is refused rather than taken as
 * "unset", so the operator is told. */
int
config_set_site_name(struct config_report *r, const char *v, struct config *c)
{
	if (v[0] == '\0') {
		config_problem(r, "site_name: empty (leave the key out to use "
		    "the database's setting)");
		return -1;
	}
	return config_set_text(r, "site_name", v, c->site_name,
	    sizeof(c->site_name));
}

int
config_set_log(struct config_report *r, const char *v, struct config *c)
{
	if (strcmp(v, "stderr") == 0)
		c->log = CONFIG_LOG_STDERR;
	else if (strcmp(v, "syslog") == 0)
		c->log = CONFIG_LOG_SYSLOG;
	else {
		config_problem(r, "log: '%s' is neither stderr nor syslog", v);
		return -1;
	}
	return 0;
}
