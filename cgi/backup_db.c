/* backup_db.c: copies of the live database with SQLite's online backup
 * API (see backup.h), for backup, restore and the copy kept before an
 * upgrade. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "log.h"

#define BUSY_TRIES	50		/* times BUSY_SLEEP_MS: 5 s */
#define BUSY_SLEEP_MS	100

static void
sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

int
backup_pages(sqlite3 *src, sqlite3 *dst, const char *what)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	int rc, tries = 0;

	if (b == NULL) {
		log_error("%s: cannot start the copy: %s", what, sqlite3_errmsg(dst));
		return -1;
	}
	/* In WAL mode the one step reads a snapshot without blocking the
	 * writers; only a lock on the destination, or the source in
	 * recovery, makes it wait. */
	while (((rc = sqlite3_backup_step(b, -1)) & 0xff) == SQLITE_BUSY ||
	    (rc & 0xff) == SQLITE_LOCKED) {
		if (++tries == BUSY_TRIES)
			break;
		sleep_ms(BUSY_SLEEP_MS);
	}
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return 0;
	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		log_error("%s: the database stayed locked for %d ms (a long "
		    "'gazette import', or a sqlite3 shell holding a "
		    "transaction?); nothing was copied: try again", what,
		    BUSY_TRIES * BUSY_SLEEP_MS);
	else
		log_error("%s: copying the database failed: %s%s", what,
		    sqlite3_errstr(rc), (rc & 0xff) == SQLITE_FULL ?
		    " (free space on that disk: df -h)" : "");
	return -1;
}

int
backup_integrity(sqlite3 *db, const char *name)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) {
		log_error("%s: cannot check the database: %s", name, sqlite3_errmsg(db));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);

		if (r != NULL && strcmp(r, "ok") == 0)
			rc = 0;
		else
			log_error("%s fails SQLite's integrity check: %s", name,
			    r ? r : "(no answer)");
	} else
		log_error("%s: cannot check the database: %s", name, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return rc;
}

void
backup_remove_db(const char *path)
{
	static const char *const side[] = { "", "-journal", "-wal", "-shm" };
	char p[4096];

	for (size_t i = 0; i < sizeof(side) / sizeof(side[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, side[i]);
		unlink(p);
	}
}

int
backup_database(sqlite3 *src, const char *dest_path)
{
	sqlite3 *dst = NULL;
	sqlite3_stmt *st = NULL;
	const char *mode;
	int fd, ok = 0;

	/* O_EXCL: a copy never replaces a file, an older copy least of all. */
	if ((fd = open(dest_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		log_error("cannot create %s: %s", dest_path, strerror(errno));
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(dest_path, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_error("cannot open %s: %s", dest_path,
		    dst ? sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	if (backup_pages(src, dst, dest_path) != 0)
		goto out;
	/* The copy carries the live file's WAL flag: without this it would
	 * need a -wal file beside it to be opened, and would not be one file. */
	if (sqlite3_prepare_v2(dst, "PRAGMA journal_mode=DELETE", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW ||
	    (mode = (const char *)sqlite3_column_text(st, 0)) == NULL ||
	    strcmp(mode, "delete") != 0) {
		log_error("%s: cannot make the copy a single file: %s", dest_path,
		    sqlite3_errmsg(dst));
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	ok = backup_integrity(dst, dest_path) == 0;
out:
	sqlite3_finalize(st);
	if (dst != NULL && sqlite3_close(dst) != SQLITE_OK)
		ok = 0;
	if (!ok)
		backup_remove_db(dest_path);
	return ok ? 0 : -1;
}

