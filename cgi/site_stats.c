/* site_stats.c: `gazette stats`, what the site holds and how big it is, as
 * "key: value" lines that an operator reads and a script splits on the
 * first ": ". It only reads (query_only, one read transaction for a
 * consistent picture), so it runs beside a serving site without holding
 * up a writer. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "command.h"
#include "config.h"
#include "db.h"
#include "session_store.h"
#include "store.h"

/* What a statement's parameters are. */
enum stat_bind {
	BIND_NONE,
	BIND_TEXT,	/* ?1 is the entry's text */
	BIND_SESSION	/* ?1, ?2: the oldest last_seen and created_at a live
			 * session may have, as session_store.c decides */
};

static int	print_most_viewed(sqlite3 *, const struct command *);
static int	print_photo_files(sqlite3 *, const struct command *);

/* The numbers, in the order printed; AFTER prints the lines that belong
 * under one. */
static const struct stat_query {
	const char	*key;
	const char	*sql;
	enum stat_bind	 bind;
	const char	*text;
	int		(*after)(sqlite3 *, const struct command *);
} counts[] = {
	{ "schema_version", "SELECT user_version FROM pragma_user_version",
	    BIND_NONE, NULL, NULL },
	{ "articles_published", "SELECT count(*) FROM article WHERE status = ?1",
	    BIND_TEXT, "published", NULL },
	{ "articles_drafts", "SELECT count(*) FROM article WHERE status = ?1",
	    BIND_TEXT, "draft", NULL },
	{ "views_total", "SELECT coalesce(sum(views), 0) FROM article_views",
	    BIND_NONE, NULL, print_most_viewed },
	{ "sessions_active", "SELECT count(*) FROM session "
	    "WHERE last_seen >= ?1 AND created_at >= ?2", BIND_SESSION, NULL,
	    NULL },
	{ "administrators", "SELECT count(*) FROM user", BIND_NONE, NULL, NULL },
	{ "photos", "SELECT count(*) FROM media", BIND_NONE, NULL,
	    print_photo_files },
	{ "database_bytes", "SELECT page_count * page_size "
	    "FROM pragma_page_count, pragma_page_size", BIND_NONE, NULL, NULL },
	{ "database_free_bytes", "SELECT freelist_count * page_size "
	    "FROM pragma_freelist_count, pragma_page_size", BIND_NONE, NULL, NULL },
};

static const char most_viewed_sql[] =
    "SELECT a.id, v.views, a.title FROM article_views v "
    "JOIN article a ON a.id = v.article_id "
    "ORDER BY v.views DESC, a.id LIMIT 1";
static const char photo_names_sql[] = "SELECT name FROM media";

static int
failed(sqlite3 *db, const char *what)
{
	fprintf(stderr, "gazette stats: reading %s from database %s failed: "
	    "%s (code %d)\n", what, sqlite3_db_filename(db, "main"),
	    sqlite3_errmsg(db), sqlite3_extended_errcode(db));
	return -1;
}

static int
print_count(sqlite3 *db, const struct stat_query *q, long long now)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, q->sql, -1, &st, NULL) != SQLITE_OK)
		return failed(db, q->key);
	if (q->bind == BIND_TEXT)
		sqlite3_bind_text(st, 1, q->text, -1, SQLITE_STATIC);
	else if (q->bind == BIND_SESSION) {
		sqlite3_bind_int64(st, 1, now - SESSION_IDLE_SECONDS);
		sqlite3_bind_int64(st, 2, now - SESSION_MAX_SECONDS);
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		failed(db, q->key);
		sqlite3_finalize(st);
		return -1;
	}
	printf("%s: %lld\n", q->key, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return 0;
}

/* The most viewed article: id, views and title (0, 0, "" before the
 * first view is written). */
static int
print_most_viewed(sqlite3 *db, const struct command *c)
{
	sqlite3_stmt *st;
	long long id = 0, views = 0;
	char title[512] = "";
	int rc;

	(void)c;
	if (sqlite3_prepare_v2(db, most_viewed_sql, -1, &st, NULL) != SQLITE_OK)
		return failed(db, "the most viewed article");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 2);

		id = sqlite3_column_int64(st, 0);
		views = sqlite3_column_int64(st, 1);
		snprintf(title, sizeof(title), "%s", t ? (const char *)t : "");
		/* One line per key, whatever a title holds. */
		for (char *p = title; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f)
				*p = ' ';
	} else if (rc != SQLITE_DONE) {
		failed(db, "the most viewed article");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	printf("most_viewed_id: %lld\nmost_viewed_views: %lld\n"
	    "most_viewed_title: %s\n", id, views, title);
	return 0;
}

/* The photo files as they are on disk: bytes of those present, and how
 * many the database names but the media folder lacks. */
static int
print_photo_files(sqlite3 *db, const struct command *c)
{
	const char *media = c->cfg->media;
	sqlite3_stmt *st;
	long long bytes = 0, missing = 0;
	char path[PATH_MAX];
	struct stat sb;
	int rc;

	if (sqlite3_prepare_v2(db, photo_names_sql, -1, &st, NULL) != SQLITE_OK)
		return failed(db, "the photo names");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (name == NULL || strchr(name, '/') != NULL ||
		    snprintf(path, sizeof(path), "%s/%s", media, name) >=
		    (int)sizeof(path) || stat(path, &sb) != 0) {
			missing++;
			continue;
		}
		bytes += (long long)sb.st_size;
	}
	if (rc != SQLITE_DONE) {
		failed(db, "the photo names");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	printf("photos_bytes: %lld\nphotos_missing: %lld\n", bytes, missing);
	return 0;
}

/* The write-ahead log beside the database (0 when there is none). */
static void
print_wal(const char *db_path)
{
	char path[PATH_MAX];
	struct stat sb;
	long long bytes = 0;

	if (snprintf(path, sizeof(path), "%s-wal", db_path) < (int)sizeof(path) &&
	    stat(path, &sb) == 0)
		bytes = (long long)sb.st_size;
	printf("wal_bytes: %lld\n", bytes);
}

int
cmd_stats(const struct command *c)
{
	sqlite3 *db;
	struct store *st;
	long long now = (long long)time(NULL);
	int rc = 0;

	if (c->nargs != 1) {
		fprintf(stderr, "usage: gazette stats\n");
		return 2;
	}
	if (command_open_store(c, &db, &st) != 0)
		return 1;
	/* One read transaction: every number is of the same moment, and no
	 * statement here can write. */
	if (sqlite3_exec(db, "PRAGMA query_only=1", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		failed(db, "anything");
		command_close_store(db, st);
		return 1;
	}
	printf("database: %s\n", c->cfg->db);
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]) && rc == 0; i++) {
		rc = print_count(db, &counts[i], now);
		if (rc == 0 && counts[i].after != NULL)
			rc = counts[i].after(db, c);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc == 0)
		print_wal(c->cfg->db);
	command_close_store(db, st);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "gazette stats: writing to standard output: %s\n",
		    strerror(errno));
		return 1;
	}
	return rc == 0 ? 0 : 1;
}
