/* test_urlencoded.c: cgi/urlencoded.h. A table of query strings with the
 * pairs or the error each must give ('+', %XX, bad escapes, %00, invalid
 * UTF-8, empty segments), the pair limit, duplicate keys through
 * urlenc_get, and a table for utf8_valid. */
#include "unit.h"

#include "arena.h"
#include "urlencoded.h"

#define MAX_WANT	4

struct parse_case {
	const char		*in;
	enum urlenc_error	 err;
	size_t			 count;
	const char		*pairs[MAX_WANT * 2];	/* name, value, ... */
};

static const struct parse_case parse_cases[] = {
	{ "", URLENC_OK, 0, { NULL } },
	{ "a=1&b=2", URLENC_OK, 2, { "a", "1", "b", "2" } },
	{ "q=hello+world+", URLENC_OK, 1, { "q", "hello world " } },
	{ "q=%E4%B8%AD%e6%96%87", URLENC_OK, 1, { "q", "中文" } },
	{ "q=中文", URLENC_OK, 1, { "q", "中文" } },
	{ "a%3Db=c%26d", URLENC_OK, 1, { "a=b", "c&d" } },
	{ "%2B=%25%20", URLENC_OK, 1, { "+", "% " } },
	{ "a=1&&b=2&", URLENC_OK, 2, { "a", "1", "b", "2" } },
	{ "&&&", URLENC_OK, 0, { NULL } },
	{ "a", URLENC_OK, 1, { "a", "" } },
	{ "a=", URLENC_OK, 1, { "a", "" } },
	{ "=x", URLENC_OK, 1, { "", "x" } },
	{ "=", URLENC_OK, 1, { "", "" } },
	{ "a==b", URLENC_OK, 1, { "a", "=b" } },
	{ "a&b=&c", URLENC_OK, 3, { "a", "", "b", "", "c", "" } },
	{ "a=1&a=2", URLENC_OK, 2, { "a", "1", "a", "2" } },
	{ "a=%", URLENC_BAD_ESCAPE, 0, { NULL } },
	{ "a=%4", URLENC_BAD_ESCAPE, 0, { NULL } },
	{ "a=%zz", URLENC_BAD_ESCAPE, 0, { NULL } },
	{ "a=%4g", URLENC_BAD_ESCAPE, 0, { NULL } },
	{ "a=%g4", URLENC_BAD_ESCAPE, 0, { NULL } },
	{ "a=% 41", URLENC_BAD_ESCAPE, 0, { NULL } },
	{ "%=1", URLENC_BAD_ESCAPE, 0, { NULL } },
	{ "a=1%&b=2", URLENC_BAD_ESCAPE, 0, { NULL } },
	{ "ok=1&a=%4", URLENC_BAD_ESCAPE, 0, { NULL } },
	{ "a=%00", URLENC_NUL, 0, { NULL } },
	{ "%00=a", URLENC_NUL, 0, { NULL } },
	{ "a=x%00y", URLENC_NUL, 0, { NULL } },
	{ "a=%C0%AF", URLENC_BAD_UTF8, 0, { NULL } },		/* overlong '/' */
	{ "a=%E0%80%AF", URLENC_BAD_UTF8, 0, { NULL } },	/* overlong '/' */
	{ "a=%ED%A0%80", URLENC_BAD_UTF8, 0, { NULL } },	/* surrogate */
	{ "a=%80", URLENC_BAD_UTF8, 0, { NULL } },		/* lone continuation */
	{ "a=x%BFy", URLENC_BAD_UTF8, 0, { NULL } },
	{ "a=%E4%B8", URLENC_BAD_UTF8, 0, { NULL } },		/* truncated */
	{ "a=%E4%B8&b=%AD", URLENC_BAD_UTF8, 0, { NULL } },	/* split over pairs */
	{ "a=%F4%90%80%80", URLENC_BAD_UTF8, 0, { NULL } },	/* > U+10FFFF */
	{ "a=%FF", URLENC_BAD_UTF8, 0, { NULL } },
	{ "%C3=1", URLENC_BAD_UTF8, 0, { NULL } },
	{ "a=\xff", URLENC_BAD_UTF8, 0, { NULL } },		/* raw, not escaped */
};

static void
test_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		struct arena a;
		struct urlenc_form f;
		enum urlenc_error e;

		arena_init(&a);
		e = urlenc_parse(&a, c->in, strlen(c->in), &f);
		if (e != c->err)
			fail_msg("\"%s\": got %s, want %s", c->in, urlenc_strerror(e),
			    urlenc_strerror(c->err));
		if (e == URLENC_OK) {
			if (f.count != c->count)
				fail_msg("\"%s\": %zu pairs, want %zu", c->in, f.count,
				    c->count);
			for (size_t k = 0; k < f.count; k++) {
				const struct urlenc_pair *p = &f.pairs[k];

				assert_string_equal(p->name, c->pairs[2 * k]);
				assert_string_equal(p->value, c->pairs[2 * k + 1]);
				assert_int_equal(p->value_len, strlen(p->value));
			}
		}
		arena_release(&a);
	}
}

/* A NUL byte in the raw input is refused like %00. */
static void
test_raw_nul(void **state)
{
	static const char in[] = "a=1&b=x\0y";
	struct arena a;
	struct urlenc_form f;

	(void)state;
	arena_init(&a);
	assert_int_equal(urlenc_parse(&a, in, sizeof(in) - 1, &f), URLENC_NUL);
	/* Only LEN bytes are read: the same text cut before the NUL is fine. */
	assert_int_equal(urlenc_parse(&a, in, 7, &f), URLENC_OK);
	assert_int_equal(f.count, 2);
	assert_string_equal(f.pairs[1].value, "x");
	arena_release(&a);
}

/* URLENC_MAX_PAIRS pairs are accepted, one more is refused; empty
 * segments do not count. */
static void
test_too_many(void **state)
{
	struct arena a;
	struct urlenc_form f;
	char buf[1024];
	size_t len = 0;

	(void)state;
	arena_init(&a);
	for (int i = 0; i < URLENC_MAX_PAIRS; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "k%d=%d&&", i, i);
	assert_true(len < sizeof(buf) - 16);
	assert_int_equal(urlenc_parse(&a, buf, len, &f), URLENC_OK);
	assert_int_equal(f.count, URLENC_MAX_PAIRS);
	assert_string_equal(f.pairs[63].name, "k63");
	assert_string_equal(f.pairs[63].value, "63");

	len += (size_t)snprintf(buf + len, sizeof(buf) - len, "k64=64");
	assert_int_equal(urlenc_parse(&a, buf, len, &f), URLENC_TOO_MANY);
	/* 65 names without values count too. */
	memset(buf, 0, sizeof(buf));
	for (len = 0; len < 65 * 2; len += 2)
		memcpy(buf + len, "x&", 2);
	assert_int_equal(urlenc_parse(&a, buf, len - 1, &f), URLENC_TOO_MANY);
	assert_int_equal(urlenc_parse(&a, buf, len - 3, &f), URLENC_OK);
	assert_int_equal(f.count, 64);
	arena_release(&a);
}

/* urlenc_get returns the first value and counts the duplicates. */
static void
test_get(void **state)
{
	static const char in[] = "a=1&b=2&a=3&c&a=";
	struct arena a;
	struct urlenc_form f;
	size_t n = 99;

	(void)state;
	arena_init(&a);
	assert_int_equal(urlenc_parse(&a, in, strlen(in), &f), URLENC_OK);
	assert_string_equal(urlenc_get(&f, "a", &n), "1");
	assert_int_equal(n, 3);
	assert_string_equal(urlenc_get(&f, "b", &n), "2");
	assert_int_equal(n, 1);
	assert_string_equal(urlenc_get(&f, "c", &n), "");
	assert_int_equal(n, 1);
	assert_null(urlenc_get(&f, "d", &n));
	assert_int_equal(n, 0);
	assert_null(urlenc_get(&f, "A", NULL));
	assert_string_equal(urlenc_get(&f, "b", NULL), "2");
	arena_release(&a);
}

static void
test_strerror(void **state)
{
	(void)state;
	for (int e = 0; e < URLENC_ERROR__MAX; e++) {
		const char *s = urlenc_strerror((enum urlenc_error)e);

		assert_non_null(s);
		assert_true(strlen(s) > 0);
		for (int k = 0; k < e; k++)
			assert_string_not_equal(s, urlenc_strerror((enum urlenc_error)k));
	}
	assert_string_equal(urlenc_strerror(URLENC_ERROR__MAX), "unknown error");
}

static void
test_utf8_valid(void **state)
{
	static const struct {
		const char	*s;
		int		 ok;
	} cases[] = {
		{ "", 1 }, { "abc", 1 }, { "中文", 1 }, { "\xc2\xa0", 1 },
		{ "\xc2\x80", 1 }, { "\xdf\xbf", 1 }, { "\xe0\xa0\x80", 1 },
		{ "\xed\x9f\xbf", 1 }, { "\xee\x80\x80", 1 }, { "\xef\xbf\xbf", 1 },
		{ "\xf0\x90\x80\x80", 1 }, { "\xf0\x9f\x98\x80", 1 },
		{ "\xf4\x8f\xbf\xbf", 1 },
		{ "\x80", 0 }, { "\xbf", 0 }, { "a\x80z", 0 },
		{ "\xc0\xaf", 0 }, { "\xc1\xbf", 0 }, { "\xe0\x80\xaf", 0 },
		{ "\xe0\x9f\xbf", 0 }, { "\xf0\x80\x80\xaf", 0 }, { "\xf0\x8f\xbf\xbf", 0 },
		{ "\xed\xa0\x80", 0 }, { "\xed\xbf\xbf", 0 }, { "\xed\xb0\x80", 0 },
		{ "\xf4\x90\x80\x80", 0 }, { "\xf5\x80\x80\x80", 0 },
		{ "\xf8\x88\x80\x80\x80", 0 }, { "\xfe", 0 }, { "\xff", 0 },
		{ "\xc2", 0 }, { "a\xc2", 0 }, { "\xe4\xb8", 0 }, { "\xf0\x9f\x98", 0 },
		{ "\xc2\x41", 0 }, { "\xe4\x41\xad", 0 }, { "\xc2\xc2\xa0", 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++)
		if (utf8_valid(cases[i].s, strlen(cases[i].s)) != cases[i].ok) {
			char hex[64] = "";

			for (size_t k = 0; cases[i].s[k] && k < 12; k++)
				snprintf(hex + strlen(hex), sizeof(hex) - strlen(hex),
				    "%02x ", (unsigned char)cases[i].s[k]);
			fail_msg("utf8_valid(%s) != %d", hex, cases[i].ok);
		}
	/* Length, not a terminator, bounds the check; NUL is valid UTF-8. */
	assert_int_equal(utf8_valid("a\0b", 3), 1);
	assert_int_equal(utf8_valid("\xe4\xb8\xad", 2), 0);
	assert_int_equal(utf8_valid("\xff", 0), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_raw_nul),
		cmocka_unit_test(test_too_many),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_strerror),
		cmocka_unit_test(test_utf8_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
