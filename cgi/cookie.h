/* cookie.h: parsing the Cookie request header (RFC 6265, section 5.4
 * syntax: "name=value; name2=value2").
 *
 * Lenient by design, because browsers send cookies other sites' scripts
 * set: a malformed pair is skipped, never an error. Names and values are
 * kept as sent (no percent-decoding); a value in double quotes loses them.
 * Nothing the header holds can make the parser read or write out of bounds. */
#ifndef GAZETTE_COOKIE_H
#define GAZETTE_COOKIE_H

#include <stddef.h>

struct arena;

#define COOKIE_MAX_PAIRS	32	/* pairs past this are ignored */
#define COOKIE_MAX_HEADER	8192	/* bytes; a longer header is ignored whole */

struct cookie_pair {
	const char	*name;	/* NUL-terminated, 1+ bytes, no ';' '=' space or control */
	const char	*value;	/* NUL-terminated, possibly "", no ';' space or control */
};

struct cookie_jar {
	struct cookie_pair	 pairs[COOKIE_MAX_PAIRS];
	size_t			 count;
};

/* Parses LEN bytes of HEADER into JAR, copying strings into ARENA.
 * Returns 0, or -1 when memory ran out (JAR then holds what was parsed). */
int		 cookie_parse(struct arena *, const char *header, size_t len,
		    struct cookie_jar *jar);
/* The value of the first cookie called NAME, or NULL. *COUNT (if not
 * NULL) is set to how many cookies have that name. */
const char	*cookie_get(const struct cookie_jar *, const char *name,
		    size_t *count);

#endif
