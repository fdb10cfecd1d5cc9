/* test_source.c: an article's source (来源, sql/004_reader.sql): a database
 * at schema version 3 with published articles migrates to the latest and
 * its search still finds the old articles (by title and by a two-character
 * Chinese word), and finds one by its source once an edit gives it one,
 * not once unpublished or deleted; the source round-trips through
 * article_store. (The editor form's rules for it: test_admin_rules.c.) */
#include "unit.h"

#include "arena.h"
#include "article_store.h"
#include "search_query.h"
#include "search_store.h"

#define SOURCE	"成都高新医学会"

/* Runs QUERY: the ids found, newest first (at most 8), and how many. */
static size_t
find(sqlite3 *db, struct store *st, struct arena *a, const char *query,
    long long ids[8], const char **first_source)
{
	struct search_query q;
	struct search_sql s;
	struct search_hit *hits;
	size_t n;
	long count;

	(void)db;
	assert_int_equal(search_query_parse(query, strlen(query), &q), SEARCH_OK);
	assert_int_equal(search_prepare(st, a, &q, &s), 0);
	assert_int_equal(search_count(st, &s, &count), 0);
	assert_int_equal(search_list(st, a, &s, 0, 8, &hits, &n), 0);
	assert_int_equal((size_t)count, n);
	for (size_t i = 0; i < n; i++)
		ids[i] = hits[i].s.id;
	if (first_source != NULL)
		*first_source = n > 0 ? hits[0].source : NULL;
	return n;
}

static void
exec_file(sqlite3 *db, const char *path)
{
	size_t len;
	char *sql = unit_read_file(unit_src(path), &len);
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", path, err);
	free(sql);
}

static void
test_migration_from_3(void **state)
{
	sqlite3 *db = db_open(":memory:", DB_CREATE);
	struct store *st;
	struct arena a;
	struct article art;
	struct article_input in;
	long long ids[8], pub, draft;
	const char *src;

	(void)state;
	assert_non_null(db);
	arena_init(&a);
	/* Version 3 as it shipped, with articles indexed by 003's triggers. */
	exec_file(db, "sql/001_initial.sql");
	exec_file(db, "sql/002_admin.sql");
	exec_file(db, "sql/003_search.sql");
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version=3; "
	    "INSERT INTO article(section_id, title, author, published_on, body, "
	    "status, created_at, updated_at) VALUES "
	    "(3, 'Vanguard meeting', '党群服务与组织管理', '2019-01-01', "
	    "'今天召开了支部大会。', 'published', 0, 0), "
	    "(3, 'Vanguard draft', '党群服务与组织管理', '2019-01-02', "
	    "'支部草稿', 'draft', 0, 0)", NULL, NULL, NULL), SQLITE_OK);
	draft = sqlite3_last_insert_rowid(db);
	pub = draft - 1;
	assert_int_equal(db_migrate(db), 0);
	assert_int_equal(db_check_version(db, ":memory:"), 0);
	assert_non_null(st = store_open(db));

	assert_int_equal(find(db, st, &a, "vanguard", ids, NULL), 1);
	assert_int_equal(ids[0], pub);
	assert_int_equal(find(db, st, &a, "支部", ids, NULL), 1);	/* 2 characters */
	assert_int_equal(ids[0], pub);
	assert_int_equal(find(db, st, &a, "医学", ids, NULL), 0);
	assert_int_equal(article_get(st, &a, pub, &art), 0);
	assert_string_equal(art.source, "");
	assert_int_equal(art.s.views, 0);

	/* The editor gives it a source: found by it, whole or in part. */
	memset(&in, 0, sizeof(in));
	in.section_id = art.s.section_id;
	in.title = art.s.title;
	in.author = art.s.author;
	in.published_on = art.s.published_on;
	in.body = art.body;
	in.excerpt = art.s.excerpt;
	in.status = "published";
	in.source = SOURCE;
	assert_int_equal(article_update(st, pub, &in), 0);
	assert_int_equal(article_get(st, &a, pub, &art), 0);
	assert_string_equal(art.source, SOURCE);
	assert_int_equal(find(db, st, &a, SOURCE, ids, &src), 1);
	assert_int_equal(ids[0], pub);
	assert_string_equal(src, SOURCE);
	assert_int_equal(find(db, st, &a, "医学会", ids, NULL), 1);
	assert_int_equal(find(db, st, &a, "医学", ids, NULL), 1);
	assert_int_equal(find(db, st, &a, "vanguard 医学", ids, NULL), 1);
	/* The draft with the same source is never found. */
	in.title = "Vanguard draft";
	in.status = "draft";
	assert_int_equal(article_update(st, draft, &in), 0);
	assert_int_equal(find(db, st, &a, "医学会", ids, NULL), 1);
	assert_int_equal(ids[0], pub);

	/* Unpublished, then deleted: the index forgets it (the 'delete'
	 * commands were given exactly the indexed values). */
	in.title = art.s.title;
	assert_int_equal(article_update(st, pub, &in), 0);
	assert_int_equal(find(db, st, &a, "医学会", ids, NULL), 0);
	in.status = "published";
	assert_int_equal(article_update(st, pub, &in), 0);
	assert_int_equal(find(db, st, &a, "医学会", ids, NULL), 1);
	assert_int_equal(article_delete(st, pub), 0);
	assert_int_equal(find(db, st, &a, "医学会", ids, NULL), 0);
	assert_int_equal(find(db, st, &a, "vanguard", ids, NULL), 0);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO article_search(article_search) "
	    "VALUES ('integrity-check')", NULL, NULL, NULL), SQLITE_OK);

	/* A NULL source is stored as "" (positional initializers). */
	{
		struct article_input old = { 3, "T", "A", "2024-01-01", "b", "e",
		    "published", NULL, NULL };
		long long id;

		assert_int_equal(article_insert(st, &old, &id), 0);
		assert_int_equal(article_get(st, &a, id, &art), 0);
		assert_string_equal(art.source, "");
	}
	store_close(st);
	db_close(db);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migration_from_3),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
