/* search_query.c: the search box's text as terms, FTS5 strings, LIKE
 * patterns and highlighted snippets (see search_query.h). Pure functions:
 * everything here is fuzzed. */
#include <string.h>

#include "search_query.h"
#include "strbuf.h"
#include "urlencoded.h"

static const char *const parse_names[SEARCH_PARSE__MAX] = {
	[SEARCH_OK] = "ok",
	[SEARCH_EMPTY] = "empty",
	[SEARCH_TOO_LONG] = "too long",
	[SEARCH_TOO_MANY] = "too many terms",
	[SEARCH_BAD_UTF8] = "not UTF-8",
};

const char *
search_parse_name(enum search_parse p)
{
	return p < SEARCH_PARSE__MAX ? parse_names[p] : "unknown";
}

/* The code point at P (valid UTF-8, AVAIL > 0 bytes); returns its length. */
static size_t
decode(const unsigned char *p, size_t avail, unsigned *cp)
{
	size_t n = p[0] < 0x80 ? 1 : p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;

	if (n > avail)		/* cannot happen after utf8_valid */
		n = avail;
	*cp = n == 1 ? p[0] : (unsigned)(p[0] & (0x7f >> n));
	for (size_t k = 1; k < n; k++)
		*cp = (*cp << 6) | (p[k] & 0x3f);
	return n;
}

/* White space, Unicode's included; controls too, since they can only be
 * noise in a search (the query parser already refused NUL). */
static int
is_space(unsigned cp)
{
	return cp <= 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0xa0) ||
	    cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200b) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000 ||
	    cp == 0xfeff;
}

/* Chinese text has no spaces: readers separate words with these marks. */
static int
is_cjk_separator(unsigned cp)
{
	return cp == 0x3001 || cp == 0x3002 || cp == 0xff0c || cp == 0xff1b;
}

/* Characters whose case the index's folding and ASCII folding agree on:
 * ASCII, and scripts without case (CJK, kana, Hangul). */
static int
is_caseless(unsigned cp)
{
	return cp < 0x80 || (cp >= 0x2e80 && cp <= 0x9fff) ||
	    (cp >= 0xac00 && cp <= 0xd7ff) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0x20000 && cp <= 0x3ffff);
}

/* Ends the term that started at *START and runs to *W: keeps it unless it
 * is empty or a duplicate. 0, or -1 when it would be one term too many. */
static int
end_term(struct search_query *q, char **start, char **w)
{
	size_t len, chars = 0;
	struct search_term *t;
	unsigned cp;
	int caseless = 1;

	while (*w > *start && (*w)[-1] == ' ')	/* a phrase's last space */
		(*w)--;
	len = (size_t)(*w - *start);
	if (len == 0)
		return 0;
	for (size_t i = 0; i < q->nterms; i++)
		if (q->terms[i].len == len && memcmp(q->terms[i].text, *start, len) == 0) {
			*w = *start;
			return 0;
		}
	if (q->nterms == SEARCH_MAX_TERMS)
		return -1;
	for (size_t i = 0; i < len; chars++) {
		i += decode((const unsigned char *)*start + i, len - i, &cp);
		caseless &= is_caseless(cp);
	}
	t = &q->terms[q->nterms++];
	t->text = *start;
	t->len = len;
	t->chars = chars;
	t->is_short = chars <= SEARCH_SHORT_CHARS;
	t->caseless = caseless;
	q->nshort += (size_t)t->is_short;
	*(*w)++ = '\0';
	*start = *w;
	return 0;
}

enum search_parse
search_query_parse(const char *s, size_t len, struct search_query *q)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t a = 0, b = 0, i, n, chars = 0;
	char *w = q->buf, *start = q->buf;
	int in_quote = 0;
	unsigned cp;

	q->nterms = q->nshort = 0;
	if (!utf8_valid(s, len))
		return SEARCH_BAD_UTF8;
	/* The limit counts what is left between the first and the last
	 * character that is not a separator. */
	for (i = 0; i < len; i += n) {
		n = decode(u + i, len - i, &cp);
		if (!is_space(cp) && !is_cjk_separator(cp)) {
			if (b == 0)
				a = i;
			b = i + n;
		}
	}
	if (b == 0)
		return SEARCH_EMPTY;
	for (i = a; i < b; i++)
		chars += (u[i] & 0xc0) != 0x80;
	if (chars > SEARCH_MAX_CHARS)
		return SEARCH_TOO_LONG;
	/* Every byte written replaces at least one byte read, so the at most
	 * SEARCH_MAX_CHARS * 4 bytes of [a, b) and a NUL per term fit buf. */
	for (i = a; i < b; i += n) {
		n = decode(u + i, b - i, &cp);
		if (cp == '"') {
			if (end_term(q, &start, &w) != 0)
				return SEARCH_TOO_MANY;
			in_quote = !in_quote;
		} else if (in_quote && is_space(cp)) {
			if (w > start && w[-1] != ' ')
				*w++ = ' ';
		} else if (!in_quote && (is_space(cp) || is_cjk_separator(cp))) {
			if (end_term(q, &start, &w) != 0)
				return SEARCH_TOO_MANY;
		} else {
			memcpy(w, s + i, n);
			w += n;
		}
	}
	if (end_term(q, &start, &w) != 0)
		return SEARCH_TOO_MANY;
	return q->nterms > 0 ? SEARCH_OK : SEARCH_EMPTY;
}

void
search_fts_quote(struct strbuf *b, const char *s, size_t len)
{
	const char *q;

	strbuf_puts(b, "\"");
	while (len > 0 && (q = memchr(s, '"', len)) != NULL) {
		strbuf_append(b, s, (size_t)(q - s) + 1);
		strbuf_puts(b, "\"");
		len -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	strbuf_append(b, s, len);
	strbuf_puts(b, "\"");
}

void
search_fts_long_terms(struct strbuf *b, const struct search_query *q)
{
	int first = 1;

	for (size_t i = 0; i < q->nterms; i++) {
		if (q->terms[i].is_short)
			continue;
		if (!first)
			strbuf_puts(b, " AND ");
		search_fts_quote(b, q->terms[i].text, q->terms[i].len);
		first = 0;
	}
}

void
search_like_json(struct strbuf *b, const struct search_term *t)
{
	strbuf_puts(b, "\"%");
	for (size_t i = 0; i < t->len; i++) {
		unsigned char c = (unsigned char)t->text[i];

		if (c == '%' || c == '_') {		/* LIKE: \% \_ */
			strbuf_puts(b, "\\\\");
			strbuf_append(b, &c, 1);
		} else if (c == '\\')			/* LIKE: \\ */
			strbuf_puts(b, "\\\\\\\\");
		else if (c == '"')
			strbuf_puts(b, "\\\"");
		else if (c < 0x20)
			strbuf_printf(b, "\\u%04x", c);
		else
			strbuf_append(b, &c, 1);
	}
	strbuf_puts(b, "%\"");
}

void
search_fold_ascii(const char *s, size_t len, char *out)
{
	for (size_t i = 0; i < len; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	out[len] = '\0';
}

static unsigned char
lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* The length of the longest term of Q at POS, ending at or before END. */
static size_t
match_at(const char *text, size_t end, size_t pos, const struct search_query *q)
{
	size_t best = 0;

	for (size_t k = 0; k < q->nterms; k++) {
		const struct search_term *t = &q->terms[k];
		size_t i = 0;

		if (t->len > end - pos || t->len <= best)
			continue;
		while (i < t->len && lower((unsigned char)text[pos + i]) ==
		    lower((unsigned char)t->text[i]))
			i++;
		if (i == t->len)
			best = t->len;
	}
	return best;
}

static size_t
next_char(const char *s, size_t len, size_t i)
{
	for (i++; i < len && ((unsigned char)s[i] & 0xc0) == 0x80; i++)
		;
	return i;
}

static size_t
prev_char(const char *s, size_t i)
{
	for (i--; i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80; i--)
		;
	return i;
}

/* Moves a window edge onto a space within a dozen characters, so that
 * English words are not cut in half; text without spaces (Chinese) is cut
 * anywhere. Looks from *EDGE towards LIMIT. */
static void
snap_to_space(const char *text, size_t *edge, size_t limit, int forward)
{
	size_t i = *edge;

	for (int k = 0; k < 12 && (forward ? i < limit : i > limit); k++) {
		if (forward) {
			if (text[i] == ' ') {
				*edge = i + 1;
				return;
			}
			i = next_char(text, limit, i);
		} else {
			if (text[i - 1] == ' ') {
				*edge = i - 1;
				return;
			}
			i = prev_char(text, i);
		}
	}
}

static void
add_piece(struct search_snippet *sn, size_t off, size_t len, int marked)
{
	sn->pieces[sn->n].off = off;
	sn->pieces[sn->n].len = len;
	sn->pieces[sn->n].marked = marked;
	sn->n++;
}

void
search_snippet(const char *text, size_t len, const struct search_query *q,
    size_t width, size_t before, struct search_snippet *sn)
{
	size_t first = 0, first_len = 0, start = 0, end = len, i, k, plain, m;

	sn->n = 0;
	sn->found = sn->cut_start = sn->cut_end = 0;
	for (i = 0; i < len; i = next_char(text, len, i))
		if ((first_len = match_at(text, len, i, q)) > 0) {
			first = i;
			sn->found = 1;
			break;
		}
	if (width > 0) {
		start = first;
		for (k = 0; k < before && start > 0; k++)
			start = prev_char(text, start);
		for (k = 0, end = start; k < width && end < len; k++)
			end = next_char(text, len, end);
		/* Near the end of the text: show the whole last WIDTH. */
		for (i = len, k = 0; end == len && k < width && i > 0; k++)
			i = prev_char(text, i);
		if (end == len && i < start)
			start = i;
		if (start > 0)
			snap_to_space(text, &start, sn->found ? first : end, 1);
		if (end < len)
			snap_to_space(text, &end, sn->found ? first + first_len : start, 0);
		while (start < end && text[start] == ' ')
			start++;
		while (end > start && text[end - 1] == ' ')
			end--;
		/* Only left-out text that is more than spaces counts as cut. */
		for (i = 0; i < start && !sn->cut_start; i++)
			sn->cut_start = text[i] != ' ';
		for (i = end; i < len && !sn->cut_end; i++)
			sn->cut_end = text[i] != ' ';
	}
	/* Room is kept for a plain piece, a mark and the closing plain piece;
	 * past that, the rest of the window is one plain piece. */
	for (i = plain = start; i < end && sn->n + 3 <= SEARCH_PIECES_MAX; ) {
		if ((m = match_at(text, end, i, q)) == 0) {
			i = next_char(text, end, i);
			continue;
		}
		if (i > plain)
			add_piece(sn, plain, i - plain, 0);
		add_piece(sn, i, m, 1);
		i += m;
		plain = i;
	}
	if (end > plain)
		add_piece(sn, plain, end - plain, 0);
}
