/* markdown.h: article bodies are CommonMark. This module renders them with
 * libcmark (raw HTML dropped, unsafe links blanked: cmark's safe default),
 * turns plain text into CommonMark that renders as the same text, and makes
 * plain-text excerpts. */
#ifndef GAZETTE_MARKDOWN_H
#define GAZETTE_MARKDOWN_H

#include <stddef.h>

struct arena;

/* The length of excerpts in lists and meta descriptions, in characters. */
#define MARKDOWN_EXCERPT_CHARS	160
struct strbuf;

/* Appends the HTML of the CommonMark text MD to OUT; -1 on failure. */
int	 markdown_render(const char *md, size_t len, struct strbuf *out);
/* Appends TEXT to OUT escaped so that CommonMark shows it literally. */
void	 markdown_escape(const char *text, struct strbuf *out);
/* The plain text of MD's paragraphs and headings, cut to at most MAX_CHARS
 * characters (an ellipsis marks a cut), in the arena; NULL on failure. */
char	*markdown_excerpt(struct arena *, const char *md, size_t max_chars);

#endif
