/* store.c: the statement table (see store.h). Lists use the article_by_*
 * indexes, whose order is exactly "newest first, ties by id". */
#include <stdlib.h>

#include "arena.h"
#include "log.h"
#include "store.h"

/* A section and everything below it, for section lists. */
#define SUBTREE "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL " \
	"SELECT s.id FROM section s JOIN sub ON s.parent_id = sub.id) "

static const char *const stmt_sql[STMT__MAX] = {
	[STMT_SETTING_GET] =
	    "SELECT value FROM setting WHERE key = ?1",
	[STMT_SETTING_SET] =
	    "INSERT INTO setting(key, value) VALUES (?1, ?2) "
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[STMT_SECTION_BY_SLUG] =
	    "SELECT id, parent_id, slug, title FROM section WHERE slug = ?1",
	[STMT_SECTION_BY_ID] =
	    "SELECT id, parent_id, slug, title FROM section WHERE id = ?1",
	[STMT_SECTION_CHILDREN] =
	    "SELECT id, parent_id, slug, title FROM section "
	    "WHERE parent_id = ?1 ORDER BY position, id",
	[STMT_SECTION_CHILD_BY_TITLE] =
	    "SELECT id FROM section WHERE parent_id IS ?1 AND title = ?2",
	[STMT_SECTION_SLUG_TAKEN] =
	    "SELECT 1 FROM section WHERE slug = ?1",
	[STMT_SECTION_INSERT] =
	    "INSERT INTO section(parent_id, slug, title, position) "
	    "VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 "
	    "FROM section WHERE parent_id IS ?1))",
	/* Counts come from section_stats, kept by triggers (sql/001). */
	[STMT_ARTICLE_COUNT_ALL] =
	    "SELECT coalesce(sum(published), 0) FROM section_stats",
	/* A page of a list: the ids from the covering index, then only
	 * those ten rows read. Skipping rows of the index costs ~10 ns each,
	 * skipping rows of the table (with their bodies) ~200 ns. Keyed lists
	 * start after ?2, ?3 (list_anchors.h), so little is skipped at all.
	 * Parameters: ?1 section, ?2 ?3 the key, ?4 limit, ?5 offset. */
#define ARTICLE_SUMMARY_FROM_IDS \
	"SELECT id, section_id, title, author, published_on, excerpt " \
	"FROM article WHERE id IN "
#define NEWEST_FIRST " ORDER BY published_on DESC, id DESC"
	[STMT_ARTICLE_LIST_ALL] =
	    ARTICLE_SUMMARY_FROM_IDS "(SELECT id FROM article "
	    "WHERE status = 'published' AND (published_on, id) < (?2, ?3)"
	    NEWEST_FIRST " LIMIT ?4 OFFSET ?5)" NEWEST_FIRST,
	[STMT_ARTICLE_COUNT_SECTION] =
	    SUBTREE "SELECT coalesce(sum(published), 0) FROM section_stats "
	    "WHERE section_id IN sub",
	/* A section with children: the subtree's rows have to be sorted. */
	[STMT_ARTICLE_LIST_SECTION] =
	    SUBTREE ARTICLE_SUMMARY_FROM_IDS "(SELECT id FROM article "
	    "WHERE section_id IN sub AND status = 'published'"
	    NEWEST_FIRST " LIMIT ?4 OFFSET ?5)" NEWEST_FIRST,
	/* A section without children: one range of article_by_section_date,
	 * already in order, so it is keyed like the list of all. */
	[STMT_ARTICLE_LIST_LEAF] =
	    ARTICLE_SUMMARY_FROM_IDS "(SELECT id FROM article "
	    "WHERE section_id = ?1 AND status = 'published' AND "
	    "(published_on, id) < (?2, ?3)"
	    NEWEST_FIRST " LIMIT ?4 OFFSET ?5)" NEWEST_FIRST,
	/* The next anchor: the key ?4 + 1 rows after the key ?2, ?3. */
	[STMT_ANCHOR_NEXT_ALL] =
	    "SELECT published_on, id FROM article "
	    "WHERE status = 'published' AND (published_on, id) < (?2, ?3)"
	    NEWEST_FIRST " LIMIT 1 OFFSET ?4",
	[STMT_ANCHOR_NEXT_LEAF] =
	    "SELECT published_on, id FROM article "
	    "WHERE section_id = ?1 AND status = 'published' AND "
	    "(published_on, id) < (?2, ?3)" NEWEST_FIRST " LIMIT 1 OFFSET ?4",
	[STMT_SECTION_HAS_CHILDREN] =
	    "SELECT EXISTS (SELECT 1 FROM section WHERE parent_id = ?1)",
	/* The views are the flushed count (sql/004): every worker shows the
	 * same number, which lags the true one by what workers hold. */
	[STMT_ARTICLE_GET] =
	    "SELECT a.id, a.section_id, a.title, a.author, a.published_on, "
	    "a.excerpt, a.body, a.status, a.created_at, a.updated_at, a.source, "
	    "coalesce(v.views, 0) FROM article a "
	    "LEFT JOIN article_views v ON v.article_id = a.id WHERE a.id = ?1",
	[STMT_ARTICLE_OLDER] =
	    "SELECT id, title FROM article WHERE section_id = ?1 "
	    "AND status = 'published' AND (published_on, id) < (?2, ?3) "
	    "ORDER BY published_on DESC, id DESC LIMIT 1",
	[STMT_ARTICLE_NEWER] =
	    "SELECT id, title FROM article WHERE section_id = ?1 "
	    "AND status = 'published' AND (published_on, id) > (?2, ?3) "
	    "ORDER BY published_on ASC, id ASC LIMIT 1",
	/* Every new article: its times given, and the id ?1 kept when no
	 * article has it (an article moved between sites,
	 * json_import_store.c), else (0 too) a new one.
	 * The test sits in the statement, so no writer can take the id
	 * between a look and the insert. */
	[STMT_ARTICLE_INSERT] =
	    "INSERT INTO article(id, section_id, title, author, published_on, "
	    "excerpt, body, status, import_hash, created_at, updated_at, source) "
	    "VALUES (CASE WHEN ?1 > 0 AND NOT EXISTS (SELECT 1 FROM article "
	    "WHERE id = ?1) THEN ?1 END, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	    "?11, ?12)",
	[STMT_ARTICLE_BY_IMPORT_HASH] =
	    "SELECT id FROM article WHERE import_hash = ?1",
	[STMT_MEDIA_INSERT] =
	    "INSERT INTO media(name, mime_type, bytes, created_at) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(name) DO NOTHING",
	/* gazette import (importer.c says why): FTS5's in-memory table size,
	 * and the batch's drafts published at once. Every article between
	 * the batch's first and last id is the batch's: ids only grow, and
	 * the import holds the write lock. */
	[STMT_IMPORT_HASHSIZE_GET] =
	    "SELECT v FROM article_search_config WHERE k = 'hashsize'",
	[STMT_IMPORT_HASHSIZE_SET] =
	    "INSERT INTO article_search(article_search, rank) VALUES ('hashsize', ?1)",
	[STMT_IMPORT_PUBLISH] =
	    "UPDATE article SET status = 'published' WHERE id BETWEEN ?1 AND ?2 "
	    "AND status = 'draft' AND import_hash IS NOT NULL",
	/* The same for an export file's batch, whose ids are not one range:
	 * they come as one JSON array ?1, so one statement whatever their
	 * number, and no SQL text made from data. */
	[STMT_ARTICLE_PUBLISH_IDS] =
	    "UPDATE article SET status = 'published' WHERE status = 'draft' "
	    "AND id IN (SELECT value FROM json_each(?1))",
	/* The dashboard: every status, newest first (article_by_date_any). */
	[STMT_ARTICLE_COUNT_ANY] =
	    "SELECT count(*) FROM article",
	[STMT_ARTICLE_LIST_ANY] =
	    "SELECT a.id, a.section_id, a.title, a.author, a.published_on, "
	    "a.excerpt, a.status, coalesce(v.views, 0) FROM article a "
	    "LEFT JOIN article_views v ON v.article_id = a.id "
	    "ORDER BY a.published_on DESC, a.id DESC LIMIT ?1 OFFSET ?2",
	[STMT_ARTICLE_UPDATE] =
	    "UPDATE article SET section_id = ?2, title = ?3, author = ?4, "
	    "published_on = ?5, excerpt = ?6, body = ?7, status = ?8, "
	    "updated_at = ?9, source = ?10 WHERE id = ?1",
	[STMT_ARTICLE_DELETE] =
	    "DELETE FROM article WHERE id = ?1",
	/* Every section in tree order with its depth, for the form's menu. */
	[STMT_SECTION_ALL] =
	    "WITH RECURSIVE t(id, parent_id, slug, title, depth, sort) AS ("
	    "SELECT id, parent_id, slug, title, 0, printf('%08d', position) "
	    "FROM section WHERE parent_id IS NULL UNION ALL "
	    "SELECT s.id, s.parent_id, s.slug, s.title, t.depth + 1, "
	    "t.sort || '/' || printf('%08d.%08d', s.position, s.id) "
	    "FROM section s JOIN t ON s.parent_id = t.id WHERE t.depth < 8) "
	    "SELECT id, coalesce(parent_id, 0), slug, title, depth FROM t ORDER BY sort",
	[STMT_USER_INSERT] =
	    "INSERT INTO user(name, pw_hash, created_at) VALUES (?1, ?2, ?3)",
	[STMT_USER_BY_NAME] =
	    "SELECT id, pw_hash FROM user WHERE name = ?1",
	[STMT_USER_SET_PASSWORD] =
	    "UPDATE user SET pw_hash = ?2 WHERE id = ?1",
	[STMT_USER_DELETE] =
	    "DELETE FROM user WHERE name = ?1",
	[STMT_USER_LIST] =
	    "SELECT u.name, u.created_at, (SELECT count(*) FROM session s "
	    "WHERE s.user_id = u.id) FROM user u ORDER BY u.name",
	[STMT_SESSION_INSERT] =
	    "INSERT INTO session(token_hash, user_id, created_at, last_seen) "
	    "VALUES (?1, ?2, ?3, ?3)",
	[STMT_SESSION_GET] =
	    "SELECT s.user_id, u.name, s.created_at, s.last_seen "
	    "FROM session s JOIN user u ON u.id = s.user_id WHERE s.token_hash = ?1",
	[STMT_SESSION_TOUCH] =
	    "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1",
	[STMT_SESSION_DELETE] =
	    "DELETE FROM session WHERE token_hash = ?1",
	[STMT_SESSION_DELETE_USER] =
	    "DELETE FROM session WHERE user_id = ?1",
	[STMT_SESSION_PURGE] =
	    "DELETE FROM session WHERE last_seen < ?1 OR created_at < ?2",
	[STMT_FAILURE_GET] =
	    "SELECT failures, window_start, blocked_until FROM signin_failure "
	    "WHERE scope = ?1 AND key = ?2",
	/* One more failure in the window that started at ?3, or a new
	 * window; past ?4 failures the key is blocked until ?5. */
	[STMT_FAILURE_RECORD] =
	    "INSERT INTO signin_failure(scope, key, failures, window_start, blocked_until) "
	    "VALUES (?1, ?2, 1, ?3, 0) ON CONFLICT(scope, key) DO UPDATE SET "
	    "failures = CASE WHEN window_start < ?6 THEN 1 ELSE failures + 1 END, "
	    "window_start = CASE WHEN window_start < ?6 THEN ?3 ELSE window_start END, "
	    "blocked_until = CASE WHEN window_start >= ?6 AND failures + 1 >= ?4 "
	    "THEN ?5 ELSE blocked_until END",
	[STMT_FAILURE_CLEAR] =
	    "DELETE FROM signin_failure WHERE scope = ?1 AND key = ?2",
	[STMT_FAILURE_PURGE] =
	    "DELETE FROM signin_failure WHERE window_start < ?1 AND blocked_until < ?2",
	[STMT_AUDIT_INSERT] =
	    "INSERT INTO audit_log(at, user_name, action, article_id, detail) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)",
	[STMT_AUDIT_RECENT] =
	    "SELECT at, user_name, action, article_id, detail FROM audit_log "
	    "ORDER BY id DESC LIMIT ?1",
	/* feeds and discovery: newest first, like the lists */
	[STMT_FEED_ALL] =
	    "SELECT id, section_id, title, author, published_on, excerpt, body, "
	    "updated_at FROM article WHERE status = 'published' "
	    "ORDER BY published_on DESC, id DESC LIMIT ?2",
	[STMT_FEED_SECTION] =
	    SUBTREE "SELECT id, section_id, title, author, published_on, excerpt, "
	    "body, updated_at FROM article WHERE section_id IN sub "
	    "AND status = 'published' ORDER BY published_on DESC, id DESC LIMIT ?2",
	[STMT_SITEMAP_ARTICLES] =
	    "SELECT id, updated_at FROM article WHERE status = 'published' "
	    "ORDER BY published_on DESC, id DESC LIMIT ?1",
	/* search */
	/* (Defined here to keep search's lines together.) Every LIKE pattern
	 * of the JSON array ?2 matches the title, the author, the source or
	 * the body of article a. LIKE folds ASCII case only; the index folds
	 * Unicode's, which is why search_store.c sends some terms here. */
#define SEARCH_LIKE_ALL "NOT EXISTS (SELECT 1 FROM json_each(?2) p WHERE NOT (" \
	"a.title LIKE p.value ESCAPE '\\' OR a.author LIKE p.value ESCAPE '\\' " \
	"OR a.source LIKE p.value ESCAPE '\\' OR a.body LIKE p.value ESCAPE '\\'))"
#define SEARCH_COLUMNS "SELECT a.id, a.section_id, a.title, a.author, " \
	"a.published_on, a.excerpt, a.body, a.source FROM article a "
	/* The index's trigrams that start with ?1 (a term of 1-2 characters)
	 * and how many articles hold each, at most ?2 of them: a range of the
	 * vocabulary, which is sorted by term. */
	[STMT_SEARCH_VOCAB] =
	    "SELECT term, doc FROM article_search_vocab "
	    "WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT ?2",
	/* ?1 an FTS5 expression over article_search (which holds published
	 * articles only), ?2 NULL or a JSON array of LIKE patterns that must
	 * all match, ?3 the most rows to count. Lists walk article_by_date,
	 * so they come newest first without sorting, and check each row
	 * against the matches collected once (a rowid set), never rank. */
	[STMT_SEARCH_COUNT_MATCH] =
	    "SELECT count(*) FROM (SELECT 1 FROM article_search "
	    "WHERE article_search MATCH ?1 AND (?2 IS NULL OR EXISTS (SELECT 1 "
	    "FROM article a WHERE a.id = article_search.rowid AND "
	    SEARCH_LIKE_ALL ")) LIMIT ?3)",
	[STMT_SEARCH_LIST_MATCH] =
	    SEARCH_COLUMNS "WHERE a.status = 'published' AND a.id IN "
	    "(SELECT rowid FROM article_search WHERE article_search MATCH ?1) "
	    "AND (?2 IS NULL OR " SEARCH_LIKE_ALL ") "
	    "ORDER BY a.published_on DESC, a.id DESC LIMIT ?3 OFFSET ?4",
	/* For a common term's first pages: walk the newest ?5 + 1 published
	 * articles in date order, each tested against the index (MATCH on
	 * one rowid), and stop when the page is full; the full plan below
	 * reads every match of the term first. */
	[STMT_SEARCH_LIST_RECENT] =
	    SEARCH_COLUMNS "WHERE a.status = 'published' AND "
	    "(a.published_on, a.id) >= (SELECT published_on, id FROM article "
	    "WHERE status = 'published'" NEWEST_FIRST " LIMIT 1 OFFSET ?5) AND "
	    "EXISTS (SELECT 1 FROM article_search WHERE article_search MATCH ?1 "
	    "AND article_search.rowid = a.id) AND (?2 IS NULL OR "
	    SEARCH_LIKE_ALL ")" NEWEST_FIRST " LIMIT ?3 OFFSET ?4",
	/* The same for a few matches (search_store.c decides): start from
	 * the matches and sort them. CROSS JOIN keeps that order; the plan
	 * above walks the whole date index testing each article, which for
	 * one match at 100,000 articles took 34 ms against 0.6 ms here. For
	 * many matches the walk wins, as it stops after one page. */
	[STMT_SEARCH_LIST_FEW] =
	    "SELECT a.id, a.section_id, a.title, a.author, a.published_on, "
	    "a.excerpt, a.body, a.source FROM (SELECT rowid AS id FROM "
	    "article_search WHERE article_search MATCH ?1) AS m "
	    "CROSS JOIN article a ON a.id = m.id WHERE a.status = 'published' "
	    "AND (?2 IS NULL OR " SEARCH_LIKE_ALL ") "
	    "ORDER BY a.published_on DESC, a.id DESC LIMIT ?3 OFFSET ?4",
	/* No term the index can answer: the published articles, newest
	 * first, each checked with LIKE (?1 is not used). */
	[STMT_SEARCH_COUNT_SCAN] =
	    "SELECT count(*) FROM (SELECT 1 FROM article a "
	    "WHERE a.status = 'published' AND " SEARCH_LIKE_ALL " LIMIT ?3)",
	[STMT_SEARCH_LIST_SCAN] =
	    SEARCH_COLUMNS "WHERE a.status = 'published' AND " SEARCH_LIKE_ALL
	    " ORDER BY a.published_on DESC, a.id DESC LIMIT ?3 OFFSET ?4",
	[STMT_REVISION_GET] =
	    "SELECT revision, changed_at FROM site_revision WHERE id = 1",
	[STMT_REVISION_BUMP] =
	    "UPDATE site_revision SET revision = revision + 1, "
	    "changed_at = unixepoch() WHERE id = 1",
	/* Moves when another connection commits (cgi/page_cache.h); one
	 * integer per request, read before the handler. */
	[STMT_DATA_VERSION] =
	    "PRAGMA data_version",
	/* view counts: ?2 more views of article ?1, written by a worker's
	 * flush (cgi/view_counter.c). An article deleted since its views
	 * were counted is skipped, so that one stale id cannot make every
	 * later flush fail on the foreign key; so is a draft (nginx's cache
	 * key request counts before it knows whether the page exists). */
	[STMT_VIEWS_ADD] =
	    "INSERT INTO article_views(article_id, views) "
	    "SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM article "
	    "WHERE id = ?1 AND status = 'published') "
	    "ON CONFLICT(article_id) DO UPDATE SET views = views + excluded.views",
};

struct store {
	sqlite3		*db;
	sqlite3_stmt	*stmts[STMT__MAX];
};

struct store *
store_open(sqlite3 *db)
{
	struct store *s;

	if ((s = calloc(1, sizeof(*s))) == NULL) {
		log_error("store: out of memory");
		return NULL;
	}
	s->db = db;
	for (int i = 0; i < STMT__MAX; i++) {
		if (sqlite3_prepare_v3(db, stmt_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->stmts[i], NULL) != SQLITE_OK) {
			log_error("preparing statement %d failed: %s (is the "
			    "database at the right schema version?): %s", i,
			    sqlite3_errmsg(db), stmt_sql[i]);
			store_close(s);
			return NULL;
		}
	}
	return s;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(s->stmts[i]);
	free(s);
}

sqlite3 *
store_db(const struct store *s)
{
	return s->db;
}

sqlite3_stmt *
store_stmt(struct store *s, enum stmt_id id)
{
	sqlite3_stmt *st = s->stmts[id];

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

int
store_run(struct store *s, sqlite3_stmt *st, const char *context)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_log_error(s, context);
		return -1;
	}
	return 0;
}

void
store_log_error(const struct store *s, const char *context)
{
	log_error("database error in %s: %s (code %d)", context,
	    sqlite3_errmsg(s->db), sqlite3_extended_errcode(s->db));
}

const char *
store_column_text(struct arena *a, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	return arena_strndup(a, t ? (const char *)t : "",
	    (size_t)sqlite3_column_bytes(st, col));
}
