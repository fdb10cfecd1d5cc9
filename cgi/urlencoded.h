/* urlencoded.h: parsing application/x-www-form-urlencoded text (query
 * strings and form bodies) into decoded name/value pairs.
 *
 * Strict by design: '+' is a space, %XX must be two hex digits, a decoded
 * NUL or invalid UTF-8 is refused, and the number and size of pairs are
 * capped. A refused input is a 400 for the client, never a crash. */
#ifndef GAZETTE_URLENCODED_H
#define GAZETTE_URLENCODED_H

#include <stddef.h>

struct arena;

#define URLENC_MAX_PAIRS	64

struct urlenc_pair {
	const char	*name;	/* decoded, NUL-terminated, valid UTF-8 */
	const char	*value;	/* decoded, NUL-terminated, valid UTF-8 */
	size_t		 value_len;
};

struct urlenc_form {
	struct urlenc_pair	 pairs[URLENC_MAX_PAIRS];
	size_t			 count;
};

enum urlenc_error {
	URLENC_OK = 0,
	URLENC_BAD_ESCAPE,	/* % not followed by two hex digits */
	URLENC_NUL,		/* %00 */
	URLENC_BAD_UTF8,
	URLENC_TOO_MANY,	/* more than URLENC_MAX_PAIRS pairs */
	URLENC_NOMEM,
	URLENC_ERROR__MAX
};

/* Parses LEN bytes of S into FORM; decoded strings come from ARENA.
 * Empty segments ("a=1&&b=2") are skipped; "a" alone is a pair with "". */
enum urlenc_error	 urlenc_parse(struct arena *, const char *s, size_t len,
			    struct urlenc_form *form);
const char		*urlenc_strerror(enum urlenc_error);

/* The value of NAME, or NULL. *COUNT (if not NULL) is set to how many
 * times NAME occurs, so callers can refuse duplicates. */
const char		*urlenc_get(const struct urlenc_form *, const char *name,
			    size_t *count);

/* S percent-encoded for a query string or a Location path: every byte but
 * A-Z a-z 0-9 - . _ ~ (and '/' when KEEP_SLASH) becomes %XX; in ARENA. */
char			*urlenc_encode(struct arena *, const char *s, int keep_slash);

/* The number of characters (code points) of the valid UTF-8 string S. */
size_t			 utf8_chars(const char *s);

/* 1 when the LEN bytes at S are valid UTF-8 (no overlongs, no surrogates). */
int			 utf8_valid(const char *s, size_t len);

#endif
