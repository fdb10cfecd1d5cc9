/* seed_parser.h: parsing the association's article text format.
 *
 *   Now:HOME > SERVICE >Activities          breadcrumb, root first
 *   Title of the article                    one line
 *   Author:NAME  Addtime:YYYY-MM-DD         separated by spaces or NBSPs
 *   <body>   paragraphs separated by blank lines; leading spaces, NBSPs and
 *            ideographic spaces are indentation; a paragraph that is only an
 *            image file name ("1.jpg") is a photo reference.
 *
 * The parser is pure (no I/O) so that it can be fuzzed; everything it
 * returns points into the arena. */
#ifndef GAZETTE_SEED_PARSER_H
#define GAZETTE_SEED_PARSER_H

#include <stddef.h>

struct arena;

#define SEED_MAX_BYTES		(1024 * 1024)
#define SEED_MAX_DEPTH		8
#define SEED_MAX_BLOCKS		10000
#define SEED_MAX_TITLE		500	/* bytes */
#define SEED_MAX_AUTHOR		200
#define SEED_MAX_SECTION	200

enum seed_block_kind {
	SEED_PARAGRAPH,
	SEED_PHOTO
};

struct seed_block {
	enum seed_block_kind	 kind;
	const char		*text;	/* paragraph text (lines joined by '\n'),
					 * or the photo's file name */
	size_t			 line;	/* where it starts, 1-based */
};

struct seed_article {
	const char		*sections[SEED_MAX_DEPTH];
	size_t			 section_count;
	const char		*title;
	const char		*author;
	const char		*published_on;	/* YYYY-MM-DD, a real date */
	struct seed_block	*blocks;
	size_t			 block_count;
};

struct seed_error {
	size_t		 line;		/* 1-based; 0 for the file as a whole */
	const char	*message;	/* static text */
};

/* 0 on success; -1 with *ERR set when the text is not a valid article. */
int	seed_parse(struct arena *, const char *buf, size_t len,
	    struct seed_article *, struct seed_error *err);
/* 1 when S (NUL-terminated) is YYYY-MM-DD naming a real calendar day. */
int	seed_date_valid(const char *s);

#endif
