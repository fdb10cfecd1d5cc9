/* test_views.c: cgi/view_counter.h over a real database. Every test counts
 * COMMITs with a commit hook, which sees every write transaction of the
 * connection (an INSERT outside BEGIN commits too), to prove that views
 * cost no transaction each: nothing is written below the thresholds, one
 * transaction when one is crossed (by views, by age, by a full table, at
 * close). A flush that cannot get the write lock, held by a second
 * connection, keeps its counts and logs once; deleting an article deletes
 * its count (foreign keys are on), and views of an article deleted before
 * the flush are skipped without failing the others. */
#include "unit.h"

#include <sys/stat.h>
#include <unistd.h>

#include "article_store.h"
#include "view_counter.h"

static long long fake_now;

static long long
fake_clock(void)
{
	return fake_now;
}

static int
on_commit(void *arg)
{
	(*(int *)arg)++;
	return 0;	/* let it commit */
}

/* A published article in Activities; its id. */
static long long
add_article(struct store_fixture *f, const char *title)
{
	struct article_input in = { 3, title, "A", "2024-01-01", "b", "e",
	    "published", NULL, NULL };
	long long id;

	assert_int_equal(article_insert(f->st, &in, &id), 0);
	return id;
}

/* The stored count of ID; -1 when it has no row. */
static long long
stored(struct store_fixture *f, long long id)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(f->db, "SELECT views FROM "
	    "article_views WHERE article_id = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static struct view_counter *
counter(struct store_fixture *f, unsigned slots, int *commits)
{
	struct view_limits lim = { slots, 100, 10000, fake_clock };
	struct view_counter *vc;

	fake_now = 1000000;
	*commits = 0;
	sqlite3_commit_hook(f->db, on_commit, commits);
	assert_non_null(vc = view_counter_open(f->st, &lim));
	return vc;
}

static void
test_batch_by_count(void **state)
{
	struct store_fixture *f = *state;
	long long a = add_article(f, "One"), b = add_article(f, "Two");
	struct view_counter *vc;
	int commits;

	vc = counter(f, 0, &commits);
	for (int i = 0; i < 99; i++) {
		view_counter_add(vc, i % 3 ? a : b);
		assert_int_equal(view_counter_tick(vc), 0);
	}
	assert_int_equal(commits, 0);
	assert_int_equal(view_counter_pending(vc), 99);
	assert_int_equal(view_counter_pending_of(vc, b), 33);
	assert_int_equal(stored(f, a), -1);
	view_counter_add(vc, a);
	assert_int_equal(view_counter_tick(vc), 0);
	assert_int_equal(commits, 1);
	assert_int_equal(stored(f, a), 67);
	assert_int_equal(stored(f, b), 33);
	assert_int_equal(view_counter_pending(vc), 0);

	/* 1000 more views, one tick after each as a worker does: ten
	 * transactions, and the counts add up. */
	commits = 0;
	for (int i = 0; i < 1000; i++) {
		view_counter_add(vc, i % 2 ? a : b);
		view_counter_tick(vc);
	}
	assert_int_equal(commits, 10);
	assert_int_equal(stored(f, a), 567);
	assert_int_equal(stored(f, b), 533);
	view_counter_close(vc);
	assert_int_equal(commits, 10);	/* nothing was left to write */
}

static void
test_batch_by_age(void **state)
{
	struct store_fixture *f = *state;
	long long a = add_article(f, "One");
	struct view_counter *vc;
	int commits;

	vc = counter(f, 0, &commits);
	view_counter_add(vc, a);
	fake_now += 6000;
	view_counter_add(vc, a);	/* younger: the first view's age counts */
	fake_now += 3999;
	assert_int_equal(view_counter_tick(vc), 0);
	assert_int_equal(commits, 0);
	fake_now += 1;
	assert_int_equal(view_counter_tick(vc), 0);
	assert_int_equal(commits, 1);
	assert_int_equal(stored(f, a), 2);
	/* An empty counter never writes, however old. */
	fake_now += 60000;
	assert_int_equal(view_counter_tick(vc), 0);
	assert_int_equal(commits, 1);
	view_counter_close(vc);
}

static void
test_full_table_flushes(void **state)
{
	struct store_fixture *f = *state;
	long long id[5];
	struct view_counter *vc;
	int commits;

	for (int i = 0; i < 5; i++)
		id[i] = add_article(f, "Article");
	vc = counter(f, 4, &commits);
	for (int i = 0; i < 4; i++) {
		view_counter_add(vc, id[i]);
		view_counter_add(vc, id[i]);
	}
	assert_int_equal(commits, 0);
	view_counter_add(vc, id[4]);	/* a fifth article: no slot left */
	assert_int_equal(commits, 1);
	for (int i = 0; i < 4; i++)
		assert_int_equal(stored(f, id[i]), 2);
	assert_int_equal(view_counter_pending(vc), 1);
	assert_int_equal(view_counter_pending_of(vc, id[4]), 1);
	/* Closing writes the rest: the graceful stop of a worker. */
	view_counter_close(vc);
	assert_int_equal(commits, 2);
	assert_int_equal(stored(f, id[4]), 1);
}

static void
test_failed_flush_keeps_counts(void **state)
{
	struct store_fixture *f = *state;
	long long a = add_article(f, "One"), b = add_article(f, "Two");
	struct view_counter *vc;
	sqlite3 *other;
	int commits;

	vc = counter(f, 2, &commits);
	assert_int_equal(sqlite3_open(sqlite3_db_filename(f->db, "main"), &other),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	for (int i = 0; i < 100; i++)
		view_counter_add(vc, a);
	assert_int_equal(view_counter_tick(vc), -1);	/* after ~100 ms */
	assert_int_equal(commits, 0);
	assert_int_equal(view_counter_pending(vc), 100);
	/* No new try before VIEW_RETRY_MS, so a locked database does not
	 * cost every request a wait. */
	view_counter_add(vc, b);
	assert_int_equal(view_counter_tick(vc), 0);
	assert_int_equal(view_counter_pending(vc), 101);
	/* Full and failing: a third article's view is dropped, not kept. */
	view_counter_add(vc, b + 1000);
	assert_int_equal(view_counter_dropped(vc), 1);
	assert_int_equal(view_counter_pending(vc), 101);
	fake_now += VIEW_RETRY_MS;
	assert_int_equal(view_counter_tick(vc), -1);	/* still locked */
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	fake_now += VIEW_RETRY_MS;
	assert_int_equal(view_counter_tick(vc), 0);
	assert_int_equal(commits, 1);
	assert_int_equal(stored(f, a), 100);
	assert_int_equal(stored(f, b), 1);
	assert_int_equal(view_counter_pending(vc), 0);
	view_counter_close(vc);
}

static void
test_not_inside_a_transaction(void **state)
{
	struct store_fixture *f = *state;
	long long a = add_article(f, "One");
	struct view_counter *vc;
	int commits;

	vc = counter(f, 0, &commits);
	view_counter_add(vc, a);
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(view_counter_flush(vc, 0), -1);
	assert_int_equal(db_commit(f->db), 0);
	assert_int_equal(view_counter_pending(vc), 1);
	assert_int_equal(view_counter_flush(vc, 0), 0);
	assert_int_equal(stored(f, a), 1);
	view_counter_close(vc);
}

static void
test_delete_cascades(void **state)
{
	struct store_fixture *f = *state;
	long long a = add_article(f, "One"), b = add_article(f, "Two"), c;
	struct view_counter *vc;
	struct article art;
	int commits;

	vc = counter(f, 0, &commits);
	view_counter_add(vc, a);
	view_counter_add(vc, b);
	assert_int_equal(view_counter_flush(vc, 0), 0);
	assert_int_equal(stored(f, a), 1);
	/* The count is read with the article, for its page. */
	assert_int_equal(article_get(f->st, &f->a, a, &art), 0);
	assert_int_equal(art.s.views, 1);
	assert_int_equal(article_delete(f->st, a), 0);
	assert_int_equal(stored(f, a), -1);
	assert_int_equal(stored(f, b), 1);
	/* Views of an article deleted after they were counted: the flush
	 * writes the others and does not fail on the foreign key. */
	c = add_article(f, "Three");
	view_counter_add(vc, c);
	view_counter_add(vc, b);
	assert_int_equal(article_delete(f->st, c), 0);
	assert_int_equal(view_counter_flush(vc, 0), 0);
	assert_int_equal(stored(f, c), -1);
	assert_int_equal(stored(f, b), 2);
	view_counter_close(vc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_batch_by_count, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_batch_by_age, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_full_table_flushes, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_failed_flush_keeps_counts, unit_file_store_setup, unit_file_store_teardown),
		cmocka_unit_test_setup_teardown(test_not_inside_a_transaction, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_delete_cascades, unit_store_setup, unit_store_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
