/* list_anchors.h: keyset anchors, so that a deep page of a list costs what
 * its first page costs. Lists are ordered by (published_on, id), newest
 * first. Instead of skipping OFFSET rows, a page starts after the key of
 * a known row and skips fewer than LIST_ANCHOR_EVERY more. A worker learns
 * the key of every LIST_ANCHOR_EVERY-th row of a list the first time a page
 * that deep is asked for, walking the covering index once, and keeps the
 * keys until the site revision moves (every write to articles does). */
#ifndef GAZETTE_LIST_ANCHORS_H
#define GAZETTE_LIST_ANCHORS_H

struct store;

#define LIST_ANCHOR_EVERY	500	/* rows between two anchors */
#define LIST_ANCHOR_LISTS	8	/* lists (all, sections) kept per worker */

/* A position in a list: rows strictly after this key (older, or the same
 * date with a smaller id) come next. */
struct list_key {
	char		date[16];	/* YYYY-MM-DD */
	long long	id;
};

/* The key before every row: any stored date sorts below it. */
extern const struct list_key LIST_KEY_START;

struct list_anchors;

/* NULL when out of memory. */
struct list_anchors	*list_anchors_new(void);
void			 list_anchors_free(struct list_anchors *);

/* Forgets every anchor when REVISION differs from the one they were
 * learnt at (or is -1: unknown). Called as each request begins. */
void	list_anchors_sync(struct list_anchors *, long long revision);

/* Where a page at OFFSET of the list of SECTION_ID starts: *KEY, then
 * *REST more rows to skip (< LIST_ANCHOR_EVERY). SECTION_ID is 0 for all
 * articles, else a section without children (those lists are index
 * ranges; a section with children is sorted, and anchors would not help).
 * With A NULL the answer is LIST_KEY_START and OFFSET itself. -1 when the
 * database failed (logged). */
int	list_anchors_find(struct list_anchors *, struct store *,
	    long long section_id, long offset, struct list_key *key, long *rest);

#endif
