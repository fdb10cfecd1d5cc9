/* test_markdown.c: cgi/markdown.h. Text escaped with markdown_escape must
 * render through markdown_render as exactly one paragraph holding that
 * text; raw HTML and javascript: links must not survive rendering; and
 * markdown_excerpt must skip image alt text and cut on a UTF-8 boundary. */
#include "unit.h"

#include "arena.h"
#include "markdown.h"
#include "strbuf.h"
#include "urlencoded.h"

/* The HTML that markdown_render makes of markdown_escape(TEXT). */
static void
escape_render(const char *text, struct strbuf *html)
{
	struct strbuf md = STRBUF_INIT;

	markdown_escape(text, &md);
	assert_false(md.failed);
	strbuf_reset(html);
	assert_int_equal(markdown_render(md.data ? md.data : "", md.len, html), 0);
	strbuf_free(&md);
}

static const struct {
	const char	*text;
	const char	*html;	/* between <p> and </p> */
} literal_cases[] = {
	{ "plain words", "plain words" },
	{ "1. not a list", "1. not a list" },
	{ "10) not a list", "10) not a list" },
	{ "123456789. nine digits", "123456789. nine digits" },
	{ "# not a heading", "# not a heading" },
	{ "###### six", "###### six" },
	{ "*stars* and _under_", "*stars* and _under_" },
	{ "**bold** __bold__ ***x***", "**bold** __bold__ ***x***" },
	{ "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;" },
	{ "<!-- comment -->", "&lt;!-- comment --&gt;" },
	{ "a & b", "a &amp; b" },
	{ "&amp; &#65; &copy;", "&amp;amp; &amp;#65; &amp;copy;" },
	{ "- dash", "- dash" },
	{ "+ plus", "+ plus" },
	{ "> not a quote", "&gt; not a quote" },
	{ "---", "---" },
	{ "***", "***" },
	{ "___", "___" },
	{ "`code`", "`code`" },
	{ "```", "```" },
	{ "~~~", "~~~" },
	{ "[link](http://example.com)", "[link](http://example.com)" },
	{ "![alt](x.png)", "![alt](x.png)" },
	{ "<http://example.com>", "&lt;http://example.com&gt;" },
	{ "back\\slash \\*", "back\\slash \\*" },
	{ "a | b | c", "a | b | c" },
	{ "He said \"hi\"", "He said &quot;hi&quot;" },
	{ "中文 **粗体** ——破折号", "中文 **粗体** ——破折号" },
	{ "line one\nline two", "line one\nline two" },
	{ "text\n# heading", "text\n# heading" },
	{ "text\n- item", "text\n- item" },
	{ "text\n1. item", "text\n1. item" },
	{ "text\n===", "text\n===" },
	{ "text\n---", "text\n---" },
	{ "text\n> quote", "text\n&gt; quote" },
	{ "[a]: http://x", "[a]: http://x" },
	/* Bare CR ends a line too (fuzz_markdown found "\r---" making <hr>). */
	{ "text\r---", "text\n---" },
	{ "text\r- item\r\n# h", "text\n- item\n# h" },
};

static void
test_escape_renders_literally(void **state)
{
	struct strbuf html = STRBUF_INIT;
	char want[512];

	(void)state;
	for (size_t i = 0; i < NELEM(literal_cases); i++) {
		escape_render(literal_cases[i].text, &html);
		assert_true((size_t)snprintf(want, sizeof(want), "<p>%s</p>\n",
		    literal_cases[i].html) < sizeof(want));
		if (strcmp(html.data, want) != 0)
			fail_msg("escape of \"%s\" renders as \"%s\", want \"%s\"",
			    literal_cases[i].text, html.data, want);
	}
	strbuf_free(&html);
}

/* Text with leading blanks: the blanks may go (CommonMark strips a
 * paragraph's indentation) but the text must still render as one
 * paragraph, never as a list or a code block. */
static void
test_escape_leading_blanks(void **state)
{
	static const struct {
		const char	*text;
		const char	*html;
	} cases[] = {
		{ " - dash", "<p>- dash</p>\n" },
		{ "  1. one", "<p>1. one</p>\n" },
		{ "   + plus", "<p>+ plus</p>\n" },
		{ "    indented", "<p>indented</p>\n" },
		{ "\t- tab", "<p>- tab</p>\n" },
		{ "text\n - item", "<p>text\n- item</p>\n" },
	};
	struct strbuf html = STRBUF_INIT;
	size_t wrong = 0;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		escape_render(cases[i].text, &html);
		if (strcmp(html.data, cases[i].html) != 0) {
			print_message("escape of \"%s\" renders as \"%s\"\n",
			    cases[i].text, html.data);
			wrong++;
		}
	}
	strbuf_free(&html);
	assert_int_equal(wrong, 0);
}

static void
test_render_is_safe(void **state)
{
	static const struct {
		const char	*md;
		const char	*must_have;
		const char	*must_not[3];
	} cases[] = {
		{ "<script>alert(1)</script>\n", "raw HTML omitted",
		    { "<script", "alert", NULL } },
		{ "text <b onclick=\"x()\">bold</b> end\n", "text ",
		    { "<b", "onclick", NULL } },
		{ "<iframe src=\"//evil\"></iframe>\n", "raw HTML omitted",
		    { "<iframe", "evil", NULL } },
		{ "[click](javascript:alert(1))\n", "<a href=\"\">click</a>",
		    { "javascript", NULL } },
		{ "[click](JavaScript:alert(1))\n", "<a href=\"\">click</a>",
		    { "avaScript", NULL } },
		{ "![x](javascript:alert(1))\n", "<img src=\"\"", { "javascript", NULL } },
		{ "[v](vbscript:msgbox)\n", "<a href=\"\">v</a>", { "vbscript", NULL } },
		{ "<javascript:alert(1)>\n", "<p>", { "href=\"javascript", NULL } },
		{ "[ok](/articles/1)\n", "<a href=\"/articles/1\">ok</a>", { NULL } },
		{ "![Photo 1](/media/ab.jpg)\n", "<img src=\"/media/ab.jpg\" alt=\"Photo 1\"",
		    { NULL } },
	};
	struct strbuf html = STRBUF_INIT;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		strbuf_reset(&html);
		assert_int_equal(markdown_render(cases[i].md, strlen(cases[i].md),
		    &html), 0);
		if (strstr(html.data, cases[i].must_have) == NULL)
			fail_msg("\"%s\" renders as \"%s\": no \"%s\"", cases[i].md,
			    html.data, cases[i].must_have);
		for (size_t k = 0; k < 3 && cases[i].must_not[k]; k++)
			if (strstr(html.data, cases[i].must_not[k]) != NULL)
				fail_msg("\"%s\" renders as \"%s\" with \"%s\"",
				    cases[i].md, html.data, cases[i].must_not[k]);
	}
	strbuf_free(&html);
}

static void
test_excerpt(void **state)
{
	static const struct {
		const char	*md;
		size_t		 max;
		const char	*want;
	} cases[] = {
		{ "", 10, "" },
		{ "Hello *world*", 160, "Hello world" },
		{ "![Photo 1](/media/a.jpg)\n\nHello", 160, "Hello" },
		{ "First para\n\n![Photo 1](/media/a.jpg)\n\nSecond", 160, "First para Second" },
		{ "# Title\n\nBody `code` [link](/x)", 160, "Title Body code link" },
		{ "- list item\n\n> quote\n\n    code\n\npara", 160, "para" },
		{ "line one\nline two", 160, "line one line two" },
		{ "abcdef", 6, "abcdef" },
		{ "abcdefg", 6, "abcdef…" },
		{ "abc def", 4, "abc…" },
		{ "中文字符测试内容", 4, "中文字符…" },
		{ "中文字符", 4, "中文字符" },
		{ "中文字符", 5, "中文字符" },
		{ "ab 中文 cd", 3, "ab…" },
		{ "ab中文cd", 3, "ab中…" },
		{ "😀😀😀", 2, "😀😀…" },
		{ "1\\. \\*x\\* \\&", 160, "1. *x* &" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct arena a;
		const char *got;

		arena_init(&a);
		got = markdown_excerpt(&a, cases[i].md, cases[i].max);
		assert_non_null(got);
		assert_true(utf8_valid(got, strlen(got)));
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("excerpt(\"%s\", %zu) = \"%s\", want \"%s\"",
			    cases[i].md, cases[i].max, got, cases[i].want);
		arena_release(&a);
	}
	/* Alt text of an image inside a paragraph is skipped too. */
	{
		struct arena a;
		const char *got;

		arena_init(&a);
		got = markdown_excerpt(&a, "Text ![alt words](/x.jpg) after", 160);
		assert_non_null(got);
		assert_null(strstr(got, "alt"));
		assert_string_equal(got, "Text after");
		assert_non_null(strstr(got, "after"));
		arena_release(&a);
	}
	/* The excerpt of escaped text is the text (newlines become spaces). */
	for (size_t i = 0; i < NELEM(literal_cases); i++) {
		struct strbuf md = STRBUF_INIT;
		struct arena a;
		char *want = strdup(literal_cases[i].text), *nl;
		const char *got;

		assert_non_null(want);
		/* Each line ending (LF, CR or CRLF) becomes one space. */
		while ((nl = strstr(want, "\r\n")) != NULL)
			memmove(nl, nl + 1, strlen(nl));
		while ((nl = strpbrk(want, "\r\n")) != NULL)
			*nl = ' ';
		markdown_escape(literal_cases[i].text, &md);
		arena_init(&a);
		got = markdown_excerpt(&a, md.data, 160);
		assert_non_null(got);
		if (strcmp(got, want) != 0)
			fail_msg("excerpt of escaped \"%s\" = \"%s\"", want, got);
		free(want);
		strbuf_free(&md);
		arena_release(&a);
	}
}

/* A long Chinese body cut at every length stays valid UTF-8 and holds
 * exactly MAX characters before the ellipsis. */
static void
test_excerpt_cut_lengths(void **state)
{
	struct strbuf md = STRBUF_INIT;

	(void)state;
	for (int i = 0; i < 60; i++)
		strbuf_puts(&md, i % 3 ? "党群服务" : "a");
	for (size_t max = 1; max < 100; max++) {
		struct arena a;
		const char *got;
		size_t chars = 0, len;

		arena_init(&a);
		got = markdown_excerpt(&a, md.data, max);
		assert_non_null(got);
		len = strlen(got);
		assert_true(utf8_valid(got, len));
		assert_true(len > 3 && strcmp(got + len - 3, "…") == 0);
		for (size_t k = 0; k < len - 3; k++)
			chars += ((unsigned char)got[k] & 0xc0) != 0x80;
		assert_int_equal(chars, max);
		assert_true(strncmp(got, md.data, len - 3) == 0);
		arena_release(&a);
	}
	strbuf_free(&md);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_renders_literally),
		cmocka_unit_test(test_escape_leading_blanks),
		cmocka_unit_test(test_render_is_safe),
		cmocka_unit_test(test_excerpt),
		cmocka_unit_test(test_excerpt_cut_lengths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
