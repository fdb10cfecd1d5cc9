/* search_query.h: what a reader typed in the search box, as terms, and the
 * pure functions around them: parsing, quoting for FTS5, LIKE patterns and
 * highlighting. No I/O and no SQLite, so that it can be fuzzed
 * (tests/fuzz/fuzz_search_query.c); search_store.c runs the queries.
 *
 * A term is a literal substring: every character the reader typed counts,
 * punctuation too, and nothing in it is FTS5 syntax. Terms are separated by
 * white space (Unicode spaces included) and by 、。，； ; text between
 * double quotes is one term, spaces included (a phrase). Every term must
 * occur in the title, the author or the body of an article. */
#ifndef GAZETTE_SEARCH_QUERY_H
#define GAZETTE_SEARCH_QUERY_H

#include <stddef.h>

struct strbuf;

#define SEARCH_MAX_CHARS	100	/* characters of a query, after trimming */
#define SEARCH_MAX_TERMS	8
/* Terms of at most this many characters have no trigram of their own. */
#define SEARCH_SHORT_CHARS	2

struct search_term {
	const char	*text;		/* NUL-terminated, valid UTF-8 */
	size_t		 len;		/* bytes */
	size_t		 chars;
	int		 is_short;	/* chars <= SEARCH_SHORT_CHARS */
	/* Only ASCII and characters without case (CJK, kana, Hangul): the
	 * index folds case with Unicode rules, this code folds ASCII only, so
	 * only such a term can be looked up in the index's vocabulary. */
	int		 caseless;
};

struct search_query {
	struct search_term	 terms[SEARCH_MAX_TERMS];
	size_t			 nterms;
	size_t			 nshort;
	/* The terms' bytes: never more than the trimmed query, plus NULs. */
	char			 buf[SEARCH_MAX_CHARS * 4 + SEARCH_MAX_TERMS + 1];
};

enum search_parse {
	SEARCH_OK,
	SEARCH_EMPTY,		/* nothing to search for */
	SEARCH_TOO_LONG,	/* over SEARCH_MAX_CHARS characters */
	SEARCH_TOO_MANY,	/* over SEARCH_MAX_TERMS different terms */
	SEARCH_BAD_UTF8,	/* not UTF-8 (the query parser refuses it first) */
	SEARCH_PARSE__MAX
};

/* Splits the LEN bytes at S into Q's terms (duplicates dropped). */
enum search_parse	 search_query_parse(const char *s, size_t len,
			    struct search_query *q);
const char		*search_parse_name(enum search_parse);

/* Appends the LEN bytes at S as one FTS5 string: in double quotes, inner
 * quotes doubled, so that nothing a reader types is FTS5 syntax. */
void	search_fts_quote(struct strbuf *, const char *s, size_t len);
/* Appends Q's terms of 3+ characters as quoted FTS5 strings joined by
 * AND (explicit: FTS5's implicit AND joins phrases only, not the
 * parenthesised groups search_store.c adds); nothing when there are none. */
void	search_fts_long_terms(struct strbuf *, const struct search_query *q);
/* Appends the LIKE pattern "%T%" for term T (with \ escaping % _ and \,
 * for LIKE ... ESCAPE '\') as a JSON string literal. */
void	search_like_json(struct strbuf *, const struct search_term *t);
/* Copies the LEN bytes at S into OUT (OUTSIZE >= LEN + 1) with ASCII
 * letters in lower case, as the index folds them. */
void	search_fold_ascii(const char *s, size_t len, char *out);

/* A snippet: pieces of one text, each plain or to be marked. */
#define SEARCH_PIECES_MAX	32

struct search_piece {
	size_t	off;	/* bytes into the text */
	size_t	len;
	int	marked;	/* one of the query's terms */
};

struct search_snippet {
	struct search_piece	 pieces[SEARCH_PIECES_MAX];
	size_t			 n;
	int			 found;		/* a term occurs in the text */
	int			 cut_start;	/* text left out before the pieces */
	int			 cut_end;	/* text left out after them */
};

/* Fills SN with TEXT (LEN bytes of valid UTF-8) cut to at most WIDTH
 * characters (0: no cut) around the first occurrence of a term of Q,
 * starting about BEFORE characters ahead of it (at the start when no term
 * occurs), with every occurrence in that window marked. Terms are matched
 * with ASCII letters folded, other bytes as they are; where two terms
 * start at one place, the longer is marked. */
void	search_snippet(const char *text, size_t len, const struct search_query *q,
	    size_t width, size_t before, struct search_snippet *sn);

#endif
