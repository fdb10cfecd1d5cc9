/* unit.h: included first by every unit test program. It pulls in cmocka
 * with the headers cmocka needs before it, and holds the few helpers that
 * more than one test shares (an in-memory database, reading a file of the
 * source tree). Tests run from the repository root, as `make test` does;
 * GAZETTE_SRCDIR overrides that. */
#ifndef GAZETTE_UNIT_H
#define GAZETTE_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "store.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* PATH (relative to the repository root) in a static buffer. */
static inline const char *
unit_src(const char *path)
{
	static char buf[4096];
	const char *root = getenv("GAZETTE_SRCDIR");

	int n = snprintf(buf, sizeof(buf), "%s/%s", root ? root : ".", path);

	assert_true(n > 0 && (size_t)n < sizeof(buf));
	return buf;
}

/* The whole of the file at PATH, malloc'd and NUL-terminated; the test
 * fails when it cannot be read. */
static inline char *
unit_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	assert_true(size >= 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	buf[size] = '\0';
	*len = (size_t)size;
	return buf;
}

/* Writes LEN bytes of DATA to PATH; the test fails when it cannot. */
static inline void
unit_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* A fresh in-memory database at the latest schema. */
static inline sqlite3 *
unit_db_open(void)
{
	sqlite3 *db = db_open(":memory:", DB_CREATE);

	assert_non_null(db);
	assert_int_equal(db_migrate(db), 0);
	assert_int_equal(db_check_version(db, ":memory:"), 0);
	return db;
}

/* The integer the one row of SQL (no parameters) gives: a count or a
 * pragma's value. No row fails the test. */
static inline long long
unit_db_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* A fresh in-memory database with its prepared statements and an arena:
 * the fixture of the store tests (cmocka setup and teardown). */
struct store_fixture {
	sqlite3		*db;
	struct store	*st;
	struct arena	 a;
};

/* Makes the fixture around DB (migrated; NULL fails the setup). */
static inline int
unit_store_fixture(void **state, sqlite3 *db)
{
	struct store_fixture *f = calloc(1, sizeof(*f));

	if (f == NULL || db == NULL || (f->st = store_open(db)) == NULL)
		return -1;
	f->db = db;
	arena_init(&f->a);
	*state = f;
	return 0;
}

static inline int
unit_store_setup(void **state)
{
	if (sodium_init() < 0)
		return -1;
	return unit_store_fixture(state, unit_db_open());
}

static inline int
unit_store_teardown(void **state)
{
	struct store_fixture *f = *state;

	arena_release(&f->a);
	store_close(f->st);
	db_close(f->db);
	free(f);
	return 0;
}

/* The same fixture on a database file in a new folder under /tmp, so a
 * second connection can open it (and hold its write lock). */
static inline int
unit_file_store_setup(void **state)
{
	char dir[64] = "/tmp/gazette-unit-XXXXXX", path[128];
	sqlite3 *db;

	if (sodium_init() < 0 || mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/unit.db", dir);
	if ((db = db_open(path, DB_CREATE)) == NULL || db_migrate(db) != 0)
		return -1;
	return unit_store_fixture(state, db);
}

/* Closes the fixture and removes its file, the -wal and -shm files and
 * the folder. */
static inline int
unit_file_store_teardown(void **state)
{
	struct store_fixture *f = *state;
	char db[128], side[140];

	snprintf(db, sizeof(db), "%s", sqlite3_db_filename(f->db, "main"));
	unit_store_teardown(state);
	snprintf(side, sizeof(side), "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", db);
	unlink(side);
	unlink(db);
	*strrchr(db, '/') = '\0';
	rmdir(db);
	return 0;
}

#endif
