/* test_search.c: cgi/search_store.h and the article_search index of
 * sql/003_search.sql on an in-memory database: the real seed articles
 * found by an English word, their Chinese author and a two-character
 * Chinese word; short terms at the edges of a column; drafts, edits and
 * deletions kept in step by the triggers; newest-first pages; the LIKE
 * path for common and case-folded short terms; the count cap; odd input;
 * random corpora against a naive substring search; and the migration
 * filling the index for articles that existed before it. */
#include "unit.h"

#include <sodium.h>
#include <unistd.h>

#include "arena.h"
#include "article_store.h"
#include "importer.h"
#include "search_query.h"
#include "search_store.h"
#include "store.h"

static long long
add(struct store_fixture *f, const char *title, const char *author, const char *date,
    const char *body, const char *status)
{
	struct article_input in = { 3, title, author, date, body, "", status, NULL, NULL };
	long long id;

	assert_int_equal(article_insert(f->st, &in, &id), 0);
	return id;
}

/* Runs QUERY: fills IDS (newest first, at most 64) and returns how many;
 * *COUNT gets search_count's answer, *SQL (if not NULL) the plan. */
static size_t
find(struct store_fixture *f, const char *query, long long ids[64], long *count,
    struct search_sql *sql)
{
	struct search_query q;
	struct search_sql s;
	struct search_hit *hits;
	size_t n;

	assert_int_equal(search_query_parse(query, strlen(query), &q), SEARCH_OK);
	assert_int_equal(search_prepare(f->st, &f->a, &q, &s), 0);
	assert_int_equal(search_count(f->st, &s, count), 0);
	assert_int_equal(search_list(f->st, &f->a, &s, 0, 64, &hits, &n), 0);
	for (size_t i = 0; i < n; i++)
		ids[i] = hits[i].s.id;
	if (sql != NULL)
		*sql = s;
	return n;
}

static void
test_seed_articles(void **state)
{
	struct store_fixture *f = *state;
	char dir[] = "/tmp/gazette-search-XXXXXX", media[64];
	long long ids[64], first, other;
	long count;
	size_t n;

	assert_non_null(mkdtemp(dir));
	snprintf(media, sizeof(media), "%s/media", dir);
	assert_int_equal(import_file(f->st, unit_src("sql/seeds/000_150fa79d29bbea35.txt"),
	    media, &first), IMPORT_ADDED);
	assert_int_equal(import_file(f->st, unit_src("sql/seeds/001_8433893753bd2d20.txt"),
	    media, &other), IMPORT_ADDED);
	rmdir(media);
	rmdir(dir);
	/* English words (one in another case than typed), the Chinese
	 * author, and a two-character word of it. */
	static const char *const words[] = { "epidemic", "VANGUARD",
	    "党群服务与组织管理", "组织", "party 组织" };
	for (size_t i = 0; i < NELEM(words); i++) {
		n = find(f, words[i], ids, &count, NULL);
		assert_int_equal(n, 1);
		assert_int_equal(count, 1);
		assert_int_equal(ids[0], first);
	}
	/* 管理 is in both authors (管理员 too): newest first. */
	n = find(f, "管理", ids, &count, NULL);
	assert_int_equal(n, 2);
	assert_int_equal(count, 2);
	assert_int_equal(ids[0], other);	/* 2023 */
	assert_int_equal(ids[1], first);	/* 2020 */
	/* Absent terms, long and short. */
	assert_int_equal(find(f, "xyzzyq", ids, &count, NULL), 0);
	assert_int_equal(count, 0);
	assert_int_equal(find(f, "疫情", ids, &count, NULL), 0);
	assert_int_equal(find(f, "vanguard 疫情", ids, &count, NULL), 0);
}

static void
test_short_terms_at_edges(void **state)
{
	struct store_fixture *f = *state;
	static const char *const found[] = {
		"组织", "加", "织", "加强", "正文", "文", "正", "go", "GO", "k", "Ok", "'",
	};
	long long ids[64], id;
	long count;

	id = add(f, "加强基层党组织", "", "2024-01-01", "正文", "published");
	add(f, "Go", "'", "2024-01-02", "ok", "draft");
	add(f, "Go", "'", "2024-01-03", "ok", "published");
	for (size_t i = 0; i < NELEM(found); i++)
		if (find(f, found[i], ids, &count, NULL) != 1 || count != 1)
			fail_msg("\"%s\" not found once", found[i]);
	assert_int_equal(find(f, "组织", ids, &count, NULL), 1);
	assert_int_equal(ids[0], id);
	assert_int_equal(find(f, "织加", ids, &count, NULL), 0);
	assert_int_equal(find(f, "o k", ids, &count, NULL), 1);
}

static void
test_triggers_follow_changes(void **state)
{
	struct store_fixture *f = *state;
	struct article_input in = { 3, "Zeppelin news", "Ed", "2024-02-02",
	    "About airships.", "", "draft", NULL, NULL };
	long long ids[64], id;
	long count;

	assert_int_equal(article_insert(f->st, &in, &id), 0);
	assert_int_equal(find(f, "zeppelin", ids, &count, NULL), 0);
	in.status = "published";
	assert_int_equal(article_update(f->st, id, &in), 0);
	assert_int_equal(find(f, "zeppelin", ids, &count, NULL), 1);
	in.title = "Balloon news";
	assert_int_equal(article_update(f->st, id, &in), 0);
	assert_int_equal(find(f, "zeppelin", ids, &count, NULL), 0);
	assert_int_equal(find(f, "balloon airships", ids, &count, NULL), 1);
	assert_int_equal(article_update(f->st, id, &in), 0);	/* unchanged */
	assert_int_equal(find(f, "balloon", ids, &count, NULL), 1);
	in.status = "draft";
	assert_int_equal(article_update(f->st, id, &in), 0);
	assert_int_equal(find(f, "balloon", ids, &count, NULL), 0);
	in.status = "published";
	assert_int_equal(article_update(f->st, id, &in), 0);
	assert_int_equal(article_delete(f->st, id), 0);
	assert_int_equal(find(f, "balloon", ids, &count, NULL), 0);
	assert_int_equal(find(f, "ai", ids, &count, NULL), 0);
	assert_int_equal(sqlite3_exec(f->db, "INSERT INTO article_search(article_search) "
	    "VALUES ('integrity-check')", NULL, NULL, NULL), SQLITE_OK);
}

static void
test_newest_first_pages(void **state)
{
	struct store_fixture *f = *state;
	enum { ARTICLES = 150 };
	struct search_query q;
	struct search_sql sql;
	struct search_hit *hits;
	long long want[ARTICLES];
	char date[11];
	size_t n, nwant = 0;

	/* Days 1..9 repeating as ids grow: newest day first, then the
	 * highest id. Every third title says "Other" instead of "Common",
	 * and every seventh article is a draft. */
	assert_true(ARTICLES > SEARCH_RECENT);
	for (int i = 0; i < ARTICLES; i++) {
		snprintf(date, sizeof(date), "2024-01-%02d", 1 + i % 9);
		assert_int_equal(add(f, i % 3 == 2 ? "Other title" : "Common title",
		    "A", date, "body", i % 7 == 6 ? "draft" : "published"), i + 1);
	}
	/* "common": the walk of the newest SEARCH_RECENT fills every page it
	 * is tried on; "other" (about 18 matches among them) fills the first
	 * page only, and later ones fall back to the full plan. */
	for (int term = 0; term < 2; term++) {
		nwant = 0;
		for (int day = 9; day >= 1; day--)
			for (int i = ARTICLES - 1; i >= 0; i--)
				if (1 + i % 9 == day && (i % 3 == 2) == term &&
				    i % 7 != 6)
					want[nwant++] = i + 1;
		assert_int_equal(search_query_parse(term ? "other" : "common", 5 + !term,
		    &q), SEARCH_OK);
		assert_int_equal(search_prepare(f->st, &f->a, &q, &sql), 0);
		/* Every plan (search_count sets FEW and MANY: sorting the
		 * matches, walking the date index, and the newest first for
		 * the first pages): the same pages, same order, every offset. */
		for (int plan = 0; plan < 3; plan++) {
			sql.few = plan == 0;
			sql.many = plan == 2;
			for (long off = 0; off <= (long)nwant; off += off < 40 ? 1 : 10) {
				size_t expect = nwant - (size_t)off < 10 ?
				    nwant - (size_t)off : 10;

				assert_int_equal(search_list(f->st, &f->a, &sql, off,
				    10, &hits, &n), 0);
				assert_int_equal(n, expect);
				for (size_t i = 0; i < n; i++)
					assert_int_equal(hits[i].s.id, want[off + (long)i]);
			}
		}
	}
}

static void
test_like_path(void **state)
{
	struct store_fixture *f = *state;
	char body[4096];
	long long ids[64], id;
	struct search_sql sql;
	long count;
	size_t n = 0;

	/* "q" followed by more different characters (U+4E00...) than there
	 * may be trigrams in an OR group. */
	for (unsigned c = 0x4e00; c < 0x4e00 + SEARCH_EXPAND_MAX + 1; c++)
		n += (size_t)snprintf(body + n, sizeof(body) - n, "q%c%c%c ",
		    0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
	id = add(f, "Zebra crossing", "", "2024-03-03", body, "published");
	add(f, "Zebra again", "", "2024-03-04", "nothing", "published");
	add(f, "École", "", "2024-03-05", "", "published");
	assert_int_equal(find(f, "q", ids, &count, &sql), 1);
	assert_null(sql.match);
	assert_non_null(sql.like);
	assert_int_equal(ids[0], id);
	assert_int_equal(find(f, "Q zebra", ids, &count, &sql), 1);
	assert_non_null(sql.match);
	assert_non_null(sql.like);
	assert_int_equal(count, 1);
	/* É has a case only Unicode folds: LIKE, as typed. */
	assert_int_equal(find(f, "É", ids, &count, &sql), 1);
	assert_non_null(sql.like);
	assert_int_equal(find(f, "%", ids, &count, &sql), 0);
	assert_int_equal(find(f, "_", ids, &count, &sql), 0);
}

static void
test_count_cap(void **state)
{
	struct store_fixture *f = *state;
	struct search_query q;
	struct search_sql sql;
	struct search_hit *hits;
	long count;
	size_t n;

	assert_int_equal(db_begin(f->db), 0);
	for (int i = 0; i < SEARCH_COUNT_MAX + 5; i++)
		add(f, "Capped cb cd ce", "", "2024-04-04", "x", "published");
	assert_int_equal(db_commit(f->db), 0);
	/* A long term; a short one with one trigram (an OR group); a short
	 * one whose five trigrams are in 5025 articles in all (LIKE). */
	static const char *const terms[] = { "capped", "ca", "c" };
	for (size_t k = 0; k < NELEM(terms); k++) {
		const char *s = terms[k];

		assert_int_equal(search_query_parse(s, strlen(s), &q), SEARCH_OK);
		assert_int_equal(search_prepare(f->st, &f->a, &q, &sql), 0);
		assert_true(k < 2 ? sql.match && !sql.like : !sql.match && sql.like);
		assert_int_equal(search_count(f->st, &sql, &count), 0);
		assert_int_equal(count, SEARCH_COUNT_MAX + 1);
		assert_int_equal(search_list(f->st, &f->a, &sql, SEARCH_COUNT_MAX - 10,
		    10, &hits, &n), 0);
		assert_int_equal(n, 10);
	}
}

static void
test_odd_queries(void **state)
{
	struct store_fixture *f = *state;
	static const char *const odd[] = {
		"\"", "\"\"\"", "AND", "OR", "NOT", "a OR b", "NEAR(a b)", "*", "a*",
		"^a", "title:x", "{title}:x", "(", ")", "+", "-", "-x", "'", "\\",
		"%", "_", "%%", "\\%", "a\"b", "\")", "x\" OR \"y", "' OR 1=1 --",
		"]", "[", "json", "\xe3\x80\x80x", "NEAR", "\"a\" NOT",
	};
	long long ids[64];
	long count;

	add(f, "Title: a OR b (x)", "it's", "2024-05-05", "50% of_all \\ \"NEAR\"",
	    "published");
	for (size_t i = 0; i < NELEM(odd); i++) {
		struct search_query q;

		if (search_query_parse(odd[i], strlen(odd[i]), &q) != SEARCH_OK)
			continue;
		find(f, odd[i], ids, &count, NULL);	/* never an error */
	}
	assert_int_equal(find(f, "OR", ids, &count, NULL), 1);
	assert_int_equal(find(f, "(x)", ids, &count, NULL), 1);
	assert_int_equal(find(f, "\"NEAR\"", ids, &count, NULL), 1);
	assert_int_equal(find(f, "50%", ids, &count, NULL), 1);
	assert_int_equal(find(f, "f_a", ids, &count, NULL), 1);
	assert_int_equal(find(f, "5%", ids, &count, NULL), 0);
}

/* Does TEXT hold T, ASCII case folded? */
static int
holds(const char *text, const char *t)
{
	size_t tl = strlen(t);

	for (; *text != '\0'; text++)
		if (strncasecmp(text, t, tl) == 0)
			return 1;
	return 0;
}

static void
test_random_against_naive(void **state)
{
	struct store_fixture *f = *state;
	static const char *const alpha[] = { "a", "b", "A", " ", "组", "织", "党",
	    "%", "_", "x" };
	enum { ARTICLES = 80, QUERIES = 400 };
	char text[ARTICLES][3][128];
	int published[ARTICLES];
	long long id0 = 0;

	srand(7);
	for (int i = 0; i < ARTICLES; i++) {
		for (int c = 0; c < 3; c++) {
			int len = rand() % 30;

			text[i][c][0] = '\0';
			for (int k = 0; k < len; k++)
				strcat(text[i][c], alpha[rand() % NELEM(alpha)]);
		}
		if (text[i][0][0] == '\0')
			strcpy(text[i][0], "t");
		published[i] = rand() % 5 != 0;
		/* One date: order is by id, newest (highest) first. */
		long long id = add(f, text[i][0], text[i][1], "2024-06-06", text[i][2],
		    published[i] ? "published" : "draft");
		if (i == 0)
			id0 = id;
	}
	for (int n = 0; n < QUERIES; n++) {
		char query[64] = "", term[3][16];
		int nterms = 1 + rand() % 3;
		long long ids[64], want[ARTICLES];
		size_t got, nwant = 0;
		long count;

		for (int t = 0; t < nterms; t++) {
			int len = 1 + rand() % 4;

			term[t][0] = '\0';
			for (int k = 0; k < len; k++)	/* no spaces inside */
				strcat(term[t], alpha[(size_t)rand() % NELEM(alpha)]);
			if (strchr(term[t], ' ') != NULL || strlen(term[t]) == 0)
				strcpy(term[t], "b");
			strcat(query, t ? " " : "");
			strcat(query, term[t]);
		}
		for (int i = ARTICLES - 1; i >= 0; i--) {
			int all = published[i];

			for (int t = 0; t < nterms && all; t++)
				all = holds(text[i][0], term[t]) || holds(text[i][1], term[t]) ||
				    holds(text[i][2], term[t]);
			if (all)
				want[nwant++] = id0 + i;
		}
		got = find(f, query, ids, &count, NULL);
		if (got != (nwant > 64 ? 64 : nwant) || count != (long)nwant)
			fail_msg("\"%s\": %zu found (count %ld), want %zu", query, got,
			    count, nwant);
		for (size_t i = 0; i < got; i++)
			assert_int_equal(ids[i], want[i]);
	}
}

static void
test_migration_fills_index(void **state)
{
	struct store_fixture *f = *state;
	long long ids[64], pub;
	char *sql;
	size_t len;
	long count;

	/* Back to before 003, with articles in place; then 003 again. */
	store_close(f->st);
	assert_int_equal(sqlite3_exec(f->db, "DROP TABLE article_search_vocab; "
	    "DROP TABLE article_search; DROP TRIGGER article_search_insert; "
	    "DROP TRIGGER article_search_update; DROP TRIGGER article_search_delete",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(f->db, "INSERT INTO article(section_id, title, "
	    "author, published_on, body, status, created_at, updated_at) VALUES "
	    "(3, 'Older news', '党群服务与组织管理', '2019-01-01', 'old', 'published', 0, 0), "
	    "(3, 'Older draft', '党群服务与组织管理', '2019-01-02', 'old', 'draft', 0, 0)",
	    NULL, NULL, NULL), SQLITE_OK);
	pub = sqlite3_last_insert_rowid(f->db) - 1;
	sql = unit_read_file(unit_src("sql/003_search.sql"), &len);
	assert_int_equal(sqlite3_exec(f->db, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	assert_non_null(f->st = store_open(f->db));
	assert_int_equal(find(f, "older", ids, &count, NULL), 1);
	assert_int_equal(ids[0], pub);
	assert_int_equal(find(f, "组织", ids, &count, NULL), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_seed_articles, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_short_terms_at_edges, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_triggers_follow_changes, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_newest_first_pages, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_like_path, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_count_cap, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_odd_queries, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_random_against_naive, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_migration_fills_index, unit_store_setup, unit_store_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
