/* test_import_batch.c: import_batch (cgi/importer.h), as `gazette import`
 * runs it, against an in-memory database and a scratch folder
 * (import_fixture.h): a broken file in the middle leaves nothing of
 * itself and stops no other file, a file given twice is added once,
 * batches follow one another, every article ends published and
 * searchable, FTS5's hashsize is as it was (or its default), a failed
 * commit claims no article, and import_file inside a caller's
 * transaction uses a savepoint. */
#include "import_fixture.h"

#include "article_store.h"
#include "importer.h"
#include "section_store.h"

static long long
count_matches(struct fixture *f, const char *term)
{
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(f->db, "SELECT count(*) FROM "
	    "article_search WHERE article_search MATCH ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* FTS5's hashsize as the database stores it; -1 when not set. */
static long long
hashsize(struct fixture *f)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(f->db, "SELECT v FROM article_search_config "
	    "WHERE k = 'hashsize'", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Writes DIR/NAME: a valid article with TITLE as its title line. */
static const char *
write_titled(struct fixture *f, const char *name, const char *title)
{
	const char *path = in_dir(f, name);
	const char *text = arena_printf(&f->a, "Now:HOME > SERVICE >Activities\n"
	    "%s\nAuthor:A  Addtime:2024-05-06\n\nThe text of %s.\n", title, title);

	unit_write_file(path, text, strlen(text));
	return path;
}

/* Asserts that ID is the published article titled TITLE. */
static void
assert_article(struct fixture *f, long long id, const char *title)
{
	struct article art;

	assert_int_equal(article_get(f->st, &f->a, id, &art), 0);
	assert_string_equal(art.s.title, title);
	assert_string_equal(art.s.status, "published");
}

static long long
published_in(struct fixture *f, long long section)
{
	long count = -1;

	assert_int_equal(article_count(f->st, section, &count), 0);
	return count;
}

/* A broken file in the middle of a batch (one the parser refuses, one
 * that fails after its new sections were stored) leaves nothing of
 * itself; the files around it are stored, published and searchable. */
static void
test_batch_broken_middle(void **state)
{
	static const char bad_store[] = "Now:HOME > Brand New > Deeper\nT\n"
	    "Author:A  Addtime:2023-02-03\n\nx\n\nnot-here.png\n";
	struct fixture *f = *state;
	const char *paths[4];
	struct import_result r[4];

	paths[0] = write_titled(f, "a.txt", "Alpha story");
	paths[1] = in_dir(f, "bad-date.txt");
	unit_write_file(paths[1], "Now:HOME\nT\nAuthor:A  Addtime:2023-02-30\n\nx\n",
	    strlen("Now:HOME\nT\nAuthor:A  Addtime:2023-02-30\n\nx\n"));
	paths[2] = in_dir(f, "bad-photo.txt");
	unit_write_file(paths[2], bad_store, strlen(bad_store));
	paths[3] = write_titled(f, "b.txt", "Bravo story");

	assert_int_equal(import_batch(f->st, paths, 4, f->media, r), 0);
	assert_int_equal(r[0].outcome, IMPORT_ADDED);
	assert_int_equal(r[1].outcome, IMPORT_FAILED);
	assert_int_equal(r[2].outcome, IMPORT_FAILED);
	assert_int_equal(r[3].outcome, IMPORT_ADDED);
	assert_true(r[3].id > r[0].id);
	assert_article(f, r[0].id, "Alpha story");
	assert_article(f, r[3].id, "Bravo story");
	assert_int_equal(count_rows(f, "article"), 2);
	assert_int_equal(count_rows(f, "section"), 3);	/* no "Brand New" */
	assert_int_equal(published_in(f, 3), 2);
	assert_int_equal(count_matches(f, "Alpha"), 1);
	assert_int_equal(count_matches(f, "story"), 2);
	assert_true(sqlite3_get_autocommit(f->db));
	assert_int_equal(hashsize(f), 1024 * 1024);	/* FTS5's default */
}

/* The same file twice in a batch, and its copy under another name: added
 * once, then found unchanged as that article; a second run changes
 * nothing. */
static void
test_batch_twice(void **state)
{
	struct fixture *f = *state;
	const char *paths[3];
	struct import_result r[3];
	char *text;
	size_t len;

	paths[0] = write_titled(f, "a.txt", "Alpha story");
	paths[1] = paths[0];
	text = unit_read_file(paths[0], &len);
	paths[2] = in_dir(f, "copy.txt");
	unit_write_file(paths[2], text, len);
	free(text);

	for (int run = 0; run < 2; run++) {
		assert_int_equal(import_batch(f->st, paths, 3, f->media, r), 0);
		assert_int_equal(r[0].outcome, run == 0 ? IMPORT_ADDED : IMPORT_UNCHANGED);
		assert_int_equal(r[1].outcome, IMPORT_UNCHANGED);
		assert_int_equal(r[2].outcome, IMPORT_UNCHANGED);
		assert_int_equal(r[1].id, r[0].id);
		assert_int_equal(r[2].id, r[0].id);
		assert_article(f, r[0].id, "Alpha story");
		assert_int_equal(count_rows(f, "article"), 1);
		assert_int_equal(count_matches(f, "Alpha"), 1);
	}
}

/* Batches of two, one after the other as cmd_import runs them, with a
 * file of the first batch again in the second: each file's id is its
 * own article's, all are published and counted, and FTS5's hashsize
 * (set here) is what it was before. */
static void
test_batch_sequence(void **state)
{
	static const char *const titles[] = {
		"Alpha story", "Bravo story", "Charlie story", "Alpha story", "Delta story",
	};
	struct fixture *f = *state;
	const char *paths[NELEM(titles)];
	struct import_result r[NELEM(titles)];

	assert_int_equal(sqlite3_exec(f->db, "INSERT INTO article_search"
	    "(article_search, rank) VALUES ('hashsize', 2000000)", NULL, NULL, NULL),
	    SQLITE_OK);
	for (size_t i = 0; i < NELEM(titles); i++)
		paths[i] = write_titled(f, arena_printf(&f->a, "%.5s.txt", titles[i]),
		    titles[i]);
	for (size_t i = 0; i < NELEM(titles); i += 2)
		assert_int_equal(import_batch(f->st, paths + i,
		    NELEM(titles) - i < 2 ? NELEM(titles) - i : 2, f->media, r + i), 0);

	assert_int_equal(r[3].outcome, IMPORT_UNCHANGED);
	assert_int_equal(r[3].id, r[0].id);
	for (size_t i = 0; i < NELEM(titles); i++) {
		if (i != 3)
			assert_int_equal(r[i].outcome, IMPORT_ADDED);
		if (i > 0 && i != 3)
			assert_true(r[i].id > r[i == 4 ? 2 : i - 1].id);
		assert_article(f, r[i].id, titles[i]);
	}
	assert_int_equal(count_rows(f, "article"), 4);
	assert_int_equal(published_in(f, 3), 4);
	assert_int_equal(count_matches(f, "story"), 4);
	assert_int_equal(count_matches(f, "Delta"), 1);
	assert_int_equal(hashsize(f), 2000000);
}

static int
refuse_commit(void *arg)
{
	(void)arg;
	return 1;	/* turns the COMMIT into a ROLLBACK */
}

/* A batch whose commit fails claims no article: its new files and its
 * duplicate of one of them fail, an article imported before stays
 * unchanged, and nothing of the batch is left, not even a draft. */
static void
test_batch_commit_fails(void **state)
{
	struct fixture *f = *state;
	const char *paths[3];
	struct import_result r[3];
	long long old = 0;

	paths[0] = write_titled(f, "old.txt", "Old story");
	assert_int_equal(import_file(f->st, paths[0], f->media, &old), IMPORT_ADDED);
	paths[1] = write_titled(f, "new.txt", "New story");
	paths[2] = paths[1];

	sqlite3_commit_hook(f->db, refuse_commit, NULL);
	assert_int_equal(import_batch(f->st, paths, 3, f->media, r), -1);
	sqlite3_commit_hook(f->db, NULL, NULL);
	assert_int_equal(r[0].outcome, IMPORT_UNCHANGED);
	assert_int_equal(r[0].id, old);
	assert_int_equal(r[1].outcome, IMPORT_FAILED);
	assert_int_equal(r[2].outcome, IMPORT_FAILED);
	assert_true(sqlite3_get_autocommit(f->db));
	assert_int_equal(count_rows(f, "article"), 1);
	assert_int_equal(count_matches(f, "New"), 0);

	/* Called inside a transaction, it refuses and leaves it alone. */
	assert_int_equal(sqlite3_exec(f->db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(import_batch(f->st, paths + 1, 1, f->media, r), -1);
	assert_int_equal(r[0].outcome, IMPORT_FAILED);
	assert_false(sqlite3_get_autocommit(f->db));
	assert_int_equal(sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);

	assert_int_equal(import_batch(f->st, paths, 3, f->media, r), 0);
	assert_int_equal(r[1].outcome, IMPORT_ADDED);
	assert_article(f, r[1].id, "New story");
	assert_int_equal(count_matches(f, "New"), 1);
}

/* import_file inside the caller's transaction: a savepoint per file, so
 * a failed file leaves the caller's earlier work and other files alone. */
static void
test_import_in_transaction(void **state)
{
	struct fixture *f = *state;
	const char *good = write_titled(f, "a.txt", "Alpha story");
	const char *bad = in_dir(f, "bad.txt");
	static const char bad_text[] = "Now:HOME > Brand New\nT\n"
	    "Author:A  Addtime:2023-02-03\n\nx\n\nmissing.jpg\n";
	long long id = 0, id2 = 0;

	unit_write_file(bad, bad_text, strlen(bad_text));
	assert_int_equal(sqlite3_exec(f->db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(import_file(f->st, good, f->media, &id), IMPORT_ADDED);
	assert_int_equal(import_file(f->st, bad, f->media, &id2), IMPORT_FAILED);
	assert_false(sqlite3_get_autocommit(f->db));
	assert_int_equal(sqlite3_exec(f->db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	assert_article(f, id, "Alpha story");
	assert_int_equal(count_rows(f, "article"), 1);
	assert_int_equal(count_rows(f, "section"), 3);
	assert_int_equal(count_matches(f, "Alpha"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_batch_broken_middle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_sequence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_commit_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_in_transaction, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
