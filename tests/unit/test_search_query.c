/* test_search_query.c: cgi/search_query.h, the pure half of search: how
 * the search box's text splits into terms, the limits, the FTS5 quoting,
 * the LIKE patterns (checked by SQLite itself) and the snippets. */
#include "unit.h"

#include "search_query.h"
#include "strbuf.h"

/* Q's terms joined with '|'. */
static const char *
joined(const struct search_query *q)
{
	static char buf[1024];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < q->nterms; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i ? "|" : "", q->terms[i].text);
	return buf;
}

static void
test_parse(void **state)
{
	static const struct {
		const char		*in;
		enum search_parse	 want;
		const char		*terms;
		size_t			 nshort;
	} cases[] = {
		{ "", SEARCH_EMPTY, "", 0 },
		{ "   \t\n", SEARCH_EMPTY, "", 0 },
		{ "\xe3\x80\x80\xc2\xa0", SEARCH_EMPTY, "", 0 },	/* U+3000, NBSP */
		{ "\"\"", SEARCH_EMPTY, "", 0 },
		{ "\" \xe3\x80\x80 \"", SEARCH_EMPTY, "", 0 },
		{ "、，", SEARCH_EMPTY, "", 0 },
		{ "party members", SEARCH_OK, "party|members", 0 },
		{ "  Party\t", SEARCH_OK, "Party", 0 },
		{ "\"party   members\"", SEARCH_OK, "party members", 0 },
		{ "\" party members ", SEARCH_OK, "party members", 0 },	/* unclosed */
		{ "a\"b c\"d", SEARCH_OK, "a|b c|d", 2 },
		{ "组织 管理", SEARCH_OK, "组织|管理", 2 },
		{ "组织，管理、党员；服务。", SEARCH_OK, "组织|管理|党员|服务", 4 },
		{ "\"组织，管理\"", SEARCH_OK, "组织，管理", 0 },
		{ "组织\xe3\x80\x80疫情", SEARCH_OK, "组织|疫情", 2 },
		{ "a a A", SEARCH_OK, "a|A", 2 },
		{ "abc\x01" "def\x7f", SEARCH_OK, "abc|def", 0 },
		{ "AND OR NOT NEAR( * ^ : -x", SEARCH_OK, "AND|OR|NOT|NEAR(|*|^|:|-x", 5 },
		{ "1 2 3 4 5 6 7 8 9", SEARCH_TOO_MANY, NULL, 0 },
		{ "1 2 3 4 5 6 7 8 1 2", SEARCH_OK, "1|2|3|4|5|6|7|8", 8 },
		{ "\xff", SEARCH_BAD_UTF8, NULL, 0 },
		{ "\xed\xa0\x80", SEARCH_BAD_UTF8, NULL, 0 },	/* a surrogate */
	};
	struct search_query q;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		enum search_parse got = search_query_parse(cases[i].in,
		    strlen(cases[i].in), &q);

		if (got != cases[i].want)
			fail_msg("case %zu \"%s\": %s, want %s", i, cases[i].in,
			    search_parse_name(got), search_parse_name(cases[i].want));
		if (cases[i].terms == NULL)
			continue;
		assert_string_equal(joined(&q), cases[i].terms);
		assert_int_equal(q.nshort, cases[i].nshort);
	}
	assert_string_equal(search_parse_name(SEARCH_PARSE__MAX), "unknown");
}

static void
test_limits(void **state)
{
	char buf[1024];
	struct search_query q;
	size_t n;

	(void)state;
	memset(buf, 'x', 100);
	assert_int_equal(search_query_parse(buf, 100, &q), SEARCH_OK);
	assert_int_equal(q.terms[0].chars, 100);
	assert_int_equal(search_query_parse(buf, 101, &q), SEARCH_TOO_LONG);
	/* Characters, not bytes; and only what is left after trimming. */
	for (n = 0; n < 100 * 4; n += 4)
		memcpy(buf + n, "\xf0\xa0\x80\x80", 4);	/* U+20000 */
	assert_int_equal(search_query_parse(buf, n, &q), SEARCH_OK);
	assert_int_equal(q.terms[0].len, 400);
	memcpy(buf + n, "   \t", 4);
	assert_int_equal(search_query_parse(buf, n + 4, &q), SEARCH_OK);
	memcpy(buf + n, "\xe5\x85\x9a", 3);
	assert_int_equal(search_query_parse(buf, n + 3, &q), SEARCH_TOO_LONG);
	/* 99 one-letter words: 197 characters with the spaces, so too long
	 * (the length is checked before the terms are counted). */
	for (n = 0; n < 99 * 2; n += 2)
		memcpy(buf + n, "a ", 2);
	assert_int_equal(search_query_parse(buf, n, &q), SEARCH_TOO_LONG);
	assert_int_equal(search_query_parse(buf, 20, &q), SEARCH_OK);	/* "a" once */
}

static void
test_term_flags(void **state)
{
	struct search_query q;
	const char *s = "ab 组织 ÉT Жы abc 党 \xf0\xa0\x80\x80x";

	(void)state;
	assert_int_equal(search_query_parse(s, strlen(s), &q), SEARCH_OK);
	assert_int_equal(q.nterms, 7);
	assert_int_equal(q.nshort, 6);
	assert_true(q.terms[0].is_short && q.terms[0].caseless);
	assert_true(q.terms[1].is_short && q.terms[1].caseless);
	assert_int_equal(q.terms[1].chars, 2);
	assert_true(q.terms[2].is_short && !q.terms[2].caseless);
	assert_true(q.terms[3].is_short && !q.terms[3].caseless);
	assert_false(q.terms[4].is_short);
	assert_int_equal(q.terms[5].chars, 1);
	assert_true(q.terms[6].is_short && q.terms[6].caseless);
}

static void
test_fts_and_like(void **state)
{
	struct strbuf b = STRBUF_INIT;
	struct search_query q;
	sqlite3 *db = unit_db_open();
	sqlite3_stmt *st;
	const char *s = "\"Xi's\" 50%_\\ x 组织 say \"\"\"NEAR\"";
	char folded[16];

	(void)state;
	search_fts_quote(&b, "a\"b\"\"", 5);
	assert_string_equal(b.data, "\"a\"\"b\"\"\"\"\"");
	strbuf_reset(&b);
	assert_int_equal(search_query_parse(s, strlen(s), &q), SEARCH_OK);
	assert_string_equal(joined(&q), "Xi's|50%_\\|x|组织|say|NEAR");
	search_fts_long_terms(&b, &q);
	assert_string_equal(b.data, "\"Xi's\" AND \"50%_\\\" AND \"say\" AND \"NEAR\"");
	/* SQLite reads the JSON and the LIKE pattern as meant: the term is
	 * found literally, % and _ and \ included, ASCII case folded. */
	strbuf_reset(&b);
	search_like_json(&b, &q.terms[1]);
	assert_string_equal(b.data, "\"%50\\\\%\\\\_\\\\\\\\%\"");
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT ?1 LIKE json_extract(?2, '$') "
	    "ESCAPE '\\'", -1, &st, NULL), SQLITE_OK);
	static const struct { const char *text; int want; } like[] = {
		{ "up 50%_\\ down", 1 }, { "50%_\\", 1 }, { "50%x\\", 0 },
		{ "50x_\\", 0 }, { "50%_", 0 }, { "5%_\\", 0 },
	};
	for (size_t i = 0; i < NELEM(like); i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, like[i].text, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, b.data, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		if (sqlite3_column_int(st, 0) != like[i].want)
			fail_msg("LIKE %s on \"%s\"", b.data, like[i].text);
	}
	sqlite3_finalize(st);
	strbuf_reset(&b);
	search_like_json(&b, &q.terms[2]);
	assert_string_equal(b.data, "\"%x%\"");
	search_fold_ascii("AbÉ", 4, folded);
	assert_string_equal(folded, "abÉ");
	strbuf_free(&b);
	db_close(db);
}

/* SN's pieces as text, marked ones in [brackets], with … for cuts. */
static const char *
shown(const char *text, const struct search_snippet *sn)
{
	static char buf[4096];
	size_t n = 0;

	n += (size_t)snprintf(buf, sizeof(buf), "%s", sn->cut_start ? "…" : "");
	for (size_t i = 0; i < sn->n; i++) {
		const struct search_piece *p = &sn->pieces[i];

		if (i > 0)
			assert_int_equal(p->off, sn->pieces[i - 1].off + sn->pieces[i - 1].len);
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, p->marked ?
		    "[%.*s]" : "%.*s", (int)p->len, text + p->off);
	}
	snprintf(buf + n, sizeof(buf) - n, "%s", sn->cut_end ? "…" : "");
	return buf;
}

static void
test_snippet(void **state)
{
	static const struct {
		const char	*query, *text, *want;
		size_t		 width;
	} cases[] = {
		{ "hello", "Hello World, hello!", "[Hello] World, [hello]!", 0 },
		{ "组织", "党群服务与组织管理", "党群服务与[组织]管理", 0 },
		{ "ab abc", "xabcd ab", "x[abc]d [ab]", 0 },
		{ "zz", "no match here", "no match here", 0 },
		{ "zz", "one two three four five", "one two three…", 15 },
		{ "needle", "aaa bbb ccc ddd eee fff ggg needle hhh iii jjj kkk lll",
		    "…[needle] hhh…", 14 },
		{ "end", "aaa bbb ccc ddd eee fff the end", "…ddd eee fff the [end]", 20 },
		{ "组织", "一二三四五六七八九十组织一二三四五六七八九十",
		    "…八九十[组织]一二三四五…", 10 },
		{ "x", "  x  ", "[x]", 3 },
	};
	struct search_query q;
	struct search_snippet sn;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		assert_int_equal(search_query_parse(cases[i].query,
		    strlen(cases[i].query), &q), SEARCH_OK);
		search_snippet(cases[i].text, strlen(cases[i].text), &q,
		    cases[i].width, 3, &sn);
		if (strcmp(shown(cases[i].text, &sn), cases[i].want) != 0)
			fail_msg("case %zu: %s, want %s", i, shown(cases[i].text, &sn),
			    cases[i].want);
	}
}

static void
test_snippet_many_marks(void **state)
{
	char text[2000];
	struct search_query q;
	struct search_snippet sn;
	size_t marked = 0, n = 0;

	(void)state;
	for (int i = 0; i < 100; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "ab ");
	assert_int_equal(search_query_parse("ab", 2, &q), SEARCH_OK);
	search_snippet(text, n, &q, 0, 0, &sn);
	assert_true(sn.n <= SEARCH_PIECES_MAX);
	for (size_t i = 0; i < sn.n; i++)
		marked += (size_t)sn.pieces[i].marked;
	assert_true(marked >= SEARCH_PIECES_MAX / 2 - 1);
	/* The last piece is plain and runs to the end of the text. */
	assert_false(sn.pieces[sn.n - 1].marked);
	assert_int_equal(sn.pieces[sn.n - 1].off + sn.pieces[sn.n - 1].len, n);
	assert_int_equal(sn.pieces[0].off, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_term_flags),
		cmocka_unit_test(test_fts_and_like),
		cmocka_unit_test(test_snippet),
		cmocka_unit_test(test_snippet_many_marks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
