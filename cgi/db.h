/* db.h: opening the SQLite database the one way gazette uses it, and
 * bringing its schema up to date. */
#ifndef GAZETTE_DB_H
#define GAZETTE_DB_H

#include <sqlite3.h>

/* How long a statement waits for another connection's lock (set by
 * db_open); code that lowers it for a while puts this back. */
#define DB_BUSY_TIMEOUT_S	5
#define DB_BUSY_TIMEOUT_MS	(DB_BUSY_TIMEOUT_S * 1000)

enum db_mode {
	DB_READ_WRITE,		/* the file must exist */
	DB_CREATE		/* create the file if missing */
};

/* Opens PATH with WAL, a busy timeout, foreign keys and synchronous=NORMAL.
 * Returns NULL after logging what failed and what to do. */
sqlite3	*db_open(const char *path, enum db_mode);
void	 db_close(sqlite3 *);

/* Brings the schema up to date: every migration newer than PRAGMA
 * user_version, all in ONE transaction, so the file is at the old version
 * or the new, never between. A database that already has a schema is
 * first copied beside its file (<db>.before-v<N>.<UTC time>.bak, see
 * backup.h; the path is logged). A database newer than this binary is
 * refused and left as it is. Returns 0 on success (nothing to do
 * included), -1 after logging what failed, that the database is
 * unchanged, and where the copy is. */
int	 db_migrate(sqlite3 *);
/* The same without the copy, for a database that is itself a copy (a
 * backup being restored) or in memory. */
int	 db_migrate_scratch(sqlite3 *);
/* The schema version this binary was built with. */
int	 db_schema_latest(void);
/* PRAGMA user_version of DB (0 for a new file), or -1 when unreadable. */
int	 db_schema_version(sqlite3 *);
/* 0 when the database is at the latest version; -1 (logged) otherwise. */
int	 db_check_version(sqlite3 *, const char *path);

/* Why a write failed, told apart for the person who asked for it: a
 * lock held elsewhere passes (try again), a full disk needs the operator,
 * anything else is a fault. */
enum db_failure {
	DB_FAILED,		/* any other error */
	DB_BUSY,		/* another connection kept the write lock for
				 * longer than the busy timeout */
	DB_FULL			/* no space left for the database (or a quota) */
};

/* What the connection's last error means. Call it right after the call
 * that failed: any later call (ROLLBACK too) replaces the error. */
enum db_failure	 db_failure(sqlite3 *);
/* Logs, for the operator, that WHAT failed on DB and why: for a lock, how
 * long it waited and who may hold it; for a full disk, where to free
 * space. Returns db_failure(DB), read before anything else runs. */
enum db_failure	 db_log_failure(sqlite3 *, const char *what);

/* The HTTP status for a write that failed so: 503 for a lock (try again:
 * send Retry-After, DB_RETRY_AFTER), 507 Insufficient Storage for a full
 * disk (the operator must act), 500 for anything else. */
int		 db_failure_status(enum db_failure);
/* Retry-After of a 503 for a lock: it outlasted one busy timeout, and
 * another is a fair guess at when it will be free. */
#define DB_QUOTE_(x)	#x
#define DB_QUOTE(x)	DB_QUOTE_(x)
#define DB_RETRY_AFTER	DB_QUOTE(DB_BUSY_TIMEOUT_S)

/* Runs BEGIN IMMEDIATE / COMMIT / ROLLBACK; 0 on success. */
int	 db_begin(sqlite3 *);
int	 db_commit(sqlite3 *);
void	 db_rollback(sqlite3 *);

/* A savepoint inside the open transaction, so that one step of a larger
 * transaction can be undone alone. db_savepoint opens it (0 on success);
 * db_release keeps its changes and db_rollback_to undoes them, and both
 * close it. Savepoints nest: each call pairs with the latest one open. */
int	 db_savepoint(sqlite3 *);
int	 db_release(sqlite3 *);
void	 db_rollback_to(sqlite3 *);

#endif
