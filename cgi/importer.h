/* importer.h: storing seed-format article files (see seed_parser.h) in the
 * database: one transaction per file, photos copied into the media folder
 * by content hash, a second import of the same file a no-op. */
#ifndef GAZETTE_IMPORTER_H
#define GAZETTE_IMPORTER_H

struct store;

enum import_outcome {
	IMPORT_ADDED,
	IMPORT_UNCHANGED,	/* this exact file was imported before */
	IMPORT_FAILED		/* reported on stderr as FILE:LINE: message */
};

#define IMPORT_MAX_PHOTO	(20 * 1024 * 1024)

/* Imports the file at PATH; photos go to MEDIA_DIR (created if missing).
 * On success *ID is the article's id. */
enum import_outcome	import_file(struct store *, const char *path,
			    const char *media_dir, long long *id);

#endif
