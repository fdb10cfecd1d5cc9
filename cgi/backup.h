/* backup.h: consistent copies of the live database, made with SQLite's
 * online backup API while the site serves: for `gazette backup`, for
 * `gazette restore`, and for the copy db_migrate keeps before an upgrade.
 * backup_manifest.h describes the backup folder's MANIFEST. Implemented
 * in backup_db.c; backup.c and backup_restore.c hold the two commands. */
#ifndef GAZETTE_BACKUP_H
#define GAZETTE_BACKUP_H

#include <sqlite3.h>

/* The database file of a backup folder. */
#define BACKUP_DB_FILE	"gazette.db"

/* Copies every page of SRC's main database into DST's, as one snapshot
 * of SRC: in one step, because a backup taken in many steps starts over
 * whenever another connection writes, and on a site that counts page
 * views that is always. A lock held elsewhere is waited for a few times.
 * WHAT names the copy in messages. 0, or -1 (logged). */
int	backup_pages(sqlite3 *src, sqlite3 *dst, const char *what);

/* Copies SRC's main database into the new file DEST_PATH (mode 0600; it
 * must not exist), as a single file (no -wal beside it), and checks the
 * copy with PRAGMA integrity_check. 0, or -1 (logged, nothing left at
 * DEST_PATH). */
int	backup_database(sqlite3 *src, const char *dest_path);

/* PRAGMA integrity_check of DB: 0 when "ok"; else -1 with the first
 * problem logged against NAME. */
int	backup_integrity(sqlite3 *db, const char *name);

/* Removes the database file PATH and the files SQLite keeps beside it
 * (-journal, -wal, -shm): for a copy that failed or served its turn. */
void	backup_remove_db(const char *path);

#endif
