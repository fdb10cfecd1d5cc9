/* json_import.c: parsing an export file and checking it as a whole: the
 * header, the site's settings, the sections (see json_import.h); each
 * article is json_article.c's. Pure: no SQLite and no I/O, so that the
 * fuzzer can drive it alone. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "export_format.h"
#include "json_check.h"
#include "json_import.h"
#include "urlencoded.h"

struct json_import {
	json_t		*root;
	json_t		*site;		/* an object, or NULL */
	json_t		*sections;	/* an array, or NULL */
	json_t		*articles;	/* an array */
	long long	 schema_version;
};

static const char *const top_keys[] = { "format", "version", "schema_version",
	"exported_at", "site", "sections", "articles", NULL };
static const char *const site_keys[] = { "name", "tagline", "url", "icp_number", NULL };
static const char *const section_keys[] = { "slug", "title", "parent", NULL };

const char *
json_shown(struct arena *a, const char *s, size_t max_chars)
{
	size_t n = 0, chars = 0;
	char *out;

	while (s[n] != '\0' && chars < max_chars) {
		n++;
		while (((unsigned char)s[n] & 0xc0) == 0x80)
			n++;
		chars++;
	}
	if ((out = arena_alloc(a, n + 4)) == NULL)
		return "";
	for (size_t i = 0; i < n; i++)
		out[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	memcpy(out + n, s[n] ? "\xe2\x80\xa6" : "", s[n] ? 4 : 1);
	return out;
}

/* Control characters and broken UTF-8 as '?': jansson quotes the input
 * near an error as it is, and a key named in a message is the file's, so
 * that no file can break or forge a line of the report. */
static void
sanitize(char *text)
{
	unsigned char *p;

	for (p = (unsigned char *)text; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = '?';
	if (!utf8_valid(text, strlen(text)))
		for (p = (unsigned char *)text; *p; p++)
			if (*p >= 0x80)
				*p = '?';
}

static struct json_import *header_fail(struct json_import_error *, json_t *,
    const char *, ...) __attribute__((format(printf, 3, 4)));

/* Fills ERR's text, frees ROOT, and returns NULL: the end of every
 * refusal of a file as a whole. */
static struct json_import *
header_fail(struct json_import_error *err, json_t *root, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
	va_end(ap);
	sanitize(err->text);
	json_decref(root);
	return NULL;
}

/* Checks the site's settings as the database would take them: 0, or -1
 * when ERR says what is wrong (and ROOT is freed). */
static int
check_site(struct json_import_error *err, json_t *root, json_t *site)
{
	const char *key;
	json_t *v;

	if (!json_is_object(site)) {
		header_fail(err, root, "\"site\" must be an object");
		return -1;
	}
	if ((key = json_unknown_key(site, site_keys)) != NULL) {
		header_fail(err, root, "unknown field \"%.60s\" in \"site\"", key);
		return -1;
	}
	json_object_foreach(site, key, v)
		if (json_text_fault(v, 0, JSON_SETTING_MAX, "") != TEXT_OK) {
			header_fail(err, root, "the site's \"%s\" must be text of at "
			    "most 2,000 characters without control characters", key);
			return -1;
		}
	return 0;
}

struct json_import *
json_import_open(const char *buf, size_t len, struct json_import_error *err)
{
	struct json_import *ji;
	json_error_t je;
	json_t *root, *v;
	const char *key;
	long long t;

	memset(err, 0, sizeof(*err));
	if (len > JSON_IMPORT_MAX_BYTES)
		return header_fail(err, NULL, "the file is larger than 1 GiB");
	/* jansson bounds nesting itself (JSON_PARSER_MAX_DEPTH, 2048). */
	if ((root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je)) == NULL) {
		err->line = je.line > 0 ? je.line : 0;
		err->column = je.column > 0 ? je.column : 0;
		return header_fail(err, NULL, "not valid JSON: %s", je.text);
	}
	if (!json_is_object(root))
		return header_fail(err, root, "the JSON is not an object, so not a "
		    "gazette export");
	v = json_object_get(root, "format");
	if (!json_is_string(v) || strcmp(json_string_value(v), EXPORT_FORMAT) != 0)
		return header_fail(err, root, "not a gazette export (\"format\" must be "
		    "\"%s\")", EXPORT_FORMAT);
	v = json_object_get(root, "version");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return header_fail(err, root, "\"version\" must be a whole number from 1");
	if (json_integer_value(v) > EXPORT_VERSION)
		return header_fail(err, root, "the export is of format version %lld; "
		    "this gazette reads version %d: import it with a newer gazette",
		    (long long)json_integer_value(v), EXPORT_VERSION);
	if ((key = json_unknown_key(root, top_keys)) != NULL)
		return header_fail(err, root, "unknown field \"%.60s\" at the top", key);
	if ((v = json_object_get(root, "schema_version")) != NULL &&
	    (!json_is_integer(v) || json_integer_value(v) < 0))
		return header_fail(err, root, "\"schema_version\" must be a whole number");
	if ((v = json_object_get(root, "exported_at")) != NULL &&
	    (!json_is_string(v) || !export_parse_time(json_string_value(v), &t)))
		return header_fail(err, root, "\"exported_at\" must be a time written "
		    "YYYY-MM-DDTHH:MM:SSZ");
	if ((v = json_object_get(root, "site")) != NULL && check_site(err, root, v) != 0)
		return NULL;
	if ((v = json_object_get(root, "sections")) != NULL && !json_is_array(v))
		return header_fail(err, root, "\"sections\" must be an array");
	if (!json_is_array(json_object_get(root, "articles")))
		return header_fail(err, root, "\"articles\" must be an array (of "
		    "article objects)");
	if ((ji = calloc(1, sizeof(*ji))) == NULL)
		return header_fail(err, root, "out of memory");
	ji->root = root;
	ji->site = json_object_get(root, "site");
	ji->sections = json_object_get(root, "sections");
	ji->articles = json_object_get(root, "articles");
	if ((v = json_object_get(root, "schema_version")) != NULL)
		ji->schema_version = json_integer_value(v);
	return ji;
}

void
json_import_close(struct json_import *ji)
{
	if (ji == NULL)
		return;
	json_decref(ji->root);
	free(ji);
}

long long
json_import_schema_version(const struct json_import *ji)
{
	return ji->schema_version;
}

const char *
json_import_site(const struct json_import *ji, const char *key)
{
	return ji->site ? json_string_value(json_object_get(ji->site, key)) : NULL;
}

size_t
json_import_section_count(const struct json_import *ji)
{
	return ji->sections ? json_array_size(ji->sections) : 0;
}

int
json_import_section(const struct json_import *ji, size_t i,
    struct json_section *out, const char **message)
{
	json_t *s = json_array_get(ji->sections, i);
	json_t *v = json_object_get(s, "parent");

	memset(out, 0, sizeof(*out));
	*message = NULL;
	if (!json_is_object(s))
		*message = "it is not a JSON object";
	else if ((out->slug = json_string_value(json_object_get(s, "slug"))) == NULL ||
	    !export_slug_valid(out->slug))
		*message = "its \"slug\" must be 1 to 64 of a-z, 0-9 and -";
	else if (json_unknown_key(s, section_keys) != NULL)
		*message = "it has a field other than slug, title and parent";
	else if (json_text_fault(json_object_get(s, "title"), 1, JSON_SECTION_TITLE_MAX,
	    "\t") != TEXT_OK)
		*message = "its \"title\" must be text of 1 to 200 characters without "
		    "control characters";
	else if (v == NULL || (!json_is_null(v) &&
	    (!json_is_string(v) || !export_slug_valid(json_string_value(v)))))
		*message = "its \"parent\" must be the slug of another section, or null "
		    "for the root";
	else if (json_is_string(v) && strcmp(json_string_value(v), out->slug) == 0)
		*message = "it is its own parent";
	if (*message != NULL)
		return -1;
	out->title = json_string_value(json_object_get(s, "title"));
	out->parent = json_string_value(v);
	return 0;
}

size_t
json_import_article_count(const struct json_import *ji)
{
	return json_array_size(ji->articles);
}

long long
json_import_article_id(const struct json_import *ji, size_t i)
{
	json_t *id = json_object_get(json_array_get(ji->articles, i), "id");
	long long v = json_is_integer(id) ? json_integer_value(id) : 0;

	return v >= 1 && v <= EXPORT_ID_MAX ? v : 0;
}

int
json_import_article(const struct json_import *ji, struct arena *a, size_t i,
    struct export_article *out, const char **message)
{
	json_t *art = json_array_get(ji->articles, i);

	memset(out, 0, sizeof(*out));
	out->created_at = out->updated_at = -1;
	if (!json_is_object(art))
		*message = "it is not a JSON object";
	else {
		out->title = json_string_value(json_object_get(art, "title"));
		*message = json_article_check(a, art, out);
	}
	if (*message != NULL)
		return -1;
	export_article_hash(out, out->hash);
	return 0;
}
