/* article_store.h: reading and writing articles. Strings in results are
 * copied into the caller's arena. Functions return 0 on success, 1 when
 * the thing asked for does not exist, -1 on a database error (logged). */
#ifndef GAZETTE_ARTICLE_STORE_H
#define GAZETTE_ARTICLE_STORE_H

#include <stddef.h>

struct arena;
struct sqlite3_stmt;
struct list_anchors;
struct store;

struct article_summary {
	long long	 id;
	long long	 section_id;
	const char	*title;
	const char	*author;
	const char	*published_on;	/* YYYY-MM-DD */
	const char	*excerpt;
	const char	*status;	/* "draft" or "published" */
	long long	 views;		/* flushed page views; lists that do not
					 * read them say 0 */
};

struct article {
	struct article_summary	 s;
	const char		*body;		/* CommonMark */
	const char		*source;	/* 来源, "" when none */
	long long		 created_at;
	long long		 updated_at;
};

struct article_link {
	long long	 id;	/* 0: none */
	const char	*title;
};

/* What a writer supplies; every field is required but SOURCE: NULL
 * stores "". */
struct article_input {
	long long	 section_id;
	const char	*title;
	const char	*author;
	const char	*published_on;
	const char	*body;
	const char	*excerpt;
	const char	*status;
	const char	*import_hash;	/* NULL unless imported */
	const char	*source;	/* 来源; NULL or "" for none */
};

/* Reads the summary in columns 0-5 of ST's row (id, section_id, title,
 * author, published_on, excerpt), strings into the arena, as a published
 * article: 0, or -1 when out of memory. For every statement that lists
 * articles (lists, feeds, search). */
int	article_summary_read(struct arena *, struct sqlite3_stmt *st,
	    struct article_summary *out);
/* Published articles in SECTION_ID and below it (0: every section). */
int	article_count(struct store *, long long section_id, long *count);
/* Fills *ITEMS (an arena array) with at most LIMIT summaries, newest
 * first, from OFFSET. ANCHORS (may be NULL) keep a deep page as cheap as
 * the first (list_anchors.h). */
int	article_list(struct store *, struct arena *, struct list_anchors *,
	    long long section_id, long offset, long limit,
	    struct article_summary **items, size_t *n);
int	article_get(struct store *, struct arena *, long long id, struct article *);
/* The published neighbours of A in its section: OLDER was published before
 * it, NEWER after it; id 0 where there is none. */
int	article_neighbours(struct store *, struct arena *, const struct article *a,
	    struct article_link *older, struct article_link *newer);
int	article_insert(struct store *, const struct article_input *, long long *id);
/* Like article_insert (which is this with WANT 0 and the time now), with
 * the times given (unix seconds) and the id WANT kept when no article has
 * it (0, or taken: a new id). *ID is the id it got. For moving articles
 * between sites (json_import_store.c). */
int	article_insert_as(struct store *, const struct article_input *,
	    long long want, long long created_at, long long updated_at,
	    long long *id);
/* Publishes the drafts among the N articles IDS in one statement: an
 * import stores a batch's published articles as drafts and publishes
 * them at once, for the search index's sake (importer.c says why). */
int	article_publish_ids(struct store *, const long long *ids, size_t n);
/* Replaces every field of article ID but its import hash: 0, 1 when
 * there is no such article, -1. */
int	article_update(struct store *, long long id, const struct article_input *);
/* Deletes article ID: 0, 1 when there is none, -1. */
int	article_delete(struct store *, long long id);
/* Every article, drafts too, newest first (the dashboard). */
int	article_count_any(struct store *, long *count);
int	article_list_any(struct store *, struct arena *, long offset, long limit,
	    struct article_summary **items, size_t *n);
/* The article imported from a file with this hash: 0 and *ID, or 1. */
int	article_by_import_hash(struct store *, const char *hash, long long *id);

#endif
