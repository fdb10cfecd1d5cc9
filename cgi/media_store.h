/* media_store.h: files kept in the media folder, named by content hash
 * (so a photo is stored once) and recognised by content, not by name. */
#ifndef GAZETTE_MEDIA_STORE_H
#define GAZETTE_MEDIA_STORE_H

#include <stddef.h>

struct store;

#define MEDIA_NAME_MAX	80
#define MEDIA_NO_SPACE	(-2)	/* media_save: the disk is full */

/* The MIME type of an image gazette accepts (JPEG, PNG, GIF, WebP) as
 * recognised from DATA, or NULL when it is anything else. */
const char	*media_image_type(const void *data, size_t len);
/* The image type a file name's extension claims (.jpg, .jpeg, .png, .gif,
 * .webp, any case), or NULL when it claims none of them. */
const char	*media_type_by_name(const char *filename);
/* Writes DATA to DIR/<hash>.<ext> (atomically, once) and records it;
 * NAME receives the file name. Must run inside a write transaction.
 * 0 on success; MEDIA_NO_SPACE when the file could not be written for
 * lack of space (ENOSPC or EDQUOT: the user is told so, and nothing is
 * left behind); -1 on any other failure. Failures are logged; a failed
 * record leaves the connection's error for db_failure(). */
int		 media_save(struct store *, const char *dir, const void *data,
		    size_t len, const char *mime, char name[MEDIA_NAME_MAX]);

/* Removes the temporary files of uploads cut short (a process killed
 * while writing one) that are older than OLDER_THAN seconds: younger ones
 * may belong to a writer at work. Returns how many went (logged), or -1
 * when DIR cannot be read. `serve` runs it at start. */
int		 media_sweep_temp(const char *dir, long older_than);

#endif
