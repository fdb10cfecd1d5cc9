/* backup_manifest.h: the MANIFEST of a backup folder: what `gazette
 * backup` wrote, so that `gazette restore` can tell a whole, unchanged
 * backup from a damaged or edited one.
 *
 * The file, one line each, every line ending in '\n':
 *
 *	gazette-backup 1			the format
 *	schema 5				the database's schema version
 *	created 2025-01-31T12:00:00Z		when (UTC, as the clock said)
 *	file SIZE HASH gazette.db		every file: its size in bytes,
 *	file SIZE HASH media/NAME		its BLAKE2b-256 in hex, its path
 *	end 2					the number of files: a cut file
 *						has no end line
 *
 * The only paths are gazette.db (always) and media/ followed by a name
 * media_store.c gives a photo. Parsing touches no file. */
#ifndef GAZETTE_BACKUP_MANIFEST_H
#define GAZETTE_BACKUP_MANIFEST_H

#include <stddef.h>

#include "backup_files.h"

#define MANIFEST_NAME		"MANIFEST"
#define MANIFEST_DB		"gazette.db"
#define MANIFEST_MEDIA		"media"
#define MANIFEST_FORMAT		1
#define MANIFEST_PATH_MAX	128
#define MANIFEST_TEXT_MAX	(64L * 1024 * 1024)	/* a million photos */

struct manifest_file {
	char		 path[MANIFEST_PATH_MAX];
	long long	 size;
	unsigned char	 hash[BACKUP_HASH_BYTES];
};

struct manifest {
	int			 format;
	int			 schema;
	char			 created[32];
	struct manifest_file	*files;		/* sorted by path once parsed */
	size_t			 nfiles;
	size_t			 cap;
};

void	manifest_init(struct manifest *);
void	manifest_free(struct manifest *);
/* Appends a file; 0, or -1 when out of memory. */
int	manifest_add(struct manifest *, const char *path, long long size,
	    const unsigned char hash[BACKUP_HASH_BYTES]);
/* Writes DIR/MANIFEST through a temporary file, synced, then renamed:
 * 0, or -1 (logged). */
int	manifest_write(const struct manifest *, const char *dir);

/* Reads the LEN bytes of TEXT into M (initialised). 0, or -1 with
 * "MANIFEST:LINE: what is wrong" in ERR (ERR_LEN bytes, NUL-terminated).
 * Unknown keys, duplicate paths, paths other than the two kinds above, a
 * missing gazette.db, a missing or wrong end line are all refused. */
int	manifest_parse(struct manifest *, const char *text, size_t len,
	    char *err, size_t err_len);
/* manifest_parse of DIR/MANIFEST; -1 also when it cannot be read. */
int	manifest_read(struct manifest *, const char *dir, char *err,
	    size_t err_len);
/* Compares DIR with M: every file listed is there, a regular file of its
 * size and hash, and DIR holds nothing else (besides MANIFEST). Returns
 * the number of problems, each a line of ERR ("media/x.jpg: ..."; lines
 * past ERR_LEN are counted, not written). */
int	manifest_check(const struct manifest *, const char *dir, char *err,
	    size_t err_len);
/* The entry for PATH in a parsed manifest, or NULL. */
const struct manifest_file *manifest_find(const struct manifest *,
	    const char *path);

/* 1 when NAME is a name media_store.c gives a photo: 32 lower-case hex
 * digits, a dot and jpg, png, gif or webp. */
int	backup_media_name(const char *name);

#endif
