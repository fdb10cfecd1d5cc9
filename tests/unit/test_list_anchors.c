/* test_list_anchors.c: cgi/list_anchors.c through article_list: on 2,600
 * articles with many per day, every page of the list of all and of a leaf
 * section, asked for in any order, holds exactly the rows a plain
 * ORDER BY ... OFFSET gives; after writes, anchors are stale until the
 * revision is synced, and right again after; many lists share the slots. */
#include "unit.h"

#include "arena.h"
#include "article_store.h"
#include "list_anchors.h"
#include "site_revision.h"
#include "store.h"

#define N_ROWS		2600
#define LEAF		3	/* Activities, a section without children */
#define PAGE		10

/* Inserts N_ROWS articles: dates over 400 days (six or seven per day),
 * every third in SERVICE, the rest in Activities, every eleventh a draft. */
static void
fill(sqlite3 *db)
{
	static const char sql[] =
	    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
	    "WHERE i < 2600) "
	    "INSERT INTO article(section_id, title, author, published_on, body, "
	    "excerpt, status, created_at, updated_at) "
	    "SELECT CASE WHEN i % 3 = 0 THEN 2 ELSE 3 END, 'Article ' || i, 'A', "
	    "date('2020-01-01', '+' || (i * 37 % 400) || ' days'), 'Body', 'B', "
	    "CASE WHEN i % 11 = 0 THEN 'draft' ELSE 'published' END, 0, 0 FROM n";

	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* The ids of a page by the plain query: what anchors must reproduce. */
static size_t
reference(sqlite3 *db, long long section, long offset, long long ids[PAGE])
{
	sqlite3_stmt *st;
	size_t n = 0;

	assert_int_equal(sqlite3_prepare_v2(db,
	    "SELECT id FROM article WHERE status = 'published' AND "
	    "(?1 = 0 OR section_id = ?1) ORDER BY published_on DESC, id DESC "
	    "LIMIT 10 OFFSET ?2", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, section);
	sqlite3_bind_int64(st, 2, offset);
	while (sqlite3_step(st) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* 1 when the page at OFFSET through anchors LA equals the reference. */
static int
page_matches(struct store_fixture *f, struct list_anchors *la,
    long long section, long offset)
{
	struct article_summary *items;
	long long want[PAGE];
	size_t n, m = reference(f->db, section, offset, want);

	assert_int_equal(article_list(f->st, &f->a, la, section, offset, PAGE,
	    &items, &n), 0);
	if (n != m)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (items[i].id != want[i])
			return 0;
	return 1;
}

static long
published(sqlite3 *db, long long section)
{
	sqlite3_stmt *st;
	long n;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM article "
	    "WHERE status = 'published' AND (?1 = 0 OR section_id = ?1)", -1, &st,
	    NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, section);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n;
}

static void
sync_to_db(struct store_fixture *f, struct list_anchors *la)
{
	struct site_revision rev;

	assert_int_equal(site_revision_get(f->st, &rev), 0);
	list_anchors_sync(la, rev.revision);
}

static void
test_every_page_matches(void **state)
{
	struct store_fixture *f = *state;
	struct list_anchors *la = list_anchors_new();
	static const long long lists[] = { 0, LEAF };

	assert_non_null(la);
	fill(f->db);
	sync_to_db(f, la);
	for (size_t l = 0; l < 2; l++) {
		long total = published(f->db, lists[l]);

		assert_true(total > 3 * LIST_ANCHOR_EVERY);
		/* Deepest first: the anchors are learnt in one go, then used
		 * by every shallower page. */
		for (long off = total + PAGE; off >= 0; off -= PAGE)
			assert_true(page_matches(f, la, lists[l], off));
		/* Offsets that are not page starts, around every anchor. */
		for (long k = 1; k * LIST_ANCHOR_EVERY < total + PAGE; k++)
			for (long d = -2; d <= 2; d++)
				assert_true(page_matches(f, la, lists[l],
				    k * LIST_ANCHOR_EVERY + d));
		arena_reset(&f->a);
	}
	/* No anchors at all: the same pages, skipping row by row. */
	assert_true(page_matches(f, NULL, 0, 2 * LIST_ANCHOR_EVERY + 7));
	list_anchors_free(la);
}

static void
test_writes_need_a_sync(void **state)
{
	struct store_fixture *f = *state;
	struct list_anchors *la = list_anchors_new();
	long off = 3 * LIST_ANCHOR_EVERY + 20;

	fill(f->db);
	sync_to_db(f, la);
	assert_true(page_matches(f, la, 0, off));
	/* Seven newer articles and three deleted below the page's anchor:
	 * every row moves by four places. */
	assert_int_equal(sqlite3_exec(f->db,
	    "INSERT INTO article(section_id, title, author, published_on, body, "
	    "excerpt, status, created_at, updated_at) "
	    "SELECT 3, 'New', 'A', '2030-01-0' || value, 'B', 'B', 'published', 0, 0 "
	    "FROM (SELECT 1 AS value UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 "
	    "UNION SELECT 5 UNION SELECT 6 UNION SELECT 7);"
	    "DELETE FROM article WHERE id IN (5, 6, 7);", NULL, NULL, NULL), SQLITE_OK);
	/* Kept anchors were learnt before: the page is off by those rows. */
	assert_false(page_matches(f, la, 0, off));
	sync_to_db(f, la);
	assert_true(page_matches(f, la, 0, off));
	assert_true(page_matches(f, la, LEAF, off));
	/* An unreadable revision (-1) forgets everything too. */
	list_anchors_sync(la, -1);
	assert_true(page_matches(f, la, 0, 2 * LIST_ANCHOR_EVERY));
	list_anchors_free(la);
}

static void
test_many_lists_share_the_slots(void **state)
{
	struct store_fixture *f = *state;
	struct list_anchors *la = list_anchors_new();
	struct list_key key;
	long rest;

	fill(f->db);
	sync_to_db(f, la);
	/* More lists than slots, some of them empty (no such section): the
	 * least recently used ones are dropped, and pages stay right. */
	for (long long s = 100; s < 100 + 3 * LIST_ANCHOR_LISTS; s++) {
		assert_int_equal(list_anchors_find(la, f->st, s,
		    2 * LIST_ANCHOR_EVERY, &key, &rest), 0);
		assert_string_equal(key.date, LIST_KEY_START.date);
		assert_int_equal(rest, 2 * LIST_ANCHOR_EVERY);
		assert_true(page_matches(f, la, 0, 2 * LIST_ANCHOR_EVERY + 3));
		assert_true(page_matches(f, la, LEAF, LIST_ANCHOR_EVERY + 1));
	}
	/* A shallow offset never needs an anchor. */
	assert_int_equal(list_anchors_find(la, f->st, 0, LIST_ANCHOR_EVERY - 1,
	    &key, &rest), 0);
	assert_int_equal(rest, LIST_ANCHOR_EVERY - 1);
	/* A deep one starts at most LIST_ANCHOR_EVERY - 1 rows before. */
	assert_int_equal(list_anchors_find(la, f->st, 0, 5 * LIST_ANCHOR_EVERY - 1,
	    &key, &rest), 0);
	assert_int_equal(rest, LIST_ANCHOR_EVERY - 1);
	assert_string_not_equal(key.date, LIST_KEY_START.date);
	list_anchors_free(la);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_page_matches, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_writes_need_a_sync, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_many_lists_share_the_slots, unit_store_setup, unit_store_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
