/* importer.h: storing seed-format article files (see seed_parser.h) in the
 * database: each file all or nothing, photos copied into the media folder
 * by content hash, a second import of the same file a no-op. */
#ifndef GAZETTE_IMPORTER_H
#define GAZETTE_IMPORTER_H

#include <stddef.h>

struct store;

enum import_outcome {
	IMPORT_ADDED,
	IMPORT_UNCHANGED,	/* this exact file was imported before */
	IMPORT_FAILED		/* reported on stderr as FILE:LINE: message */
};

struct import_result {
	enum import_outcome	 outcome;
	long long		 id;	/* the article, unless IMPORT_FAILED */
};

#define IMPORT_MAX_PHOTO	(20 * 1024 * 1024)

/* Files per import_batch that `gazette import` uses. Bigger batches are
 * a little faster (one search-index segment per batch), but a batch holds
 * the write lock: at 100,000 articles 1,000 files held it for 2.5 s at
 * most, 4,000 for over 5 s, the time other writers wait (DB_BUSY_TIMEOUT_MS)
 * before an editor's save fails. */
#define IMPORT_BATCH_FILES	1000

/* Imports the file at PATH; photos go to MEDIA_DIR (created if missing).
 * Outside a transaction it runs its own; inside the caller's, a savepoint
 * (undone if the file fails). On success *ID is the article's id. */
enum import_outcome	import_file(struct store *, const char *path,
			    const char *media_dir, long long *id);

/* Imports the N files PATHS in one transaction, each in a savepoint: a
 * file that fails leaves nothing of itself and the others go on, and a
 * file given twice is added once, then found unchanged. OUT[i] tells
 * what became of PATHS[i] once the transaction has ended. Returns 0 when
 * it committed; -1 when it could not start or commit (logged): then
 * every file whose outcome depended on it is IMPORT_FAILED, named on
 * stderr, and nothing of the batch was stored. Must be called outside a
 * transaction. */
int	import_batch(struct store *, const char *const *paths, size_t n,
	    const char *media_dir, struct import_result *out);

/* An import stores a batch's published articles as drafts and publishes
 * them with one UPDATE just before COMMIT, around which these two go.
 * Why: SQLite's FTS5 writes the search index terms it holds in memory as
 * a new index segment whenever a savepoint opens or closes, i.e. around
 * every article stored, and merging those tiny segments was most of an
 * import's cost; drafts are not indexed. Raising FTS5's in-memory table
 * ("hashsize") for the UPDATE makes the batch one segment.
 * import_search_hash_raise sets it to 64 MiB and gives the value it had
 * in *OLD (FTS5's default when the database set none: FTS5 cannot unset
 * an option, and the default changes nothing);
 * import_search_hash_restore sets OLD back, so the database keeps its own
 * setting. Both run inside the batch's transaction: 0, or -1 (logged). */
int	import_search_hash_raise(struct store *, long long *old);
int	import_search_hash_restore(struct store *, long long old);

#endif
