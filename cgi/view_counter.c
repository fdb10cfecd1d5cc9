/* view_counter.c: batched page-view counts (see view_counter.h). The table
 * is a plain array searched from the start: with VIEW_SLOTS entries that
 * is well under a microsecond, and a flush empties it all at once, so
 * there is no deletion to get right. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "log.h"
#include "store.h"
#include "view_counter.h"

struct view_slot {
	long long	 article_id;
	long long	 views;
};

struct view_counter {
	struct store		*store;
	struct view_limits	 lim;
	struct view_slot	*slots;
	unsigned		 used;		/* slots in use, from the start */
	long long		 pending;	/* views in the slots */
	long long		 oldest_ms;	/* when the first of them came */
	long long		 retry_at_ms;	/* no flush before, after a failure */
	long long		 dropped;
	unsigned		 failures;	/* flushes failed since the last success */
	int			 drop_logged;
};

static long long
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct view_counter *
view_counter_open(struct store *s, const struct view_limits *limits)
{
	struct view_counter *vc;

	if ((vc = calloc(1, sizeof(*vc))) == NULL) {
		log_error("view counter: out of memory; views are not counted");
		return NULL;
	}
	vc->store = s;
	if (limits != NULL)
		vc->lim = *limits;
	if (vc->lim.slots == 0)
		vc->lim.slots = VIEW_SLOTS;
	if (vc->lim.flush_views == 0)
		vc->lim.flush_views = VIEW_FLUSH_VIEWS;
	if (vc->lim.flush_age_ms == 0)
		vc->lim.flush_age_ms = VIEW_FLUSH_AGE_MS;
	if (vc->lim.clock_ms == NULL)
		vc->lim.clock_ms = monotonic_ms;
	if ((vc->slots = calloc(vc->lim.slots, sizeof(*vc->slots))) == NULL) {
		log_error("view counter: out of memory; views are not counted");
		free(vc);
		return NULL;
	}
	return vc;
}

void
view_counter_close(struct view_counter *vc)
{
	if (vc == NULL)
		return;
	/* The worker is stopping: wait for the lock as long as any writer,
	 * since these counts have no later chance. */
	if (vc->pending > 0 && view_counter_flush(vc, DB_BUSY_TIMEOUT_MS) != 0)
		log_error("view counter: %lld views of %u articles were not "
		    "written at exit", vc->pending, vc->used);
	free(vc->slots);
	free(vc);
}

/* The slot of ARTICLE_ID, a new one when it has none, or NULL when full. */
static struct view_slot *
slot_of(struct view_counter *vc, long long article_id)
{
	for (unsigned i = 0; i < vc->used; i++)
		if (vc->slots[i].article_id == article_id)
			return &vc->slots[i];
	if (vc->used == vc->lim.slots)
		return NULL;
	vc->slots[vc->used].article_id = article_id;
	vc->slots[vc->used].views = 0;
	return &vc->slots[vc->used++];
}

void
view_counter_add(struct view_counter *vc, long long article_id)
{
	struct view_slot *slot;
	long long now;

	if (vc == NULL || article_id <= 0)
		return;
	now = vc->lim.clock_ms();
	if ((slot = slot_of(vc, article_id)) == NULL) {
		/* Full: write it out now, unless a flush failed just before. */
		if (now >= vc->retry_at_ms &&
		    view_counter_flush(vc, VIEW_FLUSH_BUSY_MS) == 0)
			slot = slot_of(vc, article_id);
		if (slot == NULL) {
			vc->dropped++;
			if (!vc->drop_logged)
				log_error("view counter: the table is full and "
				    "cannot be written; views are dropped until "
				    "it can");
			vc->drop_logged = 1;
			return;
		}
	}
	if (vc->pending == 0)
		vc->oldest_ms = now;
	slot->views++;
	vc->pending++;
}

int
view_counter_tick(struct view_counter *vc)
{
	long long now;

	if (vc == NULL || vc->pending == 0)
		return 0;
	now = vc->lim.clock_ms();
	if (now < vc->retry_at_ms)
		return 0;
	if (vc->pending < (long long)vc->lim.flush_views &&
	    now - vc->oldest_ms < vc->lim.flush_age_ms)
		return 0;
	return view_counter_flush(vc, VIEW_FLUSH_BUSY_MS);
}

/* Logs a failed flush once per run of failures; sets the retry time. */
static void
flush_failed(struct view_counter *vc, sqlite3 *db, const char *step)
{
	if (vc->failures++ == 0)
		log_error("view counter: %s failed: %s (code %d); %lld views are "
		    "kept for the next try", step, sqlite3_errmsg(db),
		    sqlite3_extended_errcode(db), vc->pending);
	vc->retry_at_ms = vc->lim.clock_ms() + VIEW_RETRY_MS;
}

int
view_counter_flush(struct view_counter *vc, int busy_ms)
{
	sqlite3 *db;
	const char *step = NULL;

	if (vc == NULL || vc->pending == 0)
		return 0;
	db = store_db(vc->store);
	/* Inside someone's transaction our COMMIT would be theirs. */
	if (!sqlite3_get_autocommit(db))
		return -1;
	/* A flush after a request must not hold the worker for the five
	 * seconds a writer may wait: another try comes soon enough. */
	sqlite3_busy_timeout(db, busy_ms);
	if (db_begin(db) != 0)
		step = "BEGIN IMMEDIATE";
	for (unsigned i = 0; step == NULL && i < vc->used; i++) {
		sqlite3_stmt *st = store_stmt(vc->store, STMT_VIEWS_ADD);
		int rc;

		sqlite3_bind_int64(st, 1, vc->slots[i].article_id);
		sqlite3_bind_int64(st, 2, vc->slots[i].views);
		rc = sqlite3_step(st);
		if (rc != SQLITE_DONE)
			step = "writing a count";
		sqlite3_reset(st);
	}
	if (step == NULL && db_commit(db) != 0)
		step = "COMMIT";
	if (step != NULL) {
		flush_failed(vc, db, step);
		db_rollback(db);
	}
	sqlite3_busy_timeout(db, DB_BUSY_TIMEOUT_MS);
	if (step != NULL)
		return -1;
	if (vc->failures > 0)
		log_info("view counter: counts written again after %u failed "
		    "tries", vc->failures);
	vc->failures = 0;
	vc->drop_logged = 0;
	vc->retry_at_ms = 0;
	vc->used = 0;
	vc->pending = 0;
	return 0;
}

long long
view_counter_pending(const struct view_counter *vc)
{
	return vc ? vc->pending : 0;
}

long long
view_counter_pending_of(const struct view_counter *vc, long long article_id)
{
	if (vc == NULL)
		return 0;
	for (unsigned i = 0; i < vc->used; i++)
		if (vc->slots[i].article_id == article_id)
			return vc->slots[i].views;
	return 0;
}

long long
view_counter_dropped(const struct view_counter *vc)
{
	return vc ? vc->dropped : 0;
}
