/* config.c: reading the config file (see config.h and the commented
 * sample docs/gazette.conf): its "key = value" lines, the table of keys,
 * the report of problems, and the defaults and paths the other layers
 * build on. Every value is checked (config_values.c), so a server never
 * starts on a value it would misread later. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "config_values.h"
#include "form_body.h"
#include "paths.h"
#include "prefork.h"

#define LINE_MAX_BYTES	4096

void
config_problem(struct config_report *r, const char *fmt, ...)
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

static const char *const keys[] = {
	"state_dir", "db", "media", "templates", "listen", "workers", "user",
	"page_cache", "log", "site_name", "site_url", "icp_number",
	"languages", "upload_max", NULL
};

/* Hands the value V of keys[K] to its check (config_values.c) and notes
 * in C->set the keys that flags and messages need to know were set. */
static void
set_key(struct config_report *r, int k, const char *v, struct config *c)
{
	long n;

	switch (k) {
	case 0:
		config_set_path(r, "state_dir", v, c->state_dir,
		    sizeof(c->state_dir));
		break;
	case 1:
		if (config_set_path(r, "db", v, c->db, sizeof(c->db)) == 0)
			c->set |= CONFIG_SET_DB;
		break;
	case 2:
		if (config_set_path(r, "media", v, c->media,
		    sizeof(c->media)) == 0)
			c->set |= CONFIG_SET_MEDIA;
		break;
	case 3:
		config_set_path(r, "templates", v, c->templates,
		    sizeof(c->templates));
		break;
	case 4: config_set_listen(r, v, c); break;
	case 5:
		if (config_set_number(r, "workers", v, 1, PREFORK_MAX_WORKERS,
		    &n) == 0)
			c->workers = (int)n;
		break;
	case 6: config_set_user(r, v, c); break;
	case 7: config_set_switch(r, "page_cache", v, &c->page_cache); break;
	case 8: config_set_log(r, v, c); break;
	case 9:
		if (config_set_site_name(r, v, c) == 0)
			c->set |= CONFIG_SET_SITE_NAME;
		break;
	case 10:
		if (config_set_url(r, v, c) == 0)
			c->set |= CONFIG_SET_SITE_URL;
		break;
	case 11:
		if (config_set_text(r, "icp_number", v, c->icp_number,
		    sizeof(c->icp_number)) == 0)
			c->set |= CONFIG_SET_ICP_NUMBER;
		break;
	case 12: config_set_languages(r, v, c); break;
	case 13:
		config_set_number(r, "upload_max", v, CONFIG_UPLOAD_MIN,
		    FORM_FILE_MAX, &c->upload_max);
		break;
	}
}

/* Parses one line (NUL-terminated, no line end); SEEN marks keys set. */
static void
parse_line(struct config_report *r, char *line, struct config *c, int seen[])
{
	char *key = line, *eq, *v, *end;
	int k;

	while (*key == ' ' || *key == '\t')
		key++;
	if (*key == '\0' || *key == '#')
		return;
	if ((eq = strchr(key, '=')) == NULL) {
		config_problem(r, "expected 'key = value', found '%.60s'", key);
		return;
	}
	for (end = eq; end > key && (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
		;
	for (end = v + strlen(v); end > v &&
	    (end[-1] == ' ' || end[-1] == '\t'); end--)
		;
	*end = '\0';
	for (k = 0; keys[k] != NULL; k++)
		if (strcmp(keys[k], key) == 0)
			break;
	if (keys[k] == NULL) {
		config_problem(r, "unknown key '%.60s' (docs/gazette.conf lists "
		    "them)", key);
		return;
	}
	if (seen[k]) {
		config_problem(r, "%s is set twice (first on line %d)", key,
		    seen[k]);
		return;
	}
	seen[k] = r->line;
	set_key(r, k, v, c);
}

int
config_parse(struct config *c, const char *name, const char *text,
    size_t len, char *errs, size_t errs_len)
{
	struct config_report r = { name, 0, errs, errs_len, 0, 0 };
	int seen[sizeof(keys) / sizeof(keys[0])] = { 0 };
	char line[LINE_MAX_BYTES + 1];
	size_t i = 0;

	if (errs_len > 0)
		errs[0] = '\0';
	if (len > CONFIG_FILE_MAX) {
		r.line = 1;
		config_problem(&r, "the file is over %d bytes",
		    CONFIG_FILE_MAX);
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
			config_problem(&r, "line longer than %d bytes",
			    LINE_MAX_BYTES);
			continue;
		}
		if (memchr(line, '\0', n) != NULL) {
			config_problem(&r, "a NUL byte in the line");
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
