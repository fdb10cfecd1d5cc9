/* test_importer.c: cgi/importer.h, one file at a time, against an
 * in-memory database and a scratch folder under /tmp (import_fixture.h):
 * a second import of a file is a no-op, a failed import leaves no
 * article, section or media behind, photos are stored by content hash and
 * referenced from the body, a file that only claims to be a JPEG is
 * refused, and the real seed files import. Batches: test_import_batch.c. */
#include "import_fixture.h"

#include <dirent.h>
#include <errno.h>

#include "article_store.h"
#include "importer.h"
#include "media_store.h"
#include "section_store.h"

#define PHOTO	"sql/seeds/004_47b76614c58ea80e/1.jpg"
#define NBSP	"\xc2\xa0"
#define SVG	"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n"
#define ARTICLE	"Now:HOME > SERVICE >Activities\nA headline\n" \
		"Author:管理员" NBSP NBSP "Addtime:2024-05-06\n\n" \
		NBSP NBSP "First *paragraph* of 1. text.\n\n"

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
int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_photo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_fake_photo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_real_seeds, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
