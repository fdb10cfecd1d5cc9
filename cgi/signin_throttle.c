/* signin_throttle.c: per-account and per-address failure counts in the
 * signin_failure table (see signin_throttle.h). */
#include "signin_throttle.h"
#include "store.h"

/* Seconds until KEY in SCOPE may try again: 0 when not blocked, -1 on
 * error. */
static long
blocked_for(struct store *s, const char *scope, const char *key, long long now)
{
	sqlite3_stmt *st = store_stmt(s, STMT_FAILURE_GET);
	long wait = 0;
	int rc;

	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long until = sqlite3_column_int64(st, 2);

		if (until > now)
			wait = (long)(until - now);
	} else if (rc != SQLITE_DONE) {
		store_log_error(s, "throttle_check");
		wait = -1;
	}
	sqlite3_reset(st);
	return wait;
}

int
throttle_check(struct store *s, const char *user, const char *addr,
    long long now, long *retry_after)
{
	long u, a;

	if ((u = blocked_for(s, "user", user, now)) < 0 ||
	    (a = blocked_for(s, "addr", addr, now)) < 0)
		return -1;
	*retry_after = u > a ? u : a;
	return *retry_after > 0 ? 1 : 0;
}

static int
record(struct store *s, const char *scope, const char *key, int limit,
    long long now)
{
	sqlite3_stmt *st = store_stmt(s, STMT_FAILURE_RECORD);

	sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int(st, 4, limit);
	sqlite3_bind_int64(st, 5, now + THROTTLE_BLOCK_SECONDS);
	sqlite3_bind_int64(st, 6, now - THROTTLE_WINDOW_SECONDS);
	return store_run(s, st, "throttle_failure");
}

int
throttle_failure(struct store *s, const char *user, const char *addr,
    long long now)
{
	sqlite3_stmt *st;

	if (record(s, "user", user, THROTTLE_USER_FAILURES, now) != 0 ||
	    record(s, "addr", addr, THROTTLE_ADDR_FAILURES, now) != 0)
		return -1;
	/* Keys that stopped failing long ago are dropped, so guessing at
	 * made-up names cannot grow the table without end. */
	st = store_stmt(s, STMT_FAILURE_PURGE);
	sqlite3_bind_int64(st, 1, now - THROTTLE_WINDOW_SECONDS);
	sqlite3_bind_int64(st, 2, now);
	return store_run(s, st, "throttle_failure: purge");
}

int
throttle_success(struct store *s, const char *user)
{
	sqlite3_stmt *st = store_stmt(s, STMT_FAILURE_CLEAR);

	sqlite3_bind_text(st, 1, "user", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, user, -1, SQLITE_STATIC);
	return store_run(s, st, "throttle_success");
}
