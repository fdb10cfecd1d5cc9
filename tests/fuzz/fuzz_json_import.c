/* fuzz_json_import.c: libFuzzer target for cgi/json_import.h, the reader
 * of `gazette export` files, whose input is untrusted. Parses arbitrary
 * bytes as an export; a refused file must say why (and where, within the
 * input). Of a file taken, every section and article is checked, and what
 * is accepted must hold what the store relies on: text within the
 * database's bounds, valid UTF-8 without stray control characters, a real
 * date, a known status, times that print back as given, photos whose
 * bytes hash to their name and that the body names, and an import hash
 * that is the hash of the fields. Messages never hold a control character. */
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "export_format.h"
#include "json_import.h"
#include "seed_parser.h"
#include "urlencoded.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	CHECK(sodium_init() >= 0);
	return 0;
}

/* S is UTF-8 of MIN to MAX characters with no control byte but ALLOW's. */
static void
check_text(const char *s, size_t min, size_t max, const char *allow)
{
	size_t n;

	CHECK(s != NULL);
	CHECK(utf8_valid(s, strlen(s)));
	n = utf8_chars(s);
	CHECK(n >= min && n <= max);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		CHECK((*p >= 0x20 && *p != 0x7f) || strchr(allow, *p) != NULL);
}

/* M can go on a report line as it is: UTF-8, no control character. */
static void
check_printable(const char *m)
{
	CHECK(m != NULL && utf8_valid(m, strlen(m)));
	for (const unsigned char *p = (const unsigned char *)m; *p; p++)
		CHECK(*p >= 0x20 && *p != 0x7f);
}

static void
check_message(const char *m)
{
	check_printable(m);
	CHECK(m[0] != '\0');
}

static void
check_time(long long t)
{
	char s[EXPORT_TIME_LEN + 1];
	long long back;

	if (t == -1)
		return;
	CHECK(export_format_time(t, s) == 0);
	CHECK(export_parse_time(s, &back) && back == t);
}

static void
check_article(struct arena *a, const struct export_article *ar)
{
	char hash[65];

	CHECK(ar->id >= 0 && ar->id <= EXPORT_ID_MAX);
	CHECK(ar->section == NULL || export_slug_valid(ar->section));
	check_text(ar->title, 1, JSON_TITLE_MAX, "\t");
	check_text(ar->author, 0, JSON_AUTHOR_MAX, "\t");
	check_text(ar->source, 0, JSON_SOURCE_MAX, "\t");
	check_text(ar->body, 0, JSON_BODY_MAX, "\t\n");
	CHECK(seed_date_valid(ar->published_on));
	CHECK(strcmp(ar->status, "draft") == 0 || (strcmp(ar->status, "published") == 0 &&
	    ar->body[strspn(ar->body, " \t\n")] != '\0'));
	check_time(ar->created_at);
	check_time(ar->updated_at);
	CHECK(ar->nphotos <= JSON_PHOTOS_MAX);
	for (size_t k = 0; k < ar->nphotos; k++) {
		const struct export_photo *p = &ar->photos[k];
		unsigned char h[16];
		char hex[33];

		CHECK(export_photo_type(p->name) != NULL);
		CHECK(strcmp(export_photo_type(p->name), p->type) == 0);
		CHECK(p->len >= 1 && p->len <= JSON_PHOTO_MAX);
		crypto_generichash(h, sizeof(h), p->data, p->len, NULL, 0);
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		CHECK(memcmp(hex, p->name, 32) == 0);
		CHECK(strstr(ar->body, arena_printf(a, "/media/%s", p->name)) != NULL);
		for (size_t j = 0; j < k; j++)
			CHECK(strcmp(ar->photos[j].name, p->name) != 0);
	}
	export_article_hash(ar, hash);
	CHECK(strcmp(hash, ar->hash) == 0);
	CHECK(strspn(hash, "0123456789abcdef") == 64);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_import_error err;
	struct json_import *ji;
	struct arena a;
	size_t lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if ((ji = json_import_open((const char *)data, size, &err)) == NULL) {
		check_message(err.text);
		CHECK(err.line >= 0 && (size_t)err.line <= lines && err.column >= 0);
		return 0;
	}
	arena_init(&a);
	for (size_t i = 0; i < json_import_section_count(ji); i++) {
		struct json_section sec;
		const char *msg;

		if (json_import_section(ji, i, &sec, &msg) != 0) {
			check_message(msg);
			continue;
		}
		CHECK(export_slug_valid(sec.slug));
		check_text(sec.title, 1, JSON_SECTION_TITLE_MAX, "\t");
		CHECK(sec.parent == NULL || (export_slug_valid(sec.parent) &&
		    strcmp(sec.parent, sec.slug) != 0));
	}
	for (size_t i = 0; i < json_import_article_count(ji); i++) {
		struct export_article ar;
		const char *msg;
		long long id = json_import_article_id(ji, i);

		arena_reset(&a);
		if (json_import_article(ji, &a, i, &ar, &msg) != 0) {
			check_message(msg);
			if (ar.title != NULL)
				check_printable(json_shown(&a, ar.title, 60));
			continue;
		}
		CHECK(ar.id == id);
		check_article(&a, &ar);
	}
	arena_release(&a);
	json_import_close(ji);
	return 0;
}
