/* json_article.c: checking one article of an export file, field by field,
 * against the database's bounds and the writers' rules (see json_import.h
 * and json_check.h). Pure, like json_import.c. */
#include <jansson.h>
#include <sodium.h>
#include <string.h>

#include "arena.h"
#include "export_format.h"
#include "json_check.h"
#include "json_import.h"
#include "seed_parser.h"
#include "urlencoded.h"

static const char *const article_keys[] = { "id", "section", "title", "author",
	"source", "published_on", "status", "created_at", "updated_at", "body",
	"photos", NULL };
static const char *const photo_keys[] = { "name", "type", "data", NULL };

const char *
json_unknown_key(json_t *obj, const char *const *known)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		size_t i;

		for (i = 0; known[i] != NULL && strcmp(key, known[i]) != 0; i++)
			continue;
		if (known[i] == NULL)
			return key;
	}
	return NULL;
}

/* jansson already refused invalid UTF-8 and \u0000: checked again
 * because the database's rules must not depend on a library's. */
enum text_fault
json_text_fault(json_t *v, size_t min, size_t max, const char *allow)
{
	const char *s = json_string_value(v);
	size_t len = json_string_length(v), chars;

	if (s == NULL)
		return TEXT_NOT_STRING;
	if (strlen(s) != len || !utf8_valid(s, len))
		return TEXT_BAD_UTF8;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 || *p == 0x7f) && strchr(allow, *p) == NULL)
			return *p == '\r' ? TEXT_CR : TEXT_CONTROL;
	chars = utf8_chars(s);
	if (chars < min)
		return TEXT_EMPTY;
	return chars > max ? TEXT_LONG : TEXT_OK;
}

/* Sets *OUT to the string KEY of OBJ (DFLT when absent and not REQUIRED)
 * after json_text_fault's checks; a message naming the field, or NULL. */
static const char *
take_text(struct arena *a, json_t *obj, const char *key, int required,
    const char *dflt, size_t min, size_t max, const char *allow, const char **out)
{
	json_t *v = json_object_get(obj, key);

	*out = dflt;
	if (v == NULL)
		return required ? arena_printf(a, "it has no \"%s\"", key) : NULL;
	switch (json_text_fault(v, min, max, allow)) {
	case TEXT_OK:
		*out = json_string_value(v);
		return NULL;
	case TEXT_NOT_STRING:
		return arena_printf(a, "its %s is not a string", key);
	case TEXT_BAD_UTF8:
		return arena_printf(a, "its %s is not valid UTF-8 text", key);
	case TEXT_CONTROL:
		return arena_printf(a, "its %s holds a control character", key);
	case TEXT_CR:
		return arena_printf(a, "its %s holds a carriage return (line ends "
		    "must be \\n alone)", key);
	case TEXT_EMPTY:
		return arena_printf(a, "its %s is empty", key);
	case TEXT_LONG:
		break;
	}
	return arena_printf(a, "its %s is longer than %zu characters", key, max);
}

/* A time field: absent is -1. */
static const char *
take_time(struct arena *a, json_t *obj, const char *key, long long *out)
{
	json_t *v = json_object_get(obj, key);

	*out = -1;
	if (v != NULL && (!json_is_string(v) ||
	    !export_parse_time(json_string_value(v), out)))
		return arena_printf(a, "its %s must be a time written "
		    "YYYY-MM-DDTHH:MM:SSZ, from 1970", key);
	return NULL;
}

/* Checks photo P of the article whose body is BODY into *OUT (data in A);
 * PREV are the photos checked before it. A message, or NULL. */
static const char *
take_photo(struct arena *a, json_t *p, const char *body,
    const struct export_photo *prev, size_t nprev, struct export_photo *out)
{
	unsigned char hash[16];
	char hex[33], *ref;
	const char *b64, *end;
	size_t b64len;
	unsigned char *bin;

	if (!json_is_object(p))
		return "it is not a JSON object";
	if ((out->name = json_string_value(json_object_get(p, "name"))) == NULL ||
	    (out->type = export_photo_type(out->name)) == NULL)
		return "its name must be the 32 hex digits of its BLAKE2b hash and "
		    ".jpg, .png, .gif or .webp, as the media folder names it";
	if (json_unknown_key(p, photo_keys) != NULL)
		return "it has a field other than name, type and data";
	if (!json_is_string(json_object_get(p, "type")) ||
	    strcmp(json_string_value(json_object_get(p, "type")), out->type) != 0)
		return arena_printf(a, "its type must be %s, as its name says", out->type);
	for (size_t k = 0; k < nprev; k++)
		if (strcmp(prev[k].name, out->name) == 0)
			return "the article has it twice";
	if ((ref = arena_printf(a, "/media/%s", out->name)) == NULL)
		return "out of memory";
	if (strstr(body, ref) == NULL)
		return "the body does not name it (as /media/NAME)";
	if ((b64 = json_string_value(json_object_get(p, "data"))) == NULL)
		return "its data must be a string of base64";
	b64len = json_string_length(json_object_get(p, "data"));
	if (b64len > (JSON_PHOTO_MAX + 2) / 3 * 4)
		return "it is larger than 20 MiB";
	if ((bin = arena_alloc(a, b64len / 4 * 3 + 3)) == NULL)
		return "out of memory";
	if (sodium_base642bin(bin, b64len / 4 * 3 + 3, b64, b64len, NULL, &out->len,
	    &end, sodium_base64_VARIANT_ORIGINAL) != 0 || end != b64 + b64len)
		return "its data is not base64 (standard alphabet, padded, no line breaks)";
	if (out->len == 0)
		return "its data is empty";
	crypto_generichash(hash, sizeof(hash), bin, out->len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	if (memcmp(hex, out->name, 32) != 0)
		return "its bytes do not match its name, which is the BLAKE2b hash "
		    "of them, so the body's /media/ link would not find it (the file "
		    "was changed after the export)";
	out->data = bin;
	return NULL;
}

const char *
json_article_check(struct arena *a, json_t *art, struct export_article *out)
{
	const char *msg, *key, *title;
	json_t *v;

	if ((key = json_unknown_key(art, article_keys)) != NULL)
		return arena_printf(a, "it has an unknown field \"%s\"",
		    json_shown(a, key, 40));
	if ((v = json_object_get(art, "id")) != NULL) {
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		    json_integer_value(v) > EXPORT_ID_MAX)
			return "its id must be a whole number from 1";
		out->id = json_integer_value(v);
	}
	if ((v = json_object_get(art, "section")) != NULL &&
	    (!json_is_string(v) || !export_slug_valid(json_string_value(v))))
		return "its section must be a section's slug (1 to 64 of a-z, 0-9 and -)";
	out->section = json_string_value(v);
	/* OUT->title already holds the title for the report, even a bad one. */
	if ((msg = take_text(a, art, "title", 1, NULL, 1, JSON_TITLE_MAX, "\t",
	    &title)) != NULL)
		return msg;
	if (title[strspn(title, " \t")] == '\0')
		return "its title is only white space";
	if ((msg = take_text(a, art, "author", 0, "", 0, JSON_AUTHOR_MAX, "\t",
	    &out->author)) != NULL ||
	    (msg = take_text(a, art, "source", 0, "", 0, JSON_SOURCE_MAX, "\t",
	    &out->source)) != NULL ||
	    (msg = take_text(a, art, "published_on", 1, NULL, 0, JSON_TITLE_MAX, "",
	    &out->published_on)) != NULL ||
	    (msg = take_text(a, art, "status", 1, NULL, 0, JSON_TITLE_MAX, "",
	    &out->status)) != NULL ||
	    (msg = take_text(a, art, "body", 1, NULL, 0, JSON_BODY_MAX, "\t\n",
	    &out->body)) != NULL)
		return msg;
	if (!seed_date_valid(out->published_on))
		return "its published_on is not a real date written YYYY-MM-DD "
		    "(years 1900 to 9999)";
	if (strcmp(out->status, "draft") != 0 && strcmp(out->status, "published") != 0)
		return "its status must be \"draft\" or \"published\"";
	if (strcmp(out->status, "published") == 0 &&
	    out->body[strspn(out->body, " \t\n")] == '\0')
		return "it is published with an empty body (make it a draft, or give "
		    "it a body)";
	if ((msg = take_time(a, art, "created_at", &out->created_at)) != NULL ||
	    (msg = take_time(a, art, "updated_at", &out->updated_at)) != NULL)
		return msg;
	if ((v = json_object_get(art, "photos")) == NULL)
		return NULL;
	if (!json_is_array(v))
		return "its photos must be an array";
	if (json_array_size(v) > JSON_PHOTOS_MAX)
		return "it has more than 1,000 photos";
	out->photos = arena_alloc(a, sizeof(*out->photos) * (json_array_size(v) + 1));
	if (out->photos == NULL)
		return "out of memory";
	memset(out->photos, 0, sizeof(*out->photos) * (json_array_size(v) + 1));
	for (size_t k = 0; k < json_array_size(v); k++) {
		if ((msg = take_photo(a, json_array_get(v, k), out->body, out->photos,
		    k, &out->photos[k])) != NULL)
			return arena_printf(a, "photo %zu%s%s%s: %s", k + 1,
			    out->photos[k].name ? " (" : "", out->photos[k].name ?
			    json_shown(a, out->photos[k].name, 40) : "",
			    out->photos[k].name ? ")" : "", msg);
		out->nphotos++;
	}
	return NULL;
}

