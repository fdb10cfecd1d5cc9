/* test_http_conditional.c: cgi/http_conditional.h. Tables of If-None-Match
 * lists (weak comparison, "*", W/, empty elements, malformed lists that
 * must never match), HTTP dates (valid, every field wrong, wrong weekday,
 * leap days, obsolete formats), date formatting against known values and
 * as a round trip, and the RFC 9110 precedence of the two headers. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "http_conditional.h"

struct etag_case {
	const char	*list;
	const char	*etag;
	int		 want;
};

static const struct etag_case etag_cases[] = {
	{ "\"abc\"", "\"abc\"", 1 },
	{ "\"abc\"", "\"abd\"", 0 },
	{ "\"abc\"", "\"ab\"", 0 },
	{ "\"ab\"", "\"abc\"", 0 },
	{ "W/\"abc\"", "\"abc\"", 1 },		/* weak comparison for GET */
	{ "\"abc\"", "W/\"abc\"", 1 },
	{ "\"x\", \"abc\"", "\"abc\"", 1 },
	{ "\"x\",\"abc\"", "\"abc\"", 1 },
	{ "\"abc\" , \"x\"", "\"abc\"", 1 },
	{ " \t\"abc\"\t ", "\"abc\"", 1 },
	{ ",,\"abc\",,", "\"abc\"", 1 },
	{ "\"x\", \"y\", \"z\"", "\"abc\"", 0 },
	{ "*", "\"abc\"", 1 },
	{ " * ", "\"abc\"", 1 },
	{ "*, \"x\"", "\"abc\"", 0 },		/* "*" stands alone */
	{ "\"\"", "\"\"", 1 },
	{ "\"\"", "\"abc\"", 0 },
	{ "", "\"abc\"", 0 },
	{ " ", "\"abc\"", 0 },
	/* Malformed: never a match, even when the tag is in there. */
	{ "abc", "\"abc\"", 0 },
	{ "\"abc", "\"abc\"", 0 },
	{ "\"abc\"x", "\"abc\"", 0 },
	{ "\"abc\" \"abc\"", "\"abc\"", 0 },
	{ "w/\"abc\"", "\"abc\"", 0 },		/* W/ is case-sensitive */
	{ "W/ \"abc\"", "\"abc\"", 0 },
	{ "\"a bc\"", "\"a bc\"", 0 },		/* no spaces inside */
	{ "\"abc\", junk", "\"abc\"", 0 },
	{ "\"ab\x01\"", "\"abc\"", 0 },
	{ "\"ab\x7f\"", "\"abc\"", 0 },
	/* obs-text is allowed inside a tag. */
	{ "\"\xc3\xa9\"", "\"\xc3\xa9\"", 1 },
	/* A bad tag of our own never matches anything. */
	{ "\"abc\"", "abc", 0 },
	{ "*", "", 0 },
};

static void
test_etag_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(etag_cases) / sizeof(etag_cases[0]); i++) {
		const struct etag_case *c = &etag_cases[i];

		if (http_etag_matches(c->list, c->etag) != c->want)
			fail_msg("If-None-Match [%s] against %s: want %d",
			    c->list, c->etag, c->want);
	}
	assert_int_equal(http_etag_matches(NULL, "\"a\""), 0);
	assert_int_equal(http_etag_matches("\"a\"", NULL), 0);
}

static void
test_etag_long_list(void **state)
{
	char list[HTTP_CONDITION_MAX + 64];
	size_t n = 0;

	(void)state;
	/* Many tags, the right one last: found while under the limit... */
	while (n + 8 < HTTP_CONDITION_MAX - 8)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "\"x%03zu\",", n % 1000);
	snprintf(list + n, sizeof(list) - n, "\"abc\"");
	assert_true(strlen(list) <= HTTP_CONDITION_MAX);
	assert_int_equal(http_etag_matches(list, "\"abc\""), 1);
	/* ...and ignored past it. */
	memset(list, ' ', sizeof(list));
	memcpy(list + sizeof(list) - 7, "\"abc\"", 6);
	assert_int_equal(http_etag_matches(list, "\"abc\""), 0);
}

struct date_case {
	const char	*in;
	long long	 want;		/* -1: must be refused */
};

static const struct date_case date_cases[] = {
	{ "Sun, 06 Nov 1994 08:49:37 GMT", 784111777 },
	{ "Thu, 01 Jan 1970 00:00:00 GMT", 0 },
	{ "Sat, 21 Nov 2026 12:00:00 GMT", 1795262400 },
	{ "Tue, 29 Feb 2000 23:59:59 GMT", 951868799 },
	{ "Fri, 31 Dec 9999 23:59:59 GMT", 253402300799LL },
	{ "Sun, 06 Nov 1994 08:49:60 GMT", 784111799 },	/* a leap second: :59 */
	/* Wrong in one field each. */
	{ "Mon, 06 Nov 1994 08:49:37 GMT", -1 },	/* weekday */
	{ "Sun, 06 Nov 1994 08:49:37 UTC", -1 },
	{ "Sun, 06 Nov 1994 08:49:37 gmt", -1 },
	{ "Sun, 06 Nov 1994 24:00:00 GMT", -1 },
	{ "Sun, 06 Nov 1994 08:60:37 GMT", -1 },
	{ "Sun, 06 Nov 1994 08:49:61 GMT", -1 },
	{ "Sun, 00 Nov 1994 08:49:37 GMT", -1 },
	{ "Thu, 31 Nov 1994 08:49:37 GMT", -1 },
	{ "Sun, 06 NOV 1994 08:49:37 GMT", -1 },
	{ "Sun, 06 Nox 1994 08:49:37 GMT", -1 },
	{ "Mon, 29 Feb 1900 00:00:00 GMT", -1 },	/* 1900 was not leap */
	{ "Wed, 31 Dec 1969 23:59:59 GMT", -1 },
	{ "Sun, 6 Nov 1994 08:49:37 GMT", -1 },
	{ "Sun, 06 Nov 94 08:49:37 GMT", -1 },
	{ "Sun, 06 Nov 1994 08:49:37 GMT ", -1 },
	{ " Sun, 06 Nov 1994 08:49:37 GMT", -1 },
	{ "Sun,06 Nov 1994 08:49:37 GMT ", -1 },
	{ "Sun, 06 Nov 1994 8:49:37 GMT ", -1 },
	{ "Sun, 06 Nov 1994 08:49:3x GMT", -1 },
	{ "Sun, 06 Nov +994 08:49:37 GMT", -1 },
	/* The obsolete formats are not read (answered in full instead). */
	{ "Sunday, 06-Nov-94 08:49:37 GMT", -1 },
	{ "Sun Nov  6 08:49:37 1994", -1 },
	{ "", -1 },
	{ "784111777", -1 },
};

static void
test_date_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(date_cases) / sizeof(date_cases[0]); i++) {
		long long t = -12345;
		int rc = http_date_parse(date_cases[i].in, &t);

		if (date_cases[i].want < 0) {
			if (rc != -1)
				fail_msg("[%s] was read as %lld", date_cases[i].in, t);
		} else if (rc != 0 || t != date_cases[i].want)
			fail_msg("[%s]: rc %d, %lld, want %lld", date_cases[i].in,
			    rc, t, date_cases[i].want);
	}
	assert_int_equal(http_date_parse(NULL, &(long long){ 0 }), -1);
}

static void
test_date_format(void **state)
{
	char buf[HTTP_DATE_SIZE];
	long long back;

	(void)state;
	http_date_format(784111777, buf);
	assert_string_equal(buf, "Sun, 06 Nov 1994 08:49:37 GMT");
	http_date_format(0, buf);
	assert_string_equal(buf, "Thu, 01 Jan 1970 00:00:00 GMT");
	http_date_format(-5, buf);
	assert_string_equal(buf, "Thu, 01 Jan 1970 00:00:00 GMT");
	http_date_format(1LL << 50, buf);
	assert_string_equal(buf, "Fri, 31 Dec 9999 23:59:59 GMT");
	/* Every day for 60 years (and odd seconds) reads back as itself. */
	for (long long t = 0; t < 60LL * 366 * 86400; t += 86400 + 3607) {
		http_date_format(t, buf);
		assert_int_equal(strlen(buf), HTTP_DATE_SIZE - 1);
		if (http_date_parse(buf, &back) != 0 || back != t)
			fail_msg("%lld formatted as [%s] read back wrong", t, buf);
	}
}

struct nm_case {
	const char	*inm;
	const char	*ims;
	long long	 last_modified;
	int		 want;
};

static const struct nm_case nm_cases[] = {
	{ NULL, NULL, 784111777, 0 },
	{ "\"abc\"", NULL, 784111777, 1 },
	{ "\"old\"", NULL, 784111777, 0 },
	/* If-None-Match decides alone, whatever the date says. */
	{ "\"old\"", "Sun, 06 Nov 1994 08:49:37 GMT", 784111777, 0 },
	{ "\"abc\"", "Thu, 01 Jan 1970 00:00:00 GMT", 784111777, 1 },
	{ "", "Sun, 06 Nov 1994 08:49:37 GMT", 784111777, 0 },
	/* If-Modified-Since alone. */
	{ NULL, "Sun, 06 Nov 1994 08:49:37 GMT", 784111777, 1 },
	{ NULL, "Sun, 06 Nov 1994 08:49:38 GMT", 784111777, 1 },
	{ NULL, "Sun, 06 Nov 1994 08:49:36 GMT", 784111777, 0 },
	{ NULL, "Sun, 06 Nov 1994 08:49:37 GMT", 0, 0 },	/* no date known */
	{ NULL, "yesterday", 784111777, 0 },
	{ NULL, "Sunday, 06-Nov-94 08:49:37 GMT", 784111777, 0 },
};

static void
test_not_modified_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(nm_cases) / sizeof(nm_cases[0]); i++) {
		const struct nm_case *c = &nm_cases[i];

		if (http_not_modified(c->inm, c->ims, "\"abc\"", c->last_modified) !=
		    c->want)
			fail_msg("case %zu (INM %s, IMS %s): want %d", i,
			    c->inm ? c->inm : "-", c->ims ? c->ims : "-", c->want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_etag_table),
		cmocka_unit_test(test_etag_long_list),
		cmocka_unit_test(test_date_parse_table),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_not_modified_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
