/* test_export.c: the export file's reader (cgi/json_import.h) and what the
 * writer shares with it (cgi/export_format.h): a good file parses into
 * exactly its fields and photo bytes; a broken file is refused with its
 * line and column; each bad field refuses its article with a message that
 * names it, while what the seed importer may store is accepted; times and
 * the import hash; and, against in-memory databases, export_write then
 * json_import_articles: ids, times and photos kept, a second import adds
 * nothing, the new site exports the same file. */
#include "import_fixture.h"

#include <jansson.h>

#include "article_export.h"
#include "article_store.h"
#include "export_format.h"
#include "json_import.h"
#include "media_store.h"

#define PHOTO_BYTES	"not really a png"
#define SEED_PHOTO	"sql/seeds/004_47b76614c58ea80e/1.jpg"

/* The name the media folder gives LEN bytes of DATA as EXT. */
static const char *
photo_name(struct arena *a, const void *data, size_t len, const char *ext)
{
	unsigned char h[16];
	char hex[33];

	crypto_generichash(h, sizeof(h), data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return arena_printf(a, "%s.%s", hex, ext);
}

/* A good export: three sections, a published article with a photo and a
 * draft with only what is required. */
static json_t *
good_doc(struct arena *a)
{
	const char *name = photo_name(a, PHOTO_BYTES, strlen(PHOTO_BYTES), "png");
	char b64[64];

	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)PHOTO_BYTES,
	    strlen(PHOTO_BYTES), sodium_base64_VARIANT_ORIGINAL);
	return json_pack("{s:s, s:i, s:i, s:s, s:{s:s}, s:[{s:s,s:s,s:n}, "
	    "{s:s,s:s,s:s}, {s:s,s:s,s:s}], s:[{s:I, s:s, s:s, s:s, s:s, s:s, s:s, "
	    "s:s, s:s, s:s, s:[{s:s, s:s, s:s}]}, {s:s, s:s, s:s, s:s}]}",
	    "format", "gazette-export", "version", 1, "schema_version", 5,
	    "exported_at", "2025-01-31T09:00:00Z", "site", "name", "成都高新医学会",
	    "sections", "slug", "home", "title", "HOME", "parent",
	    "slug", "service", "title", "SERVICE", "parent", "home",
	    "slug", "activities", "title", "Activities", "parent", "service",
	    "articles", "id", (json_int_t)7, "section", "activities",
	    "title", "A headline", "author", "管理员", "source", "成都",
	    "published_on", "2024-02-29", "status", "published",
	    "created_at", "2024-02-29T23:59:59Z", "updated_at", "2024-03-01T00:00:00Z",
	    "body", arena_printf(a, "Text.\n\n![Photo 1](/media/%s)", name),
	    "photos", "name", name, "type", "image/png", "data", b64,
	    "title", "A draft", "published_on", "1999-12-31", "status", "draft",
	    "body", "");
}

/* DOC as text, parsed; the caller closes it. */
static struct json_import *
open_doc(json_t *doc)
{
	struct json_import_error err;
	char *text = json_dumps(doc, 0);
	struct json_import *ji;

	assert_non_null(text);
	ji = json_import_open(text, strlen(text), &err);
	free(text);
	json_decref(doc);
	return ji;
}

static void
test_good_file(void **state)
{
	struct fixture *f = *state;
	struct json_import *ji = open_doc(good_doc(&f->a));
	struct export_article ar;
	struct json_section sec;
	const char *msg;

	assert_non_null(ji);
	assert_int_equal(json_import_schema_version(ji), 5);
	assert_string_equal(json_import_site(ji, "name"), "成都高新医学会");
	assert_null(json_import_site(ji, "url"));
	assert_int_equal(json_import_section_count(ji), 3);
	assert_int_equal(json_import_section(ji, 0, &sec, &msg), 0);
	assert_string_equal(sec.slug, "home");
	assert_null(sec.parent);
	assert_int_equal(json_import_section(ji, 2, &sec, &msg), 0);
	assert_string_equal(sec.parent, "service");
	assert_int_equal(json_import_article_count(ji), 2);
	assert_int_equal(json_import_article(ji, &f->a, 0, &ar, &msg), 0);
	assert_int_equal(ar.id, 7);
	assert_string_equal(ar.section, "activities");
	assert_string_equal(ar.title, "A headline");
	assert_string_equal(ar.author, "管理员");
	assert_string_equal(ar.source, "成都");
	assert_string_equal(ar.published_on, "2024-02-29");
	assert_string_equal(ar.status, "published");
	assert_int_equal(ar.created_at, 1709251199);
	assert_int_equal(ar.updated_at, 1709251200);
	assert_int_equal(ar.nphotos, 1);
	assert_string_equal(ar.photos[0].type, "image/png");
	assert_int_equal(ar.photos[0].len, strlen(PHOTO_BYTES));
	assert_memory_equal(ar.photos[0].data, PHOTO_BYTES, strlen(PHOTO_BYTES));
	assert_int_equal(strspn(ar.hash, "0123456789abcdef"), 64);
	/* Only what is required: the rest takes its defaults. */
	assert_int_equal(json_import_article(ji, &f->a, 1, &ar, &msg), 0);
	assert_int_equal(ar.id, 0);
	assert_null(ar.section);
	assert_string_equal(ar.author, "");
	assert_string_equal(ar.source, "");
	assert_int_equal(ar.created_at, -1);
	assert_int_equal(ar.nphotos, 0);
	json_import_close(ji);
}

static void
test_broken_files(void **state)
{
	static const struct {
		const char	*text;
		int		 line, column;
		const char	*says;
	} cases[] = {
		{ "{\"format\": \"gazette-export\",\n \"version\": 1,\n \"articles\": [ {\"id\": 1,}\n]}",
		  3, 25, "not valid JSON" },
		{ "{\"a\": 1, \"a\": 2}", 1, 0, "duplicate" },
		{ "", 1, 0, "not valid JSON" },
		{ "[]", 0, 0, "not an object" },
		{ "{\"format\": \"other\", \"version\": 1, \"articles\": []}", 0, 0,
		  "not a gazette export" },
		{ "{\"format\": \"gazette-export\", \"version\": 2, \"articles\": []}", 0, 0,
		  "format version 2" },
		{ "{\"format\": \"gazette-export\", \"version\": \"1\", \"articles\": []}", 0, 0,
		  "whole number" },
		{ "{\"format\": \"gazette-export\", \"version\": 1}", 0, 0,
		  "\"articles\" must be an array" },
		{ "{\"format\": \"gazette-export\", \"version\": 1, \"articles\": [], \"users\": []}",
		  0, 0, "unknown field \"users\"" },
		{ "{\"format\": \"gazette-export\", \"version\": 1, \"articles\": [], "
		  "\"site\": {\"name\": \"a\\nb\"}}", 0, 0, "site's \"name\"" },
		{ "{\"format\": \"gazette-export\", \"version\": 1, \"articles\": [], "
		  "\"exported_at\": \"yesterday\"}", 0, 0, "exported_at" },
		{ "{\"format\": \"gazette-export\", \"version\": 1, \"articles\": [], "
		  "\"sections\": {}}", 0, 0, "\"sections\" must be an array" },
	};
	struct json_import_error err;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		assert_null(json_import_open(cases[i].text, strlen(cases[i].text), &err));
		if (strstr(err.text, cases[i].says) == NULL)
			fail_msg("case %zu: \"%s\" does not say \"%s\"", i, err.text,
			    cases[i].says);
		assert_int_equal(err.line, cases[i].line);
		if (cases[i].column > 0)
			assert_int_equal(err.column, cases[i].column);
	}
	/* Well formed but deeper than jansson's limit (2048): refused, not a
	 * crash (the parser recurses). */
	char *deep = malloc(40001);

	assert_non_null(deep);
	memset(deep, '[', 20000);
	memset(deep + 20000, ']', 20000);
	deep[40000] = '\0';
	assert_null(json_import_open(deep, 40000, &err));
	assert_non_null(strstr(err.text, "depth"));
	free(deep);
}

/* Article 0 of the good file with KEY set to the JSON VALUE (NULL removes
 * KEY): NULL when accepted, else the message. */
static const char *
verdict(struct fixture *f, const char *key, const char *value)
{
	json_t *doc = good_doc(&f->a), *art, *v;
	struct json_import *ji;
	struct export_article ar;
	const char *msg = NULL;

	art = json_array_get(json_object_get(doc, "articles"), 0);
	if (value == NULL)
		json_object_del(art, key);
	else {
		assert_non_null(v = json_loads(value, JSON_DECODE_ANY, NULL));
		json_object_set_new(art, key, v);
	}
	assert_non_null(ji = open_doc(doc));
	if (json_import_article(ji, &f->a, 0, &ar, &msg) == 0)
		msg = NULL;
	else
		msg = arena_strdup(&f->a, msg);
	json_import_close(ji);
	return msg;
}

static void
test_bad_articles(void **state)
{
	static const struct {
		const char	*key, *value, *says;
	} cases[] = {
		{ "published_on", "\"2020-13-45\"", "published_on is not a real date" },
		{ "published_on", "\"2023-02-29\"", "published_on is not a real date" },
		{ "published_on", "\"06/05/2024\"", "published_on is not a real date" },
		{ "published_on", NULL, "no \"published_on\"" },
		{ "title", NULL, "no \"title\"" },
		{ "title", "\"\"", "title is empty" },
		{ "title", "\" \\t \"", "title is only white space" },
		{ "title", "\"a\\nb\"", "title holds a control character" },
		{ "title", "42", "title is not a string" },
		{ "author", "\"a\\u0007\"", "author holds a control character" },
		{ "body", "\"a\\r\\nb\"", "body holds a carriage return" },
		{ "body", "\" \\n \"", "published with an empty body" },
		{ "status", "\"hidden\"", "status must be" },
		{ "id", "0", "id must be a whole number" },
		{ "id", "-3", "id must be a whole number" },
		{ "id", "7.0", "id must be a whole number" },
		{ "id", "9007199254740992", "id must be a whole number" },
		{ "section", "\"Bad Slug\"", "section must be" },
		{ "section", "null", "section must be" },
		{ "created_at", "\"2024-02-29 10:00:00\"", "created_at must be a time" },
		{ "updated_at", "\"1969-12-31T23:59:59Z\"", "updated_at must be a time" },
		{ "created_at", "\"2024-01-01T24:00:00Z\"", "created_at must be a time" },
		{ "views", "3", "unknown field \"views\"" },
		{ "photos", "{}", "photos must be an array" },
		{ "photos", "[1]", "photo 1: it is not a JSON object" },
		{ "photos", "[{\"name\": \"../../etc/passwd\", \"type\": \"image/png\", "
		  "\"data\": \"\"}]", "photo 1 (../../etc/passwd): its name must be" },
	};

	for (size_t i = 0; i < NELEM(cases); i++) {
		const char *msg = verdict(*state, cases[i].key, cases[i].value);

		if (msg == NULL || strstr(msg, cases[i].says) == NULL)
			fail_msg("case %zu (%s): \"%s\" does not say \"%s\"", i,
			    cases[i].key, msg ? msg : "(accepted)", cases[i].says);
	}
}

static void
test_long_fields(void **state)
{
	struct fixture *f = *state;
	char ascii[520], *chinese = arena_alloc(&f->a, 3 * 501 + 3);

	/* Every bound counts characters, as the database's checks do. */
	memset(ascii, 'x', 500);
	strcpy(ascii + 500, "\"");
	assert_null(verdict(f, "title", arena_printf(&f->a, "\"%s", ascii)));
	strcpy(ascii + 500, "x\"");
	assert_non_null(strstr(verdict(f, "title", arena_printf(&f->a, "\"%s", ascii)),
	    "title is longer than 500 characters"));
	for (int i = 0; i < 500; i++)
		memcpy(chinese + 3 * i, "新", 3);
	chinese[1500] = '\0';
	assert_null(verdict(f, "title", arena_printf(&f->a, "\"%s\"", chinese)));
	assert_non_null(strstr(verdict(f, "title", arena_printf(&f->a, "\"%s新\"",
	    chinese)), "title is longer than 500 characters"));
	chinese[3 * 200] = '\0';
	assert_null(verdict(f, "author", arena_printf(&f->a, "\"%s\"", chinese)));
	assert_non_null(strstr(verdict(f, "source", arena_printf(&f->a, "\"%s新\"",
	    chinese)), "source is longer than 200 characters"));
	/* What the seed importer stores: an empty author, a tab in a title. */
	assert_null(verdict(f, "author", "\"\""));
	assert_null(verdict(f, "title", "\"a\\tb\""));
	assert_null(verdict(f, "source", NULL));
}

/* Article 0 with its photo's KEY set to VALUE (a JSON string; no KEY:
 * unchanged), its body BODY (NULL: unchanged), and the photo twice when
 * TWICE: NULL when accepted, else the message. */
static const char *
photo_verdict(struct fixture *f, const char *key, const char *value,
    const char *body, int twice)
{
	json_t *doc = good_doc(&f->a), *art, *photo;
	struct json_import *ji;
	struct export_article ar;
	const char *msg = NULL;

	art = json_array_get(json_object_get(doc, "articles"), 0);
	photo = json_array_get(json_object_get(art, "photos"), 0);
	if (key != NULL)
		json_object_set_new(photo, key, json_string(value));
	if (body != NULL)
		json_object_set_new(art, "body", json_string(body));
	if (twice)
		json_array_append(json_object_get(art, "photos"), photo);
	assert_non_null(ji = open_doc(doc));
	if (json_import_article(ji, &f->a, 0, &ar, &msg) == 0)
		msg = NULL;
	json_import_close(ji);
	return msg ? arena_strdup(&f->a, msg) : NULL;
}

static void
test_bad_photos(void **state)
{
	struct fixture *f = *state;
	const char *other = photo_name(&f->a, "x", 1, "png");

	assert_null(photo_verdict(f, NULL, NULL, NULL, 0));
	assert_non_null(strstr(photo_verdict(f, "type", "image/jpeg", NULL, 0),
	    "its type must be image/png"));
	assert_non_null(strstr(photo_verdict(f, "data", "not base64!", NULL, 0),
	    "not base64"));
	assert_non_null(strstr(photo_verdict(f, "data", "", NULL, 0),
	    "data is empty"));
	/* Bytes that are not the ones named: the body's link would break. */
	assert_non_null(strstr(photo_verdict(f, "data", "dGFtcGVyZWQ=", NULL, 0),
	    "do not match its name"));
	assert_non_null(strstr(photo_verdict(f, NULL, NULL, "No photo here.", 0),
	    "the body does not name it"));
	assert_non_null(strstr(photo_verdict(f, "name", other, "![x](/media/x.png)", 0),
	    "the body does not name it"));
	assert_non_null(strstr(photo_verdict(f, NULL, NULL, NULL, 1), "has it twice"));
}

static void
test_sections(void **state)
{
	static const char *const bad[] = {
		"{\"slug\": \"Bad\", \"title\": \"t\", \"parent\": null}",
		"{\"slug\": \"a\", \"title\": \"\", \"parent\": null}",
		"{\"slug\": \"a\", \"title\": \"t\"}",
		"{\"slug\": \"a\", \"title\": \"t\", \"parent\": \"a\"}",
		"{\"slug\": \"a\", \"title\": \"t\", \"parent\": null, \"x\": 1}",
		"\"a\"",
	};
	struct fixture *f = *state;

	for (size_t i = 0; i < NELEM(bad); i++) {
		json_t *doc = good_doc(&f->a);
		struct json_import *ji;
		struct json_section sec;
		const char *msg;

		json_array_set_new(json_object_get(doc, "sections"), 1,
		    json_loads(bad[i], JSON_DECODE_ANY, NULL));
		assert_non_null(ji = open_doc(doc));
		assert_int_equal(json_import_section(ji, 0, &sec, &msg), 0);
		assert_int_equal(json_import_section(ji, 1, &sec, &msg), -1);
		assert_non_null(msg);
		json_import_close(ji);
	}
}

static void
test_times_and_hash(void **state)
{
	struct fixture *f = *state;
	struct export_article a = { .id = 7, .section = "home", .title = "t",
		.author = "", .source = "", .published_on = "2024-01-01",
		.status = "draft", .body = "b", .created_at = 1, .updated_at = 2 };
	char h1[65], h2[65], s[EXPORT_TIME_LEN + 1];
	long long t;

	assert_true(export_parse_time("1970-01-01T00:00:00Z", &t) && t == 0);
	assert_true(export_parse_time("2000-02-29T12:34:56Z", &t) && t == 951827696);
	assert_false(export_parse_time("1900-02-29T00:00:00Z", &t));
	assert_false(export_parse_time("2024-01-01T00:00:60Z", &t));
	assert_false(export_parse_time("2024-01-01T00:00:00+08:00", &t));
	assert_int_equal(export_format_time(951827696, s), 0);
	assert_string_equal(s, "2000-02-29T12:34:56Z");
	assert_int_equal(export_format_time(-1, s), -1);
	/* Every field counts; moving bytes between fields changes it too. */
	export_article_hash(&a, h1);
	export_article_hash(&a, h2);
	assert_string_equal(h1, h2);
	a.author = "tb";
	a.body = "";
	export_article_hash(&a, h2);
	assert_string_not_equal(h1, h2);
	a.author = "";
	a.body = "b";
	a.updated_at = 3;
	export_article_hash(&a, h2);
	assert_string_not_equal(h1, h2);
	(void)f;
}

static void
test_next_photo(void **state)
{
	const char *body = "![a](/media/0123456789abcdef0123456789abcdef.jpg) "
	    "[b](/media/../x.jpg) /media/0123456789ABCDEF0123456789abcdef.png "
	    "/media/fedcba9876543210fedcba9876543210.webp.";
	char name[64];
	size_t pos = 0;

	(void)state;
	assert_true(export_next_photo(body, &pos, name));
	assert_string_equal(name, "0123456789abcdef0123456789abcdef.jpg");
	assert_true(export_next_photo(body, &pos, name));
	assert_string_equal(name, "fedcba9876543210fedcba9876543210.webp");
	assert_false(export_next_photo(body, &pos, name));
}

/* The export of ST into a malloc'd string. */
static char *
export_text(struct store *st, const char *media, struct export_totals *t)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(out);
	assert_int_equal(export_write(st, media, out, t), 0);
	assert_int_equal(fclose(out), 0);
	return text;
}

/* A and B are the same export but for exported_at, which may differ. */
static void
assert_same_export(const char *a, const char *b)
{
	const char *ta = strstr(a, "\"exported_at\":\""), *tb = strstr(b, "\"exported_at\":\"");
	size_t skip = 15 + EXPORT_TIME_LEN;

	assert_non_null(ta);
	assert_non_null(tb);
	assert_int_equal(ta - a, tb - b);
	assert_memory_equal(a, b, (size_t)(ta - a));
	assert_string_equal(ta + skip, tb + skip);
}

static void
test_round_trip(void **state)
{
	struct fixture *f = *state;
	struct article_input in = { .section_id = 3, .title = "With a photo",
		.author = "管理员", .published_on = "2024-05-06", .excerpt = "",
		.status = "published", .source = "成都" };
	struct export_totals t;
	struct export_article ar;
	struct json_import_error err;
	struct json_import *ji;
	struct article art;
	struct store *st2;
	sqlite3 *db2 = unit_db_open();
	const char *media2 = in_dir(f, "media2"), *msg;
	char name[MEDIA_NAME_MAX], *first, *second, *photo, *copy;
	int added = 0, unchanged = 0, failed = 0;
	long long id;
	size_t len, len2;

	photo = unit_read_file(unit_src(SEED_PHOTO), &len);
	assert_int_equal(media_save(f->st, f->media, photo, len, "image/jpeg", name), 0);
	in.body = arena_printf(&f->a, "Text.\n\n![Photo 1](/media/%s)", name);
	assert_int_equal(article_insert(f->st, &in, &id), 0);
	in.status = "draft";
	in.title = "A draft";
	in.body = "";
	assert_int_equal(article_insert(f->st, &in, &id), 0);
	first = export_text(f->st, f->media, &t);
	assert_int_equal(t.articles, 2);
	assert_int_equal(t.photos, 1);
	assert_int_equal(t.missing, 0);
	assert_int_equal(t.sections, 3);

	assert_non_null(ji = json_import_open(first, strlen(first), &err));
	assert_int_equal(json_import_article(ji, &f->a, 0, &ar, &msg), 0);
	assert_int_equal(ar.nphotos, 1);
	assert_memory_equal(ar.photos[0].data, photo, len);
	/* Into a new site: ids kept, every field as it was, the photo too. */
	assert_non_null(st2 = store_open(db2));
	assert_int_equal(json_import_articles(st2, ji, "x.json", media2, NULL,
	    &added, &unchanged, &failed), 0);
	assert_int_equal(added, 2);
	assert_int_equal(article_get(st2, &f->a, 2, &art), 0);
	assert_string_equal(art.s.title, "A draft");
	assert_string_equal(art.s.status, "draft");
	assert_int_equal(article_get(st2, &f->a, 1, &art), 0);
	assert_string_equal(art.source, "成都");
	copy = unit_read_file(arena_printf(&f->a, "%s/%s", media2, name), &len2);
	assert_int_equal(len2, len);
	assert_memory_equal(copy, photo, len);
	free(copy);
	second = export_text(st2, media2, &t);
	assert_same_export(first, second);
	/* A second import adds nothing; nor does a site's own export. */
	assert_int_equal(json_import_articles(st2, ji, "x.json", media2, NULL,
	    &added, &unchanged, &failed), 0);
	assert_int_equal(json_import_articles(f->st, ji, "x.json", f->media, NULL,
	    &added, &unchanged, &failed), 0);
	assert_int_equal(added, 2);
	assert_int_equal(unchanged, 4);
	assert_int_equal(failed, 0);
	json_import_close(ji);
	free(first);
	free(second);
	free(photo);
	store_close(st2);
	db_close(db2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_file, setup, teardown),
		cmocka_unit_test(test_broken_files),
		cmocka_unit_test_setup_teardown(test_bad_articles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_photos, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_times_and_hash, setup, teardown),
		cmocka_unit_test(test_next_photo),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
