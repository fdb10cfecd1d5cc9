/* feed_store.c: the queries behind feeds and the sitemap (see
 * feed_store.h). */
#include "arena.h"
#include "feed_store.h"
#include "store.h"

int
feed_entries(struct store *s, struct arena *a, long long section_id,
    size_t limit, struct feed_entry **items, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, section_id ? STMT_FEED_SECTION : STMT_FEED_ALL);
	struct feed_entry *v = arena_alloc(a, sizeof(*v) * (limit ? limit : 1));
	int rc = SQLITE_DONE;

	*n = 0;
	if (v == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, section_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct feed_entry *e = &v[(*n)++];

		e->body = store_column_text(a, st, 6);
		e->updated_at = sqlite3_column_int64(st, 7);
		if (article_summary_read(a, st, &e->s) != 0 || !e->body) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_log_error(s, "feed_entries");
		return -1;
	}
	*items = v;
	return 0;
}

int
sitemap_entries(struct store *s, struct arena *a, size_t limit,
    struct sitemap_entry **items, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SITEMAP_ARTICLES);
	struct sitemap_entry *v = arena_alloc(a, sizeof(*v) * (limit ? limit : 1));
	int rc = SQLITE_DONE;

	*n = 0;
	if (v == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)limit);
	while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		v[*n].id = sqlite3_column_int64(st, 0);
		v[*n].updated_at = sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_log_error(s, "sitemap_entries");
		return -1;
	}
	*items = v;
	return 0;
}
