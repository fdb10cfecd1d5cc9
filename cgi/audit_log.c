/* audit_log.c: the audit_log table (see audit_log.h). */
#include "arena.h"
#include "audit_log.h"
#include "store.h"

int
audit_record(struct store *s, long long now, const char *user_name,
    const char *action, long long article_id, const char *detail)
{
	sqlite3_stmt *st = store_stmt(s, STMT_AUDIT_INSERT);

	sqlite3_bind_int64(st, 1, now);
	sqlite3_bind_text(st, 2, user_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	if (article_id > 0)
		sqlite3_bind_int64(st, 4, article_id);
	sqlite3_bind_text(st, 5, detail ? detail : "", -1, SQLITE_STATIC);
	return store_run(s, st, "audit_record");
}

int
audit_recent(struct store *s, struct arena *a, size_t limit,
    struct audit_entry **items, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_AUDIT_RECENT);
	struct audit_entry *out;
	int rc = SQLITE_DONE;

	*n = 0;
	if ((out = arena_alloc(a, (limit ? limit : 1) * sizeof(*out))) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_entry *e = &out[*n];

		e->at = sqlite3_column_int64(st, 0);
		e->user_name = store_column_text(a, st, 1);
		e->action = store_column_text(a, st, 2);
		e->article_id = sqlite3_column_int64(st, 3);
		e->detail = store_column_text(a, st, 4);
		if (!e->user_name || !e->action || !e->detail) {
			sqlite3_reset(st);
			return -1;
		}
		(*n)++;
	}
	if (*n < limit && rc != SQLITE_DONE) {
		store_log_error(s, "audit_recent");
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	*items = out;
	return 0;
}
