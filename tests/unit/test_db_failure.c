/* test_db_failure.c: cgi/db.h's db_failure and db_log_failure, which tell
 * the editor's pages whether a failed write met a lock held elsewhere (try
 * again), a full disk (tell the operator) or anything else. The lock is a
 * second connection's BEGIN IMMEDIATE on a file; the full disk is
 * PRAGMA max_page_count, which makes SQLite answer SQLITE_FULL exactly as
 * for ENOSPC. The error must survive the store's own reset and logging,
 * and the rollback after it must leave nothing behind. */
#include "unit.h"

#include <unistd.h>

#include "article_store.h"

static struct article_input
input(const char *title, const char *body, const char *source)
{
	struct article_input in = { 3, title, "A", "2024-01-01", body, "e",
	    "published", NULL, source };

	return in;
}

#define COUNT_ARTICLES "SELECT count(*) FROM article"

static void
test_lock_held_elsewhere_is_busy(void **state)
{
	struct store_fixture *f = *state;
	struct article_input in = input("Locked out", "Body.", NULL);
	long long id, before = unit_db_int(f->db, COUNT_ARTICLES);
	sqlite3 *other;

	assert_int_equal(sqlite3_open(sqlite3_db_filename(f->db, "main"), &other),
	    SQLITE_OK);
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL),
	    SQLITE_OK);
	/* The same wait as the responder's, only shorter. */
	sqlite3_busy_timeout(f->db, 50);
	assert_int_equal(db_begin(f->db), -1);
	assert_int_equal(db_failure(f->db), DB_BUSY);
	assert_int_equal(db_log_failure(f->db, "test: saving"), DB_BUSY);
	db_rollback(f->db);
	/* Readers are not held up by it (WAL). */
	assert_int_equal(unit_db_int(f->db, COUNT_ARTICLES), before);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	sqlite3_busy_timeout(f->db, DB_BUSY_TIMEOUT_MS);
	/* Once the lock is gone, the same write goes through. */
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(article_insert(f->st, &in, &id), 0);
	assert_int_equal(db_commit(f->db), 0);
	assert_int_equal(unit_db_int(f->db, COUNT_ARTICLES), before + 1);
}

static void
test_full_database_is_full(void **state)
{
	struct store_fixture *f = *state;
	static char body[100000];
	struct article_input in;
	long long id, before = unit_db_int(f->db, COUNT_ARTICLES);
	char pragma[64];
	sqlite3_stmt *st;
	long long pages = 0;

	memset(body, 'x', sizeof(body) - 1);
	in = input("Too big for the disk", body, NULL);
	assert_int_equal(sqlite3_prepare_v2(f->db, "PRAGMA page_count", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	pages = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	snprintf(pragma, sizeof(pragma), "PRAGMA max_page_count = %lld", pages);
	assert_int_equal(sqlite3_exec(f->db, pragma, NULL, NULL, NULL), SQLITE_OK);

	assert_int_equal(db_begin(f->db), 0);
	/* store_run resets the statement and logs: the error stays. */
	assert_int_equal(article_insert(f->st, &in, &id), -1);
	assert_int_equal(db_failure(f->db), DB_FULL);
	assert_int_equal(db_log_failure(f->db, "test: saving"), DB_FULL);
	db_rollback(f->db);
	assert_true(sqlite3_get_autocommit(f->db));
	assert_int_equal(unit_db_int(f->db, COUNT_ARTICLES), before);
	/* Read too late, after a call that succeeded, it says nothing. */
	assert_int_equal(db_failure(f->db), DB_FAILED);
}

static void
test_other_errors_are_failures(void **state)
{
	struct store_fixture *f = *state;
	static char source[400];
	struct article_input in;
	long long id, before = unit_db_int(f->db, COUNT_ARTICLES);

	/* Over the 200 characters sql/004's CHECK allows. */
	memset(source, 's', sizeof(source) - 1);
	in = input("Checked", "Body.", source);
	assert_int_equal(db_begin(f->db), 0);
	assert_int_equal(article_insert(f->st, &in, &id), -1);
	assert_int_equal(db_failure(f->db), DB_FAILED);
	assert_int_equal(db_log_failure(f->db, "test: saving"), DB_FAILED);
	db_rollback(f->db);
	assert_int_equal(unit_db_int(f->db, COUNT_ARTICLES), before);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lock_held_elsewhere_is_busy, unit_file_store_setup, unit_file_store_teardown),
		cmocka_unit_test_setup_teardown(test_full_database_is_full, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_other_errors_are_failures, unit_store_setup, unit_store_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
