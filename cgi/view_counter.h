/* view_counter.h: page views of articles, counted in a worker's memory and
 * written in batches, so that a reader's page view costs no write
 * transaction (readers' pages take no locks; STYLE.md 9).
 *
 * Each worker holds a small fixed table of {article id, views}. It writes
 * the table to article_views (sql/004) in ONE transaction when
 * VIEW_FLUSH_VIEWS views are pending, or when the oldest pending view is
 * VIEW_FLUSH_AGE_MS old (checked by view_counter_tick after each request),
 * when the table is full, and when the worker stops (view_counter_close).
 * A flush that fails (the database is busy, the disk is full) keeps the
 * counts for the next try, logs once until a flush succeeds again, and is
 * retried no sooner than VIEW_RETRY_MS later; it never fails a request.
 *
 * What is lost: the pending views of a worker that is killed rather than
 * stopped (at most VIEW_FLUSH_VIEWS, or VIEW_FLUSH_AGE_MS of them), and
 * views counted while the table is full and the database refuses writes.
 * Pages show the flushed count only, the same in every worker. */
#ifndef GAZETTE_VIEW_COUNTER_H
#define GAZETTE_VIEW_COUNTER_H

struct store;
struct view_counter;

#define VIEW_SLOTS		128	/* distinct articles held between flushes */
#define VIEW_FLUSH_VIEWS	100	/* pending views that make a flush due */
#define VIEW_FLUSH_AGE_MS	10000	/* age of the oldest pending view, likewise */
#define VIEW_FLUSH_BUSY_MS	100	/* wait for the write lock after a request */
#define VIEW_RETRY_MS		2000	/* no new try sooner after a failure */

/* The defaults above, changed by tests. A zero field means its default. */
struct view_limits {
	unsigned	 slots;
	unsigned	 flush_views;
	long long	 flush_age_ms;
	long long	(*clock_ms)(void);	/* monotonic milliseconds */
};

/* A counter writing through S (borrowed; must outlive the counter), with
 * LIMITS or the defaults (NULL). NULL when out of memory (logged). */
struct view_counter	*view_counter_open(struct store *s, const struct view_limits *);
/* Flushes what is pending, waiting as long as any writer does, then frees
 * the counter; NULL is ignored. */
void	view_counter_close(struct view_counter *);
/* One more view of ARTICLE_ID. Never fails a request: a full table is
 * flushed first; when that fails too, the view is dropped (logged once).
 * VC may be NULL (nothing counted). */
void	view_counter_add(struct view_counter *vc, long long article_id);
/* Flushes when a flush is due (see above): 0 when nothing was due or the
 * flush worked, -1 when it failed. Call it between requests. */
int	view_counter_tick(struct view_counter *);
/* Writes every pending count in one transaction, waiting at most BUSY_MS
 * for the write lock: 0 (also when nothing is pending), or -1 with the
 * counts kept. Refused (-1) inside an open transaction. */
int	view_counter_flush(struct view_counter *, int busy_ms);
/* Views counted and not yet written, in all / of ARTICLE_ID. */
long long	view_counter_pending(const struct view_counter *);
long long	view_counter_pending_of(const struct view_counter *, long long article_id);
/* Views dropped since the counter opened (table full, flush failing). */
long long	view_counter_dropped(const struct view_counter *);

#endif
