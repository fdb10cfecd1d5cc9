/* article_export.c: `gazette export`: the site as one JSON file (see
 * article_export.h and export_format.h), written a line at a time and put
 * in place atomically. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libgen.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "article_export.h"
#include "article_store.h"
#include "command.h"
#include "config.h"
#include "db.h"
#include "export_format.h"
#include "section_store.h"
#include "store.h"

#define ID_PAGE		1000		/* ids read per query */
#define B64_CHUNK	(3 * 16384)	/* bytes of a photo encoded at once: a
					 * multiple of 3, so the pieces join */

/* S as a JSON string on F: 0, or -1 when S is not UTF-8 or F failed. */
static int
put_string(FILE *f, const char *s)
{
	json_t *j = json_stringn(s, strlen(s));
	int rc;

	if (j == NULL)
		return -1;
	rc = json_dumpf(j, f, JSON_ENCODE_ANY);
	json_decref(j);
	return rc;
}

/* ,"KEY":"S" (no comma when FIRST). */
static int
put_field(FILE *f, int first, const char *key, const char *s)
{
	fprintf(f, "%s\"%s\":", first ? "" : ",", key);
	return put_string(f, s);
}

static int
put_time(FILE *f, const char *key, long long t)
{
	char s[EXPORT_TIME_LEN + 1];

	if (export_format_time(t, s) != 0)
		return -1;
	return put_field(f, 0, key, s);
}

/* The site's settings that are set, as "site". */
static int
write_site(struct store *s, struct arena *a, FILE *f)
{
	static const char *const keys[][2] = { { "name", "site_name" },
		{ "tagline", "site_tagline" }, { "url", "site_url" },
		{ "icp_number", "icp_number" } };
	const char *value;
	int first = 1, rc;

	fputs(",\n\"site\":{", f);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if ((rc = setting_get(s, a, keys[i][1], &value)) == 1)
			continue;
		if (rc != 0 || put_field(f, first, keys[i][0], value) != 0) {
			fprintf(stderr, "gazette export: the setting %s could not be "
			    "read or is not UTF-8: correct it with 'gazette setting'\n",
			    keys[i][1]);
			return -1;
		}
		first = 0;
	}
	fputc('}', f);
	return 0;
}

/* Every section in tree order; *SECS and *N stay for the articles. */
static int
write_sections(struct store *s, struct arena *keep, FILE *f,
    struct section **secs, size_t *n)
{
	int *depths;

	if (section_all(s, keep, secs, &depths, n) != 0)
		return -1;
	fputs(",\n\"sections\":[", f);
	for (size_t i = 0; i < *n; i++) {
		const struct section *sec = &(*secs)[i];
		const char *parent = NULL;

		for (size_t k = 0; k < i && parent == NULL; k++)
			if ((*secs)[k].id == sec->parent_id)
				parent = (*secs)[k].slug;
		fprintf(f, "%s\n{", i ? "," : "");
		if (put_field(f, 1, "slug", sec->slug) != 0 ||
		    put_field(f, 0, "title", sec->title) != 0) {
			fprintf(stderr, "gazette export: section %s has a title that is "
			    "not UTF-8\n", sec->slug);
			return -1;
		}
		fputs(",\"parent\":", f);
		if (parent == NULL)
			fputs("null}", f);
		else if (put_string(f, parent) != 0 || fputc('}', f) == EOF)
			return -1;
	}
	fputs("]", f);
	return 0;
}

/* The ids of every article, drafts too, ascending, malloc'd into *IDS. */
static int
article_ids(struct store *s, struct arena *a, long long **ids, size_t *n)
{
	struct article_summary *items;
	size_t got, cap = 0;
	long long *grown;

	*ids = NULL;
	*n = 0;
	do {
		arena_reset(a);
		if (article_list_any(s, a, (long)*n, ID_PAGE, &items, &got) != 0)
			return -1;
		if (*n + got > cap) {
			cap = (*n + got) * 2;
			if ((grown = realloc(*ids, cap * sizeof(**ids))) == NULL)
				return -1;
			*ids = grown;
		}
		for (size_t i = 0; i < got; i++)
			(*ids)[(*n)++] = items[i].id;
	} while (got == ID_PAGE);
	return 0;
}

static int
compare_ids(const void *x, const void *y)
{
	long long a = *(const long long *)x, b = *(const long long *)y;

	return (a > b) - (a < b);
}

/* The photo NAME from MEDIA_DIR as a photos[] entry, base64 a piece at a
 * time: 0, 1 when the file is missing (said, and nothing written), -1. */
static int
write_photo(FILE *f, const char *media_dir, const char *name, int first,
    long long id)
{
	static unsigned char raw[B64_CHUNK];
	static char b64[B64_CHUNK / 3 * 4 + 1];
	char path[PATH_MAX];
	size_t got;
	FILE *in;

	if (snprintf(path, sizeof(path), "%s/%s", media_dir, name) >= (int)sizeof(path) ||
	    (in = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "gazette export: article %lld: its body links /media/%s, "
		    "but %s cannot be read (%s): exported without it; put the file back "
		    "and export again to carry it\n", id, name, path, strerror(errno));
		return 1;
	}
	fprintf(f, "%s{\"name\":\"%s\",\"type\":\"%s\",\"data\":\"", first ? "" : ",",
	    name, export_photo_type(name));
	while ((got = fread(raw, 1, sizeof(raw), in)) > 0) {
		sodium_bin2base64(b64, sizeof(b64), raw, got,
		    sodium_base64_VARIANT_ORIGINAL);
		fputs(b64, f);
	}
	if (ferror(in)) {
		fprintf(stderr, "gazette export: cannot read %s: %s\n", path,
		    strerror(errno));
		fclose(in);
		return -1;
	}
	fclose(in);
	fputs("\"}", f);
	return 0;
}

/* The photos ART's body names, each once. */
static int
write_photos(FILE *f, struct arena *a, const char *media_dir,
    const struct article *art, struct export_totals *t)
{
	char name[64], **seen;
	size_t pos = 0, nseen = 0, cap = 64, k;
	int rc, first = 1;

	if ((seen = arena_alloc(a, cap * sizeof(*seen))) == NULL)
		return -1;
	fputs(",\"photos\":[", f);
	while (export_next_photo(art->body, &pos, name)) {
		for (k = 0; k < nseen && strcmp(seen[k], name) != 0; k++)
			continue;
		if (k < nseen)
			continue;
		if (nseen == cap) {
			char **more = arena_alloc(a, 2 * cap * sizeof(*more));

			if (more == NULL)
				return -1;
			memcpy(more, seen, cap * sizeof(*more));
			seen = more;
			cap *= 2;
		}
		if ((seen[nseen++] = arena_strdup(a, name)) == NULL ||
		    (rc = write_photo(f, media_dir, name, first, art->s.id)) < 0)
			return -1;
		t->photos += rc == 0;
		t->missing += rc == 1;
		first = first && rc != 0;
	}
	fputs("]", f);
	return 0;
}

static int
write_article(struct store *s, struct arena *a, FILE *f, const char *media_dir,
    long long id, const struct section *secs, size_t nsecs,
    struct export_totals *t)
{
	struct article art;
	const char *slug = NULL;
	int rc;

	if ((rc = article_get(s, a, id, &art)) != 0)
		return rc == 1 ? 0 : -1;
	for (size_t k = 0; k < nsecs && slug == NULL; k++)
		if (secs[k].id == art.s.section_id)
			slug = secs[k].slug;
	fprintf(f, "%s\n{\"id\":%lld", t->articles ? "," : "", id);
	if ((slug != NULL && put_field(f, 0, "section", slug) != 0) ||
	    put_field(f, 0, "title", art.s.title) != 0 ||
	    put_field(f, 0, "author", art.s.author) != 0 ||
	    put_field(f, 0, "source", art.source) != 0 ||
	    put_field(f, 0, "published_on", art.s.published_on) != 0 ||
	    put_field(f, 0, "status", art.s.status) != 0 ||
	    put_time(f, "created_at", art.created_at) != 0 ||
	    put_time(f, "updated_at", art.updated_at) != 0 ||
	    put_field(f, 0, "body", art.body) != 0) {
		fprintf(stderr, "gazette export: article %lld has a field that is not "
		    "UTF-8 or a time out of range: correct it in the admin, then export "
		    "again\n", id);
		return -1;
	}
	if (write_photos(f, a, media_dir, &art, t) != 0)
		return -1;
	fputc('}', f);
	t->articles++;
	return 0;
}

int
export_write(struct store *s, const char *media_dir, FILE *f,
    struct export_totals *t)
{
	sqlite3 *db = store_db(s);
	struct arena a, keep;
	struct section *secs = NULL;
	size_t nsecs = 0, nids = 0;
	long long *ids = NULL;
	char now[EXPORT_TIME_LEN + 1];
	int rc = -1;

	memset(t, 0, sizeof(*t));
	arena_init(&a);
	arena_init(&keep);
	/* A read transaction (not db_begin's IMMEDIATE, which would keep
	 * editors from saving): every query sees the same moment. */
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		store_log_error(s, "export: starting a read transaction");
		goto done;
	}
	if (export_format_time((long long)time(NULL), now) != 0)
		snprintf(now, sizeof(now), "1970-01-01T00:00:00Z");
	fprintf(f, "{\"format\":\"%s\",\"version\":%d,\"schema_version\":%d,"
	    "\"exported_at\":\"%s\"", EXPORT_FORMAT, EXPORT_VERSION,
	    db_schema_latest(), now);
	if (write_site(s, &a, f) != 0 ||
	    write_sections(s, &keep, f, &secs, &nsecs) != 0 ||
	    article_ids(s, &a, &ids, &nids) != 0)
		goto done;
	t->sections = (long)nsecs;
	qsort(ids, nids, sizeof(*ids), compare_ids);
	fputs(",\n\"articles\":[", f);
	for (size_t i = 0; i < nids; i++) {
		arena_reset(&a);
		if (write_article(s, &a, f, media_dir, ids[i], secs, nsecs, t) != 0)
			goto done;
		if (ferror(f))
			break;
	}
	fputs("]}\n", f);
	rc = ferror(f) ? -1 : 0;
	if (rc != 0)
		fprintf(stderr, "gazette export: writing failed: %s\n", strerror(errno));
done:
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	free(ids);
	arena_release(&a);
	arena_release(&keep);
	return rc;
}

/* Makes the rename of a finished export survive a crash. */
static void
sync_folder(const char *file)
{
	char copy[PATH_MAX];
	int fd;

	snprintf(copy, sizeof(copy), "%s", file);
	if ((fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
}

int
cmd_export(const struct command *c)
{
	const char *target = c->nargs == 2 ? c->args[1] : NULL;
	char tmp[PATH_MAX];
	struct export_totals t;
	struct timespec t0, t1;
	sqlite3 *db;
	struct store *st;
	FILE *f = stdout;
	int fd, rc;

	if (c->nargs > 2) {
		fprintf(stderr, "usage: gazette export [FILE]\n");
		return 2;
	}
	if (target != NULL && strcmp(target, "-") == 0)
		target = NULL;
	if (command_open_store(c, &db, &st) != 0)
		return 1;
	/* Written beside FILE and renamed over it when complete: FILE is
	 * always a whole export, the old one or the new. Mode 0600: drafts
	 * are in it. */
	if (target != NULL) {
		fd = -1;
		if (snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", target) >= (int)sizeof(tmp))
			errno = ENAMETOOLONG;
		else if ((fd = mkstemp(tmp)) >= 0 && (f = fdopen(fd, "w")) == NULL) {
			close(fd);
			unlink(tmp);
			fd = -1;
		}
		if (fd < 0) {
			fprintf(stderr, "gazette export: cannot create a file beside %s: "
			    "%s (is its folder there and writable?)\n", target,
			    strerror(errno));
			command_close_store(db, st);
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = export_write(st, c->cfg->media, f, &t);
	if (fflush(f) != 0 || (target != NULL && fsync(fileno(f)) != 0)) {
		if (rc == 0)
			fprintf(stderr, "gazette export: writing %s failed: %s\n",
			    target ? target : "standard output", strerror(errno));
		rc = -1;
	}
	if (target != NULL && (fclose(f) != 0 || rc != 0 || rename(tmp, target) != 0)) {
		if (rc == 0)
			fprintf(stderr, "gazette export: cannot put %s in place: %s\n",
			    target, strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	command_close_store(db, st);
	if (rc != 0) {
		fprintf(stderr, "gazette export: failed (see above)%s\n", target ?
		    "; no file was written" : "");
		return 1;
	}
	if (target != NULL)
		sync_folder(target);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "gazette export: %ld sections, %ld articles, %ld photos "
	    "written to %s in %.1f s\n", t.sections, t.articles, t.photos,
	    target ? target : "standard output", (double)(t1.tv_sec - t0.tv_sec) +
	    (t1.tv_nsec - t0.tv_nsec) / 1e9);
	if (t.missing > 0) {
		fprintf(stderr, "gazette export: %ld photo%s the bodies link %s missing "
		    "from %s (see above): the export lacks them\n", t.missing,
		    t.missing == 1 ? "" : "s", t.missing == 1 ? "is" : "are",
		    c->cfg->media);
		return 1;
	}
	return 0;
}
