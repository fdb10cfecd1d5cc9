/* test_multipart.c: cgi/multipart.h's body parser (the Content-Type side
 * is test_multipart_boundary.c). A table of small bodies with the parts or the error
 * each must give; then a browser-like body with a binary file (NUL bytes,
 * CRLFs, delimiter look-alikes) parsed whole and cut at every length, the
 * size, part and header limits, a NUL in a text part, a file name kept
 * verbatim, and multipart_get. Bodies are copied to buffers of their exact
 * size so that AddressSanitizer sees any read past the end. */
#include "unit.h"

#include "arena.h"
#include "multipart.h"

#define CT		"multipart/form-data; boundary=XyZ"
#define B		"--XyZ"
#define CD(n)		"Content-Disposition: form-data; name=\"" n "\"\r\n"
#define MAX_WANT	3
#define NONE(e)		(e), 0, { NULL }	/* an error, or no parts */

static const struct multipart_limits limits = { 64, 64 };

struct parse_case {
	const char		*body;
	enum multipart_error	 err;
	size_t			 count;
	const char		*parts[MAX_WANT * 3];	/* name, filename, data */
};

static const struct parse_case parse_cases[] = {
	{ B "\r\n" CD("a") "\r\nhello\r\n" B "--\r\n", MULTIPART_OK, 1,
	    { "a", NULL, "hello" } },
	{ B "\r\n" CD("a") "\r\n1\r\n" B "\r\n" CD("b") "\r\n2\r\n" B "--",
	    MULTIPART_OK, 2, { "a", NULL, "1", "b", NULL, "2" } },
	/* Preamble and epilogue, which may hold anything. */
	{ "This is a preamble.\r\n--XyZ is not here\r\nx--XyZ\r\n\r\n" B "\r\n"
	    CD("a") "\r\nv\r\n" B "--\r\nepilogue\r\n" B "\r\n" CD("b") "\r\n",
	    MULTIPART_OK, 1, { "a", NULL, "v" } },
	/* Transport padding after delimiters. */
	{ B " \t\r\n" CD("a") "\r\nv\r\n" B "-- \t\r\n", MULTIPART_OK, 1,
	    { "a", NULL, "v" } },
	{ B "-- ", NONE(MULTIPART_OK) },
	{ B "--", NONE(MULTIPART_OK) },
	{ "\r\n" B "--\r\n", NONE(MULTIPART_OK) },
	/* Empty values, with and without the blank line. */
	{ B "\r\n" CD("a") "\r\n\r\n" B "--", MULTIPART_OK, 1, { "a", NULL, "" } },
	{ B "\r\n" CD("a") "\r\n" B "--", MULTIPART_OK, 1, { "a", NULL, "" } },
	/* Data that looks like a delimiter but is not one. */
	{ B "\r\n" CD("a") "\r\nl1\r\n--XyZX\r\n--Xy\r\nx--XyZ\r\n--XyZ--x\r\n"
	    "--XyZ \r\r\n" B "--", MULTIPART_OK, 1,
	    { "a", NULL, "l1\r\n--XyZX\r\n--Xy\r\nx--XyZ\r\n--XyZ--x\r\n--XyZ \r" } },
	/* Header names and parameter names in any case; unquoted values. */
	{ B "\r\ncontent-disposition: FORM-DATA; NAME=a; FileName=x.txt\r\n"
	    "CONTENT-TYPE: text/plain\r\n\r\nv\r\n" B "--", MULTIPART_OK, 1,
	    { "a", "x.txt", "v" } },
	{ B "\r\nContent-Disposition:form-data;name=a\t\r\n\r\nv\r\n" B "--",
	    MULTIPART_OK, 1, { "a", NULL, "v" } },
	/* Backslash escapes '"' and '\' only. */
	{ B "\r\n" CD("a\\\"b") "\r\nv\r\n" B "\r\n" CD("C:\\dir\\f") "\r\nw\r\n"
	    B "\r\n" CD("x\\\\y") "\r\n\r\n" B "--", MULTIPART_OK, 3,
	    { "a\"b", NULL, "v", "C:\\dir\\f", NULL, "w", "x\\y", NULL, "" } },
	{ B "\r\n" "Content-Disposition: form-data; name=\"a;b=c\"; x=\"y\"; "
	    "filename*=utf-8''z\r\nContent-Transfer-Encoding: 8bit\r\n\r\nv\r\n"
	    B "--", MULTIPART_OK, 1, { "a;b=c", NULL, "v" } },
	{ B "\r\n" CD("\xe4\xb8\xad") "\r\n\xe6\x96\x87 \xe2\x9c\x93\r\n" B "--",
	    MULTIPART_OK, 1, { "\xe4\xb8\xad", NULL, "\xe6\x96\x87 \xe2\x9c\x93" } },
	{ B "\r\n" CD("a") "\r\n1\r\n" B "\r\n" CD("a") "\r\n2\r\n" B "--",
	    MULTIPART_OK, 2, { "a", NULL, "1", "a", NULL, "2" } },
	/* Malformed parts. */
	{ B "\r\nContent-Disposition: form-data\r\n\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Disposition: form-data; filename=\"f\"\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" CD("") "\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Type: text/plain\r\n\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\n\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\n\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Disposition: form-datax; name=a\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" CD("a") CD("b") "\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" CD("a") "Content-Disposition: form-data; filename=f\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Disposition: form-data; name=a; filename=x; filename=y\r\n"
	    "\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" CD("a") "Content-Type: a\r\nContent-Type: b\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Disposition: form-data; name=a b\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Disposition : form-data; name=a\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" CD("a") "no colon\r\n\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" CD("a") "X-A: \x01\r\n\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" CD("a\nb") "\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" CD("\xff") "\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" CD("\xc0\xaf") "\r\nv\r\n" B "--", NONE(MULTIPART_BAD_PART) },
	/* The CRLF before a delimiter is the delimiter's, not a header's. */
	{ B "\r\n" "Content-Disposition: form-data; name=a" "\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
	{ B "\r\n" "Content-Disposition: form-data; name=a" B "--",
	    NONE(MULTIPART_TRUNCATED) },
	/* Text parts must be UTF-8. */
	{ B "\r\n" CD("a") "\r\n\xff\r\n" B "--", NONE(MULTIPART_BAD_TEXT) },
	{ B "\r\n" CD("a") "\r\nok\xe4\xb8\r\n" B "--", NONE(MULTIPART_BAD_TEXT) },
	{ B "\r\n" CD("a") "\r\n\xed\xa0\x80\r\n" B "--", NONE(MULTIPART_BAD_TEXT) },
	/* No closing delimiter, or no delimiter at all. */
	{ "", NONE(MULTIPART_TRUNCATED) },
	{ "hello", NONE(MULTIPART_TRUNCATED) },
	{ B, NONE(MULTIPART_TRUNCATED) },
	{ B "\r\n", NONE(MULTIPART_TRUNCATED) },
	{ B "\r\n" CD("a") "\r\nv\r\n", NONE(MULTIPART_TRUNCATED) },
	{ B "\r\n" CD("a") "\r\nv\r\n" B, NONE(MULTIPART_TRUNCATED) },
	{ B "\r\n" CD("a") "\r\nv\r\n" B "-", NONE(MULTIPART_TRUNCATED) },
	{ B "\r\n" CD("a") "\r\nv\r\n" B "--\r", NONE(MULTIPART_TRUNCATED) },
	{ B "\r\n" CD("a") "\r\nv\r\n" B "--x", NONE(MULTIPART_TRUNCATED) },
	{ B "\r\n" CD("a") "\r\nv" B "--", NONE(MULTIPART_TRUNCATED) },
	/* Not a delimiter line: all of it is preamble before the closing one. */
	{ B "junk\r\n" CD("a") "\r\nv\r\n" B "--", NONE(MULTIPART_OK) },
	{ "--xyz\r\n" CD("a") "\r\nv\r\n--xyz--", NONE(MULTIPART_TRUNCATED) },
	/* Bare LF ends no line. */
	{ B "\n" "Content-Disposition: form-data; name=a\n\nv\n" B "--\n",
	    NONE(MULTIPART_TRUNCATED) },
	{ B "\r\n" CD("a") "\r\nv\n" B "--\n", NONE(MULTIPART_TRUNCATED) },
	{ B "\r\nContent-Disposition: form-data; name=a\n\nv\r\n" B "--",
	    NONE(MULTIPART_BAD_PART) },
};

/* Parses LEN bytes of BODY from a copy of exactly that size. */
static enum multipart_error
parse(struct arena *a, const char *ct, const char *body, size_t len,
    const struct multipart_limits *lim, struct multipart_form *f)
{
	enum multipart_error e;
	char *copy = malloc(len ? len : 1);

	assert_non_null(copy);
	memcpy(copy, body, len);
	e = multipart_parse(a, ct, copy, len, lim, f);
	/* File parts point into the body, which must outlive them: only the
	 * callers below that look at file data keep their own copy. */
	for (size_t i = 0; e == MULTIPART_OK && i < f->count; i++)
		if (f->parts[i].filename != NULL && f->parts[i].data != NULL) {
			assert_true(f->parts[i].data >= copy);
			assert_true(f->parts[i].data + f->parts[i].len <= copy + len);
			f->parts[i].data = body + (f->parts[i].data - copy);
		}
	free(copy);
	return e;
}

static void
test_parse_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];
		struct arena a;
		struct multipart_form f;
		enum multipart_error e;

		arena_init(&a);
		e = parse(&a, CT, c->body, strlen(c->body), &limits, &f);
		if (e != c->err)
			fail_msg("case %zu: got %s, want %s", i, multipart_strerror(e),
			    multipart_strerror(c->err));
		if (e == MULTIPART_OK && f.count != c->count)
			fail_msg("case %zu: %zu parts, want %zu", i, f.count, c->count);
		for (size_t k = 0; e == MULTIPART_OK && k < f.count; k++) {
			const struct multipart_part *p = &f.parts[k];
			const char *want = c->parts[3 * k + 2];

			assert_string_equal(p->name, c->parts[3 * k]);
			if (c->parts[3 * k + 1] == NULL)
				assert_null(p->filename);
			else
				assert_string_equal(p->filename, c->parts[3 * k + 1]);
			assert_false(p->too_large);
			assert_int_equal(p->len, strlen(want));
			assert_memory_equal(p->data, want, p->len);
			if (p->filename == NULL)
				assert_int_equal(p->data[p->len], '\0');
		}
		arena_release(&a);
	}
}

/* What Chrome sends for a form with two text fields, a PNG file and an
 * empty file input. The file holds NUL bytes, CRLFs and lines that look
 * like delimiters without being one. (Not "--boundary--x": cut after its
 * "--" that is a whole body, as it would be for any parser.) */
#define WB_PREFIX	"----WebKitFormBoundaryx7Q3bR0cLmZ9pT2"
#define WB		WB_PREFIX "e"
#define FILE_DATA	"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\r\n"	\
			"\r\n--" WB_PREFIX "\r\n"		\
			"x--" WB "\r\n"				\
			"\r\n--" WB "X\r\n"			\
			"\r\n\r\n\0\xff\xfe\r"
static const char browser_ct[] = "multipart/form-data; boundary=" WB;
static const char browser_body[] =
	"--" WB "\r\n"
	"Content-Disposition: form-data; name=\"title\"\r\n"
	"\r\n"
	"Hello, world\r\n"
	"--" WB "\r\n"
	"Content-Disposition: form-data; name=\"body\"\r\n"
	"\r\n"
	"Line one\r\nLine two: \xe4\xb8\xad\xe6\x96\x87 \xe2\x9c\x93\r\n"
	"--" WB "\r\n"
	"Content-Disposition: form-data; name=\"photo\"; filename=\"cat.png\"\r\n"
	"Content-Type: image/png\r\n"
	"\r\n"
	FILE_DATA "\r\n"
	"--" WB "\r\n"
	"Content-Disposition: form-data; name=\"attachment\"; filename=\"\"\r\n"
	"Content-Type: application/octet-stream\r\n"
	"\r\n"
	"\r\n"
	"--" WB "--\r\n";

static void
test_browser_body(void **state)
{
	static const char file[] = FILE_DATA;
	const struct multipart_limits lim = { 1024, 1024 };
	struct multipart_form f;
	struct arena a;
	const struct multipart_part *p;

	(void)state;
	arena_init(&a);
	assert_int_equal(multipart_parse(&a, browser_ct, browser_body,
	    sizeof(browser_body) - 1, &lim, &f), MULTIPART_OK);
	assert_int_equal(f.count, 4);

	p = &f.parts[0];
	assert_string_equal(p->name, "title");
	assert_null(p->filename);
	assert_null(p->content_type);
	assert_string_equal(p->data, "Hello, world");
	assert_int_equal(p->len, 12);
	p = &f.parts[1];
	assert_string_equal(p->data,
	    "Line one\r\nLine two: \xe4\xb8\xad\xe6\x96\x87 \xe2\x9c\x93");
	assert_int_equal(p->len, strlen(p->data));
	/* Text is copied, not pointed to. */
	assert_true(p->data < browser_body ||
	    p->data >= browser_body + sizeof(browser_body));

	p = &f.parts[2];
	assert_string_equal(p->name, "photo");
	assert_string_equal(p->filename, "cat.png");
	assert_string_equal(p->content_type, "image/png");
	assert_int_equal(p->len, sizeof(file) - 1);
	assert_memory_equal(p->data, file, sizeof(file) - 1);
	assert_true(p->data > browser_body &&
	    p->data + p->len < browser_body + sizeof(browser_body));
	assert_false(p->too_large);

	p = &f.parts[3];
	assert_string_equal(p->name, "attachment");
	assert_string_equal(p->filename, "");
	assert_string_equal(p->content_type, "application/octet-stream");
	assert_int_equal(p->len, 0);
	assert_non_null(p->data);
	assert_false(p->too_large);
	arena_release(&a);
}

/* Every prefix of the body is refused as truncated, except the whole body
 * and the body without the CRLF after its closing delimiter (which is
 * optional). */
static void
test_truncated(void **state)
{
	const struct multipart_limits lim = { 1024, 1024 };
	const size_t len = sizeof(browser_body) - 1;
	struct multipart_form f;
	struct arena a;
	enum multipart_error e;

	(void)state;
	arena_init(&a);
	for (size_t n = 0; n <= len; n++) {
		e = parse(&a, browser_ct, browser_body, n, &lim, &f);
		if (n == len || n == len - 2) {
			assert_int_equal(e, MULTIPART_OK);
			assert_int_equal(f.count, 4);
		} else if (e != MULTIPART_TRUNCATED)
			fail_msg("prefix of %zu bytes: %s", n, multipart_strerror(e));
		arena_reset(&a);
	}
	arena_release(&a);
}

/* A part over its limit is flagged; the others are kept. */
static void
test_too_large(void **state)
{
	static const char body[] =
		B "\r\n" CD("small") "\r\n12345678\r\n"
		B "\r\n" CD("big") "\r\n123456789\r\n"
		B "\r\n" CD("bigbad") "\r\n\xff\xff\xff\xff\xff\xff\xff\xff\xff\r\n"
		B "\r\nContent-Disposition: form-data; name=f1; filename=a\r\n\r\n1234\r\n"
		B "\r\nContent-Disposition: form-data; name=f2; filename=b\r\n\r\n12345\r\n"
		B "\r\n" CD("after") "\r\nkept\r\n"
		B "--\r\n";
	const struct multipart_limits lim = { 8, 4 }, zero = { 0, 0 };
	static const struct {
		const char	*name;
		int		 too_large;
		const char	*data;
	} want[] = {
		{ "small", 0, "12345678" }, { "big", 1, NULL }, { "bigbad", 1, NULL },
		{ "f1", 0, "1234" }, { "f2", 1, NULL }, { "after", 0, "kept" },
	};
	struct multipart_form f;
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, CT, body, sizeof(body) - 1, &lim, &f), MULTIPART_OK);
	assert_int_equal(f.count, NELEM(want));
	for (size_t i = 0; i < NELEM(want); i++) {
		const struct multipart_part *p = &f.parts[i];

		assert_string_equal(p->name, want[i].name);
		assert_int_equal(p->too_large, want[i].too_large);
		if (want[i].data == NULL) {
			assert_null(p->data);
			assert_int_equal(p->len, 0);
		} else {
			assert_int_equal(p->len, strlen(want[i].data));
			assert_memory_equal(p->data, want[i].data, p->len);
		}
	}
	/* Limits of 0 allow only empty parts. */
	assert_int_equal(parse(&a, CT, body, sizeof(body) - 1, &zero, &f), MULTIPART_OK);
	for (size_t i = 0; i < f.count; i++)
		assert_true(f.parts[i].too_large);
	arena_release(&a);
}

/* Appends a part named N<i> to BUF at *LEN. */
static void
add_part(char *buf, size_t size, size_t *len, int i)
{
	int n = snprintf(buf + *len, size - *len,
	    B "\r\nContent-Disposition: form-data; name=\"n%d\"\r\n\r\n%d\r\n", i, i);

	assert_true(n > 0 && (size_t)n < size - *len);
	*len += (size_t)n;
}

static void
test_too_many_parts(void **state)
{
	struct multipart_form f;
	struct arena a;
	char buf[8192];
	size_t len = 0;

	(void)state;
	arena_init(&a);
	for (int i = 0; i < MULTIPART_MAX_PARTS; i++)
		add_part(buf, sizeof(buf), &len, i);
	memcpy(buf + len, B "--", 7);
	assert_int_equal(parse(&a, CT, buf, len + 7, &limits, &f), MULTIPART_OK);
	assert_int_equal(f.count, MULTIPART_MAX_PARTS);
	assert_string_equal(f.parts[MULTIPART_MAX_PARTS - 1].name, "n31");
	add_part(buf, sizeof(buf), &len, MULTIPART_MAX_PARTS);
	memcpy(buf + len, B "--", 7);
	assert_int_equal(parse(&a, CT, buf, len + 7, &limits, &f),
	    MULTIPART_TOO_MANY_PARTS);
	arena_release(&a);
}

/* A part whose headers are HEADER then a blank line, in BUF. */
static size_t
header_body(char *buf, size_t size, const char *header)
{
	int n = snprintf(buf, size, B "\r\n" CD("a") "%s\r\nv\r\n" B "--", header);

	assert_true(n > 0 && (size_t)n < size);
	return (size_t)n;
}

static void
test_header_limits(void **state)
{
	struct multipart_form f;
	struct arena a;
	char line[4096], buf[8192];
	size_t n;

	(void)state;
	arena_init(&a);
	/* A header line of exactly MULTIPART_MAX_HEADER_LINE bytes, then one more. */
	memset(line, 0, sizeof(line));
	memcpy(line, "X-Pad: ", 7);
	memset(line + 7, 'p', MULTIPART_MAX_HEADER_LINE - 7);
	memcpy(line + MULTIPART_MAX_HEADER_LINE, "\r\n", 3);
	n = header_body(buf, sizeof(buf), line);
	assert_int_equal(parse(&a, CT, buf, n, &limits, &f), MULTIPART_OK);
	memcpy(line + MULTIPART_MAX_HEADER_LINE, "p\r\n", 4);
	n = header_body(buf, sizeof(buf), line);
	assert_int_equal(parse(&a, CT, buf, n, &limits, &f), MULTIPART_HEADER_TOO_LONG);
	/* A long line that never ends is too long, not just malformed. */
	memcpy(buf, B "\r\n", 7);
	memset(buf + 7, 'x', 3000);
	memcpy(buf + 3007, "\r\n" B "--", 9);
	assert_int_equal(parse(&a, CT, buf, 3016, &limits, &f), MULTIPART_HEADER_TOO_LONG);

	/* MULTIPART_MAX_HEADERS lines (the CD one included), then one more. */
	line[0] = '\0';
	for (int i = 1; i < MULTIPART_MAX_HEADERS; i++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line),
		    "X-H%d: %d\r\n", i, i);
	n = header_body(buf, sizeof(buf), line);
	assert_int_equal(parse(&a, CT, buf, n, &limits, &f), MULTIPART_OK);
	assert_string_equal(f.parts[0].data, "v");
	strcat(line, "X-More: 1\r\n");
	n = header_body(buf, sizeof(buf), line);
	assert_int_equal(parse(&a, CT, buf, n, &limits, &f), MULTIPART_HEADER_TOO_LONG);
	arena_release(&a);
}

/* NUL is refused in text and kept in files; errors from the Content-Type
 * come out of multipart_parse too. */
static void
test_nul_and_content_type(void **state)
{
	static const char text[] = B "\r\n" CD("a") "\r\nx\0y\r\n" B "--";
	static const char file[] = B "\r\nContent-Disposition: form-data; "
	    "name=a; filename=f\r\n\r\nx\0y\r\n" B "--";
	struct multipart_form f;
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, CT, text, sizeof(text) - 1, &limits, &f),
	    MULTIPART_BAD_TEXT);
	assert_int_equal(parse(&a, CT, file, sizeof(file) - 1, &limits, &f), MULTIPART_OK);
	assert_int_equal(f.parts[0].len, 3);
	assert_memory_equal(f.parts[0].data, "x\0y", 3);
	assert_int_equal(parse(&a, NULL, file, sizeof(file) - 1, &limits, &f),
	    MULTIPART_NOT_MULTIPART);
	assert_int_equal(f.count, 0);
	assert_int_equal(parse(&a, "multipart/form-data", file, sizeof(file) - 1,
	    &limits, &f), MULTIPART_NO_BOUNDARY);
	assert_int_equal(parse(&a, "multipart/form-data; boundary=a@", file,
	    sizeof(file) - 1, &limits, &f), MULTIPART_BAD_BOUNDARY);
	assert_int_equal(multipart_parse(&a, CT, NULL, 0, &limits, &f),
	    MULTIPART_TRUNCATED);
	arena_release(&a);
}

/* The client's file name is kept as sent: ignoring it is the caller's job. */
static void
test_filename_verbatim(void **state)
{
	static const char body[] = B "\r\nContent-Disposition: form-data; name=up; "
	    "filename=\"../../etc/passwd\"\r\n\r\nroot\r\n"
	    B "\r\nContent-Disposition: form-data; name=up; "
	    "filename=\"C:\\Users\\me\\a.jpg\"\r\n\r\n\r\n" B "--";
	struct multipart_form f;
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, CT, body, sizeof(body) - 1, &limits, &f), MULTIPART_OK);
	assert_int_equal(f.count, 2);
	assert_string_equal(f.parts[0].filename, "../../etc/passwd");
	assert_memory_equal(f.parts[0].data, "root", 4);
	assert_string_equal(f.parts[1].filename, "C:\\Users\\me\\a.jpg");
	arena_release(&a);
}

static void
test_get(void **state)
{
	static const char body[] = B "\r\n" CD("a") "\r\n1\r\n" B "\r\n" CD("b")
	    "\r\n2\r\n" B "\r\n" CD("a") "\r\n3\r\n" B "--";
	struct multipart_form f;
	struct arena a;
	const struct multipart_part *p;
	size_t n = 99;

	(void)state;
	arena_init(&a);
	assert_int_equal(parse(&a, CT, body, sizeof(body) - 1, &limits, &f), MULTIPART_OK);
	p = multipart_get(&f, "a", &n);
	assert_ptr_equal(p, &f.parts[0]);
	assert_int_equal(n, 2);
	assert_string_equal(multipart_get(&f, "b", NULL)->data, "2");
	assert_null(multipart_get(&f, "c", &n));
	assert_int_equal(n, 0);
	assert_null(multipart_get(&f, "A", NULL));
	arena_release(&a);
}

static void
test_strerror(void **state)
{
	(void)state;
	for (int e = 0; e < MULTIPART_ERROR__MAX; e++) {
		const char *s = multipart_strerror((enum multipart_error)e);

		assert_non_null(s);
		assert_true(strlen(s) > 0);
		for (int k = 0; k < e; k++)
			assert_string_not_equal(s,
			    multipart_strerror((enum multipart_error)k));
	}
	assert_string_equal(multipart_strerror(MULTIPART_ERROR__MAX), "unknown error");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_browser_body),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_too_many_parts),
		cmocka_unit_test(test_header_limits),
		cmocka_unit_test(test_nul_and_content_type),
		cmocka_unit_test(test_filename_verbatim),
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_strerror),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
