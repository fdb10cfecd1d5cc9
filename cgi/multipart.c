/* multipart.c: strict multipart/form-data parsing (see multipart.h).
 *
 * Line ends are CRLF, as every browser sends them: a bare LF ends no
 * line, so a body written with LF alone has no delimiter and is refused
 * as truncated (or, for part headers alone, as a malformed part).
 * Accepting both would let two parsers (a proxy's and ours) disagree
 * about where a part ends.
 *
 * The body is RFC 2046 section 5.1.1: an optional preamble, then
 * "--boundary" at the start of a line, padding (spaces and tabs) and
 * CRLF; each part runs up to the next CRLF "--boundary" line; the last is
 * closed by "--boundary--", padding, then CRLF or the end of the body,
 * and anything after that (the epilogue) is ignored. A "--boundary"
 * followed by anything else is part of the data, not a delimiter.
 *
 * In header parameters a quoted value may escape '"' and '\' with a
 * backslash; any other backslash is kept, so that a Windows path sent as
 * a file name survives. Every header line must be valid UTF-8 without
 * control bytes (browsers percent-encode CR, LF and '"' in names). */
#include <string.h>

#include "arena.h"
#include "header_param.h"
#include "multipart.h"
#include "urlencoded.h"

static const char *const multipart_errors[MULTIPART_ERROR__MAX] = {
	"no error",
	"the content type is not multipart/form-data",
	"the content type has no boundary",
	"the boundary is empty, too long, repeated or has bad characters",
	"the body ends before the closing delimiter",
	"a part has malformed headers or no form-data name",
	"a part header line is too long, or there are too many",
	"too many parts",
	"a text part is not valid UTF-8, or holds a NUL byte",
	"out of memory",
};

/* A body being parsed and its delimiter, CRLF "--" boundary. */
struct scan {
	const char	*body;
	size_t		 len;
	char		 delim[4 + MULTIPART_MAX_BOUNDARY];
	size_t		 dlen;
};

const char *
multipart_strerror(enum multipart_error e)
{
	return (e >= 0 && e < MULTIPART_ERROR__MAX) ? multipart_errors[e] : "unknown error";
}

enum multipart_error
multipart_boundary(const char *ct, char boundary[MULTIPART_MAX_BOUNDARY + 1])
{
	static const char type[] = "multipart/form-data";
	const char *s, *end, *b = NULL;
	struct header_param p;
	size_t i, blen = 0;
	int r;

	if (ct == NULL)
		return MULTIPART_NOT_MULTIPART;
	end = ct + strlen(ct);
	s = header_skip_ows(ct, end);
	if ((size_t)(end - s) < sizeof(type) - 1 || !header_word_eq(s, sizeof(type) - 1, type))
		return MULTIPART_NOT_MULTIPART;
	s += sizeof(type) - 1;
	if (s < end && *s != ';' && !header_is_ows(*s))
		return MULTIPART_NOT_MULTIPART;

	/* Two boundaries, or parameters we cannot read, could make another
	 * parser on the way see other parts than we do: refuse both. */
	while ((r = header_param_next(&s, end, &p)) == 1)
		if (header_word_eq(p.name, p.nlen, "boundary")) {
			if (b != NULL)
				return MULTIPART_BAD_BOUNDARY;
			b = p.val;
			blen = p.vlen;
		}
	if (r < 0)
		return MULTIPART_BAD_BOUNDARY;
	if (b == NULL)
		return MULTIPART_NO_BOUNDARY;
	/* No bchar needs escaping, so the quoted text is the boundary itself. */
	if (blen == 0 || blen > MULTIPART_MAX_BOUNDARY || b[blen - 1] == ' ')
		return MULTIPART_BAD_BOUNDARY;
	for (i = 0; i < blen; i++)
		if (!header_is_bchar(b[i]))
			return MULTIPART_BAD_BOUNDARY;
	memcpy(boundary, b, blen);
	boundary[blen] = '\0';
	return MULTIPART_OK;
}

/* Whether a delimiter line starts at AT ("--boundary" without the CRLF
 * before it). If so, *CLOSING tells whether it is the closing one and *NEXT
 * is where the part after it starts. */
static int
delim_line(const struct scan *sc, size_t at, size_t *next, int *closing)
{
	size_t n = sc->dlen - 2, p;

	if (sc->len - at < n || memcmp(sc->body + at, sc->delim + 2, n) != 0)
		return 0;
	p = at + n;
	*closing = sc->len - p >= 2 && sc->body[p] == '-' && sc->body[p + 1] == '-';
	if (*closing)
		p += 2;
	while (p < sc->len && header_is_ows(sc->body[p]))
		p++;
	if (*closing && p == sc->len) {
		*next = p;
		return 1;
	}
	if (sc->len - p < 2 || sc->body[p] != '\r' || sc->body[p + 1] != '\n')
		return 0;
	*next = p + 2;
	return 1;
}

/* Finds the first delimiter line after FROM: *AT is where its CRLF is
 * (where the part before it ends); *NEXT and *CLOSING as in delim_line. */
static int
delim_find(const struct scan *sc, size_t from, size_t *at, size_t *next,
    int *closing)
{
	const char *h;

	while (from < sc->len &&
	    (h = memmem(sc->body + from, sc->len - from, sc->delim, sc->dlen)) != NULL) {
		*at = (size_t)(h - sc->body);
		if (delim_line(sc, *at + 2, next, closing))
			return 1;
		from = *at + 1;
	}
	return 0;
}

/* Content-Disposition: form-data; name="..."[; filename="..."]. */
static enum multipart_error
disposition(struct arena *a, const char *s, const char *end,
    struct multipart_part *part)
{
	struct header_param p;
	const char *t = s, **dst;
	char *v;
	int r;

	while (s < end && header_is_tchar(*s))
		s++;
	if (!header_word_eq(t, (size_t)(s - t), "form-data"))
		return MULTIPART_BAD_PART;
	while ((r = header_param_next(&s, end, &p)) == 1) {
		if (header_word_eq(p.name, p.nlen, "name"))
			dst = &part->name;
		else if (header_word_eq(p.name, p.nlen, "filename"))
			dst = &part->filename;
		else
			continue;	/* filename* is not for form-data (RFC 7578) */
		if (*dst != NULL)
			return MULTIPART_BAD_PART;
		if ((v = header_param_value(a, &p)) == NULL)
			return MULTIPART_NOMEM;
		*dst = v;
	}
	/* The name is UTF-8 because the whole line is (header_line). */
	if (r < 0 || part->name == NULL || part->name[0] == '\0')
		return MULTIPART_BAD_PART;
	return MULTIPART_OK;
}

/* One header line [S, END), without its CRLF. */
static enum multipart_error
header_line(struct arena *a, const char *s, const char *end,
    struct multipart_part *part, int *seen_cd)
{
	const char *colon, *v;
	size_t i;
	char *ct;

	for (i = 0; i < (size_t)(end - s); i++)
		if (header_is_ctl(s[i]) && s[i] != '\t')
			return MULTIPART_BAD_PART;
	if (!utf8_valid(s, (size_t)(end - s)))
		return MULTIPART_BAD_PART;
	/* A field name is a token right before the colon: this also refuses
	 * obsolete line folding (a line starting with a space). */
	for (colon = s; colon < end && header_is_tchar(*colon); colon++)
		continue;
	if (colon == s || colon == end || *colon != ':')
		return MULTIPART_BAD_PART;
	v = header_skip_ows(colon + 1, end);
	while (end > v && header_is_ows(end[-1]))
		end--;
	if (header_word_eq(s, (size_t)(colon - s), "content-disposition")) {
		if (*seen_cd)
			return MULTIPART_BAD_PART;
		*seen_cd = 1;
		return disposition(a, v, end, part);
	}
	if (header_word_eq(s, (size_t)(colon - s), "content-type")) {
		if (part->content_type != NULL)
			return MULTIPART_BAD_PART;
		if ((ct = arena_strndup(a, v, (size_t)(end - v))) == NULL)
			return MULTIPART_NOMEM;
		part->content_type = ct;
	}
	return MULTIPART_OK;
}

/* Parses the part [S, END) into PART. */
static enum multipart_error
part_parse(struct arena *a, const char *s, const char *end,
    const struct multipart_limits *lim, struct multipart_part *part)
{
	enum multipart_error e;
	const char *eol, *data = end;
	size_t n, nheaders = 0, max;
	int seen_cd = 0;
	char *copy;

	memset(part, 0, sizeof(*part));
	/* Header lines up to an empty one; a part that ends right after a
	 * header's CRLF has headers and no data. */
	while (s < end) {
		n = (size_t)(end - s);
		if (n > MULTIPART_MAX_HEADER_LINE + 2)
			n = MULTIPART_MAX_HEADER_LINE + 2;
		if ((eol = memmem(s, n, "\r\n", 2)) == NULL)
			return n == MULTIPART_MAX_HEADER_LINE + 2 ?
			    MULTIPART_HEADER_TOO_LONG : MULTIPART_BAD_PART;
		if (eol == s) {
			data = s + 2;
			break;
		}
		if (++nheaders > MULTIPART_MAX_HEADERS)
			return MULTIPART_HEADER_TOO_LONG;
		if ((e = header_line(a, s, eol, part, &seen_cd)) != MULTIPART_OK)
			return e;
		s = eol + 2;
	}
	if (!seen_cd)
		return MULTIPART_BAD_PART;

	n = (size_t)(end - data);
	max = part->filename != NULL ? lim->file_max : lim->text_max;
	if (n > max) {
		part->too_large = 1;
		return MULTIPART_OK;
	}
	part->len = n;
	if (part->filename != NULL) {
		part->data = data;
		return MULTIPART_OK;
	}
	if (memchr(data, '\0', n) != NULL || !utf8_valid(data, n))
		return MULTIPART_BAD_TEXT;
	if ((copy = arena_strndup(a, data, n)) == NULL)
		return MULTIPART_NOMEM;
	part->data = copy;
	return MULTIPART_OK;
}

enum multipart_error
multipart_parse(struct arena *a, const char *ct, const char *body, size_t len,
    const struct multipart_limits *lim, struct multipart_form *form)
{
	char boundary[MULTIPART_MAX_BOUNDARY + 1];
	enum multipart_error e;
	struct scan sc;
	size_t pos, at, next;
	int closing;

	form->count = 0;
	if ((e = multipart_boundary(ct, boundary)) != MULTIPART_OK)
		return e;
	if (body == NULL || len == 0)
		return MULTIPART_TRUNCATED;
	sc.body = body;
	sc.len = len;
	sc.dlen = strlen(boundary) + 4;
	memcpy(sc.delim, "\r\n--", 4);
	memcpy(sc.delim + 4, boundary, sc.dlen - 4);

	/* The first delimiter has no CRLF before it when there is no preamble. */
	if (!delim_line(&sc, 0, &pos, &closing) &&
	    !delim_find(&sc, 0, &at, &pos, &closing))
		return MULTIPART_TRUNCATED;
	while (!closing) {
		if (form->count == MULTIPART_MAX_PARTS)
			return MULTIPART_TOO_MANY_PARTS;
		if (!delim_find(&sc, pos, &at, &next, &closing))
			return MULTIPART_TRUNCATED;
		e = part_parse(a, body + pos, body + at, lim, &form->parts[form->count]);
		if (e != MULTIPART_OK)
			return e;
		form->count++;
		pos = next;
	}
	return MULTIPART_OK;
}

const struct multipart_part *
multipart_get(const struct multipart_form *form, const char *name, size_t *count)
{
	const struct multipart_part *found = NULL;
	size_t i, n = 0;

	for (i = 0; i < form->count; i++)
		if (strcmp(form->parts[i].name, name) == 0) {
			if (found == NULL)
				found = &form->parts[i];
			n++;
		}
	if (count != NULL)
		*count = n;
	return found;
}
