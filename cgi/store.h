/* store.h: every SQL statement gazette runs, in one table, prepared once
 * per connection and always run with bound parameters. The *_store.c files
 * build typed functions on top of it. */
#ifndef GAZETTE_STORE_H
#define GAZETTE_STORE_H

#include <sqlite3.h>

enum stmt_id {
	STMT_SETTING_GET,
	STMT_SETTING_SET,
	STMT_SECTION_BY_SLUG,
	STMT_SECTION_BY_ID,
	STMT_SECTION_CHILDREN,
	STMT_SECTION_CHILD_BY_TITLE,
	STMT_SECTION_SLUG_TAKEN,
	STMT_SECTION_INSERT,
	STMT_ARTICLE_COUNT_ALL,
	STMT_ARTICLE_LIST_ALL,
	STMT_ARTICLE_COUNT_SECTION,
	STMT_ARTICLE_LIST_SECTION,
	STMT_ARTICLE_LIST_LEAF,
	STMT_ANCHOR_NEXT_ALL,
	STMT_ANCHOR_NEXT_LEAF,
	STMT_SECTION_HAS_CHILDREN,
	STMT_ARTICLE_GET,
	STMT_ARTICLE_OLDER,
	STMT_ARTICLE_NEWER,
	STMT_ARTICLE_INSERT,
	STMT_ARTICLE_BY_IMPORT_HASH,
	STMT_MEDIA_INSERT,
	/* gazette import: a batch is published at once (importer.c) */
	STMT_IMPORT_HASHSIZE_GET,
	STMT_IMPORT_HASHSIZE_SET,
	STMT_IMPORT_PUBLISH,
	STMT_ARTICLE_PUBLISH_IDS,
	/* admin: articles in every status, sections for the form */
	STMT_ARTICLE_COUNT_ANY,
	STMT_ARTICLE_LIST_ANY,
	STMT_ARTICLE_UPDATE,
	STMT_ARTICLE_DELETE,
	STMT_SECTION_ALL,
	/* accounts and sessions */
	STMT_USER_INSERT,
	STMT_USER_BY_NAME,
	STMT_USER_SET_PASSWORD,
	STMT_USER_DELETE,
	STMT_USER_LIST,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_USER,
	STMT_SESSION_PURGE,
	STMT_FAILURE_GET,
	STMT_FAILURE_RECORD,
	STMT_FAILURE_CLEAR,
	STMT_FAILURE_PURGE,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_RECENT,
	/* feeds and discovery (append here) */
	STMT_FEED_ALL,
	STMT_FEED_SECTION,
	STMT_SITEMAP_ARTICLES,
	/* search (append here) */
	STMT_SEARCH_VOCAB,
	STMT_SEARCH_COUNT_MATCH,
	STMT_SEARCH_LIST_MATCH,
	STMT_SEARCH_LIST_RECENT,
	STMT_SEARCH_LIST_FEW,
	STMT_SEARCH_COUNT_SCAN,
	STMT_SEARCH_LIST_SCAN,
	/* HTTP caching (append here) */
	STMT_REVISION_GET,
	STMT_REVISION_BUMP,
	STMT_DATA_VERSION,
	/* view counts (append here) */
	STMT_VIEWS_ADD,
	STMT__MAX
};

struct store;

/* Prepares every statement on DB (which stays owned by the caller and must
 * outlive the store). NULL after logging which statement failed. */
struct store	*store_open(sqlite3 *);
void		 store_close(struct store *);
sqlite3		*store_db(const struct store *);
/* The prepared statement ID, reset and with its bindings cleared. */
sqlite3_stmt	*store_stmt(struct store *, enum stmt_id);
/* Steps ST (a bound statement that returns no rows) to the end and resets
 * it: 0 when done, -1 after logging the error with CONTEXT. */
int		 store_run(struct store *, sqlite3_stmt *st, const char *context);
struct arena;
/* A copy of text column COL of ST's current row in arena A ("" for NULL),
 * or NULL when out of memory. */
const char	*store_column_text(struct arena *a, sqlite3_stmt *st, int col);
/* Logs the last error of the store's connection with CONTEXT. */
void		 store_log_error(const struct store *, const char *context);

#endif
