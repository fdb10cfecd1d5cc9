/* test_backup.c: a backup folder's MANIFEST (cgi/backup_manifest.h):
 * written and read back the same; a folder that matches it passes, and a
 * changed byte, a changed size, a missing file or an extra one (at the
 * top or among the photos) is each named; every kind of malformed line is
 * refused with its line number; only photos' names are taken. And the
 * database copy (cgi/backup.h): a single file that never replaces one,
 * and the copy db_migrate keeps before an upgrade, which fails whole. */
#include "unit.h"

#include <sys/stat.h>

#include "backup.h"
#include "backup_manifest.h"

#define PHOTO_A	"0123456789abcdef0123456789abcdef.jpg"
#define PHOTO_B	"fedcba9876543210fedcba9876543210.png"
#define HASH0	"0000000000000000000000000000000000000000000000000000000000000000"

struct folder {
	char	dir[64];
	char	errs[8192];
};

static const char *
in(struct folder *f, const char *rel)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/%s", f->dir, rel);
	return path;
}

/* Writes REL in the folder and adds it, with its hash, to M. */
static void
add_file(struct folder *f, struct manifest *m, const char *rel, const char *text)
{
	unsigned char hash[BACKUP_HASH_BYTES];

	unit_write_file(in(f, rel), text, strlen(text));
	crypto_generichash(hash, sizeof(hash), (const unsigned char *)text,
	    strlen(text), NULL, 0);
	assert_int_equal(manifest_add(m, rel, (long long)strlen(text), hash), 0);
}

/* A folder as `gazette backup` leaves it: gazette.db, two photos and the
 * MANIFEST; M holds what was read back from the file. */
static int
setup(void **state)
{
	struct folder *f = calloc(1, sizeof(*f));
	struct manifest w;

	if (f == NULL || sodium_init() < 0)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/gazette-backup-XXXXXX");
	if (mkdtemp(f->dir) == NULL || mkdir(in(f, "media"), 0700) != 0)
		return -1;
	manifest_init(&w);
	w.schema = 5;
	snprintf(w.created, sizeof(w.created), "2025-01-31T12:00:00Z");
	add_file(f, &w, "gazette.db", "not really a database");
	add_file(f, &w, "media/" PHOTO_B, "photo b");
	add_file(f, &w, "media/" PHOTO_A, "photo a");
	assert_int_equal(manifest_write(&w, f->dir), 0);
	manifest_free(&w);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct folder *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* manifest_check of the folder: the number of problems, their text in
 * f->errs. */
static int
check(struct folder *f)
{
	struct manifest m;
	int n;

	manifest_init(&m);
	assert_int_equal(manifest_read(&m, f->dir, f->errs, sizeof(f->errs)), 0);
	n = manifest_check(&m, f->dir, f->errs, sizeof(f->errs));
	manifest_free(&m);
	return n;
}

static void
test_round_trip(void **state)
{
	struct folder *f = *state;
	const struct manifest_file *e;
	struct manifest m;

	manifest_init(&m);
	assert_int_equal(manifest_read(&m, f->dir, f->errs, sizeof(f->errs)), 0);
	assert_int_equal(m.format, 1);
	assert_int_equal(m.schema, 5);
	assert_string_equal(m.created, "2025-01-31T12:00:00Z");
	assert_int_equal(m.nfiles, 3);
	/* Sorted, so found by path whatever order they were written in. */
	assert_non_null(e = manifest_find(&m, "media/" PHOTO_A));
	assert_int_equal(e->size, strlen("photo a"));
	assert_non_null(manifest_find(&m, "gazette.db"));
	assert_null(manifest_find(&m, "media/" "00000000000000000000000000000000.jpg"));
	assert_int_equal(manifest_check(&m, f->dir, f->errs, sizeof(f->errs)), 0);
	assert_string_equal(f->errs, "");
	manifest_free(&m);
}

static void
test_changed_byte(void **state)
{
	struct folder *f = *state;

	unit_write_file(in(f, "media/" PHOTO_A), "photo A", 7);	/* same size */
	assert_int_equal(check(f), 1);
	assert_non_null(strstr(f->errs, "media/" PHOTO_A ": its content is not "
	    "what was backed up"));
}

static void
test_changed_size_and_database(void **state)
{
	struct folder *f = *state;

	unit_write_file(in(f, "gazette.db"), "not really a database!", 22);
	unit_write_file(in(f, "media/" PHOTO_B), "", 0);
	assert_int_equal(check(f), 2);
	assert_non_null(strstr(f->errs, "gazette.db: 22 bytes, the manifest says 21"));
	assert_non_null(strstr(f->errs, "media/" PHOTO_B ": 0 bytes, the manifest says 7"));
}

static void
test_missing_file(void **state)
{
	struct folder *f = *state;

	assert_int_equal(unlink(in(f, "media/" PHOTO_B)), 0);
	assert_int_equal(check(f), 1);
	assert_non_null(strstr(f->errs, "media/" PHOTO_B ": missing"));
}

static void
test_extra_files(void **state)
{
	struct folder *f = *state;

	unit_write_file(in(f, "media/00000000000000000000000000000000.gif"), "x", 1);
	unit_write_file(in(f, "gazette.db-wal"), "x", 1);
	assert_int_equal(mkdir(in(f, "other"), 0700), 0);
	assert_int_equal(check(f), 3);
	assert_non_null(strstr(f->errs, "media/00000000000000000000000000000000.gif: "
	    "not in the manifest"));
	assert_non_null(strstr(f->errs, "gazette.db-wal: not in the manifest"));
	assert_non_null(strstr(f->errs, "other: not in the manifest"));
}

static void
test_link_is_not_a_file(void **state)
{
	struct folder *f = *state;

	assert_int_equal(unlink(in(f, "media/" PHOTO_A)), 0);
	assert_int_equal(symlink("/etc/passwd", in(f, "media/" PHOTO_A)), 0);
	assert_int_equal(check(f), 1);
	assert_non_null(strstr(f->errs, "media/" PHOTO_A ": "));
}

static void
test_missing_manifest(void **state)
{
	struct folder *f = *state;
	struct manifest m;

	manifest_init(&m);
	assert_int_equal(unlink(in(f, "MANIFEST")), 0);
	assert_int_equal(manifest_read(&m, f->dir, f->errs, sizeof(f->errs)), -1);
	assert_non_null(strstr(f->errs, "cannot read"));
	assert_non_null(strstr(f->errs, "made by 'gazette backup'"));
	manifest_free(&m);
}

#define HEAD	"gazette-backup 1\nschema 5\ncreated 2025-01-31T12:00:00Z\n"
#define DB	"file 21 " HASH0 " gazette.db\n"

static void
test_malformed(void **state)
{
	static const struct {
		const char	*text;
		const char	*error;		/* "MANIFEST:LINE: ..." */
	} bad[] = {
		{ "", "MANIFEST:1: no end line" },
		{ "gazette backup 1\n", "MANIFEST:1: not a gazette backup manifest" },
		{ "gazette-backup 2\n", "MANIFEST:1: a manifest format this gazette "
		    "does not know" },
		{ "gazette-backup 01\n", "MANIFEST:1: not a gazette" },
		{ HEAD DB "end 1", "MANIFEST:5: the last line has no end" },
		{ HEAD DB, "MANIFEST:5: no end line" },
		{ HEAD DB "end 2\n", "MANIFEST:5: the end line does not count" },
		{ HEAD DB "end 1\nfile 1 " HASH0 " media/" PHOTO_A "\n",
		    "MANIFEST:6: a line after the end line" },
		{ HEAD DB "size 3\nend 1\n", "MANIFEST:5: an unknown line" },
		{ HEAD "schema 6\n" DB "end 1\n", "MANIFEST:4: a second or malformed "
		    "schema line" },
		{ "gazette-backup 1\nschema -1\n", "MANIFEST:2: a second or malformed" },
		{ "gazette-backup 1\ncreated 2025-01-31T12:00:00Z\n" DB "end 1\n",
		    "MANIFEST:4: no schema or created line" },
		{ "gazette-backup 1\ncreated \x1b[2J\n", "MANIFEST:2: a second or "
		    "malformed created line" },
		{ HEAD "file 21 " HASH0 "\nend 0\n", "MANIFEST:4: a file line is" },
		{ HEAD "file -1 " HASH0 " gazette.db\nend 1\n", "MANIFEST:4: the size "
		    "is not" },
		{ HEAD "file 1x " HASH0 " gazette.db\nend 1\n", "MANIFEST:4: the size" },
		{ HEAD "file 1 " HASH0 "0 gazette.db\nend 1\n", "MANIFEST:4: the hash" },
		{ HEAD "file 1 " "ABCDEF" HASH0 " gazette.db\n", "MANIFEST:4: the hash" },
		{ HEAD "file 1 00000000000000000000000000000000000000000000000000000000"
		    "0000000A gazette.db\n", "MANIFEST:4: the hash" },
		{ HEAD "file 1 " HASH0 " ../gazette.db\n", "MANIFEST:4: the path" },
		{ HEAD "file 1 " HASH0 " media/../../etc/passwd\n", "MANIFEST:4: the path" },
		{ HEAD "file 1 " HASH0 " media/photo.jpg\n", "MANIFEST:4: the path" },
		{ HEAD "file 1 " HASH0 " media/" PHOTO_A "/x\n", "MANIFEST:4: the path" },
		{ HEAD "file 1 " HASH0 " gazette.db \n", "MANIFEST:4: the path" },
		{ HEAD "file 1 " HASH0 " gazette.db\r\nend 1\n", "MANIFEST:4: the path" },
		{ HEAD "file 1 " HASH0 " media/" PHOTO_A "\nend 1\n",
		    "MANIFEST: does not list gazette.db" },
		{ HEAD DB DB "end 2\n", "MANIFEST: gazette.db is listed twice" },
	};
	struct manifest m;
	char err[512];

	(void)state;
	manifest_init(&m);
	for (size_t i = 0; i < NELEM(bad); i++) {
		err[0] = '\0';
		if (manifest_parse(&m, bad[i].text, strlen(bad[i].text), err,
		    sizeof(err)) != -1 || strstr(err, bad[i].error) != err) {
			print_error("case %zu: got \"%s\", want \"%s...\"\n", i, err,
			    bad[i].error);
			fail();
		}
	}
	/* A NUL byte, which strlen-based code would stop at. */
	assert_int_equal(manifest_parse(&m, HEAD DB "end 1\n\0", sizeof(HEAD DB "end 1\n"),
	    err, sizeof(err)), -1);
	assert_non_null(strstr(err, "NUL"));
	/* And the smallest good one. */
	assert_int_equal(manifest_parse(&m, HEAD DB "end 1\n", strlen(HEAD DB "end 1\n"),
	    err, sizeof(err)), 0);
	assert_int_equal(m.nfiles, 1);
	manifest_free(&m);
}

static void
test_media_names(void **state)
{
	(void)state;
	assert_true(backup_media_name(PHOTO_A));
	assert_true(backup_media_name(PHOTO_B));
	assert_true(backup_media_name("0123456789abcdef0123456789abcdef.gif"));
	assert_true(backup_media_name("0123456789abcdef0123456789abcdef.webp"));
	assert_false(backup_media_name("0123456789abcdef0123456789abcdef.jpg.41.tmp"));
	assert_false(backup_media_name("0123456789ABCDEF0123456789abcdef.jpg"));
	assert_false(backup_media_name("0123456789abcdef0123456789abcde.jpg"));
	assert_false(backup_media_name("0123456789abcdef0123456789abcdef0.jpg"));
	assert_false(backup_media_name("0123456789abcdef0123456789abcdef.jpeg"));
	assert_false(backup_media_name("0123456789abcdef0123456789abcdef.svg"));
	assert_false(backup_media_name("0123456789abcdef0123456789abcdef"));
	assert_false(backup_media_name(""));
	assert_false(backup_media_name(".."));
}

static void
test_database_copy(void **state)
{
	struct folder *f = *state;
	char live[128], copy[128];
	sqlite3 *db, *c;
	struct stat sb;

	snprintf(live, sizeof(live), "%s", in(f, "live.db"));
	snprintf(copy, sizeof(copy), "%s", in(f, "copy.db"));
	assert_non_null(db = db_open(live, DB_CREATE));
	assert_int_equal(db_migrate(db), 0);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO setting(key, value) "
	    "VALUES ('copy_test', 'kept')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(backup_database(db, copy), 0);
	/* One file, not WAL, readable alone, at the same version and rows. */
	assert_int_not_equal(stat(in(f, "copy.db-wal"), &sb), 0);
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sqlite3_open_v2(copy, &c, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(unit_db_int(c, "PRAGMA user_version"), db_schema_latest());
	assert_int_equal(unit_db_int(c, "SELECT count(*) FROM setting WHERE key = "
	    "'copy_test'"), 1);
	assert_int_equal(backup_integrity(c, copy), 0);
	sqlite3_close(c);
	/* A second copy to the same name is refused: the first one stays. */
	assert_int_equal(backup_database(db, copy), -1);
	assert_int_equal(stat(copy, &sb), 0);
	assert_true(sb.st_size > 0);
	db_close(db);
}

/* A v1 database whose next migration cannot apply: db_migrate keeps the
 * copy, applies nothing, and leaves version 1. */
static void
test_failed_upgrade_changes_nothing(void **state)
{
	struct folder *f = *state;
	char live[128], cmd[256];
	sqlite3 *db;
	size_t len;
	char *v1 = unit_read_file(unit_src("sql/001_initial.sql"), &len);

	snprintf(live, sizeof(live), "%s", in(f, "v1.db"));
	assert_non_null(db = db_open(live, DB_CREATE));
	assert_int_equal(sqlite3_exec(db, v1, NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE user(x); PRAGMA user_version=1",
	    NULL, NULL, NULL), SQLITE_OK);
	free(v1);
	assert_int_equal(db_migrate(db), -1);
	assert_int_equal(db_schema_version(db), 1);
	assert_int_equal(unit_db_int(db, "SELECT count(*) FROM sqlite_schema WHERE "
	    "name = 'session'"), 0);	/* 002 made it, and was undone */
	db_close(db);
	snprintf(cmd, sizeof(cmd), "test -f %s/v1.db.before-v%d.*.bak", f->dir,
	    db_schema_latest());
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_byte, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_size_and_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extra_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_link_is_not_a_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_manifest, setup, teardown),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_media_names),
		cmocka_unit_test_setup_teardown(test_database_copy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_upgrade_changes_nothing,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
