/* cookie.c: lenient parsing of the Cookie request header (see cookie.h).
 *
 * The header is split on ';'. Each piece, with its spaces and tabs
 * trimmed, must be "name=value": a piece without '=' or with an empty
 * name is skipped, and so is one whose name or value holds a space or a
 * control byte (NUL included), since no cookie gazette sets looks like
 * that and the strings handed back must be safe to compare and log.
 * Bytes of 0x80 and above are kept as sent: a cookie is opaque, and
 * whoever cares about its encoding checks it. */
#include <string.h>

#include "arena.h"
#include "cookie.h"

static int
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

static int
is_ctl(char c)
{
	return (unsigned char)c < 0x20 || c == 0x7f;
}

/* 1 when none of the LEN bytes at S is a space or a control byte. */
static int
clean(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] == ' ' || is_ctl(s[i]))
			return 0;
	return 1;
}

/* Parses the piece [S, END) of the header, which holds no ';', into P.
 * Returns 1 when P was filled, 0 when the piece is skipped, -1 when
 * memory ran out. */
static int
pair_parse(struct arena *a, const char *s, const char *end,
    struct cookie_pair *p)
{
	const char *eq, *v;
	char *name, *value;

	while (s < end && is_ows(*s))
		s++;
	while (end > s && is_ows(end[-1]))
		end--;
	if (s == end || (eq = memchr(s, '=', (size_t)(end - s))) == NULL)
		return 0;

	/* RFC 6265 section 5.2 trims around the '=' too ("a = b"). */
	v = eq + 1;
	while (eq > s && is_ows(eq[-1]))
		eq--;
	while (v < end && is_ows(*v))
		v++;
	if (eq == s)
		return 0;
	/* A quoted value loses its quotes; a lone '"' is kept as sent. */
	if (end - v >= 2 && *v == '"' && end[-1] == '"') {
		v++;
		end--;
	}
	if (!clean(s, (size_t)(eq - s)) || !clean(v, (size_t)(end - v)))
		return 0;

	if ((name = arena_strndup(a, s, (size_t)(eq - s))) == NULL ||
	    (value = arena_strndup(a, v, (size_t)(end - v))) == NULL)
		return -1;
	p->name = name;
	p->value = value;
	return 1;
}

int
cookie_parse(struct arena *a, const char *h, size_t len, struct cookie_jar *jar)
{
	size_t start = 0, end;
	int r;

	jar->count = 0;
	/* A header this long is no browser's doing: ignore it rather than
	 * guess which of its cookies are the real ones. */
	if (h == NULL || len > COOKIE_MAX_HEADER)
		return 0;
	while (start < len && jar->count < COOKIE_MAX_PAIRS) {
		const char *semi = memchr(h + start, ';', len - start);

		end = semi != NULL ? (size_t)(semi - h) : len;
		r = pair_parse(a, h + start, h + end, &jar->pairs[jar->count]);
		if (r < 0)
			return -1;
		jar->count += (size_t)r;
		start = end + 1;
	}
	return 0;
}

const char *
cookie_get(const struct cookie_jar *jar, const char *name, size_t *count)
{
	const char *found = NULL;
	size_t i, n = 0;

	for (i = 0; i < jar->count; i++)
		if (strcmp(jar->pairs[i].name, name) == 0) {
			if (found == NULL)
				found = jar->pairs[i].value;
			n++;
		}
	if (count != NULL)
		*count = n;
	return found;
}
