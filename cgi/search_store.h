/* search_store.h: full-text search over published articles (the
 * article_search index of sql/003_search.sql). Strings in results are
 * copied into the caller's arena. Functions return 0, or -1 on a database
 * error (logged); no query a reader can type makes an SQL error.
 *
 * How a query runs (search_prepare):
 * - Terms of 3+ characters go to FTS5 as quoted strings (trigrams).
 * - A term of 1-2 characters has no trigram. It occurs exactly where one
 *   of the index's trigrams starting with it occurs (the index pads every
 *   value, see the migration), so the vocabulary is read for those: none
 *   means no article has the term; up to SEARCH_EXPAND_MAX trigrams held
 *   by up to SEARCH_EXPAND_DOCS articles in all become an OR group in the
 *   FTS5 query, which costs about 10-100 us per trigram.
 * - A common short term (more of either), or one with letters whose case
 *   only Unicode folding knows, is checked with LIKE on the article: on
 *   the FTS5 matches when there are any, else on the published articles,
 *   newest first. That scan reads every body when the term is rare, so it
 *   is kept for common terms, where it stops early: at the page's end for
 *   the list, at SEARCH_COUNT_MAX + 1 matches for the count.
 * - Counts stop at SEARCH_COUNT_MAX + 1, so that a common term costs
 *   about as much as a rare one. */
#ifndef GAZETTE_SEARCH_STORE_H
#define GAZETTE_SEARCH_STORE_H

#include <stddef.h>

#include "article_store.h"

struct arena;
struct search_query;
struct store;

#define SEARCH_COUNT_MAX	1000
#define SEARCH_EXPAND_MAX	512
#define SEARCH_EXPAND_DOCS	(4 * SEARCH_COUNT_MAX)

/* A query ready to run. */
struct search_sql {
	const char	*match;	/* FTS5 expression, or NULL */
	const char	*like;	/* JSON array of LIKE patterns, or NULL */
	int		 none;	/* a term occurs in no article: no results */
	int		 few;	/* set by search_count: at most SEARCH_FEW
				 * matches, so search_list sorts the matches
				 * rather than walk every article by date */
	int		 many;	/* set by search_count: more than
				 * SEARCH_COUNT_MAX matches, so the first
				 * pages are looked for among the newest */
	long long	 at_least;	/* matches known before counting
				 * (a lone short term's vocabulary), or 0 */
};

struct search_hit {
	struct article_summary	 s;
	const char		*body;	/* CommonMark, for the snippet */
	const char		*source;	/* "" when none */
};

/* Turns Q (parsed, with at least one term) into OUT, in the arena. */
int	search_prepare(struct store *, struct arena *, const struct search_query *q,
	    struct search_sql *out);
/* Below this many matches, sorting them beats walking the date index. */
#define SEARCH_FEW	500
/* With MANY matches, the newest this many articles are tested first. */
#define SEARCH_RECENT	64
/* How many articles match, up to SEARCH_COUNT_MAX + 1; also sets FEW. */
int	search_count(struct store *, struct search_sql *, long *count);
/* Fills *HITS with at most LIMIT matches after the first OFFSET, newest
 * first. */
int	search_list(struct store *, struct arena *, const struct search_sql *,
	    long offset, long limit, struct search_hit **hits, size_t *n);

#endif
