/* fuzz_markdown.c: libFuzzer target for the Markdown path article bodies
 * take (cgi/markdown.h): rendering with libcmark, excerpts and escaping.
 * Besides running clean under the sanitizers, it checks the promises the
 * templates rely on: every tag in the HTML is one cmark itself writes (raw
 * HTML is dropped, so "<script" or "<iframe" can never come through), no
 * link or image points at a javascript:, vbscript: or file: URL, and an
 * excerpt is at most MARKDOWN_EXCERPT_CHARS characters plus its ellipsis. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "markdown.h"
#include "strbuf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static const char *const tags[] = { "a", "blockquote", "br", "code", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre",
    "strong", "ul", NULL };

/* 1 when the tag opening at P ("<name" or "</name") is one cmark writes,
 * or the comment it leaves where it dropped raw HTML. */
static int
known_tag(const char *p)
{
	static const char omitted[] = "<!-- raw HTML omitted -->";

	if (strncmp(p, omitted, sizeof(omitted) - 1) == 0)
		return 1;
	p += p[1] == '/' ? 2 : 1;
	for (size_t i = 0; tags[i] != NULL; i++) {
		size_t n = strlen(tags[i]);

		if (strncmp(p, tags[i], n) == 0 && strchr(" />", p[n]) != NULL)
			return 1;
	}
	return 0;
}

/* 1 when an attribute value starting at V names a scheme that runs code
 * or reads local files (case and leading blanks as a browser sees them). */
static int
unsafe_url(const char *v)
{
	static const char *const bad[] = { "javascript:", "vbscript:", "file:", NULL };

	while (*v == ' ' || *v == '\t')
		v++;
	for (size_t i = 0; bad[i] != NULL; i++)
		if (strncasecmp(v, bad[i], strlen(bad[i])) == 0)
			return 1;
	return 0;
}

static void
check_html(const char *html)
{
	for (const char *p = strchr(html, '<'); p != NULL; p = strchr(p + 1, '<'))
		CHECK(known_tag(p));
	for (const char *p = strstr(html, "href=\""); p != NULL; p = strstr(p + 1, "href=\""))
		CHECK(!unsafe_url(p + 6));
	for (const char *p = strstr(html, "src=\""); p != NULL; p = strstr(p + 1, "src=\""))
		CHECK(!unsafe_url(p + 5));
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf html = STRBUF_INIT, escaped = STRBUF_INIT;
	struct arena a;
	char *text, *excerpt;

	/* Bodies are stored as text: the C string the store hands back. */
	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	size = strlen(text);

	CHECK(markdown_render(text, size, &html) == 0);
	CHECK(!html.failed);
	check_html(html.data != NULL ? html.data : "");

	arena_init(&a);
	excerpt = markdown_excerpt(&a, text, MARKDOWN_EXCERPT_CHARS);
	CHECK(excerpt != NULL);
	/* An ellipsis may follow a cut. */
	CHECK(utf8_chars(excerpt) <= MARKDOWN_EXCERPT_CHARS + 1);

	/* Escaped text renders without any tag but the paragraph's and
	 * line breaks'. */
	markdown_escape(text, &escaped);
	CHECK(!escaped.failed);
	strbuf_reset(&html);
	CHECK(markdown_render(escaped.data != NULL ? escaped.data : "",
	    escaped.len, &html) == 0);
	for (const char *p = html.data ? strchr(html.data, '<') : NULL; p != NULL;
	    p = strchr(p + 1, '<'))
		CHECK(strncmp(p, "<p>", 3) == 0 || strncmp(p, "</p>", 4) == 0 ||
		    strncmp(p, "<br />", 6) == 0);

	arena_release(&a);
	strbuf_free(&html);
	strbuf_free(&escaped);
	free(text);
	return 0;
}
