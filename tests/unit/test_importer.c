/* test_importer.c: cgi/importer.h against an in-memory database and a
 * scratch folder under /tmp: a second import of a file is a no-op, a
 * failed import leaves no article, section or media behind, photos are
 * stored by content hash and referenced from the body, a file that only
 * claims to be a JPEG is refused, and the real seed files import. Batches:
 * a broken file in the middle leaves nothing of itself and stops no other
 * file, a file given twice is added once, batches follow one another as
 * `gazette import` runs them, every article ends published and searchable,
 * FTS5's hashsize is as it was (or its default), and a failed commit
 * claims no article. */
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <sodium.h>
#include <sys/stat.h>

#include "arena.h"
#include "article_store.h"
#include "importer.h"
#include "media_store.h"
#include "section_store.h"
#include "store.h"

#define PHOTO	"sql/seeds/004_47b76614c58ea80e/1.jpg"
#define NBSP	"\xc2\xa0"
#define SVG	"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n"
#define ARTICLE	"Now:HOME > SERVICE >Activities\nA headline\n" \
		"Author:管理员" NBSP NBSP "Addtime:2024-05-06\n\n" \
		NBSP NBSP "First *paragraph* of 1. text.\n\n"

struct fixture {
	sqlite3		*db;
	struct store	*st;
	struct arena	 a;
	char		 dir[64];	/* scratch folder */
	char		 media[128];	/* DIR/media, made by the importer */
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL || sodium_init() < 0)
		return -1;
	f->db = unit_db_open();
	if ((f->st = store_open(f->db)) == NULL)
		return -1;
	arena_init(&f->a);
	snprintf(f->dir, sizeof(f->dir), "/tmp/gazette-unit-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->media, sizeof(f->media), "%s/media", f->dir);
	*state = f;
	return 0;
}

static int
remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	int rc = nftw(f->dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);

	arena_release(&f->a);
	store_close(f->st);
	db_close(f->db);
	free(f);
	return rc;
}

/* DIR/NAME in the fixture's arena. */
static const char *
in_dir(struct fixture *f, const char *name)
{
	const char *p = arena_printf(&f->a, "%s/%s", f->dir, name);

	assert_non_null(p);
	return p;
}

static long long
count_rows(struct fixture *f, const char *table)
{
	const char *sql = arena_printf(&f->a, "SELECT count(*) FROM %s", table);
	sqlite3_stmt *st;
	long long n = -1;

	assert_int_equal(sqlite3_prepare_v2(f->db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Entries in DIR other than . and ..; 0 when DIR does not exist. */
static size_t
count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (d == NULL) {
		assert_int_equal(errno, ENOENT);
		return 0;
	}
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

/* The name media_save gives DATA: <BLAKE2b-128 hex>.jpg. */
static void
jpeg_name(const char *data, size_t len, char name[MEDIA_NAME_MAX])
{
	unsigned char hash[16];
	char hex[33];

	crypto_generichash(hash, sizeof(hash), (const unsigned char *)data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	snprintf(name, MEDIA_NAME_MAX, "%s.jpg", hex);
}

static void
test_import_twice(void **state)
{
	struct fixture *f = *state;
	const char *path = in_dir(f, "article.txt");
	struct article art;
	struct section *trail;
	long long id = 0, id2 = 0;
	size_t n;

	unit_write_file(path, ARTICLE "Second one.\n", strlen(ARTICLE "Second one.\n"));
	assert_int_equal(import_file(f->st, path, f->media, &id), IMPORT_ADDED);
	assert_true(id > 0);
	assert_int_equal(article_get(f->st, &f->a, id, &art), 0);
	assert_string_equal(art.s.title, "A headline");
	assert_string_equal(art.s.author, "管理员");
	assert_string_equal(art.s.published_on, "2024-05-06");
	assert_string_equal(art.s.status, "published");
	/* The body is CommonMark that shows the text as written. */
	assert_string_equal(art.body, "First \\*paragraph\\* of 1. text.\n\nSecond one.");
	assert_string_equal(art.s.excerpt, "First *paragraph* of 1. text. Second one.");
	assert_int_equal(art.s.section_id, 3);
	assert_int_equal(section_path(f->st, &f->a, art.s.section_id, &trail, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(trail[2].title, "Activities");

	assert_int_equal(import_file(f->st, path, f->media, &id2), IMPORT_UNCHANGED);
	assert_int_equal(id2, id);
	assert_int_equal(count_rows(f, "article"), 1);
	assert_int_equal(count_rows(f, "section"), 3);
	assert_int_equal(count_files(f->media), 0);
}

/* Failures leave nothing behind: no article, no new section (created
 * inside the failed transaction), no media file. */
static void
test_import_failures(void **state)
{
	static const char *const bad[] = {
		"Now:HOME > Brand New\nT\nAuthor:A  Addtime:2023-02-30\n\nbody\n",
		"Now:HOME > Brand New\nT\nAuthor:A  Addtime:2023-02-03\n",
		"Now:HOME > Brand New\nT\nAuthor:A  Addtime:2023-02-03\n\nx\n\n9.jpg\n",
		"Now:HOME > Brand New > Deeper\nT\nAuthor:A  Addtime:2023-02-03\n\n"
		    "x\n\nnot-here.png\n",
	};
	struct fixture *f = *state;
	const char *path = in_dir(f, "bad.txt");
	long long id = 0;

	for (size_t i = 0; i < NELEM(bad); i++) {
		unit_write_file(path, bad[i], strlen(bad[i]));
		assert_int_equal(import_file(f->st, path, f->media, &id), IMPORT_FAILED);
		assert_int_equal(count_rows(f, "article"), 0);
		assert_int_equal(count_rows(f, "section"), 3);
		assert_int_equal(count_rows(f, "media"), 0);
	}
	/* No such file, and a folder instead of a file. */
	assert_int_equal(import_file(f->st, in_dir(f, "missing.txt"), f->media, &id),
	    IMPORT_FAILED);
	assert_int_equal(import_file(f->st, f->dir, f->media, &id), IMPORT_FAILED);
	/* The store still works after the rollbacks. */
	unit_write_file(path, ARTICLE, strlen(ARTICLE));
	assert_int_equal(import_file(f->st, path, f->media, &id), IMPORT_ADDED);
	assert_int_equal(count_rows(f, "article"), 1);
	assert_int_equal(count_files(f->media), 0);
}

/* A photo beside the file, and one in the folder named like the file:
 * both stored once under their hash and referenced as /media/NAME. */
static void
test_import_photo(void **state)
{
	struct fixture *f = *state;
	const char *text = ARTICLE "1.jpg\n\nAfter the photo.\n";
	char name[MEDIA_NAME_MAX], *jpeg, *stored;
	const char *ref, *path;
	struct article art;
	size_t jlen, slen;
	long long id = 0, id2 = 0;

	jpeg = unit_read_file(unit_src(PHOTO), &jlen);
	jpeg_name(jpeg, jlen, name);
	ref = arena_printf(&f->a, "\n\n![Photo 1](/media/%s)\n\n", name);

	unit_write_file(in_dir(f, "1.jpg"), jpeg, jlen);
	path = in_dir(f, "story.txt");
	unit_write_file(path, text, strlen(text));
	assert_int_equal(import_file(f->st, path, f->media, &id), IMPORT_ADDED);
	assert_int_equal(article_get(f->st, &f->a, id, &art), 0);
	assert_non_null(strstr(art.body, ref));
	assert_string_equal(art.s.excerpt, "First *paragraph* of 1. text. After the photo.");
	assert_int_equal(count_files(f->media), 1);
	stored = unit_read_file(arena_printf(&f->a, "%s/%s", f->media, name), &slen);
	assert_int_equal(slen, jlen);
	assert_memory_equal(stored, jpeg, jlen);
	free(stored);

	/* The same photo from the folder named like a second article. */
	assert_int_equal(mkdir(in_dir(f, "other"), 0755), 0);
	unit_write_file(in_dir(f, "other/1.jpg"), jpeg, jlen);
	path = in_dir(f, "other.txt");
	unit_write_file(path, "Now:HOME\nOther\nAuthor:B Addtime:2024-01-01\n1.jpg\n",
	    strlen("Now:HOME\nOther\nAuthor:B Addtime:2024-01-01\n1.jpg\n"));
	assert_int_equal(import_file(f->st, path, f->media, &id2), IMPORT_ADDED);
	assert_int_equal(article_get(f->st, &f->a, id2, &art), 0);
	assert_string_equal(art.body, arena_printf(&f->a, "![Photo 1](/media/%s)", name));
	assert_string_equal(art.s.excerpt, "");
	assert_int_equal(art.s.section_id, SECTION_ROOT_ID);
	assert_int_equal(count_files(f->media), 1);
	assert_int_equal(count_rows(f, "media"), 1);
	free(jpeg);
}

/* photo.jpg that holds text is refused by content, and nothing is kept. */
static void
test_import_fake_photo(void **state)
{
	struct fixture *f = *state;
	const char *text = ARTICLE "photo.jpg\n";
	const char *path = in_dir(f, "fake.txt");
	long long id = 0;

	unit_write_file(in_dir(f, "photo.jpg"), "just some text\n", 15);
	unit_write_file(path, text, strlen(text));
	assert_int_equal(import_file(f->st, path, f->media, &id), IMPORT_FAILED);
	assert_int_equal(count_rows(f, "article"), 0);
	assert_int_equal(count_rows(f, "media"), 0);
	assert_int_equal(count_files(f->media), 0);
	/* An empty file and an SVG image fare no better. */
	unit_write_file(in_dir(f, "photo.jpg"), "", 0);
	assert_int_equal(import_file(f->st, path, f->media, &id), IMPORT_FAILED);
	unit_write_file(in_dir(f, "photo.jpg"), SVG, strlen(SVG));
	assert_int_equal(import_file(f->st, path, f->media, &id), IMPORT_FAILED);
	assert_int_equal(count_files(f->media), 0);
	assert_int_equal(count_rows(f, "article"), 0);
}

/* The five real seed files import from sql/seeds; 004 has two photos. */
static void
test_import_real_seeds(void **state)
{
	static const char *const files[] = {
		"sql/seeds/000_150fa79d29bbea35.txt", "sql/seeds/001_8433893753bd2d20.txt",
		"sql/seeds/002_f6e0c60388831633.txt", "sql/seeds/003_fe97e37df20c1484.txt",
		"sql/seeds/004_47b76614c58ea80e.txt",
	};
	struct fixture *f = *state;
	struct article art;
	long long id = 0;
	long count;

	for (size_t i = 0; i < NELEM(files); i++) {
		const char *path = arena_strdup(&f->a, unit_src(files[i]));

		assert_int_equal(import_file(f->st, path, f->media, &id), IMPORT_ADDED);
		assert_int_equal(article_get(f->st, &f->a, id, &art), 0);
		assert_int_equal(art.s.section_id, 3);
		assert_true(strlen(art.s.excerpt) > 0);
		assert_null(strstr(art.s.excerpt, "Photo"));
	}
	assert_non_null(strstr(art.body, "![Photo 1](/media/"));
	assert_non_null(strstr(art.body, "![Photo 2](/media/"));
	assert_int_equal(count_files(f->media), 2);
	assert_int_equal(count_rows(f, "media"), 2);
	assert_int_equal(article_count(f->st, 3, &count), 0);
	assert_int_equal(count, 5);
	for (size_t i = 0; i < NELEM(files); i++)
		assert_int_equal(import_file(f->st, unit_src(files[i]), f->media, &id),
		    IMPORT_UNCHANGED);
	assert_int_equal(count_rows(f, "article"), 5);
}

/* The number of published articles the search index finds TERM in. */
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
		cmocka_unit_test_setup_teardown(test_import_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_photo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_fake_photo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_real_seeds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_broken_middle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_sequence, setup, teardown),
		cmocka_unit_test_setup_teardown(test_batch_commit_fails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_in_transaction, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
