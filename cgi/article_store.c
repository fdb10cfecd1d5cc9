/* article_store.c: typed article queries over the statement table. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "arena.h"
#include "article_store.h"
#include "list_anchors.h"
#include "store.h"

static int
count_rows(struct store *s, enum stmt_id id, long long section_id, long *count)
{
	sqlite3_stmt *st = store_stmt(s, id);
	int rc;

	if (id == STMT_ARTICLE_COUNT_SECTION)
		sqlite3_bind_int64(st, 1, section_id);
	/* A count from section_stats; see sql/001_initial.sql. */
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		store_log_error(s, "article_count");
		sqlite3_reset(st);
		return -1;
	}
	*count = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int
article_count(struct store *s, long long section_id, long *count)
{
	return count_rows(s, section_id ? STMT_ARTICLE_COUNT_SECTION :
	    STMT_ARTICLE_COUNT_ALL, section_id, count);
}

int
article_summary_read(struct arena *a, sqlite3_stmt *st, struct article_summary *out)
{
	out->id = sqlite3_column_int64(st, 0);
	out->section_id = sqlite3_column_int64(st, 1);
	out->title = store_column_text(a, st, 2);
	out->author = store_column_text(a, st, 3);
	out->published_on = store_column_text(a, st, 4);
	out->excerpt = store_column_text(a, st, 5);
	/* Public lists hold published articles only; others say otherwise. */
	out->status = "published";
	out->views = 0;
	return out->title && out->author && out->published_on && out->excerpt ? 0 : -1;
}

/* The list statement for SECTION_ID: all articles, one leaf section, or a
 * section with the sections below it. */
static int
list_statement(struct store *s, long long section_id, enum stmt_id *id)
{
	sqlite3_stmt *st;
	int rc, children;

	if (section_id == 0) {
		*id = STMT_ARTICLE_LIST_ALL;
		return 0;
	}
	st = store_stmt(s, STMT_SECTION_HAS_CHILDREN);
	sqlite3_bind_int64(st, 1, section_id);
	rc = sqlite3_step(st);
	children = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		store_log_error(s, "article_list");
		return -1;
	}
	*id = children ? STMT_ARTICLE_LIST_SECTION : STMT_ARTICLE_LIST_LEAF;
	return 0;
}

/* Steps the bound list statement ST into at most LIMIT summaries; a
 * seventh column, when there is one, is the status, an eighth the views. */
static int
read_list(struct store *s, struct arena *a, sqlite3_stmt *st, long limit,
    struct article_summary **items, size_t *n)
{
	struct article_summary *v;
	int rc;

	if ((v = arena_alloc(a, sizeof(*v) * (size_t)limit)) == NULL) {
		sqlite3_reset(st);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < (size_t)limit) {
		struct article_summary *it = &v[(*n)++];

		if (article_summary_read(a, st, it) != 0 || (sqlite3_column_count(st) > 6 &&
		    (it->status = store_column_text(a, st, 6)) == NULL)) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (sqlite3_column_count(st) > 7)
			it->views = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_log_error(s, "article_list");
		return -1;
	}
	*items = v;
	return 0;
}

int
article_list(struct store *s, struct arena *a, struct list_anchors *anchors,
    long long section_id, long offset, long limit,
    struct article_summary **items, size_t *n)
{
	sqlite3_stmt *st;
	enum stmt_id id;
	struct list_key key = LIST_KEY_START;
	long rest = offset;

	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return 0;
	if (list_statement(s, section_id, &id) != 0)
		return -1;
	if (id != STMT_ARTICLE_LIST_SECTION && list_anchors_find(anchors, s,
	    id == STMT_ARTICLE_LIST_ALL ? 0 : section_id, offset, &key, &rest) != 0)
		return -1;
	st = store_stmt(s, id);
	sqlite3_bind_int64(st, 1, section_id);
	sqlite3_bind_text(st, 2, key.date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, key.id);
	sqlite3_bind_int64(st, 4, limit);
	sqlite3_bind_int64(st, 5, rest);
	return read_list(s, a, st, limit, items, n);
}

int
article_count_any(struct store *s, long *count)
{
	return count_rows(s, STMT_ARTICLE_COUNT_ANY, 0, count);
}

int
article_list_any(struct store *s, struct arena *a, long offset, long limit,
    struct article_summary **items, size_t *n)
{
	sqlite3_stmt *st;

	*items = NULL;
	*n = 0;
	if (limit <= 0)
		return 0;
	st = store_stmt(s, STMT_ARTICLE_LIST_ANY);
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	return read_list(s, a, st, limit, items, n);
}

int
article_get(struct store *s, struct arena *a, long long id, struct article *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_GET);
	int rc, ret = 0;

	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		ret = 1;
	else if (rc != SQLITE_ROW) {
		store_log_error(s, "article_get");
		ret = -1;
	} else {
		out->body = store_column_text(a, st, 6);
		out->created_at = sqlite3_column_int64(st, 8);
		out->updated_at = sqlite3_column_int64(st, 9);
		out->source = store_column_text(a, st, 10);
		if (article_summary_read(a, st, &out->s) != 0 || !out->body ||
		    !out->source || (out->s.status = store_column_text(a, st, 7)) == NULL)
			ret = -1;
		out->s.views = sqlite3_column_int64(st, 11);
	}
	sqlite3_reset(st);
	return ret;
}

static int
neighbour(struct store *s, struct arena *a, enum stmt_id id,
    const struct article *art, struct article_link *out)
{
	sqlite3_stmt *st = store_stmt(s, id);
	int rc, ret = 0;

	out->id = 0;
	out->title = NULL;
	sqlite3_bind_int64(st, 1, art->s.section_id);
	sqlite3_bind_text(st, 2, art->s.published_on, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, art->s.id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		if ((out->title = store_column_text(a, st, 1)) == NULL)
			ret = -1;
	} else if (rc != SQLITE_DONE) {
		store_log_error(s, "article_neighbours");
		ret = -1;
	}
	sqlite3_reset(st);
	return ret;
}

int
article_neighbours(struct store *s, struct arena *a, const struct article *art,
    struct article_link *older, struct article_link *newer)
{
	if (neighbour(s, a, STMT_ARTICLE_OLDER, art, older) != 0)
		return -1;
	return neighbour(s, a, STMT_ARTICLE_NEWER, art, newer);
}

/* Binds the fields every writer of an article sets to ?2 .. ?8 of ST, in
 * the order of STMT_ARTICLE_INSERT and STMT_ARTICLE_UPDATE. */
static void
bind_fields(sqlite3_stmt *st, const struct article_input *in)
{
	sqlite3_bind_int64(st, 2, in->section_id);
	sqlite3_bind_text(st, 3, in->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, in->author, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, in->published_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, in->excerpt, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, in->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, in->status, -1, SQLITE_STATIC);
}

int
article_insert(struct store *s, const struct article_input *in, long long *id)
{
	long long now = (long long)time(NULL);

	return article_insert_as(s, in, 0, now, now, id);
}

int
article_insert_as(struct store *s, const struct article_input *in,
    long long want, long long created_at, long long updated_at, long long *id)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_INSERT);

	sqlite3_bind_int64(st, 1, want);
	bind_fields(st, in);
	if (in->import_hash != NULL)
		sqlite3_bind_text(st, 9, in->import_hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 10, created_at);
	sqlite3_bind_int64(st, 11, updated_at);
	sqlite3_bind_text(st, 12, in->source ? in->source : "", -1, SQLITE_STATIC);
	if (store_run(s, st, "article_insert") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

int
article_publish_ids(struct store *s, const long long *ids, size_t n)
{
	sqlite3_stmt *st;
	char *list, *p;
	int rc;

	if (n == 0)
		return 0;
	if ((list = malloc(n * 22 + 3)) == NULL)
		return -1;
	p = list;
	*p++ = '[';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s%lld", i ? "," : "", ids[i]);
	*p++ = ']';
	*p = '\0';
	st = store_stmt(s, STMT_ARTICLE_PUBLISH_IDS);
	sqlite3_bind_text(st, 1, list, -1, SQLITE_STATIC);
	rc = store_run(s, st, "article_publish_ids");
	free(list);
	return rc;
}

int
article_update(struct store *s, long long id, const struct article_input *in)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_UPDATE);

	sqlite3_bind_int64(st, 1, id);
	bind_fields(st, in);
	sqlite3_bind_int64(st, 9, (sqlite3_int64)time(NULL));
	sqlite3_bind_text(st, 10, in->source ? in->source : "", -1, SQLITE_STATIC);
	if (store_run(s, st, "article_update") != 0)
		return -1;
	return sqlite3_changes(store_db(s)) > 0 ? 0 : 1;
}

int
article_delete(struct store *s, long long id)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_DELETE);

	sqlite3_bind_int64(st, 1, id);
	if (store_run(s, st, "article_delete") != 0)
		return -1;
	return sqlite3_changes(store_db(s)) > 0 ? 0 : 1;
}

int
article_by_import_hash(struct store *s, const char *hash, long long *id)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ARTICLE_BY_IMPORT_HASH);
	int rc, ret = 1;

	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		ret = 0;
	} else if (rc != SQLITE_DONE) {
		store_log_error(s, "article_by_import_hash");
		ret = -1;
	}
	sqlite3_reset(st);
	return ret;
}
