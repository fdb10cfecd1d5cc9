/* seed_parser.c: the association's article text format (see seed_parser.h). */
#include <string.h>

#include "arena.h"
#include "seed_parser.h"
#include "urlencoded.h"

struct cursor {
	const char	*p;
	const char	*end;
	size_t		 line;	/* number of the line last returned */
};

/* The next line without its terminator (and a CR before it); 0 at the end. */
static int
next_line(struct cursor *c, const char **s, size_t *len)
{
	const char *nl;

	if (c->p >= c->end)
		return 0;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	*s = c->p;
	*len = nl ? (size_t)(nl - c->p) : (size_t)(c->end - c->p);
	c->p = nl ? nl + 1 : c->end;
	if (*len > 0 && (*s)[*len - 1] == '\r')
		(*len)--;
	c->line++;
	return 1;
}

/* Length of the white space at S: ASCII blanks, U+00A0, U+3000. */
static size_t
space_at(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t'))
		return 1;
	if (len >= 2 && (unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
		return 2;
	if (len >= 3 && (unsigned char)s[0] == 0xe3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

/* Length of the white space that ends S[0..len). */
static size_t
space_before(const char *s, size_t len)
{
	if (len >= 1 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		return 1;
	if (len >= 2 && space_at(s + len - 2, 2) == 2)
		return 2;
	if (len >= 3 && space_at(s + len - 3, 3) == 3)
		return 3;
	return 0;
}

static void
trim(const char **s, size_t *len)
{
	size_t n;

	while ((n = space_at(*s, *len)) > 0) {
		*s += n;
		*len -= n;
	}
	while ((n = space_before(*s, *len)) > 0)
		*len -= n;
}

static int
has_prefix(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

int
seed_date_valid(const char *s)
{
	static const int days[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2 ||
	    strspn(s + 8, "0123456789") != 2)
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

/* A photo reference: a plain file name with an image extension, no path. */
static int
is_photo_name(const char *s, size_t len)
{
	static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp" };
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-");

	if (len == 0 || len > 100 || n < len || s[0] == '.' || s[0] == '-')
		return 0;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t e = strlen(exts[i]);

		if (len > e) {
			size_t k;

			for (k = 0; k < e; k++) {
				char c = s[len - e + k];

				if (c >= 'A' && c <= 'Z')
					c = (char)(c - 'A' + 'a');
				if (c != exts[i][k])
					break;
			}
			if (k == e)
				return 1;
		}
	}
	return 0;
}

static int
fail(struct seed_error *err, size_t line, const char *message)
{
	err->line = line;
	err->message = message;
	return -1;
}

static int
parse_breadcrumb(struct arena *a, const char *s, size_t len,
    struct seed_article *out, struct seed_error *err)
{
	if (!has_prefix(s, len, "Now:"))
		return fail(err, 1, "line 1 must be the breadcrumb, starting with 'Now:'");
	s += 4;
	len -= 4;
	out->section_count = 0;
	for (;;) {
		const char *gt = memchr(s, '>', len);
		size_t part = gt ? (size_t)(gt - s) : len;
		const char *t = s;
		size_t tlen = part;

		trim(&t, &tlen);
		if (tlen == 0)
			return fail(err, 1, "the breadcrumb has an empty section name");
		if (tlen > SEED_MAX_SECTION)
			return fail(err, 1, "a section name in the breadcrumb is too long");
		if (out->section_count == SEED_MAX_DEPTH)
			return fail(err, 1, "the breadcrumb is deeper than 8 sections");
		if ((out->sections[out->section_count++] = arena_strndup(a, t, tlen)) == NULL)
			return fail(err, 0, "out of memory");
		if (gt == NULL)
			break;
		len -= part + 1;
		s = gt + 1;
	}
	return 0;
}

static int
parse_byline(struct arena *a, const char *s, size_t len,
    struct seed_article *out, struct seed_error *err)
{
	const char *at, *author, *date;
	size_t alen, dlen;

	if (!has_prefix(s, len, "Author:"))
		return fail(err, 3, "line 3 must start with 'Author:'");
	s += 7;
	len -= 7;
	for (at = s; at + 8 <= s + len; at++)
		if (memcmp(at, "Addtime:", 8) == 0)
			break;
	if (at + 8 > s + len)
		return fail(err, 3, "line 3 has no 'Addtime:YYYY-MM-DD'");
	author = s;
	alen = (size_t)(at - s);
	trim(&author, &alen);
	if (alen > SEED_MAX_AUTHOR)
		return fail(err, 3, "the author is longer than 200 bytes");
	date = at + 8;
	dlen = (size_t)(s + len - date);
	trim(&date, &dlen);
	if ((out->author = arena_strndup(a, author, alen)) == NULL ||
	    (out->published_on = arena_strndup(a, date, dlen)) == NULL)
		return fail(err, 0, "out of memory");
	if (!seed_date_valid(out->published_on))
		return fail(err, 3, "Addtime is not a real date written YYYY-MM-DD");
	return 0;
}

/* Appends a block of kind K holding S[0..len) to OUT. */
static int
add_block(struct arena *a, struct seed_article *out, size_t *cap,
    enum seed_block_kind k, const char *s, size_t len, size_t line)
{
	struct seed_block *b;

	if (out->block_count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;

		if ((b = arena_alloc(a, ncap * sizeof(*b))) == NULL)
			return -1;
		if (out->block_count)
			memcpy(b, out->blocks, out->block_count * sizeof(*b));
		out->blocks = b;
		*cap = ncap;
	}
	b = &out->blocks[out->block_count];
	b->kind = k;
	b->line = line;
	if ((b->text = arena_strndup(a, s, len)) == NULL)
		return -1;
	out->block_count++;
	return 0;
}

int
seed_parse(struct arena *a, const char *buf, size_t len,
    struct seed_article *out, struct seed_error *err)
{
	struct cursor c;
	const char *s, *t;
	size_t n, tlen, cap = 0;
	char *para = NULL;
	size_t para_len = 0, para_line = 0;

	memset(out, 0, sizeof(*out));
	if (len > SEED_MAX_BYTES)
		return fail(err, 0, "the file is larger than 1 MiB");
	if (memchr(buf, '\0', len) != NULL)
		return fail(err, 0, "the file holds a NUL byte (is it text?)");
	if (!utf8_valid(buf, len))
		return fail(err, 0, "the file is not valid UTF-8");
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;	/* a byte order mark */
		len -= 3;
	}
	c.p = buf;
	c.end = buf + len;
	c.line = 0;

	if (!next_line(&c, &s, &n))
		return fail(err, 1, "the file is empty");
	if (parse_breadcrumb(a, s, n, out, err) != 0)
		return -1;
	if (!next_line(&c, &s, &n))
		return fail(err, 2, "line 2 must be the title");
	trim(&s, &n);
	if (n == 0)
		return fail(err, 2, "the title on line 2 is empty");
	if (n > SEED_MAX_TITLE)
		return fail(err, 2, "the title is longer than 500 bytes");
	if ((out->title = arena_strndup(a, s, n)) == NULL)
		return fail(err, 0, "out of memory");
	if (!next_line(&c, &s, &n))
		return fail(err, 3, "line 3 must be 'Author:NAME  Addtime:YYYY-MM-DD'");
	if (parse_byline(a, s, n, out, err) != 0)
		return -1;

	/* The body: paragraphs of trimmed lines, split on blank lines. */
	if ((para = arena_alloc(a, len + 1)) == NULL)
		return fail(err, 0, "out of memory");
	for (;;) {
		int more = next_line(&c, &s, &n);

		t = s;
		tlen = more ? n : 0;
		if (more)
			trim(&t, &tlen);
		if (tlen > 0) {
			if (para_len == 0)
				para_line = c.line;
			else
				para[para_len++] = '\n';
			memcpy(para + para_len, t, tlen);
			para_len += tlen;
			if (more)
				continue;
		}
		if (para_len > 0) {
			enum seed_block_kind k = SEED_PARAGRAPH;

			para[para_len] = '\0';
			if (out->block_count == SEED_MAX_BLOCKS)
				return fail(err, para_line, "the body has too many paragraphs");
			if (memchr(para, '\n', para_len) == NULL &&
			    is_photo_name(para, para_len))
				k = SEED_PHOTO;
			if (add_block(a, out, &cap, k, para, para_len, para_line) != 0)
				return fail(err, 0, "out of memory");
			para_len = 0;
		}
		if (!more)
			break;
	}
	if (out->block_count == 0)
		return fail(err, 4, "the article has no body text after line 3");
	return 0;
}
