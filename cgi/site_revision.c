/* site_revision.c: reading and bumping the site revision. Writes to
 * articles, sections and settings bump it by trigger; only the program
 * bumps it for what lives outside the database (templates, the binary). */
#include <sqlite3.h>

#include "site_revision.h"
#include "store.h"

int
site_revision_get(struct store *store, struct site_revision *r)
{
	sqlite3_stmt *st = store_stmt(store, STMT_REVISION_GET);
	int rc = sqlite3_step(st);

	if (rc != SQLITE_ROW) {
		store_log_error(store, "reading the site revision");
		sqlite3_reset(st);
		return -1;
	}
	r->revision = sqlite3_column_int64(st, 0);
	r->changed_at = sqlite3_column_int64(st, 1);
	sqlite3_reset(st);
	return 0;
}

int
site_revision_bump(struct store *store)
{
	return store_run(store, store_stmt(store, STMT_REVISION_BUMP),
	    "bumping the site revision");
}
