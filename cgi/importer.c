/* importer.c: seed-format files into the database (see importer.h). */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "article_store.h"
#include "db.h"
#include "importer.h"
#include "log.h"
#include "markdown.h"
#include "media_store.h"
#include "section_store.h"
#include "seed_parser.h"
#include "store.h"
#include "strbuf.h"


/* Reads at most MAX bytes of PATH into a malloc'd *BUF (caller frees).
 * 0 on success; -1 with errno set (EFBIG when larger than MAX). */
static int
read_whole_file(const char *path, size_t max, char **buf, size_t *len)
{
	struct stat sb;
	ssize_t r;
	size_t got = 0;
	int fd, saved;

	*buf = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &sb) != 0) {
		saved = errno;
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		saved = EINVAL;	/* a folder or a device is not an article */
		goto fail;
	}
	if ((size_t)sb.st_size > max) {
		saved = EFBIG;
		goto fail;
	}
	if ((*buf = malloc((size_t)sb.st_size + 1)) == NULL) {
		saved = ENOMEM;
		goto fail;
	}
	while (got < (size_t)sb.st_size &&
	    (r = read(fd, *buf + got, (size_t)sb.st_size - got)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			saved = errno;
			goto fail;
		}
		got += (size_t)r;
	}
	close(fd);
	(*buf)[got] = '\0';
	*len = got;
	return 0;
fail:
	close(fd);
	free(*buf);
	*buf = NULL;
	errno = saved;
	return -1;
}

static void
report(const char *path, size_t line, const char *message)
{
	if (line > 0)
		fprintf(stderr, "%s:%zu: %s\n", path, line, message);
	else
		fprintf(stderr, "%s: %s\n", path, message);
}

/* Finds photo NAME next to the article at PATH: first in a folder named
 * like the article file without its extension, then beside it. */
static char *
photo_path(struct arena *a, const char *path, const char *name)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t dirlen = slash ? (size_t)(slash - path) : 0;
	const char *dir = slash ? arena_strndup(a, path, dirlen) : ".";
	const char *base = slash ? slash + 1 : path;
	size_t stem = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	char *p;
	struct stat sb;

	p = arena_printf(a, "%s/%.*s/%s", dir, (int)stem, base, name);
	if (p != NULL && stat(p, &sb) == 0)
		return p;
	p = arena_printf(a, "%s/%s", dir, name);
	if (p != NULL && stat(p, &sb) == 0)
		return p;
	return NULL;
}

/* Builds the CommonMark body; photos are copied into the media folder. */
static int
build_body(struct store *s, struct arena *a, const char *path,
    const struct seed_article *art, const char *media_dir, struct strbuf *md)
{
	int photos = 0;

	for (size_t i = 0; i < art->block_count; i++) {
		const struct seed_block *b = &art->blocks[i];
		char name[MEDIA_NAME_MAX], *file, *data;
		const char *mime;
		size_t len;

		if (i > 0)
			strbuf_puts(md, "\n\n");
		if (b->kind == SEED_PARAGRAPH) {
			markdown_escape(b->text, md);
			continue;
		}
		if ((file = photo_path(a, path, b->text)) == NULL) {
			report(path, b->line, "the photo named here was not found "
			    "(looked in the folder named like this file, then beside it)");
			return -1;
		}
		if (read_whole_file(file, IMPORT_MAX_PHOTO, &data, &len) != 0) {
			report(file, 0, errno == EFBIG ? "the photo is larger than 20 MiB" :
			    strerror(errno));
			return -1;
		}
		mime = media_image_type(data, len);
		if (mime == NULL || media_save(s, media_dir, data, len, mime, name) != 0) {
			free(data);
			report(path, b->line, mime == NULL ? "the photo named here is "
			    "not a JPEG, PNG, GIF or WebP image" : "the photo could not "
			    "be stored in the media folder");
			return -1;
		}
		free(data);
		strbuf_printf(md, "![Photo %d](/media/%s)", ++photos, name);
	}
	return md->failed ? -1 : 0;
}

/* A file read, hashed and parsed: what store_file needs. */
struct loaded {
	const char		*path;
	char			*text;		/* malloc'd */
	char			 hash[65];	/* BLAKE2b-256 of the file, hex */
	struct seed_article	 art;
};

/* Reads, hashes and parses PATH into *F. IMPORT_ADDED means "ready to
 * store"; IMPORT_UNCHANGED that an article (committed, or stored earlier
 * in this transaction) has the same hash, with *ID its id. */
static enum import_outcome
load_file(struct store *s, struct arena *a, const char *path,
    struct loaded *f, long long *id)
{
	unsigned char hash[32];
	struct seed_error err;
	size_t len;
	int rc;

	f->path = path;
	if (read_whole_file(path, SEED_MAX_BYTES, &f->text, &len) != 0) {
		report(path, 0, errno == EFBIG ? "the file is larger than 1 MiB" :
		    strerror(errno));
		return IMPORT_FAILED;
	}
	crypto_generichash(hash, sizeof(hash), (unsigned char *)f->text, len, NULL, 0);
	sodium_bin2hex(f->hash, sizeof(f->hash), hash, sizeof(hash));
	if ((rc = article_by_import_hash(s, f->hash, id)) == 0)
		return IMPORT_UNCHANGED;
	if (rc < 0)
		return IMPORT_FAILED;
	if (seed_parse(a, f->text, len, &f->art, &err) != 0) {
		report(path, err.line, err.message);
		return IMPORT_FAILED;
	}
	return IMPORT_ADDED;
}

/* Stores F with STATUS inside the open transaction, in a savepoint so
 * that a failure undoes every row of it and nothing else. 0 on success. */
static int
store_file(struct store *s, struct arena *a, const struct loaded *f,
    const char *media_dir, const char *status, long long *id)
{
	sqlite3 *db = store_db(s);
	struct strbuf md = STRBUF_INIT;
	struct article_input in;
	long long section_id;

	if (db_savepoint(db) != 0) {
		report(f->path, 0, "cannot open a savepoint in the transaction");
		return -1;
	}
	if (section_ensure_path(s, a, f->art.sections, f->art.section_count,
	    &section_id) != 0) {
		report(f->path, 1, "the sections of the breadcrumb could not be stored");
		goto fail;
	}
	if (build_body(s, a, f->path, &f->art, media_dir, &md) != 0)
		goto fail;
	in.section_id = section_id;
	in.title = f->art.title;
	in.author = f->art.author;
	in.published_on = f->art.published_on;
	in.body = md.data;
	in.excerpt = markdown_excerpt(a, md.data, MARKDOWN_EXCERPT_CHARS);
	in.status = status;
	in.import_hash = f->hash;
	in.source = "";		/* the seed format has no source line */
	if (in.excerpt == NULL || article_insert(s, &in, id) != 0) {
		report(f->path, 0, "the article could not be stored");
		goto fail;
	}
	if (db_release(db) != 0) {
		report(f->path, 0, "the savepoint could not be released");
		goto fail;
	}
	strbuf_free(&md);
	return 0;
fail:
	db_rollback_to(db);
	strbuf_free(&md);
	return -1;
}

/* Imports PATH with STATUS; in a transaction of its own when OWN_TX (begun
 * only after the duplicate check, which needs no write lock). */
static enum import_outcome
import_one(struct store *s, const char *path, const char *media_dir,
    int own_tx, const char *status, long long *id)
{
	sqlite3 *db = store_db(s);
	struct arena a;
	struct loaded f = { 0 };
	enum import_outcome out;

	arena_init(&a);
	if ((out = load_file(s, &a, path, &f, id)) != IMPORT_ADDED)
		goto done;
	out = IMPORT_FAILED;
	if (own_tx && db_begin(db) != 0) {
		report(path, 0, "cannot start a transaction (is another process "
		    "writing? try again)");
		goto done;
	}
	if (store_file(s, &a, &f, media_dir, status, id) != 0) {
		if (own_tx)
			db_rollback(db);
		goto done;
	}
	if (own_tx && db_commit(db) != 0) {
		report(path, 0, "commit failed; nothing of this file was stored");
		db_rollback(db);
		goto done;
	}
	out = IMPORT_ADDED;
done:
	free(f.text);
	arena_release(&a);
	return out;
}

enum import_outcome
import_file(struct store *s, const char *path, const char *media_dir,
    long long *id)
{
	return import_one(s, path, media_dir, sqlite3_get_autocommit(store_db(s)),
	    "published", id);
}

/*
 * Why a batch stores its articles as drafts and publishes them at the end.
 * article_search (FTS5) is filled by a trigger, and SQLite 3.40's FTS5
 * writes the terms it holds in memory to disk, as a new index segment,
 * whenever a savepoint opens or closes in a transaction: around every
 * INSERT into article (its statement savepoint) and every file's own
 * savepoint. Published one by one, each article became a tiny segment,
 * and merging those segments was most of the cost of an import. Drafts
 * are not indexed; one UPDATE then publishes the whole batch, so FTS5
 * gets it in one statement. Its in-memory table ("hashsize", 1 MiB by
 * default, past which it writes a segment) is raised for that statement
 * and set back before COMMIT, so the batch becomes one segment and the
 * database keeps its own setting (import_search_hash_raise, importer.h).
 */
#define IMPORT_FTS_HASH		(64 * 1024 * 1024)	/* bytes of memory at most */
#define FTS5_HASH_DEFAULT	(1024 * 1024)		/* FTS5's documented default */

/* Sets FTS5's hashsize to BYTES; 0 on success. */
static int
set_hashsize(struct store *s, long long bytes)
{
	sqlite3_stmt *st = store_stmt(s, STMT_IMPORT_HASHSIZE_SET);

	sqlite3_bind_int64(st, 1, bytes);
	return store_run(s, st, "import: setting the search index's hashsize");
}

int
import_search_hash_raise(struct store *s, long long *old)
{
	sqlite3_stmt *st = store_stmt(s, STMT_IMPORT_HASHSIZE_GET);
	int rc = sqlite3_step(st);

	*old = FTS5_HASH_DEFAULT;
	if (rc == SQLITE_ROW)
		*old = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_log_error(s, "import: reading the search index's hashsize");
		return -1;
	}
	return set_hashsize(s, IMPORT_FTS_HASH);
}

int
import_search_hash_restore(struct store *s, long long old)
{
	return set_hashsize(s, old);
}

/* Publishes the drafts FIRST..LAST with FTS5's memory raised, then sets
 * hashsize back. 0 on success. */
static int
publish(struct store *s, long long first, long long last)
{
	sqlite3_stmt *st;
	long long old;

	if (import_search_hash_raise(s, &old) != 0)
		return -1;
	st = store_stmt(s, STMT_IMPORT_PUBLISH);
	sqlite3_bind_int64(st, 1, first);
	sqlite3_bind_int64(st, 2, last);
	if (store_run(s, st, "import: publishing a batch") != 0)
		return -1;
	return import_search_hash_restore(s, old);
}

int
import_batch(struct store *s, const char *const *paths, size_t n,
    const char *media_dir, struct import_result *out)
{
	sqlite3 *db = store_db(s);
	long long first = 0, last = 0;	/* ids of the batch's drafts */
	size_t i = 0, k;

	for (k = 0; k < n; k++) {
		out[k].outcome = IMPORT_FAILED;
		out[k].id = 0;
	}
	if (n == 0)
		return 0;
	if (!sqlite3_get_autocommit(db)) {
		log_error("import: import_batch was called inside a transaction");
		goto failed;	/* not ours to roll back */
	}
	if (db_begin(db) != 0) {
		log_error("import: cannot start a transaction: %s (is another "
		    "process writing?)", sqlite3_errmsg(db));
		goto failed;
	}
	/* A failed statement can end the whole transaction (disk full, I/O
	 * error): no file may then run outside it. */
	for (i = 0; i < n && !sqlite3_get_autocommit(db); i++) {
		out[i].outcome = import_one(s, paths[i], media_dir, 0, "draft",
		    &out[i].id);
		if (out[i].outcome == IMPORT_ADDED) {
			first = first ? first : out[i].id;
			last = out[i].id;
		}
	}
	if (sqlite3_get_autocommit(db) ||
	    (first > 0 && publish(s, first, last) != 0) || db_commit(db) != 0) {
		log_error("import: the transaction of a batch of %zu files failed: "
		    "%s", n, sqlite3_errmsg(db));
		db_rollback(db);
		goto failed;
	}
	return 0;
failed:
	/* Nothing of the batch is stored. An unchanged file whose article is
	 * older than the batch is still unchanged; a file that failed on its
	 * own was reported already. */
	for (k = 0; k < n; k++) {
		if ((out[k].outcome == IMPORT_UNCHANGED && (first == 0 ||
		    out[k].id < first)) || (k < i && out[k].outcome == IMPORT_FAILED))
			continue;
		out[k].outcome = IMPORT_FAILED;
		report(paths[k], 0, "not imported: the transaction of its batch "
		    "failed (see above); nothing of it was stored, import it again");
	}
	return -1;
}
