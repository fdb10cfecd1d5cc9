/* test_pagination.c: cgi/pagination.h. Tables for page_parse (what a
 * ?page= value may be), page_window (page counts and offsets, pages past
 * the end) and page_links (the link bar, written as "1 … 4 [5] 6 … 9"),
 * and the link bar's invariants over many list sizes. */
#include "unit.h"

#include "pagination.h"

static void
test_page_parse(void **state)
{
	static const struct {
		const char		*in;
		enum page_result	 want;
		long			 page;
	} cases[] = {
		{ NULL, PAGE_OK, 1 }, { "1", PAGE_OK, 1 }, { "2", PAGE_OK, 2 },
		{ "10", PAGE_OK, 10 }, { "999999", PAGE_OK, 999999 },
		{ "1000000", PAGE_OK, PAGE_MAX },
		{ "1000001", PAGE_BAD, 0 }, { "9999999", PAGE_BAD, 0 },
		{ "10000000", PAGE_BAD, 0 }, { "99999999999999999999999", PAGE_BAD, 0 },
		{ "0", PAGE_BAD, 0 }, { "00", PAGE_BAD, 0 }, { "01", PAGE_BAD, 0 },
		{ "-1", PAGE_BAD, 0 }, { "+1", PAGE_BAD, 0 }, { "abc", PAGE_BAD, 0 },
		{ "", PAGE_BAD, 0 }, { "1e3", PAGE_BAD, 0 }, { " 1", PAGE_BAD, 0 },
		{ "1 ", PAGE_BAD, 0 }, { "0x10", PAGE_BAD, 0 }, { "1.0", PAGE_BAD, 0 },
		{ "２", PAGE_BAD, 0 }, { "1,000", PAGE_BAD, 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		long page = -7;
		enum page_result r = page_parse(cases[i].in, &page);

		if (r != cases[i].want)
			fail_msg("page_parse(\"%s\") = %d, want %d",
			    cases[i].in ? cases[i].in : "(null)", r, cases[i].want);
		/* A refused value leaves *PAGE alone. */
		assert_int_equal(page, r == PAGE_OK ? cases[i].page : -7);
	}
}

static void
test_page_window(void **state)
{
	static const struct {
		long			 page, per_page, total;
		enum page_result	 want;
		long			 total_pages, offset;
	} cases[] = {
		{ 1, 10, 25, PAGE_OK, 3, 0 },
		{ 2, 10, 25, PAGE_OK, 3, 10 },
		{ 3, 10, 25, PAGE_OK, 3, 20 },
		{ 4, 10, 25, PAGE_PAST_END, 3, 30 },
		{ 1, 10, 0, PAGE_OK, 1, 0 },
		{ 2, 10, 0, PAGE_PAST_END, 1, 10 },
		{ 1, 10, 1, PAGE_OK, 1, 0 },
		{ 1, 10, 10, PAGE_OK, 1, 0 },
		{ 2, 10, 10, PAGE_PAST_END, 1, 10 },
		{ 2, 10, 11, PAGE_OK, 2, 10 },
		{ 7, 1, 7, PAGE_OK, 7, 6 },
		{ PAGE_MAX, PAGE_SIZE, PAGE_MAX * (long)PAGE_SIZE, PAGE_OK, PAGE_MAX,
		    (PAGE_MAX - 1) * (long)PAGE_SIZE },
		{ PAGE_MAX, PAGE_SIZE, 5, PAGE_PAST_END, 1, (PAGE_MAX - 1) * (long)PAGE_SIZE },
	};
	static const struct {
		long page, per_page, total;
	} bad[] = {
		{ 0, 10, 5 }, { -1, 10, 5 }, { 1, 0, 5 }, { 1, -10, 5 }, { 1, 10, -1 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct page_window w;
		enum page_result r = page_window(cases[i].page, cases[i].per_page,
		    cases[i].total, &w);

		if (r != cases[i].want)
			fail_msg("page_window(%ld, %ld, %ld) = %d, want %d",
			    cases[i].page, cases[i].per_page, cases[i].total, r,
			    cases[i].want);
		assert_int_equal(w.page, cases[i].page);
		assert_int_equal(w.per_page, cases[i].per_page);
		assert_int_equal(w.total_items, cases[i].total);
		assert_int_equal(w.total_pages, cases[i].total_pages);
		assert_int_equal(w.offset, cases[i].offset);
	}
	for (size_t i = 0; i < NELEM(bad); i++) {
		struct page_window w;

		assert_int_equal(page_window(bad[i].page, bad[i].per_page,
		    bad[i].total, &w), PAGE_BAD);
	}
}

/* The link bar of page PAGE of TOTAL items, as text. */
static void
links_text(long page, long total, long per_page, char *buf, size_t len)
{
	struct page_window w;
	struct page_link links[PAGE_LINKS_MAX + 1];
	size_t n, used = 0;

	assert_int_equal(page_window(page, per_page, total, &w), PAGE_OK);
	links[PAGE_LINKS_MAX].page = -42;	/* a canary */
	n = page_links(&w, links);
	assert_true(n >= 1 && n <= PAGE_LINKS_MAX);
	assert_int_equal(links[PAGE_LINKS_MAX].page, -42);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int k;

		if (links[i].page == 0)
			k = snprintf(buf + used, len - used, "%s…", i ? " " : "");
		else
			k = snprintf(buf + used, len - used, links[i].current ?
			    "%s[%ld]" : "%s%ld", i ? " " : "", links[i].page);
		assert_true(k > 0 && (size_t)k < len - used);
		used += (size_t)k;
	}
}

static void
test_page_links(void **state)
{
	static const struct {
		long		 page, total;
		const char	*want;
	} cases[] = {
		{ 50, 1000, "1 … 48 49 [50] 51 52 … 100" },
		{ 1, 1000, "[1] 2 3 … 100" },
		{ 2, 1000, "1 [2] 3 4 … 100" },
		{ 3, 1000, "1 2 [3] 4 5 … 100" },
		{ 4, 1000, "1 2 3 [4] 5 6 … 100" },
		{ 5, 1000, "1 … 3 4 [5] 6 7 … 100" },
		{ 96, 1000, "1 … 94 95 [96] 97 98 … 100" },
		{ 97, 1000, "1 … 95 96 [97] 98 99 100" },
		{ 99, 1000, "1 … 97 98 [99] 100" },
		{ 100, 1000, "1 … 98 99 [100]" },
		{ 1, 25, "[1] 2 3" },
		{ 2, 25, "1 [2] 3" },
		{ 3, 25, "1 2 [3]" },
		{ 1, 10, "[1]" },
		{ 1, 0, "[1]" },
		{ 4, 70, "1 2 3 [4] 5 6 7" },
		{ 4, 80, "1 2 3 [4] 5 6 … 8" },
	};
	char buf[128];

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		links_text(cases[i].page, cases[i].total, PAGE_SIZE, buf, sizeof(buf));
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("page %ld of %ld items: \"%s\", want \"%s\"",
			    cases[i].page, cases[i].total, buf, cases[i].want);
	}
}

/* For every page of lists of 1 to 40 pages: the bar starts at 1, ends at
 * the last page, ascends, has one current page, and never puts a gap
 * first, last or next to another gap. */
static void
test_page_links_invariants(void **state)
{
	(void)state;
	for (long pages = 1; pages <= 40; pages++)
		for (long page = 1; page <= pages; page++) {
			struct page_window w;
			struct page_link links[PAGE_LINKS_MAX];
			size_t n, current = 0;
			long prev = 0;

			assert_int_equal(page_window(page, 1, pages, &w), PAGE_OK);
			n = page_links(&w, links);
			assert_true(n >= 1 && n <= PAGE_LINKS_MAX);
			assert_int_equal(links[0].page, 1);
			assert_int_equal(links[n - 1].page, pages);
			for (size_t i = 0; i < n; i++) {
				if (links[i].page == 0) {
					assert_int_not_equal(links[i - 1].page, 0);
					assert_int_not_equal(links[i + 1].page, 0);
					assert_true(links[i + 1].page > prev + 1);
					assert_false(links[i].current);
					continue;
				}
				if (i > 0 && links[i - 1].page != 0)
					assert_int_equal(links[i].page, prev + 1);
				assert_true(links[i].page > prev);
				prev = links[i].page;
				if (links[i].current) {
					assert_int_equal(links[i].page, page);
					current++;
				}
			}
			assert_int_equal(current, 1);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_parse),
		cmocka_unit_test(test_page_window),
		cmocka_unit_test(test_page_links),
		cmocka_unit_test(test_page_links_invariants),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
