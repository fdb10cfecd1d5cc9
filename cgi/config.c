/* config.c: reading the config file (see config.h and the commented
 * sample docs/gazette.conf). Every value is checked here, so a server
 * never starts on a value it would misread later. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "form_body.h"
#include "paths.h"
#include "prefork.h"
#include "urlencoded.h"

#define LINE_MAX_BYTES	4096

/* Where problems go: "NAME:LINE: message" lines, cut (never overrun)
 * when ERRS fills. */
struct report {
	const char	*name;
	int		 line;
	char		*errs;
	size_t		 len, used;
	int		 count;
};

static void
problem(struct report *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	r->count++;
	if (r->len == 0 || r->used + 1 >= r->len)
		return;
	n = snprintf(r->errs + r->used, r->len - r->used, "%s:%d: ", r->name,
	    r->line);
	if (n > 0 && (size_t)n < r->len - r->used) {
		r->used += (size_t)n;
		va_start(ap, fmt);
		n = vsnprintf(r->errs + r->used, r->len - r->used, fmt, ap);
		va_end(ap);
		if (n > 0)
			r->used += (size_t)n < r->len - r->used ?
			    (size_t)n : r->len - r->used - 1;
	}
	if (r->used + 1 < r->len) {
		r->errs[r->used++] = '\n';
		r->errs[r->used] = '\0';
	}
}

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->state_dir, sizeof(c->state_dir), ".");
	c->page_cache = 1;
	c->log = CONFIG_LOG_STDERR;
	c->languages[0] = LANG_EN;
	c->languages[1] = LANG_ZH_CN;
	c->nlanguages = 2;
	c->upload_max = FORM_FILE_MAX;
}

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
copy_value(struct report *r, const char *key, const char *v, char *field,
    size_t size)
{
	if (strlen(v) >= size) {
		problem(r, "%s: longer than %zu bytes", key, size - 1);
		return -1;
	}
	memcpy(field, v, strlen(v) + 1);
	return 0;
}

static int
set_path(struct report *r, const char *key, const char *v, char *field,
    size_t size)
{
	if (v[0] != '/') {
		problem(r, "%s: '%s' is not an absolute path (start it with /)",
		    key, v);
		return -1;
	}
	return copy_value(r, key, v, field, size);
}

static int
set_text(struct report *r, const char *key, const char *v, char *field,
    size_t size)
{
	if (!printable_text(v)) {
		problem(r, "%s: not valid UTF-8 text (control characters or "
		    "broken bytes)", key);
		return -1;
	}
	return copy_value(r, key, v, field, size);
}

/* The readers' address of the site: http:// or https://, a host, and no
 * query, fragment, space or quote. */
static int
set_url(struct report *r, const char *v, struct config *c)
{
	size_t n;
	const char *host;

	if (strncmp(v, "https://", 8) == 0)
		host = v + 8;
	else if (strncmp(v, "http://", 7) == 0)
		host = v + 7;
	else {
		problem(r, "site_url: '%s' must start with https:// (or http://)", v);
		return -1;
	}
	if (*host == '\0' || *host == '/') {
		problem(r, "site_url: '%s' names no host", v);
		return -1;
	}
	for (const char *p = v; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("\"'<>\\?#`{}|^", *p) != NULL) {
			problem(r, "site_url: '%s' may not hold '%c' (percent-"
			    "encode it, and leave out any ?query or #fragment)",
			    v, (unsigned char)*p >= 0x20 ? *p : '?');
			return -1;
		}
	if (copy_value(r, "site_url", v, c->site_url, sizeof(c->site_url)) != 0)
		return -1;
	n = strlen(c->site_url);
	while (n > 0 && c->site_url[n - 1] == '/')
		c->site_url[--n] = '\0';
	return 0;
}

/* An absolute unix socket path, or HOST:PORT (the listener checks the
 * host is a loopback address when it binds). */
static int
set_listen(struct report *r, const char *v, struct config *c)
{
	const char *colon = strrchr(v, ':');
	char *end;
	long port;

	if (v[0] != '/') {
		if (colon == NULL || colon == v) {
			problem(r, "listen: '%s' is neither an absolute socket "
			    "path nor 127.0.0.1:PORT", v);
			return -1;
		}
		errno = 0;
		port = strtol(colon + 1, &end, 10);
		if (errno != 0 || *end != '\0' || end == colon + 1 || port < 1 ||
		    port > 65535) {
			problem(r, "listen: '%s' has no port from 1 to 65535", v);
			return -1;
		}
	}
	return copy_value(r, "listen", v, c->listen, sizeof(c->listen));
}

static int
set_number(struct report *r, const char *key, const char *v, long min,
    long max, long *out)
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
		problem(r, "%s: '%s' is not a number from %ld to %ld", key, v,
		    min, max);
		return -1;
	}
	*out = n * unit;
	return 0;
}

static int
set_languages(struct report *r, const char *v, struct config *c)
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
			problem(r, "languages: '%.*s' is not a language gazette "
			    "has (en, zh-CN)", (int)(len > 40 ? 40 : len), v);
			return -1;
		}
		memcpy(word, v, len);
		word[len] = '\0';
		if (i18n_lang_parse(word, &l) != 0) {
			problem(r, "languages: '%s' is not a language gazette has "
			    "(en, zh-CN)", word);
			return -1;
		}
		for (int i = 0; i < n; i++)
			if (found[i] == l) {
				problem(r, "languages: '%s' is named twice", word);
				return -1;
			}
		found[n++] = l;
		v += len;
	}
	if (n == 0) {
		problem(r, "languages: name at least one (en, zh-CN)");
		return -1;
	}
	memcpy(c->languages, found, sizeof(found[0]) * (size_t)n);
	c->nlanguages = n;
	return 0;
}

static int
set_switch(struct report *r, const char *key, const char *v, int *out)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0)
		*out = 1;
	else if (strcmp(v, "off") == 0 || strcmp(v, "no") == 0 ||
	    strcmp(v, "false") == 0)
		*out = 0;
	else {
		problem(r, "%s: '%s' is neither on nor off", key, v);
		return -1;
	}
	return 0;
}

/* A login name as useradd takes it. */
static int
set_user(struct report *r, const char *v, struct config *c)
{
	size_t n = strlen(v);

	if (n == 0 || n > CONFIG_USER_MAX || v[0] == '-' ||
	    strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-.") != n) {
		problem(r, "user: '%s' is not a user name (lower-case letters, "
		    "digits, '_', '-', '.'; at most %d)", v, CONFIG_USER_MAX);
		return -1;
	}
	return copy_value(r, "user", v, c->user, sizeof(c->user));
}

static const char *const keys[] = {
	"state_dir", "db", "media", "templates", "listen", "workers", "user",
	"page_cache", "log", "site_name", "site_url", "icp_number",
	"languages", "upload_max", NULL
};

static void
set_key(struct report *r, int k, const char *v, struct config *c)
{
	long n;

	switch (k) {
	case 0: set_path(r, "state_dir", v, c->state_dir, sizeof(c->state_dir)); break;
	case 1:
		if (set_path(r, "db", v, c->db, sizeof(c->db)) == 0)
			c->set |= CONFIG_SET_DB;
		break;
	case 2:
		if (set_path(r, "media", v, c->media, sizeof(c->media)) == 0)
			c->set |= CONFIG_SET_MEDIA;
		break;
	case 3: set_path(r, "templates", v, c->templates, sizeof(c->templates)); break;
	case 4: set_listen(r, v, c); break;
	case 5:
		if (set_number(r, "workers", v, 1, PREFORK_MAX_WORKERS, &n) == 0)
			c->workers = (int)n;
		break;
	case 6: set_user(r, v, c); break;
	case 7: set_switch(r, "page_cache", v, &c->page_cache); break;
	case 8:
		if (strcmp(v, "stderr") == 0)
			c->log = CONFIG_LOG_STDERR;
		else if (strcmp(v, "syslog") == 0)
			c->log = CONFIG_LOG_SYSLOG;
		else
			problem(r, "log: '%s' is neither stderr nor syslog", v);
		break;
	case 9:
		if (v[0] == '\0')
			problem(r, "site_name: empty (leave the key out to use "
			    "the database's setting)");
		else if (set_text(r, "site_name", v, c->site_name,
		    sizeof(c->site_name)) == 0)
			c->set |= CONFIG_SET_SITE_NAME;
		break;
	case 10:
		if (set_url(r, v, c) == 0)
			c->set |= CONFIG_SET_SITE_URL;
		break;
	case 11:
		if (set_text(r, "icp_number", v, c->icp_number,
		    sizeof(c->icp_number)) == 0)
			c->set |= CONFIG_SET_ICP_NUMBER;
		break;
	case 12: set_languages(r, v, c); break;
	case 13:
		set_number(r, "upload_max", v, CONFIG_UPLOAD_MIN, FORM_FILE_MAX,
		    &c->upload_max);
		break;
	}
}

/* Parses one line (NUL-terminated, no line end); SEEN marks keys set. */
static void
parse_line(struct report *r, char *line, struct config *c, int seen[])
{
	char *key = line, *eq, *v, *end;
	int k;

	while (*key == ' ' || *key == '\t')
		key++;
	if (*key == '\0' || *key == '#')
		return;
	if ((eq = strchr(key, '=')) == NULL) {
		problem(r, "expected 'key = value', found '%.60s'", key);
		return;
	}
	for (end = eq; end > key && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
		;
	for (end = v + strlen(v); end > v && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	for (k = 0; keys[k] != NULL; k++)
		if (strcmp(keys[k], key) == 0)
			break;
	if (keys[k] == NULL) {
		problem(r, "unknown key '%.60s' (docs/gazette.conf lists them)",
		    key);
		return;
	}
	if (seen[k]) {
		problem(r, "%s is set twice (first on line %d)", key, seen[k]);
		return;
	}
	seen[k] = r->line;
	set_key(r, k, v, c);
}

int
config_parse(struct config *c, const char *name, const char *text,
    size_t len, char *errs, size_t errs_len)
{
	struct report r = { name, 0, errs, errs_len, 0, 0 };
	int seen[sizeof(keys) / sizeof(keys[0])] = { 0 };
	char line[LINE_MAX_BYTES + 1];
	size_t i = 0;

	if (errs_len > 0)
		errs[0] = '\0';
	if (len > CONFIG_FILE_MAX) {
		r.line = 1;
		problem(&r, "the file is over %d bytes", CONFIG_FILE_MAX);
		return r.count;
	}
	while (i < len) {
		size_t n = 0;

		r.line++;
		while (i < len && text[i] != '\n') {
			if (n < LINE_MAX_BYTES)
				line[n] = text[i];
			n++, i++;
		}
		i++;	/* the line end */
		if (n > 0 && n <= LINE_MAX_BYTES && line[n - 1] == '\r')
			n--;
		if (n > LINE_MAX_BYTES) {
			problem(&r, "line longer than %d bytes", LINE_MAX_BYTES);
			continue;
		}
		if (memchr(line, '\0', n) != NULL) {
			problem(&r, "a NUL byte in the line");
			continue;
		}
		line[n] = '\0';
		parse_line(&r, line, c, seen);
	}
	return r.count;
}

int
config_read_file(struct config *c, const char *path, char *errs,
    size_t errs_len)
{
	static char text[CONFIG_FILE_MAX + 1];
	size_t len = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(errs, errs_len, "gazette: cannot read the config file "
		    "%s: %s (name another with --config FILE)\n", path,
		    strerror(errno));
		return -1;
	}
	while ((n = read(fd, text + len, sizeof(text) - len)) > 0)
		if ((len += (size_t)n) == sizeof(text))
			break;
	close(fd);
	if (n < 0) {
		snprintf(errs, errs_len, "gazette: cannot read the config file "
		    "%s: %s\n", path, strerror(errno));
		return -1;
	}
	snprintf(c->file, sizeof(c->file), "%s", path);
	return config_parse(c, path, text, len, errs, errs_len);
}

void
config_resolve(struct config *c)
{
	char dir[PATH_MAX];

	if (!(c->set & CONFIG_SET_DB) || c->db[0] == '\0') {
		if (strcmp(c->state_dir, ".") == 0)
			snprintf(c->db, sizeof(c->db), "gazette.db");
		else
			snprintf(c->db, sizeof(c->db), "%.4000s/gazette.db",
			    c->state_dir);
	}
	if (!(c->set & CONFIG_SET_MEDIA) || c->media[0] == '\0') {
		paths_dirname(c->db, dir, sizeof(dir));
		snprintf(c->media, sizeof(c->media), "%.4000s/media", dir);
	}
}

const char *
config_log_name(enum config_log l)
{
	return l == CONFIG_LOG_SYSLOG ? "syslog" : "stderr";
}
