/* json_import_store.c: the articles of an export file into the database,
 * each all or nothing with its photos, in the seed importer's batch and
 * savepoint style (see json_import.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "article_store.h"
#include "db.h"
#include "importer.h"
#include "json_import.h"
#include "markdown.h"
#include "media_store.h"
#include "section_store.h"
#include "store.h"

/* A batch also ends after this long, so that photos written and synced
 * inside it never keep the write lock near the 5 s an editor's save
 * waits for it (DB_BUSY_TIMEOUT_MS). */
#define BATCH_SECONDS	2.0

/* One file's import of articles. */
struct run {
	struct store		*s;
	const char		*path;
	const char		*media;
	const struct json_import *ji;
	struct arena		 a;	/* one article's; reset for the next */
	struct arena		 lines;	/* what a batch will print */
	const char		*root_alias;	/* the file's root slug when this
						 * site's root has another */
	long long		 now;
	/* The batch's published articles, stored as drafts until its end. */
	long long		 publish[IMPORT_BATCH_FILES];
	size_t			 npublish;
};

/* What became of one article of a batch. */
struct outcome {
	size_t			 n;		/* its place in the file, from 1 */
	enum import_outcome	 what;
	long long		 id;
	long long		 wanted;	/* the id in the file, 0 none */
	const char		*title;		/* shown, in run.lines */
	const char		*section;	/* the slug given, when the article
						 * went to the root instead */
};

static void
report(struct run *r, size_t n, const char *title, const char *message)
{
	fprintf(stderr, "%s: article %zu (%s): %s; not imported\n", r->path, n,
	    title ? json_shown(&r->a, title, 60) : "no title", message);
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 1 when article ID here is AR in every field the hash covers: a site's
 * own export imported into it adds nothing. -1 on a database error. */
static int
same_article(struct run *r, long long id, const struct export_article *ar)
{
	struct export_article here = { 0 };
	struct article art;
	struct section sec;
	int rc;

	if ((rc = article_get(r->s, &r->a, id, &art)) != 0)
		return rc == 1 ? 0 : -1;
	if ((rc = section_by_id(r->s, &r->a, art.s.section_id, &sec)) != 0)
		return rc == 1 ? 0 : -1;
	here.id = id;
	here.section = sec.slug;
	here.title = art.s.title;
	here.author = art.s.author;
	here.source = art.source;
	here.published_on = art.s.published_on;
	here.status = art.s.status;
	here.body = art.body;
	here.created_at = art.created_at;
	here.updated_at = art.updated_at;
	export_article_hash(&here, here.hash);
	return strcmp(here.hash, ar->hash) == 0;
}

/* Stores AR's photos in the media folder: a message, or NULL. */
static const char *
store_photos(struct run *r, const struct export_article *ar)
{
	for (size_t k = 0; k < ar->nphotos; k++) {
		const struct export_photo *p = &ar->photos[k];
		const char *mime = media_image_type(p->data, p->len);
		char name[MEDIA_NAME_MAX];
		int rc;

		if (mime == NULL)
			return arena_printf(&r->a, "photo %zu (%s) is not a JPEG, PNG, "
			    "GIF or WebP image", k + 1, p->name);
		if (strcmp(mime, p->type) != 0)
			return arena_printf(&r->a, "photo %zu (%s): its content is %s, "
			    "not the %s its name says", k + 1, p->name, mime, p->type);
		if ((rc = media_save(r->s, r->media, p->data, p->len, mime, name)) != 0)
			return arena_printf(&r->a, "photo %zu (%s) could not be stored "
			    "in %s%s", k + 1, p->name, r->media, rc == MEDIA_NO_SPACE ?
			    ": the disk is full; free space, then import again" :
			    " (see the error above)");
		if (strcmp(name, p->name) != 0)
			return arena_printf(&r->a, "photo %zu (%s) was stored as %s, so "
			    "the body's link to it would not work", k + 1, p->name, name);
	}
	return NULL;
}

/* Warns of each photo the body links that neither the file nor the media
 * folder holds: the article is still good, with a hole where it was. */
static void
warn_missing(struct run *r, size_t n, const struct export_article *ar)
{
	char name[64];
	const char *file;
	size_t pos = 0, k;
	struct stat sb;

	while (export_next_photo(ar->body, &pos, name)) {
		for (k = 0; k < ar->nphotos && strcmp(ar->photos[k].name, name) != 0; k++)
			continue;
		if (k < ar->nphotos)
			continue;
		file = arena_printf(&r->a, "%s/%s", r->media, name);
		if (file != NULL && stat(file, &sb) != 0)
			fprintf(stderr, "%s: article %zu (%s): warning: its body links "
			    "/media/%s, which neither the file nor %s holds: the page "
			    "will show no photo there\n", r->path, n,
			    json_shown(&r->a, ar->title, 60), name, r->media);
	}
}

/* Stores checked article AR (number N) in a savepoint of the open
 * transaction: 0, or -1 when said and undone. */
static int
store_article(struct run *r, size_t n, const struct export_article *ar,
    long long section_id, struct outcome *out)
{
	sqlite3 *db = store_db(r->s);
	struct article_input in = { 0 };
	const char *msg;

	if (db_savepoint(db) != 0) {
		report(r, n, ar->title, "cannot open a savepoint in the transaction");
		return -1;
	}
	if ((msg = store_photos(r, ar)) != NULL) {
		report(r, n, ar->title, msg);
		goto fail;
	}
	in.section_id = section_id;
	in.title = ar->title;
	in.author = ar->author;
	in.source = ar->source;
	in.published_on = ar->published_on;
	in.body = ar->body;
	in.status = strcmp(ar->status, "published") == 0 ? "draft" : ar->status;
	in.import_hash = ar->hash;
	in.excerpt = markdown_excerpt(&r->a, ar->body, MARKDOWN_EXCERPT_CHARS);
	if (in.excerpt == NULL || article_insert_as(r->s, &in, ar->id,
	    ar->created_at >= 0 ? ar->created_at : r->now,
	    ar->updated_at >= 0 ? ar->updated_at : r->now, &out->id) != 0) {
		report(r, n, ar->title, "the database refused it (see the error above)");
		goto fail;
	}
	if (db_release(db) != 0) {
		report(r, n, ar->title, "the savepoint could not be released");
		goto fail;
	}
	if (strcmp(ar->status, "published") == 0)
		r->publish[r->npublish++] = out->id;
	warn_missing(r, n, ar);
	return 0;
fail:
	db_rollback_to(db);
	return -1;
}

/* Article I of the file inside the batch's transaction. */
static void
import_article(struct run *r, size_t i, struct outcome *out)
{
	struct export_article ar;
	struct section sec;
	const char *msg;
	int rc;

	arena_reset(&r->a);
	out->what = IMPORT_FAILED;
	rc = json_import_article(r->ji, &r->a, i, &ar, &msg);
	out->title = json_shown(&r->lines, ar.title ? ar.title : "no title", 60);
	out->wanted = ar.id;
	if (rc != 0) {
		report(r, i + 1, ar.title, msg);
		return;
	}
	if ((rc = article_by_import_hash(r->s, ar.hash, &out->id)) == 0 ||
	    (rc == 1 && ar.id > 0 && (rc = same_article(r, ar.id, &ar)) == 1)) {
		if (rc == 1)
			out->id = ar.id;
		out->what = IMPORT_UNCHANGED;
		return;
	}
	if (rc < 0) {
		report(r, i + 1, ar.title, "the database could not be read (see the "
		    "error above)");
		return;
	}
	sec.id = SECTION_ROOT_ID;
	if (ar.section != NULL && (r->root_alias == NULL ||
	    strcmp(ar.section, r->root_alias) != 0) &&
	    (rc = section_by_slug(r->s, &r->a, ar.section, &sec)) != 0) {
		if (rc < 0) {
			report(r, i + 1, ar.title, "its section could not be read");
			return;
		}
		sec.id = SECTION_ROOT_ID;
		out->section = json_shown(&r->lines, ar.section, 64);
	}
	if (store_article(r, i + 1, &ar, sec.id, out) == 0)
		out->what = IMPORT_ADDED;
}

/* Publishes the batch's articles stored as drafts, in one statement with
 * FTS5's memory raised (importer.h says why): importer.c's publish(), for
 * a batch whose ids are not one range. 0 on success. */
static int
publish_batch(struct run *r)
{
	long long old;

	if (import_search_hash_raise(r->s, &old) != 0 ||
	    article_publish_ids(r->s, r->publish, r->npublish) != 0)
		return -1;
	return import_search_hash_restore(r->s, old);
}

/* Says what became of the N articles of a committed batch. */
static void
print_batch(struct run *r, const struct outcome *o, size_t n, int *added,
    int *unchanged, int *failed)
{
	for (size_t k = 0; k < n; k++) {
		if (o[k].what == IMPORT_FAILED) {
			(*failed)++;
			continue;
		}
		printf("%s: article %zu (%s): ", r->path, o[k].n, o[k].title);
		if (o[k].what == IMPORT_UNCHANGED) {
			(*unchanged)++;
			printf("already imported as article %lld\n", o[k].id);
			continue;
		}
		(*added)++;
		printf("added as article %lld", o[k].id);
		if (o[k].wanted > 0 && o[k].wanted != o[k].id)
			printf("; its id %lld is taken on this site", o[k].wanted);
		if (o[k].section != NULL)
			printf("; its section %s is not on this site, so it is in the "
			    "root section", o[k].section);
		putchar('\n');
	}
}

/* Imports the articles ORDER[0..N) in one transaction, up to
 * IMPORT_BATCH_FILES of them, fewer when BATCH_SECONDS pass. Returns how
 * many it took. */
static size_t
import_batch_json(struct run *r, const size_t *order, size_t total,
    int *added, int *unchanged, int *failed)
{
	static struct outcome out[IMPORT_BATCH_FILES];
	sqlite3 *db = store_db(r->s);
	double start = seconds();
	size_t n = 0;

	arena_reset(&r->lines);
	r->npublish = 0;
	if (db_begin(db) != 0) {
		fprintf(stderr, "%s: cannot start a transaction: %s (is another "
		    "process writing?); %zu articles were not imported: import the "
		    "file again\n", r->path, sqlite3_errmsg(db), total);
		*failed += (int)total;
		return total;
	}
	/* A failed statement can end the whole transaction (disk full, I/O
	 * error): no article may then be stored outside it. */
	while (n < total && n < IMPORT_BATCH_FILES && !sqlite3_get_autocommit(db) &&
	    (n == 0 || seconds() - start < BATCH_SECONDS)) {
		memset(&out[n], 0, sizeof(out[n]));
		out[n].n = order[n] + 1;
		import_article(r, order[n], &out[n]);
		n++;
	}
	if (sqlite3_get_autocommit(db) || (r->npublish > 0 && publish_batch(r) != 0) ||
	    db_commit(db) != 0) {
		fprintf(stderr, "%s: the transaction of %zu articles failed: %s; none "
		    "of them was stored (those said added below were not): import the "
		    "file again\n", r->path, n, sqlite3_errmsg(db));
		db_rollback(db);
		for (size_t k = 0; k < n; k++)
			out[k].what = IMPORT_FAILED;
	}
	print_batch(r, out, n, added, unchanged, failed);
	return n;
}

/* The order to import the file's articles in: first those whose id is
 * free here, then the others. Otherwise the new id given to an article
 * whose id is taken could be the id of a later one, which would then lose
 * its own too. A malloc'd array, or NULL when out of memory or unreadable. */
static size_t *
import_order(struct run *r, size_t n)
{
	size_t *order = malloc((n + 1) * sizeof(*order)), front = 0, back = n;
	struct article art;
	long long id;
	int rc;

	if (order == NULL)
		return NULL;
	/* Taken ids fill the array from its end, then are put back in file
	 * order. */
	for (size_t i = 0; i < n; i++) {
		arena_reset(&r->a);
		rc = (id = json_import_article_id(r->ji, i)) > 0 ?
		    article_get(r->s, &r->a, id, &art) : 1;
		if (rc < 0) {
			free(order);
			return NULL;
		}
		if (rc == 1)
			order[front++] = i;
		else
			order[--back] = i;
	}
	for (size_t i = back, k = n - 1; i < k; i++, k--) {
		size_t t = order[i];

		order[i] = order[k];
		order[k] = t;
	}
	return order;
}

int
json_import_articles(struct store *s, const struct json_import *ji,
    const char *path, const char *media_dir, const char *root_alias,
    int *added, int *unchanged, int *failed)
{
	struct run r = { .s = s, .path = path, .media = media_dir, .ji = ji,
		.root_alias = root_alias, .now = (long long)time(NULL) };
	size_t n = json_import_article_count(ji), *order;
	int before = *failed;

	arena_init(&r.a);
	arena_init(&r.lines);
	if ((order = import_order(&r, n)) == NULL) {
		fprintf(stderr, "%s: out of memory, or the database could not be read; "
		    "none of the articles was imported: try again\n", path);
		*failed += (int)n;
	} else {
		for (size_t i = 0; i < n; )
			i += import_batch_json(&r, order + i, n - i, added, unchanged,
			    failed);
		free(order);
	}
	if (*failed > before)
		fprintf(stderr, "%s: %d article%s not imported (see above): correct the "
		    "file and import it again; what was imported is found and skipped\n",
		    path, *failed - before, *failed - before == 1 ? " was" : "s were");
	arena_release(&r.a);
	arena_release(&r.lines);
	return *failed > before ? -1 : 0;
}
