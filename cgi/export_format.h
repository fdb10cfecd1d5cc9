/* export_format.h: the JSON file that `gazette export` writes and
 * `gazette import` reads back, to move a site's articles to another
 * gazette (or another system): what the writer (article_export.c) and the
 * reader (json_import.c) share. Pure: no SQLite, no I/O.
 *
 * One JSON object, UTF-8, one section or article per line:
 *
 *   {"format": "gazette-export", "version": 1, "schema_version": 5,
 *    "exported_at": "2025-01-31T09:00:00Z",
 *    "site": {"name": "...", "tagline": "...", "url": "...", "icp_number": "..."},
 *    "sections": [{"slug": "home", "title": "HOME", "parent": null}, ...],
 *    "articles": [{"id": 7, "section": "activities", "title": "...",
 *       "author": "...", "source": "...", "published_on": "2024-05-06",
 *       "status": "published", "created_at": "2024-05-06T08:00:00Z",
 *       "updated_at": "...", "body": "CommonMark, as stored",
 *       "photos": [{"name": "<32 hex>.jpg", "type": "image/jpeg",
 *                   "data": "<base64>"}]}, ...]}
 *
 * "version" is this format's: a reader refuses a newer one. Sections come
 * in tree order (a parent before its children, siblings in menu order),
 * articles by id. Each article carries the photos its body names as
 * /media/<name>; a photo's name is the BLAKE2b-128 hash of its bytes, as
 * the media folder names it, so the body's links keep working. Settings
 * that are not set are left out. Users, sessions and page views are not
 * exported. */
#ifndef GAZETTE_EXPORT_FORMAT_H
#define GAZETTE_EXPORT_FORMAT_H

#include <stddef.h>

#define EXPORT_FORMAT		"gazette-export"
#define EXPORT_VERSION		1
#define EXPORT_ID_MAX		9007199254740991LL	/* 2^53 - 1: exact in
							 * any JSON reader */
#define EXPORT_SLUG_MAX		64	/* sql/001 */
#define EXPORT_TIME_LEN		20	/* "YYYY-MM-DDTHH:MM:SSZ" */

struct export_photo {
	const char		*name;	/* <BLAKE2b-128 hex>.<ext> */
	const char		*type;	/* image/jpeg, image/png, image/gif, image/webp */
	const unsigned char	*data;
	size_t			 len;
};

/* One article as the format carries it. */
struct export_article {
	long long		 id;		/* 0: none given */
	const char		*section;	/* slug; NULL: none given */
	const char		*title;
	const char		*author;
	const char		*source;
	const char		*published_on;	/* YYYY-MM-DD */
	const char		*status;	/* "draft" or "published" */
	const char		*body;		/* CommonMark */
	long long		 created_at;	/* unix seconds; -1: not given */
	long long		 updated_at;
	struct export_photo	*photos;
	size_t			 nphotos;
	char			 hash[65];	/* export_article_hash, hex */
};

/* The article's import hash: BLAKE2b-256 of a canonical form of every
 * field but the photos (the body names them by content hash already).
 * A second import of a file finds by it what the first stored; and an
 * article already on a site under its id hashes alike, so importing a
 * site's own export into it adds nothing. */
void		 export_article_hash(const struct export_article *, char hex[65]);

/* 1 when S is a section slug: 1 to 64 of a-z, 0-9 and '-'. */
int		 export_slug_valid(const char *s);

/* The image type of a photo NAME as the media folder names photos (32
 * lowercase hex digits, then .jpg, .png, .gif or .webp), or NULL for any
 * other name. */
const char	*export_photo_type(const char *name);

/* The next photo name the CommonMark BODY links to as /media/<name> from
 * *POS on (a name export_photo_type accepts), copied into NAME; *POS moves
 * past it. 0 when there is no more. */
int		 export_next_photo(const char *body, size_t *pos, char name[64]);

/* 1 when S is "YYYY-MM-DDTHH:MM:SSZ" naming a real second of the years
 * 1970 to 9999, with *T its unix time; 0 otherwise. */
int		 export_parse_time(const char *s, long long *t);
/* T (unix seconds) as "YYYY-MM-DDTHH:MM:SSZ"; 0, or -1 when T is outside
 * 1970 to 9999. */
int		 export_format_time(long long t, char out[EXPORT_TIME_LEN + 1]);

#endif
