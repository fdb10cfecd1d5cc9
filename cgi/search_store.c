/* search_store.c: runs searches over the article_search index (see
 * search_store.h for how each kind of term is answered). */
#include "arena.h"
#include "search_query.h"
#include "search_store.h"
#include "store.h"
#include "strbuf.h"

/* Adds to MATCH an OR group of the trigrams that start with short term T,
 * or to LIKE its pattern when T is common (or has letters the index folds
 * differently). Sets *NONE when no trigram starts with T, and *AT_LEAST to
 * the most articles one of those trigrams is in: at least that many hold
 * T itself. */
static int
expand_short(struct store *s, const struct search_term *t, struct strbuf *match,
    struct strbuf *like, int *none, long long *at_least)
{
	struct strbuf group = STRBUF_INIT;
	sqlite3_stmt *st;
	char folded[4 * SEARCH_SHORT_CHARS + 1];
	long long docs = 0;
	int rc, n = 0, common = 0;

	if (t->caseless) {
		search_fold_ascii(t->text, t->len, folded);
		st = store_stmt(s, STMT_SEARCH_VOCAB);
		sqlite3_bind_text(st, 1, folded, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, SEARCH_EXPAND_MAX + 1);
		/* Reading stops as soon as the term proves common: counting a
		 * trigram's articles walks its whole list. */
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			long long d = sqlite3_column_int64(st, 1);

			docs += d;
			if (d > *at_least)
				*at_least = d;
			if (++n > SEARCH_EXPAND_MAX || docs > SEARCH_EXPAND_DOCS) {
				common = 1;
				rc = SQLITE_DONE;
				break;
			}
			strbuf_puts(&group, n > 1 ? " OR " : "(");
			search_fts_quote(&group, (const char *)sqlite3_column_text(st, 0),
			    (size_t)sqlite3_column_bytes(st, 0));
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			strbuf_free(&group);
			store_log_error(s, "search vocabulary");
			return -1;
		}
		if (n == 0)
			*none = 1;
		else if (!common) {
			strbuf_puts(match, match->len > 0 ? " AND " : "");
			strbuf_append(match, group.data, group.len);
			strbuf_puts(match, ")");
		}
		rc = group.failed;
		strbuf_free(&group);
		if (rc || !common)
			return rc ? -1 : 0;
	}
	/* Too common to list, or not in the index's folding: LIKE. */
	strbuf_puts(like, like->len > 0 ? "," : "[");
	search_like_json(like, t);
	return 0;
}

int
search_prepare(struct store *s, struct arena *a, const struct search_query *q,
    struct search_sql *out)
{
	struct strbuf match = STRBUF_INIT, like = STRBUF_INIT;
	long long at_least = 0;
	int ret = 0;

	out->match = out->like = NULL;
	out->none = out->few = out->many = 0;
	out->at_least = 0;
	search_fts_long_terms(&match, q);
	for (size_t i = 0; i < q->nterms && !out->none && ret == 0; i++)
		if (q->terms[i].is_short)
			ret = expand_short(s, &q->terms[i], &match, &like, &out->none,
			    &at_least);
	/* One short term alone: what the vocabulary proved is its count's
	 * floor (with more terms, each narrows the others). */
	if (q->nterms == 1)
		out->at_least = at_least;
	if (like.len > 0)
		strbuf_puts(&like, "]");
	if (match.failed || like.failed)
		ret = -1;
	if (ret == 0 && match.len > 0 &&
	    (out->match = arena_strndup(a, match.data, match.len)) == NULL)
		ret = -1;
	if (ret == 0 && like.len > 0 &&
	    (out->like = arena_strndup(a, like.data, like.len)) == NULL)
		ret = -1;
	strbuf_free(&match);
	strbuf_free(&like);
	return ret;
}

/* Binds ?1 and ?2 of one of the match or scan statements. */
static sqlite3_stmt *
bound(struct store *s, const struct search_sql *q, enum stmt_id match,
    enum stmt_id scan)
{
	sqlite3_stmt *st = store_stmt(s, q->match != NULL ? match : scan);

	if (q->match != NULL)
		sqlite3_bind_text(st, 1, q->match, -1, SQLITE_STATIC);
	if (q->like != NULL)
		sqlite3_bind_text(st, 2, q->like, -1, SQLITE_STATIC);
	return st;
}

int
search_count(struct store *s, struct search_sql *q, long *count)
{
	sqlite3_stmt *st;
	int rc;

	*count = 0;
	if (q->none || (q->match == NULL && q->like == NULL))
		return 0;
	/* A common short term is counted by reading articles until the cap,
	 * ~15 ms at 100,000 articles; the vocabulary may have proved the cap
	 * reached already. */
	if (q->at_least > SEARCH_COUNT_MAX) {
		*count = SEARCH_COUNT_MAX + 1;
		q->few = 0;
		q->many = 1;
		return 0;
	}
	st = bound(s, q, STMT_SEARCH_COUNT_MATCH, STMT_SEARCH_COUNT_SCAN);
	sqlite3_bind_int64(st, 3, SEARCH_COUNT_MAX + 1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*count = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		store_log_error(s, "search_count");
		return -1;
	}
	q->few = *count <= SEARCH_FEW;
	q->many = *count > SEARCH_COUNT_MAX;
	return 0;
}

/* Steps the bound list statement ST into V (room for LIMIT hits). */
static int
read_hits(struct store *s, struct arena *a, sqlite3_stmt *st, long limit,
    struct search_hit *v, size_t *n)
{
	int rc = SQLITE_DONE;

	*n = 0;
	while (*n < (size_t)limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct search_hit *h = &v[(*n)++];

		h->body = store_column_text(a, st, 6);
		h->source = store_column_text(a, st, 7);
		if (article_summary_read(a, st, &h->s) != 0 || !h->body ||
		    !h->source) {
			rc = SQLITE_NOMEM;
			break;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_log_error(s, "search_list");
		return -1;
	}
	return 0;
}

int
search_list(struct store *s, struct arena *a, const struct search_sql *q,
    long offset, long limit, struct search_hit **hits, size_t *n)
{
	struct search_hit *v;
	sqlite3_stmt *st;

	*hits = NULL;
	*n = 0;
	if (limit <= 0 || q->none || (q->match == NULL && q->like == NULL))
		return 0;
	if ((v = arena_alloc(a, sizeof(*v) * (size_t)limit)) == NULL)
		return -1;
	/* A common term's first pages are most likely among the newest
	 * articles: test those one by one, newest first. A test costs
	 * ~150 us, a match read for the full plan ~1 us: so only for terms
	 * with more than SEARCH_COUNT_MAX matches, and at most SEARCH_RECENT
	 * tests; if the page is not full by then, the full plan runs. */
	if (q->match != NULL && q->many && offset + limit <= SEARCH_RECENT / 2) {
		st = bound(s, q, STMT_SEARCH_LIST_RECENT, STMT_SEARCH_LIST_SCAN);
		sqlite3_bind_int64(st, 3, limit);
		sqlite3_bind_int64(st, 4, offset);
		sqlite3_bind_int64(st, 5, SEARCH_RECENT - 1);
		if (read_hits(s, a, st, limit, v, n) != 0)
			return -1;
		if (*n == (size_t)limit) {
			*hits = v;
			return 0;
		}
	}
	st = bound(s, q, q->few ? STMT_SEARCH_LIST_FEW : STMT_SEARCH_LIST_MATCH,
	    STMT_SEARCH_LIST_SCAN);
	sqlite3_bind_int64(st, 3, limit);
	sqlite3_bind_int64(st, 4, offset);
	if (read_hits(s, a, st, limit, v, n) != 0)
		return -1;
	*hits = v;
	return 0;
}
