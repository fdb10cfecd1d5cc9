/* test_store.c: cgi/db.h, store.h, article_store.h and section_store.h on
 * an in-memory database migrated to the latest schema: list order and
 * offsets, counts per section subtree, drafts, neighbours, the section
 * tree the importer builds, and site settings. */
#include "unit.h"

#include "arena.h"
#include "article_store.h"
#include "section_store.h"
#include "store.h"

#define N_ARTICLES	25
#define N_DRAFTS	3

/* What was inserted, to compute the expected order. */
struct row {
	long long	 id;
	long long	 section_id;
	char		 date[11];
};

static int
newest_first(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int c = strcmp(b->date, a->date);

	return c ? c : (a->id < b->id) - (a->id > b->id);
}

/* Inserts N_ARTICLES published articles (dates out of order, several per
 * day; every fifth insert in SERVICE, the rest in Activities) and N_DRAFTS
 * drafts; ROWS receives the published ones, newest first. */
static void
insert_articles(struct store_fixture *f, struct row rows[N_ARTICLES])
{
	size_t n = 0;

	for (int i = 0; i < N_ARTICLES + N_DRAFTS; i++) {
		int draft = i % 9 == 4;
		char title[32], date[11];
		struct article_input in;
		long long id;

		snprintf(title, sizeof(title), "Article %d", i);
		snprintf(date, sizeof(date), "2024-03-%02d", 1 + (i * 7) % 11);
		in.section_id = i % 5 == 0 ? 2 : 3;
		in.title = title;
		in.author = "管理员";
		in.published_on = date;
		in.body = "Body *text*.";
		in.excerpt = "Body text.";
		in.status = draft ? "draft" : "published";
		in.import_hash = NULL;
		in.source = NULL;
		assert_int_equal(article_insert(f->st, &in, &id), 0);
		assert_true(id > 0);
		if (draft)
			continue;
		assert_true(n < N_ARTICLES);
		rows[n].id = id;
		rows[n].section_id = in.section_id;
		memcpy(rows[n].date, date, sizeof(date));
		n++;
	}
	assert_int_equal(n, N_ARTICLES);
	qsort(rows, n, sizeof(rows[0]), newest_first);
}

static void
test_count_and_list(void **state)
{
	struct store_fixture *f = *state;
	struct row rows[N_ARTICLES];
	struct article_summary *items;
	size_t n, in_activities = 0;
	long count;

	insert_articles(f, rows);
	for (size_t i = 0; i < N_ARTICLES; i++)
		in_activities += rows[i].section_id == 3;
	assert_int_equal(in_activities, 19);

	assert_int_equal(article_count(f->st, 0, &count), 0);
	assert_int_equal(count, N_ARTICLES);
	assert_int_equal(article_count(f->st, SECTION_ROOT_ID, &count), 0);
	assert_int_equal(count, N_ARTICLES);
	assert_int_equal(article_count(f->st, 2, &count), 0);	/* SERVICE and below */
	assert_int_equal(count, N_ARTICLES);
	assert_int_equal(article_count(f->st, 3, &count), 0);
	assert_int_equal(count, (long)in_activities);
	assert_int_equal(article_count(f->st, 999, &count), 0);
	assert_int_equal(count, 0);

	/* Pages of 10 over every section: 10, 10, 5, then nothing. */
	for (long off = 0; off <= 30; off += 10) {
		assert_int_equal(article_list(f->st, &f->a, NULL, 0, off, 10, &items, &n), 0);
		assert_int_equal(n, off < 20 ? 10 : off == 20 ? 5 : 0);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(items[i].id, rows[off + (long)i].id);
			assert_string_equal(items[i].published_on, rows[off + (long)i].date);
			assert_string_equal(items[i].author, "管理员");
			assert_string_equal(items[i].excerpt, "Body text.");
		}
	}
	/* The same order for one section, drafts left out. */
	assert_int_equal(article_list(f->st, &f->a, NULL, 3, 0, 100, &items, &n), 0);
	assert_int_equal(n, in_activities);
	for (size_t i = 0, k = 0; i < N_ARTICLES; i++)
		if (rows[i].section_id == 3) {
			assert_int_equal(items[k].id, rows[i].id);
			assert_int_equal(items[k].section_id, 3);
			k++;
		}
	/* SERVICE lists its subtree: all of them. */
	assert_int_equal(article_list(f->st, &f->a, NULL, 2, 3, 4, &items, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(items[0].id, rows[3].id);
	assert_int_equal(article_list(f->st, &f->a, NULL, 0, 0, 0, &items, &n), 0);
	assert_int_equal(n, 0);
}

static void
test_get_and_neighbours(void **state)
{
	struct store_fixture *f = *state;
	struct row rows[N_ARTICLES];
	struct article art;
	struct article_link older, newer;
	long long sec[N_ARTICLES];
	size_t n = 0;

	insert_articles(f, rows);
	assert_int_equal(article_get(f->st, &f->a, rows[0].id, &art), 0);
	assert_int_equal(art.s.id, rows[0].id);
	assert_string_equal(art.s.published_on, rows[0].date);
	assert_string_equal(art.body, "Body *text*.");
	assert_string_equal(art.s.status, "published");
	assert_true(art.created_at > 0 && art.updated_at == art.created_at);
	assert_int_equal(article_get(f->st, &f->a, 99999, &art), 1);
	assert_int_equal(article_get(f->st, &f->a, 0, &art), 1);
	/* A draft can be fetched by id (for the admin) and says so. */
	assert_int_equal(article_get(f->st, &f->a, 5, &art), 0);
	assert_string_equal(art.s.status, "draft");

	/* Neighbours run along one section's published articles. */
	for (size_t i = 0; i < N_ARTICLES; i++)
		if (rows[i].section_id == 3)
			sec[n++] = rows[i].id;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(article_get(f->st, &f->a, sec[i], &art), 0);
		assert_int_equal(article_neighbours(f->st, &f->a, &art, &older, &newer), 0);
		assert_int_equal(newer.id, i == 0 ? 0 : sec[i - 1]);
		assert_int_equal(older.id, i == n - 1 ? 0 : sec[i + 1]);
		if (older.id != 0)
			assert_true(strncmp(older.title, "Article ", 8) == 0);
		else
			assert_null(older.title);
	}
}

static void
test_insert_refused(void **state)
{
	struct store_fixture *f = *state;
	struct article_input in = { 3, "T", "A", "2024-01-01", "b", "e",
	    "published", "hash-1", NULL };
	long long id, found;
	long count;

	assert_int_equal(article_insert(f->st, &in, &id), 0);
	assert_int_equal(article_by_import_hash(f->st, "hash-1", &found), 0);
	assert_int_equal(found, id);
	assert_int_equal(article_by_import_hash(f->st, "hash-2", &found), 1);

	assert_int_equal(article_insert(f->st, &in, &id), -1);	/* same hash */
	in.import_hash = NULL;
	in.published_on = "2024-1-1";
	assert_int_equal(article_insert(f->st, &in, &id), -1);
	in.published_on = "2024-01-01";
	in.status = "deleted";
	assert_int_equal(article_insert(f->st, &in, &id), -1);
	in.status = "published";
	in.section_id = 999;					/* no such section */
	assert_int_equal(article_insert(f->st, &in, &id), -1);
	in.section_id = 3;
	in.title = "";
	assert_int_equal(article_insert(f->st, &in, &id), -1);
	assert_int_equal(article_count(f->st, 0, &count), 0);
	assert_int_equal(count, 1);
}

/* Runs section_ensure_path inside a transaction, as the importer does. */
static int
ensure(struct store_fixture *f, const char *const *titles, size_t n, long long *id)
{
	int rc;

	assert_int_equal(db_begin(f->db), 0);
	rc = section_ensure_path(f->st, &f->a, titles, n, id);
	assert_int_equal(db_commit(f->db), 0);
	return rc;
}

#define COUNT_SECTIONS "SELECT count(*) FROM section"

static void
test_sections(void **state)
{
	static const char *const news[] = { "HOME", "SERVICE", "News" };
	static const char *const acts[] = { "Front page", "SERVICE", "Activities" };
	static const char *const press[] = { "HOME", "Press Room", "2024 / Q1" };
	static const char *const news2[] = { "HOME", "News" };
	static const char *const cjk1[] = { "HOME", "新闻" };
	static const char *const cjk2[] = { "HOME", "活动" };
	static const char *const deep[] = { "1", "2", "3", "4", "5", "6", "7", "8", "9" };
	struct store_fixture *f = *state;
	struct section s, *path, *kids;
	long long id, id2;
	size_t n;

	assert_int_equal(unit_db_int(f->db, COUNT_SECTIONS), 3);
	assert_int_equal(ensure(f, news, 3, &id), 0);
	assert_int_equal(unit_db_int(f->db, COUNT_SECTIONS), 4);
	assert_int_equal(section_by_id(f->st, &f->a, id, &s), 0);
	assert_int_equal(s.parent_id, 2);
	assert_string_equal(s.slug, "news");
	assert_string_equal(s.title, "News");
	/* Again: the same section, nothing new. */
	assert_int_equal(ensure(f, news, 3, &id2), 0);
	assert_int_equal(id2, id);
	assert_int_equal(unit_db_int(f->db, COUNT_SECTIONS), 4);
	/* The root is matched by position, not by its title. */
	assert_int_equal(ensure(f, acts, 3, &id2), 0);
	assert_int_equal(id2, 3);
	assert_int_equal(ensure(f, acts, 1, &id2), 0);
	assert_int_equal(id2, SECTION_ROOT_ID);
	assert_int_equal(unit_db_int(f->db, COUNT_SECTIONS), 4);

	/* Two new levels; slugs from titles; a taken slug gets a number;
	 * titles without ASCII letters get a generic one. */
	assert_int_equal(ensure(f, press, 3, &id2), 0);
	assert_int_equal(section_by_id(f->st, &f->a, id2, &s), 0);
	assert_string_equal(s.slug, "2024-q1");
	assert_int_equal(section_by_id(f->st, &f->a, s.parent_id, &s), 0);
	assert_string_equal(s.slug, "press-room");
	assert_int_equal(s.parent_id, SECTION_ROOT_ID);
	assert_int_equal(ensure(f, news2, 2, &id2), 0);
	assert_true(id2 != id);
	assert_int_equal(section_by_id(f->st, &f->a, id2, &s), 0);
	assert_string_equal(s.slug, "news-2");
	assert_int_equal(ensure(f, cjk1, 2, &id2), 0);
	assert_int_equal(section_by_id(f->st, &f->a, id2, &s), 0);
	assert_string_equal(s.slug, "section");
	assert_string_equal(s.title, "新闻");
	assert_int_equal(ensure(f, cjk2, 2, &id2), 0);
	assert_int_equal(section_by_id(f->st, &f->a, id2, &s), 0);
	assert_string_equal(s.slug, "section-2");
	assert_int_equal(unit_db_int(f->db, COUNT_SECTIONS), 9);
	/* Refused: no titles, or deeper than the tree may be. */
	assert_int_equal(ensure(f, news, 0, &id2), -1);
	assert_int_equal(ensure(f, deep, 9, &id2), -1);
	assert_int_equal(unit_db_int(f->db, COUNT_SECTIONS), 9);

	/* The path from the root, root first. */
	assert_int_equal(section_path(f->st, &f->a, id, &path, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(path[0].title, "HOME");
	assert_int_equal(path[0].parent_id, 0);
	assert_string_equal(path[1].title, "SERVICE");
	assert_string_equal(path[2].title, "News");
	assert_int_equal(section_path(f->st, &f->a, SECTION_ROOT_ID, &path, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(path[0].slug, "home");
	assert_int_equal(section_path(f->st, &f->a, 999, &path, &n), 1);

	assert_int_equal(section_by_slug(f->st, &f->a, "activities", &s), 0);
	assert_int_equal(s.id, 3);
	assert_int_equal(s.parent_id, 2);
	assert_string_equal(s.title, "Activities");
	assert_int_equal(section_by_slug(f->st, &f->a, "news", &s), 0);
	assert_int_equal(s.id, id);
	assert_int_equal(section_by_slug(f->st, &f->a, "nope", &s), 1);
	assert_int_equal(section_by_id(f->st, &f->a, 999, &s), 1);

	/* Children in menu order: the seeded one, then creation order. */
	assert_int_equal(section_children(f->st, &f->a, 2, &kids, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(kids[0].slug, "activities");
	assert_string_equal(kids[1].slug, "news");
	assert_int_equal(section_children(f->st, &f->a, SECTION_ROOT_ID, &kids, &n), 0);
	assert_int_equal(n, 5);
	assert_string_equal(kids[0].slug, "service");
	assert_string_equal(kids[1].slug, "press-room");
	assert_string_equal(kids[4].slug, "section-2");
	assert_int_equal(section_children(f->st, &f->a, id, &kids, &n), 0);
	assert_int_equal(n, 0);
}

static void
test_settings(void **state)
{
	struct store_fixture *f = *state;
	const char *v = NULL;
	char big[2100];

	assert_int_equal(setting_get(f->st, &f->a, "site_name", &v), 0);
	assert_string_equal(v, "Gazette");
	assert_int_equal(setting_set(f->st, "site_name", "新闻网"), 0);
	assert_int_equal(setting_get(f->st, &f->a, "site_name", &v), 0);
	assert_string_equal(v, "新闻网");
	assert_int_equal(setting_get(f->st, &f->a, "missing", &v), 1);
	assert_int_equal(setting_set(f->st, "missing", ""), 0);
	assert_int_equal(setting_get(f->st, &f->a, "missing", &v), 0);
	assert_string_equal(v, "");
	/* The schema's limits hold. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(setting_set(f->st, "site_tagline", big), -1);
	assert_int_equal(setting_set(f->st, "", "x"), -1);
	assert_int_equal(setting_get(f->st, &f->a, "site_tagline", &v), 0);
	assert_string_equal(v, "News and activities");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_count_and_list, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_get_and_neighbours, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_insert_refused, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_sections, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_settings, unit_store_setup, unit_store_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
