/* test_page_cache.c: cgi/page_cache.h. Answers are kept and given back
 * byte for byte under their whole key (language, site, path, query) and
 * no other; the entry and byte bounds hold whatever is put, evicting the
 * least recently used; and the stamp read from a real database file moves,
 * clearing the cache, when another connection commits, when this one
 * writes, and when the site revision moves. */
#include "unit.h"

#include <unistd.h>

#include "page_cache.h"
#include "request.h"
#include "site_revision.h"

static void
answer(struct response *r, const char *body)
{
	response_reset(r);
	r->cache = CACHE_REVALIDATE;
	response_header(r, "Content-Language", "en");
	strbuf_puts(&r->body, body);
}

static struct page_cache_key
key(const char *lang, const char *path, const char *query)
{
	struct page_cache_key k = { lang, "http://example.org", path, query };

	return k;
}

static void
test_store_and_lookup(void **state)
{
	struct page_cache *pc = page_cache_new(0, 0);
	struct response r, out;
	struct page_cache_key k = key("en", "/articles/", "");
	const struct page_cache_entry *e;

	(void)state;
	assert_non_null(pc);
	response_init(&r);
	response_init(&out);
	assert_null(page_cache_get(pc, &k));
	answer(&r, "<p>list</p>");
	assert_int_equal(page_cache_put(pc, &k, &r, "\"abc\""), 0);
	assert_non_null(e = page_cache_get(pc, &k));
	assert_string_equal(e->etag, "\"abc\"");
	response_reset(&out);
	page_cache_answer(e, &out);
	assert_int_equal(out.status, 200);
	assert_int_equal(out.cache, CACHE_REVALIDATE);
	assert_string_equal(out.content_type, r.content_type);
	assert_int_equal(out.body.len, r.body.len);
	assert_memory_equal(out.body.data, r.body.data, r.body.len);
	assert_int_equal(out.headers.len, r.headers.len);
	assert_memory_equal(out.headers.data, r.headers.data, r.headers.len);
	/* Another answer under the same key replaces the first. */
	answer(&r, "<p>list, changed</p>");
	assert_int_equal(page_cache_put(pc, &k, &r, "\"def\""), 0);
	assert_int_equal(page_cache_count(pc), 1);
	assert_string_equal(page_cache_get(pc, &k)->etag, "\"def\"");
	/* Only 200s are kept. */
	r.status = 404;
	assert_int_equal(page_cache_put(pc, &k, &r, "\"x\""), -1);
	page_cache_clear(pc);
	assert_int_equal(page_cache_count(pc), 0);
	assert_int_equal(page_cache_bytes(pc), 0);
	assert_null(page_cache_get(pc, &k));
	response_free(&r);
	response_free(&out);
	page_cache_free(pc);
}

static void
test_keys_kept_apart(void **state)
{
	/* Each differs from the first in one part only; "a\0b" style
	 * confusions (the separator moving between parts) included. */
	struct page_cache_key keys[] = {
		key("en", "/articles/", "page=2"),
		key("zh-CN", "/articles/", "page=2"),
		key("en", "/articles", "/page=2"),
		key("en", "/articles/page=2", ""),
		key("en", "/articles/", "page=3"),
		key("en", "/articles/", "page=2&x"),
		{ "en", "https://example.org", "/articles/", "page=2" },
		{ "en", "http://example.org:8080", "/articles/", "page=2" },
	};
	struct page_cache *pc = page_cache_new(0, 0);
	struct response r;
	char body[32], etag[32];

	(void)state;
	response_init(&r);
	for (size_t i = 0; i < NELEM(keys); i++) {
		snprintf(body, sizeof(body), "page %zu", i);
		snprintf(etag, sizeof(etag), "\"%zu\"", i);
		answer(&r, body);
		assert_int_equal(page_cache_put(pc, &keys[i], &r, etag), 0);
	}
	assert_int_equal(page_cache_count(pc), NELEM(keys));
	for (size_t i = 0; i < NELEM(keys); i++) {
		const struct page_cache_entry *e = page_cache_get(pc, &keys[i]);

		snprintf(body, sizeof(body), "page %zu", i);
		assert_non_null(e);
		assert_int_equal(e->body_len, strlen(body));
		assert_memory_equal(e->body, body, e->body_len);
	}
	response_free(&r);
	page_cache_free(pc);
}

static void
test_entry_bound_evicts_least_recent(void **state)
{
	struct page_cache *pc = page_cache_new(4, 0);
	struct response r;
	struct page_cache_key k[6];
	char path[6][32];

	(void)state;
	response_init(&r);
	answer(&r, "x");
	for (int i = 0; i < 6; i++) {
		snprintf(path[i], sizeof(path[i]), "/articles/%d", i);
		k[i] = key("en", path[i], "");
	}
	for (int i = 0; i < 4; i++)
		assert_int_equal(page_cache_put(pc, &k[i], &r, "\"e\""), 0);
	/* 0 is used again: 1 is now the least recent and goes first. */
	assert_non_null(page_cache_get(pc, &k[0]));
	assert_int_equal(page_cache_put(pc, &k[4], &r, "\"e\""), 0);
	assert_int_equal(page_cache_count(pc), 4);
	assert_null(page_cache_get(pc, &k[1]));
	assert_non_null(page_cache_get(pc, &k[0]));
	assert_int_equal(page_cache_put(pc, &k[5], &r, "\"e\""), 0);
	assert_null(page_cache_get(pc, &k[2]));
	assert_non_null(page_cache_get(pc, &k[3]));
	assert_non_null(page_cache_get(pc, &k[4]));
	assert_non_null(page_cache_get(pc, &k[5]));
	response_free(&r);
	page_cache_free(pc);
}

static void
test_byte_bound_and_hostile_keys(void **state)
{
	enum { MAX = 64 * 1024 };
	struct page_cache *pc = page_cache_new(1000, MAX);
	struct response r;
	char *query = malloc(REQUEST_MAX_QUERY + 1), *big = malloc(MAX);

	(void)state;
	assert_non_null(query);
	assert_non_null(big);
	response_init(&r);
	answer(&r, "a page of ordinary size");
	/* Thousands of distinct, long queries: bytes and count stay bounded. */
	for (int i = 0; i < 5000; i++) {
		memset(query, 'q', REQUEST_MAX_QUERY);
		snprintf(query, 16, "n=%d&", i);
		query[strlen(query)] = 'q';
		query[REQUEST_MAX_QUERY] = '\0';
		struct page_cache_key k = key("en", "/search", query);

		assert_int_equal(page_cache_put(pc, &k, &r, "\"h\""), 0);
		assert_true(page_cache_bytes(pc) <= MAX);
		assert_true(page_cache_count(pc) <= 1000);
	}
	assert_true(page_cache_count(pc) < MAX / REQUEST_MAX_QUERY);
	/* An answer over a quarter of the bound is not kept, and pushes
	 * nothing out. */
	size_t before = page_cache_count(pc);
	struct page_cache_key k = key("en", "/articles/1", "");

	memset(big, 'b', MAX - 1);
	big[MAX - 1] = '\0';
	answer(&r, big + MAX - MAX / PAGE_CACHE_MAX_SHARE);
	assert_int_equal(page_cache_put(pc, &k, &r, "\"big\""), -1);
	assert_int_equal(page_cache_count(pc), before);
	assert_null(page_cache_get(pc, &k));
	response_free(&r);
	free(query);
	free(big);
	page_cache_free(pc);
}

/* A database file with the schema, two connections to it (the worker's,
 * with its statements, and another process's), and a cache with an entry
 * made under the current stamp. */
struct fixture {
	char		 dir[64], path[96];
	sqlite3		*db, *other;
	struct store	*st;
	struct page_cache *pc;
	struct response	 r;
	struct page_cache_key k;
};

static int
file_setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/gazette-pc-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/g.db", f->dir);
	if ((f->db = db_open(f->path, DB_CREATE)) == NULL || db_migrate(f->db) != 0 ||
	    (f->st = store_open(f->db)) == NULL ||
	    (f->other = db_open(f->path, DB_READ_WRITE)) == NULL ||
	    (f->pc = page_cache_new(0, 0)) == NULL)
		return -1;
	response_init(&f->r);
	answer(&f->r, "kept");
	f->k = key("en", "/", "");
	*state = f;
	return 0;
}

static int
file_teardown(void **state)
{
	struct fixture *f = *state;
	char p[128];

	page_cache_free(f->pc);
	response_free(&f->r);
	store_close(f->st);
	db_close(f->db);
	db_close(f->other);
	for (const char *const *s = (const char *const[]){ "", "-wal", "-shm", NULL };
	    *s != NULL; s++) {
		snprintf(p, sizeof(p), "%s%s", f->path, *s);
		unlink(p);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Checks the cache against the database as dispatch does; 1 if cleared. */
static int
check(struct fixture *f)
{
	struct site_revision rev;
	struct page_cache_stamp now;

	assert_int_equal(site_revision_get(f->st, &rev), 0);
	assert_int_equal(page_cache_stamp_read(f->st, rev.revision, &now), 0);
	return page_cache_check(f->pc, &now);
}

static void
fill(struct fixture *f)
{
	check(f);
	assert_int_equal(page_cache_put(f->pc, &f->k, &f->r, "\"k\""), 0);
	/* Reading changes nothing: the entry stays. */
	assert_int_equal(check(f), 0);
	assert_int_equal(check(f), 0);
	assert_non_null(page_cache_get(f->pc, &f->k));
}

static void
test_cleared_when_another_connection_commits(void **state)
{
	struct fixture *f = *state;

	fill(f);
	/* A table without a revision trigger, as a view flush writes:
	 * only data_version can tell. */
	assert_int_equal(sqlite3_exec(f->other, "INSERT INTO article_views"
	    "(article_id, views) SELECT id, 1 FROM article LIMIT 0; "
	    "CREATE TABLE scratch(x); INSERT INTO scratch VALUES (1)",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(check(f), 1);
	assert_null(page_cache_get(f->pc, &f->k));
	fill(f);
	/* A setting changed by `gazette setting`: another connection. */
	assert_int_equal(sqlite3_exec(f->other, "INSERT INTO setting(key, value) "
	    "VALUES ('site_name', 'Renamed') ON CONFLICT(key) DO UPDATE SET "
	    "value = excluded.value", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(check(f), 1);
	assert_int_equal(page_cache_count(f->pc), 0);
}

static void
test_cleared_after_own_write(void **state)
{
	struct fixture *f = *state;

	fill(f);
	/* This connection's own commits leave data_version alone. */
	assert_int_equal(sqlite3_exec(f->db, "CREATE TABLE scratch(x); "
	    "INSERT INTO scratch VALUES (1)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(check(f), 1);
	fill(f);
	assert_int_equal(site_revision_bump(f->st), 0);
	assert_int_equal(check(f), 1);
}

static void
test_cleared_when_revision_moves(void **state)
{
	struct fixture *f = *state;
	struct page_cache_stamp now;
	struct site_revision rev;

	fill(f);
	assert_int_equal(site_revision_get(f->st, &rev), 0);
	assert_int_equal(page_cache_stamp_read(f->st, rev.revision + 1, &now), 0);
	assert_int_equal(page_cache_check(f->pc, &now), 1);
	assert_null(page_cache_get(f->pc, &f->k));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_and_lookup),
		cmocka_unit_test(test_keys_kept_apart),
		cmocka_unit_test(test_entry_bound_evicts_least_recent),
		cmocka_unit_test(test_byte_bound_and_hostile_keys),
		cmocka_unit_test_setup_teardown(test_cleared_when_another_connection_commits,
		    file_setup, file_teardown),
		cmocka_unit_test_setup_teardown(test_cleared_after_own_write,
		    file_setup, file_teardown),
		cmocka_unit_test_setup_teardown(test_cleared_when_revision_moves,
		    file_setup, file_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
