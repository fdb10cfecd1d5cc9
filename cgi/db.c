/* db.c: opening the database with gazette's pragmas, and migrations.
 * The migration scripts live in sql/ and are compiled into the binary
 * (build/migrations.c is generated from them by the Makefile), so a binary
 * always carries exactly the schema it understands. */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "db.h"
#include "log.h"

struct migration {
	int		 version;
	const char	*name;
	const char	*sql;
};

extern const struct migration	migrations[];
extern const size_t		migrations_count;

sqlite3 *
db_open(const char *path, enum db_mode mode)
{
	sqlite3 *db = NULL;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	char *err = NULL;

	if (mode == DB_CREATE) {
		int fd;

		flags |= SQLITE_OPEN_CREATE;
		/* The database holds password and session hashes: a new file
		 * is its owner's only, whatever the umask (SQLite gives its
		 * -wal and -shm files the same mode). An empty file is an
		 * empty database. Not for ":memory:", "" (a temporary
		 * database) or a "file:" URI. */
		if (path[0] != '\0' && path[0] != ':' &&
		    strncmp(path, "file:", 5) != 0 &&
		    (fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600)) >= 0)
			close(fd);
	}
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		log_error("cannot open database %s: %s (check the path given "
		    "with --db or GAZETTE_DB; run 'gazette migrate' to create it)",
		    path, db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, DB_BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db, 1);
	if (sqlite3_exec(db,
	    "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=NORMAL;"
	    "PRAGMA foreign_keys=ON;", NULL, NULL, &err) != SQLITE_OK) {
		log_error("cannot configure database %s: %s", path, err);
		sqlite3_free(err);
		sqlite3_close(db);
		return NULL;
	}
	return db;
}

void
db_close(sqlite3 *db)
{
	if (db != NULL && sqlite3_close(db) != SQLITE_OK)
		log_error("closing database: %s (a statement was not finalized)",
		    sqlite3_errmsg(db));
}

int
db_schema_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

int
db_schema_latest(void)
{
	return migrations_count ? migrations[migrations_count - 1].version : 0;
}

enum db_failure
db_failure(sqlite3 *db)
{
	int code = sqlite3_errcode(db) & 0xff, sys = sqlite3_system_errno(db);

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return DB_BUSY;
	/* SQLite says SQLITE_FULL for ENOSPC on its own writes; an fsync or
	 * the shared-memory file can still report it as an I/O error. */
	if (code == SQLITE_FULL ||
	    (code == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT)))
		return DB_FULL;
	return DB_FAILED;
}

enum db_failure
db_log_failure(sqlite3 *db, const char *what)
{
	enum db_failure f = db_failure(db);
	const char *file = sqlite3_db_filename(db, "main");

	if (file == NULL || file[0] == '\0')
		file = "(in memory)";
	if (what == NULL)	/* the caller's arena_printf ran out of memory */
		what = "a write";
	switch (f) {
	case DB_BUSY:
		log_error("%s: database %s was locked by another writer for "
		    "over %d ms (a long 'gazette import', or a sqlite3 shell "
		    "holding a transaction?); nothing was changed, the user "
		    "may try again", what, file, DB_BUSY_TIMEOUT_MS);
		break;
	case DB_FULL:
		log_error("%s: no space left for database %s (%s); nothing was "
		    "changed: free space on that disk (df -h)", what, file,
		    sqlite3_errmsg(db));
		break;
	case DB_FAILED:
		log_error("%s: database %s: %s (code %d)", what, file,
		    sqlite3_errmsg(db), sqlite3_extended_errcode(db));
		break;
	}
	return f;
}

int
db_failure_status(enum db_failure f)
{
	return f == DB_BUSY ? 503 : f == DB_FULL ? 507 : 500;
}

int
db_begin(sqlite3 *db)
{
	return sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int
db_commit(sqlite3 *db)
{
	return sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

void
db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* One fixed name: a RELEASE or ROLLBACK TO of a name applies to the
 * latest savepoint of that name, which is the nesting callers need. */
int
db_savepoint(sqlite3 *db)
{
	return sqlite3_exec(db, "SAVEPOINT gazette_step", NULL, NULL, NULL) ==
	    SQLITE_OK ? 0 : -1;
}

int
db_release(sqlite3 *db)
{
	return sqlite3_exec(db, "RELEASE gazette_step", NULL, NULL, NULL) ==
	    SQLITE_OK ? 0 : -1;
}

/* ROLLBACK TO leaves the savepoint open (and its changes undone): the
 * RELEASE after it closes it. */
void
db_rollback_to(sqlite3 *db)
{
	if (sqlite3_exec(db, "ROLLBACK TO gazette_step", NULL, NULL, NULL) == SQLITE_OK)
		sqlite3_exec(db, "RELEASE gazette_step", NULL, NULL, NULL);
}

/* Copies DB (file PATH, at version HAVE) beside itself before it is
 * upgraded to TO; COPY receives the copy's path. A name already taken (a
 * clock that went back) gets a number: an older copy is never replaced. */
static int
copy_before_upgrade(sqlite3 *db, const char *path, int to, char *copy,
    size_t len)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm) == 0)
		snprintf(stamp, sizeof(stamp), "%lld", (long long)now);
	for (int n = 1; n < 100; n++) {
		if (n == 1)
			snprintf(copy, len, "%s.before-v%d.%s.bak", path, to, stamp);
		else
			snprintf(copy, len, "%s.before-v%d.%s-%d.bak", path, to, stamp, n);
		if (access(copy, F_OK) != 0 && errno == ENOENT)
			return backup_database(db, copy);
	}
	log_error("cannot find a free name for the copy of %s (%s exists)", path, copy);
	return -1;
}

/* Logs WHY the upgrade of PATH failed and the state it is left in. */
static void
log_unchanged(const char *path, int have, const char *copy, const char *why)
{
	log_error("%s; the database %s is unchanged at schema version %d%s%s%s: "
	    "the gazette that used it before can keep serving it", why, path,
	    have, copy[0] ? " (a copy made just before is " : "", copy,
	    copy[0] ? ")" : "");
}

static int
migrate(sqlite3 *db, int keep_copy)
{
	const char *path = sqlite3_db_filename(db, "main");
	const char *failed = NULL;
	int have = db_schema_version(db), latest = db_schema_latest();
	char copy[4096] = "", why[1024], *err = NULL, pragma[64];

	if (path == NULL || path[0] == '\0') {
		path = "(in memory)";
		keep_copy = 0;
	}
	if (have < 0) {
		log_error("cannot read the schema version of %s: %s (is it a "
		    "gazette database?)", path, sqlite3_errmsg(db));
		return -1;
	}
	if (have > latest) {
		log_error("database %s has schema version %d, newer than this "
		    "binary's %d: install the newer gazette (or restore a backup "
		    "made before the upgrade); the database was not changed",
		    path, have, latest);
		return -1;
	}
	if (have == latest)
		return 0;
	if (keep_copy && have > 0) {
		if (copy_before_upgrade(db, path, latest, copy, sizeof(copy)) != 0) {
			log_error("database %s was not upgraded: no copy of it could "
			    "be made first (see above); it is unchanged at schema "
			    "version %d", path, have);
			return -1;
		}
		log_info("copied %s (schema version %d) to %s before upgrading it "
		    "to version %d", path, have, copy, latest);
	}
	if (db_begin(db) != 0) {
		snprintf(why, sizeof(why), "cannot upgrade: cannot start a "
		    "transaction: %s", sqlite3_errmsg(db));
		log_unchanged(path, have, copy, why);
		return -1;
	}
	for (size_t i = 0; i < migrations_count && failed == NULL; i++)
		if (migrations[i].version > have &&
		    sqlite3_exec(db, migrations[i].sql, NULL, NULL, &err) != SQLITE_OK)
			failed = migrations[i].name;
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d", latest);
	if (failed == NULL && sqlite3_exec(db, pragma, NULL, NULL, &err) != SQLITE_OK)
		failed = "the version update";
	if (failed == NULL && db_commit(db) != 0)
		failed = "the commit";
	if (failed != NULL) {
		/* Read before ROLLBACK replaces the connection's error. */
		snprintf(why, sizeof(why), "upgrade failed at %s%s: %s",
		    strncmp(failed, "the ", 4) == 0 ? "" : "migration ", failed,
		    err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		db_rollback(db);
		log_unchanged(path, have, copy, why);
		return -1;
	}
	if (have == 0)
		log_info("created the schema of %s (version %d)", path, latest);
	else
		log_info("upgraded %s from schema version %d to %d", path, have, latest);
	return 0;
}

int
db_migrate(sqlite3 *db)
{
	return migrate(db, 1);
}

int
db_migrate_scratch(sqlite3 *db)
{
	return migrate(db, 0);
}

int
db_check_version(sqlite3 *db, const char *path)
{
	int have = db_schema_version(db), want = db_schema_latest();

	if (have == want)
		return 0;
	if (have < want)
		log_error("database %s has schema version %d, this binary needs %d: "
		    "run 'gazette migrate --db %s'", path, have, want, path);
	else
		log_error("database %s has schema version %d, newer than this "
		    "binary's %d: install the newer gazette", path, have, want);
	return -1;
}
