/* markdown.c: CommonMark rendering, escaping and excerpts (see markdown.h). */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "markdown.h"
#include "strbuf.h"

int
markdown_render(const char *md, size_t len, struct strbuf *out)
{
	/* CMARK_OPT_DEFAULT is safe: raw HTML becomes a comment and
	 * javascript:, vbscript:, file: and most data: links are emptied. */
	char *html = cmark_markdown_to_html(md, len, CMARK_OPT_DEFAULT);

	if (html == NULL)
		return -1;
	strbuf_puts(out, html);
	free(html);
	return out->failed ? -1 : 0;
}

void
markdown_escape(const char *text, struct strbuf *out)
{
	/* Characters that can start inline markup anywhere in a line. */
	static const char inline_marks[] = "\\`*_[]<>#!|~&";
	int line_start = 1;

	for (const char *p = text; *p != '\0'; p++) {
		if (line_start) {
			size_t digits;

			/* Leading blanks mean nothing in a paragraph but could make
			 * an indented code block or let a list marker through. */
			p += strspn(p, " \t");
			if (*p == '\0')
				break;
			digits = strspn(p, "0123456789");

			/* Block markers: lists, quotes, setext and thematic breaks. */
			if (*p == '-' || *p == '+' || *p == '=')
				strbuf_puts(out, "\\");
			else if (digits > 0 && digits < 10 &&
			    (p[digits] == '.' || p[digits] == ')')) {
				strbuf_append(out, p, digits);
				strbuf_puts(out, "\\");
				p += digits;
			}
			line_start = 0;
		}
		if (strchr(inline_marks, *p) != NULL)
			strbuf_puts(out, "\\");
		strbuf_append(out, p, 1);
		/* CommonMark ends lines at CR too (found by fuzz_markdown). */
		if (*p == '\n' || *p == '\r')
			line_start = 1;
	}
}

/* Appends the text below NODE (skipping image alt text) to OUT. */
static void
collect_text(cmark_node *node, struct strbuf *out)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	int in_image = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *cur = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(cur);

		if (t == CMARK_NODE_IMAGE) {
			in_image += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (in_image || ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) {
			const char *lit = cmark_node_get_literal(cur);

			if (lit != NULL)
				strbuf_puts(out, lit);
		} else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
			strbuf_puts(out, " ");
	}
	cmark_iter_free(it);
}

char *
markdown_excerpt(struct arena *a, const char *md, size_t max_chars)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	struct strbuf text = STRBUF_INIT;
	size_t chars = 0, i, k;
	char *res;

	if (doc == NULL)
		return NULL;
	for (cmark_node *n = cmark_node_first_child(doc); n != NULL &&
	    text.len < max_chars * 4; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		size_t before = text.len;

		if (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING)
			continue;
		if (text.len > 0)
			strbuf_puts(&text, " ");
		collect_text(n, &text);
		if (text.len == before + 1)	/* an image-only paragraph */
			text.len = before;
	}
	cmark_node_free(doc);
	if (text.failed) {
		strbuf_free(&text);
		return NULL;
	}
	/* Skipped images can leave two spaces in a row: fold them. */
	for (i = 0, k = 0; i < text.len; i++)
		if (!(text.data[i] == ' ' && k > 0 && text.data[k - 1] == ' '))
			text.data[k++] = text.data[i];
	text.len = k;
	/* Cut at a character boundary after MAX_CHARS characters. */
	for (i = 0; i < text.len; i++)
		if (((unsigned char)text.data[i] & 0xc0) != 0x80 && chars++ == max_chars)
			break;
	if (i < text.len) {
		while (i > 0 && text.data[i - 1] == ' ')
			i--;
		res = arena_printf(a, "%.*s…", (int)i, text.data);
	} else
		res = arena_strndup(a, text.data ? text.data : "", text.len);
	strbuf_free(&text);
	return res;
}
