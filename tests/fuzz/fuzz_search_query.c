/* fuzz_search_query.c: libFuzzer target for cgi/search_query.h. Feeds
 * arbitrary bytes to search_query_parse as the search box's text and
 * checks what search_store.c and page_search.c rely on: at most
 * SEARCH_MAX_TERMS distinct terms, each non-empty valid UTF-8 with no
 * quote, control byte or edge space, flags that agree with the text; the
 * FTS5 expression reading back as exactly the long terms, each one string;
 * each LIKE pattern (JSON, then LIKE escapes) reading back as its term;
 * and snippets of the input made of contiguous pieces on character
 * boundaries whose marked pieces are terms. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "search_query.h"
#include "strbuf.h"
#include "urlencoded.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
check_terms(const struct search_query *q)
{
	size_t nshort = 0;

	CHECK(q->nterms >= 1 && q->nterms <= SEARCH_MAX_TERMS);
	for (size_t i = 0; i < q->nterms; i++) {
		const struct search_term *t = &q->terms[i];

		CHECK(t->len > 0 && strlen(t->text) == t->len);
		CHECK(t->text >= q->buf && t->text + t->len < q->buf + sizeof(q->buf));
		CHECK(utf8_valid(t->text, t->len));
		CHECK(utf8_chars(t->text) == t->chars && t->chars <= SEARCH_MAX_CHARS);
		CHECK(t->is_short == (t->chars <= SEARCH_SHORT_CHARS));
		CHECK(t->text[0] != ' ' && t->text[t->len - 1] != ' ');
		for (size_t k = 0; k < t->len; k++)
			CHECK((unsigned char)t->text[k] >= 0x20 && t->text[k] != 0x7f &&
			    t->text[k] != '"');
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(q->terms[j].text, t->text) != 0);
		nshort += (size_t)t->is_short;
	}
	CHECK(nshort == q->nshort);
}

/* The FTS5 expression is "t1" AND "t2" ... with quotes doubled inside. */
static void
check_fts(const struct search_query *q)
{
	struct strbuf b = STRBUF_INIT;
	const char *p;

	search_fts_long_terms(&b, q);
	p = b.data ? b.data : "";
	for (size_t i = 0; i < q->nterms; i++) {
		const char *t = q->terms[i].text;

		if (q->terms[i].is_short)
			continue;
		if (p != (b.data ? b.data : "")) {
			CHECK(strncmp(p, " AND ", 5) == 0);
			p += 5;
		}
		CHECK(*p++ == '"');
		for (; *t != '\0'; t++) {
			CHECK(*p++ == *t);
			if (*t == '"')
				CHECK(*p++ == '"');
		}
		CHECK(*p++ == '"');
	}
	CHECK(*p == '\0');
	strbuf_free(&b);
}

/* The JSON string literal, decoded, then the LIKE pattern, unescaped. */
static void
check_like(const struct search_term *t)
{
	struct strbuf b = STRBUF_INIT;
	char *json, *out = malloc(t->len + 1);
	size_t n = 0, len;

	search_like_json(&b, t);
	CHECK(!b.failed && out != NULL);
	json = b.data;
	len = b.len;
	CHECK(len >= 4 && strncmp(json, "\"%", 2) == 0 && strcmp(json + len - 2, "%\"") == 0);
	for (size_t i = 2; i < len - 2; i++) {
		char c = json[i];

		CHECK(c != '"' && (unsigned char)c >= 0x20);
		if (c == '\\') {
			c = json[++i];
			CHECK(c == '"' || c == '\\');
			if (c == '\\') {	/* LIKE's escape, then the escaped char */
				c = json[++i];
				if (c == '\\') {
					CHECK(json[++i] == '\\');
				} else
					CHECK(c == '%' || c == '_');
			}
		} else
			CHECK(c != '%' && c != '_');
		CHECK(n < t->len);
		out[n++] = c;
	}
	CHECK(n == t->len && memcmp(out, t->text, n) == 0);
	free(out);
	strbuf_free(&b);
}

static void
check_snippet(const char *text, size_t len, const struct search_query *q,
    size_t width, size_t before)
{
	struct search_snippet sn;
	size_t at;

	search_snippet(text, len, q, width, before, &sn);
	CHECK(sn.n <= SEARCH_PIECES_MAX);
	if (sn.n == 0)
		return;
	at = sn.pieces[0].off;
	if (width == 0)
		CHECK(at == 0 && !sn.cut_start && !sn.cut_end);
	for (size_t i = 0; i < sn.n; i++) {
		const struct search_piece *p = &sn.pieces[i];
		int term = 0;

		CHECK(p->off == at && p->len > 0 && p->off + p->len <= len);
		CHECK(((unsigned char)text[p->off] & 0xc0) != 0x80);
		CHECK(p->off + p->len == len ||
		    ((unsigned char)text[p->off + p->len] & 0xc0) != 0x80);
		at += p->len;
		if (!p->marked)
			continue;
		CHECK(sn.found);
		for (size_t k = 0; k < q->nterms && !term; k++)
			term = q->terms[k].len == p->len &&
			    strncasecmp(q->terms[k].text, text + p->off, p->len) == 0;
		CHECK(term);
	}
	if (width == 0)
		CHECK(at == len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct search_query q;
	const char *s = (const char *)data;
	enum search_parse r = search_query_parse(s, size, &q);

	CHECK(r < SEARCH_PARSE__MAX && search_parse_name(r) != NULL);
	if (r == SEARCH_BAD_UTF8)
		CHECK(!utf8_valid(s, size));
	if (r != SEARCH_OK)
		return 0;
	check_terms(&q);
	check_fts(&q);
	for (size_t i = 0; i < q.nterms; i++)
		check_like(&q.terms[i]);
	/* The input is valid UTF-8 here: use it as the text too. */
	check_snippet(s, size, &q, 0, 0);
	check_snippet(s, size, &q, size > 0 ? data[0] % 64 : 0,
	    size > 1 ? data[1] % 32 : 0);
	return 0;
}
