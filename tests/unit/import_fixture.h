/* import_fixture.h: what the importer's unit tests share (test_importer.c,
 * test_import_batch.c): an in-memory database migrated to the latest
 * schema, its store, an arena, and a scratch folder under /tmp that the
 * teardown removes. */
#ifndef GAZETTE_IMPORT_FIXTURE_H
#define GAZETTE_IMPORT_FIXTURE_H

#include "unit.h"

#include <ftw.h>
#include <sodium.h>
#include <sys/stat.h>

#include "arena.h"
#include "store.h"

struct fixture {
	sqlite3		*db;
	struct store	*st;
	struct arena	 a;
	char		 dir[64];	/* scratch folder */
	char		 media[128];	/* DIR/media, made by the importer */
};

static inline int
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

static inline int
remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(path);
}

static inline int
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
static inline const char *
in_dir(struct fixture *f, const char *name)
{
	const char *p = arena_printf(&f->a, "%s/%s", f->dir, name);

	assert_non_null(p);
	return p;
}

static inline long long
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


#endif
