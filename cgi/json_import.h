/* json_import.h: reading the JSON that `gazette export` writes (the format
 * is in export_format.h) back into checked articles, for `gazette import`.
 *
 * The input is untrusted. Parsing and checking are pure (jansson and
 * libsodium, no SQLite, no files), so the fuzzer links them alone
 * (json_import.c); json_import_store.c stores what they return.
 * The checks are those of every writer of articles: the database's bounds
 * and the admin form's rules, widened only where the seed importer stores
 * more (titles of 500 characters, an empty author), so that whatever a
 * gazette holds survives a move to another. */
#ifndef GAZETTE_JSON_IMPORT_H
#define GAZETTE_JSON_IMPORT_H

#include <stddef.h>

#include "export_format.h"

struct arena;
struct store;

/* The largest file `gazette import` parses. The whole document is held in
 * memory while it is imported (about its size again), so this bounds what
 * an untrusted file can make the process take. */
#define JSON_IMPORT_MAX_BYTES	(1024L * 1024 * 1024)

/* Bounds of one article, beyond the file's own size. */
#define JSON_TITLE_MAX		500	/* characters: sql/001 */
#define JSON_AUTHOR_MAX		200	/* characters: sql/001 */
#define JSON_SOURCE_MAX		200	/* characters: sql/004 */
#define JSON_BODY_MAX		1000000	/* characters: sql/001 */
#define JSON_PHOTOS_MAX		1000	/* photos of one article */
#define JSON_PHOTO_MAX		(20L * 1024 * 1024)	/* bytes, as IMPORT_MAX_PHOTO */
#define JSON_SECTION_TITLE_MAX	200	/* characters: sql/001 */
#define JSON_SETTING_MAX	2000	/* characters: sql/001 */

/* Where a file that is not JSON, or not an export, went wrong: LINE and
 * COLUMN are 1-based, 0 when the problem is not at one place. */
struct json_import_error {
	int	 line;
	int	 column;
	char	 text[240];
};

/* A parsed file. Every string the functions below return belongs to it
 * and lives until json_import_close. */
struct json_import;

struct json_section {
	const char	*slug;
	const char	*title;
	const char	*parent;	/* slug; NULL for the root */
};

/* Parses the LEN bytes at BUF (need not be NUL-terminated) as an export
 * and checks its header (format, version, the shape of site, sections
 * and articles); articles and sections are checked one by one below.
 * NULL with *ERR filled when it is not JSON or not a gazette export. */
struct json_import	*json_import_open(const char *buf, size_t len,
			    struct json_import_error *err);
void			 json_import_close(struct json_import *);

/* The header's values: the schema version of the database exported (0
 * when not given), and a setting of the site it came from ("name",
 * "tagline", "url", "icp_number"), or NULL when not given. */
long long	 json_import_schema_version(const struct json_import *);
const char	*json_import_site(const struct json_import *, const char *key);

size_t		 json_import_section_count(const struct json_import *);
/* Section I (0-based) into *OUT: 0, or -1 with *MESSAGE saying what is
 * wrong with it (OUT->slug is then the slug given, or NULL). */
int		 json_import_section(const struct json_import *, size_t i,
		    struct json_section *out, const char **message);

size_t		 json_import_article_count(const struct json_import *);
/* The id article I gives, when it is an object with a whole id in range;
 * 0 otherwise. Unchecked beyond that: to plan the order of an import. */
long long	 json_import_article_id(const struct json_import *, size_t i);
/* Article I (0-based), checked, into *OUT with its photos decoded into A
 * and its hash (export_article_hash) computed: 0, or -1 with *MESSAGE (in
 * A, or static) saying what is wrong; OUT->title is then the title given
 * when it was a string, else NULL. */
int		 json_import_article(const struct json_import *, struct arena *a,
		    size_t i, struct export_article *out, const char **message);

/* S for a message: at most MAX_CHARS characters (an ellipsis marks a
 * cut), control characters as '?', so that no value of an untrusted file
 * can break or forge a line of the report; in A. */
const char	*json_shown(struct arena *a, const char *s, size_t max_chars);

/* 1 when the file at PATH holds JSON (its first byte other than white
 * space is '{'), 0 otherwise, unreadable included: the seed importer
 * then says what is wrong with it. For `gazette import`. */
int		 json_import_is_json(const char *path);

/* Imports the export file PATH (json_import_file.c): the settings (only
 * into a site without articles) and the sections missing here first, then
 * json_import_articles. Adds to the three counts (a file refused as a
 * whole counts as one failure); returns 0 when nothing failed, else -1. */
int		 json_import_path(struct store *, const char *path,
		    const char *media_dir, int *added, int *unchanged, int *failed);
/* Stores the articles of JI, read from PATH (json_import_store.c), each
 * all or nothing, in batches of at most IMPORT_BATCH_FILES per
 * transaction; photos go to MEDIA_DIR; an article of section ROOT_ALIAS
 * (may be NULL) goes to the root. Writes a line per article to standard
 * output once its batch committed, and each problem to standard error as
 * "PATH: article N (title): message". Adds to the counts; 0 when nothing
 * failed, else -1. */
int		 json_import_articles(struct store *, const struct json_import *ji,
		    const char *path, const char *media_dir, const char *root_alias,
		    int *added, int *unchanged, int *failed);

#endif
