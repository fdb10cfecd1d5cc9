/* db.h: opening the SQLite database the one way gazette uses it, and
 * bringing its schema up to date. */
#ifndef GAZETTE_DB_H
#define GAZETTE_DB_H

#include <sqlite3.h>

/* How long a statement waits for another connection's lock (set by
 * db_open); code that lowers it for a while puts this back. */
#define DB_BUSY_TIMEOUT_MS	5000

enum db_mode {
	DB_READ_WRITE,		/* the file must exist */
	DB_CREATE		/* create the file if missing */
};

/* Opens PATH with WAL, a busy timeout, foreign keys and synchronous=NORMAL.
 * Returns NULL after logging what failed and what to do. */
sqlite3	*db_open(const char *path, enum db_mode);
void	 db_close(sqlite3 *);

/* Applies every migration newer than PRAGMA user_version, each in its own
 * transaction. Returns 0 on success, -1 after logging the failure. */
int	 db_migrate(sqlite3 *);
/* The schema version this binary was built with. */
int	 db_schema_latest(void);
/* 0 when the database is at the latest version; -1 (logged) otherwise. */
int	 db_check_version(sqlite3 *, const char *path);

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
