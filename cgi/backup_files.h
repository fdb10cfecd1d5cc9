/* backup_files.h: copying, hashing and syncing files for backup and
 * restore. Hashes are BLAKE2b-256 (libsodium's crypto_generichash), as a
 * backup's MANIFEST lists them. */
#ifndef GAZETTE_BACKUP_FILES_H
#define GAZETTE_BACKUP_FILES_H

#include <stddef.h>

#define BACKUP_HASH_BYTES	32

/* The size and BLAKE2b-256 of the regular file PATH (a link is refused):
 * 0, or -1 with errno set. */
int	backup_file_hash(const char *path, long long *size,
	    unsigned char hash[BACKUP_HASH_BYTES]);
/* Copies the regular file FROM to the new file TO (mode MODE; it must not
 * exist), synced before it is closed, with the size and hash of what was
 * copied: 0, or -1 (logged, TO removed). */
int	backup_file_copy(const char *from, const char *to, int mode,
	    long long *size, unsigned char hash[BACKUP_HASH_BYTES]);
/* DIR/NAME into BUF (LEN bytes): 0, or -1 (logged) when it does not fit. */
int	backup_path(char *buf, size_t len, const char *dir, const char *name);
/* fsync of the folder DIR, so the names made in it last: 0 or -1. */
int	backup_sync_dir(const char *dir);

#endif
