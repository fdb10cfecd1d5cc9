/* test_cookie.c: cgi/cookie.h. A table of Cookie headers with the pairs
 * each must give (spaces, quotes, duplicates, malformed pairs skipped,
 * control and 8-bit bytes), then NUL bytes, a header read only up to its
 * length, the size and pair limits, and cookie_get with its count. */
#include "unit.h"

#include "arena.h"
#include "cookie.h"

#define MAX_WANT	4

struct parse_case {
	const char	*in;
	size_t		 count;
	const char	*pairs[MAX_WANT * 2];	/* name, value, ... */
};

static const struct parse_case parse_cases[] = {
	{ "", 0, { NULL } },
	{ " ", 0, { NULL } },
	{ ";", 0, { NULL } },
	{ ";; ;\t;", 0, { NULL } },
	{ "a=1", 1, { "a", "1" } },
	{ "a=1; b=2", 2, { "a", "1", "b", "2" } },
	{ "a=1;b=2", 2, { "a", "1", "b", "2" } },
	{ "SID=31d4d96e407aad42; lang=en-US", 2,
	    { "SID", "31d4d96e407aad42", "lang", "en-US" } },
	/* Optional whitespace around pairs and around '='. */
	{ "   a=1  ;   b=2   ", 2, { "a", "1", "b", "2" } },
	{ "\ta=1\t;\tb=2\t", 2, { "a", "1", "b", "2" } },
	{ "a = 1", 1, { "a", "1" } },
	{ ";;a=1;;", 1, { "a", "1" } },
	/* Values: empty, '=' inside, no decoding. */
	{ "a=", 1, { "a", "" } },
	{ "a=; b=", 2, { "a", "", "b", "" } },
	{ "a==", 1, { "a", "=" } },
	{ "a=b=c", 1, { "a", "b=c" } },
	{ "tok=YWJj ZA==", 0, { NULL } },
	{ "tok=YWJjZA==", 1, { "tok", "YWJjZA==" } },
	{ "a=%20%3B", 1, { "a", "%20%3B" } },
	/* Quotes: a quoted value loses them, an unbalanced one keeps them. */
	{ "a=\"hello\"", 1, { "a", "hello" } },
	{ "a=\"\"", 1, { "a", "" } },
	{ "a=\"", 1, { "a", "\"" } },
	{ "a=\"x", 1, { "a", "\"x" } },
	{ "a=x\"", 1, { "a", "x\"" } },
	{ "a=\"x\"y", 1, { "a", "\"x\"y" } },
	{ "a = \"v\" ; b=2", 2, { "a", "v", "b", "2" } },
	{ "a=\"x y\"; b=2", 1, { "b", "2" } },
	{ "\"a\"=1", 1, { "\"a\"", "1" } },
	/* Duplicates are kept in order. */
	{ "a=1; a=2; a=3", 3, { "a", "1", "a", "2", "a", "3" } },
	{ "a=1; A=2", 2, { "a", "1", "A", "2" } },
	/* Malformed pairs are skipped, the rest kept. */
	{ "noeq; a=1", 1, { "a", "1" } },
	{ "a=1; noeq", 1, { "a", "1" } },
	{ "=x; a=1", 1, { "a", "1" } },
	{ " = ; a=1", 1, { "a", "1" } },
	{ "a b=1; c=2", 1, { "c", "2" } },
	{ "a=1 2; c=2", 1, { "c", "2" } },
	{ "a=1, b=2", 0, { NULL } },		/* ',' separates nothing */
	{ "a=1,b=2", 1, { "a", "1,b=2" } },
	/* Control bytes anywhere in a pair skip it. */
	{ "a=\x01; b=2", 1, { "b", "2" } },
	{ "a\x7f=1; b=2", 1, { "b", "2" } },
	{ "a=1\r\nb=2; c=3", 1, { "c", "3" } },
	{ "a=1\nSet-Cookie: x=y", 0, { NULL } },
	{ "a=\x1b[31m; b=\x7f", 0, { NULL } },
	{ "a=x\ty; b=2", 1, { "b", "2" } },
	/* 8-bit bytes are kept as sent, UTF-8 or not. */
	{ "a=\xc3\xa9t\xc3\xa9", 1, { "a", "\xc3\xa9t\xc3\xa9" } },
	{ "\xe4\xb8\xad=\xe6\x96\x87", 1, { "\xe4\xb8\xad", "\xe6\x96\x87" } },
	{ "a=\xff\xfe; b=\x80", 2, { "a", "\xff\xfe", "b", "\x80" } },
};

static void
check_jar(const char *in, const struct cookie_jar *jar, size_t count,
    const char *const *pairs)
{
	if (jar->count != count)
		fail_msg("\"%s\": %zu pairs, want %zu", in, jar->count, count);
	for (size_t k = 0; k < jar->count; k++) {
		assert_string_equal(jar->pairs[k].name, pairs[2 * k]);
		assert_string_equal(jar->pairs[k].value, pairs[2 * k + 1]);
	}
}

static void
test_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		struct arena a;
		struct cookie_jar jar;

		arena_init(&a);
		assert_int_equal(cookie_parse(&a, c->in, strlen(c->in), &jar), 0);
		check_jar(c->in, &jar, c->count, c->pairs);
		arena_release(&a);
	}
}

/* A NUL byte is a control byte: its pair goes, the others stay; and only
 * LEN bytes are read. */
static void
test_nul_and_len(void **state)
{
	static const char in[] = "a=x\0y; b=2; c\0=3; d=4";
	static const char *const want[] = { "b", "2", "d", "4" };
	struct arena a;
	struct cookie_jar jar;

	(void)state;
	arena_init(&a);
	assert_int_equal(cookie_parse(&a, in, sizeof(in) - 1, &jar), 0);
	check_jar("NUL", &jar, 2, want);
	/* Cut before the NUL: "a=x" is whole. */
	assert_int_equal(cookie_parse(&a, in, 3, &jar), 0);
	assert_int_equal(jar.count, 1);
	assert_string_equal(jar.pairs[0].value, "x");
	/* Cut inside a value: "b=" then nothing. */
	assert_int_equal(cookie_parse(&a, "b=22", 2, &jar), 0);
	assert_int_equal(jar.count, 1);
	assert_string_equal(jar.pairs[0].value, "");
	assert_int_equal(cookie_parse(&a, NULL, 0, &jar), 0);
	assert_int_equal(jar.count, 0);
	arena_release(&a);
}

/* COOKIE_MAX_HEADER bytes are read; one more and the header is ignored. */
static void
test_long_header(void **state)
{
	struct arena a;
	struct cookie_jar jar;
	char *buf;

	(void)state;
	arena_init(&a);
	buf = malloc(COOKIE_MAX_HEADER + 1);
	assert_non_null(buf);
	memset(buf, 'v', COOKIE_MAX_HEADER + 1);
	memcpy(buf, "s=", 2);
	assert_int_equal(cookie_parse(&a, buf, COOKIE_MAX_HEADER, &jar), 0);
	assert_int_equal(jar.count, 1);
	assert_int_equal(strlen(jar.pairs[0].value), COOKIE_MAX_HEADER - 2);
	jar.count = 99;
	assert_int_equal(cookie_parse(&a, buf, COOKIE_MAX_HEADER + 1, &jar), 0);
	assert_int_equal(jar.count, 0);
	free(buf);
	arena_release(&a);
}

/* COOKIE_MAX_PAIRS are kept, the rest ignored; skipped pairs do not count. */
static void
test_max_pairs(void **state)
{
	struct arena a;
	struct cookie_jar jar;
	char buf[1024];
	size_t len = 0;

	(void)state;
	arena_init(&a);
	for (int i = 0; i < COOKIE_MAX_PAIRS + 8; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    "bad%d; c%d=%d; ", i, i, i);
	assert_true(len < sizeof(buf) - 1);
	assert_int_equal(cookie_parse(&a, buf, len, &jar), 0);
	assert_int_equal(jar.count, COOKIE_MAX_PAIRS);
	assert_string_equal(jar.pairs[0].name, "c0");
	assert_string_equal(jar.pairs[COOKIE_MAX_PAIRS - 1].name, "c31");
	assert_string_equal(jar.pairs[COOKIE_MAX_PAIRS - 1].value, "31");
	assert_null(cookie_get(&jar, "c32", NULL));
	arena_release(&a);
}

/* cookie_get returns the first value and counts the duplicates. */
static void
test_get(void **state)
{
	static const char in[] = "sid=first; theme=dark; sid=second; x; sid=";
	struct arena a;
	struct cookie_jar jar;
	size_t n = 99;

	(void)state;
	arena_init(&a);
	assert_int_equal(cookie_parse(&a, in, strlen(in), &jar), 0);
	assert_string_equal(cookie_get(&jar, "sid", &n), "first");
	assert_int_equal(n, 3);
	assert_string_equal(cookie_get(&jar, "theme", &n), "dark");
	assert_int_equal(n, 1);
	assert_null(cookie_get(&jar, "x", &n));
	assert_int_equal(n, 0);
	assert_null(cookie_get(&jar, "SID", &n));
	assert_int_equal(n, 0);
	assert_string_equal(cookie_get(&jar, "theme", NULL), "dark");
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_nul_and_len),
		cmocka_unit_test(test_long_header),
		cmocka_unit_test(test_max_pairs),
		cmocka_unit_test(test_get),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
