/* fuzz_multipart.c: libFuzzer target for cgi/multipart.h. The input's
 * first line (up to '\n') is the Content-Type, the rest is the body, so
 * that the fuzzer explores both. Checks what a caller relies on: the
 * boundary is 1..70 bchars and reads back the same when quoted; the parse
 * fails with the boundary's error when there is one; an accepted body has
 * a closing delimiter; at most MULTIPART_MAX_PARTS parts, each with a
 * non-empty UTF-8 name; a part over its limit has no data; file data lies
 * in the body, in order, and ends at a delimiter; text is a NUL-free UTF-8
 * copy with strlen == len; no part holds a delimiter line; smaller limits
 * only turn parts into too_large ones; multipart_get agrees with the parts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "multipart.h"
#include "urlencoded.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static const struct multipart_limits big = { SIZE_MAX, SIZE_MAX };
static const struct multipart_limits small = { 16, 32 };

static void
check_boundary(const char *b)
{
	char again[MULTIPART_MAX_BOUNDARY + 1], ct[128];
	size_t n = strlen(b);

	CHECK(n >= 1 && n <= MULTIPART_MAX_BOUNDARY && b[n - 1] != ' ');
	CHECK(strspn(b, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789'()+_,-./:=? ") == n);
	snprintf(ct, sizeof(ct), "Multipart/Form-Data; x=\";\"; boundary=\"%s\"", b);
	CHECK(multipart_boundary(ct, again) == MULTIPART_OK);
	CHECK(strcmp(again, b) == 0);
}

/* 1 when the LEN bytes at S hold no control byte but tabs. */
static int
no_ctl(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return 0;
	return 1;
}

static void
check_form(const char *body, size_t len, const char *b,
    const struct multipart_limits *lim, const struct multipart_form *f)
{
	const char *end = body + len, *prev = body;
	char delim[MULTIPART_MAX_BOUNDARY + 8];
	size_t dlen;

	dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", b);
	CHECK(f->count <= MULTIPART_MAX_PARTS);
	for (size_t i = 0; i < f->count; i++) {
		const struct multipart_part *p = &f->parts[i];
		const struct multipart_part *first;
		size_t count = 0, n = 0;

		CHECK(p->name != NULL && p->name[0] != '\0');
		CHECK(utf8_valid(p->name, strlen(p->name)));
		CHECK(no_ctl(p->name, strlen(p->name)));
		if (p->filename != NULL)
			CHECK(utf8_valid(p->filename, strlen(p->filename)) &&
			    no_ctl(p->filename, strlen(p->filename)));
		if (p->content_type != NULL)
			CHECK(utf8_valid(p->content_type, strlen(p->content_type)) &&
			    no_ctl(p->content_type, strlen(p->content_type)));
		if (p->too_large) {
			CHECK(p->data == NULL && p->len == 0);
		} else if (p->filename != NULL) {
			CHECK(p->len <= lim->file_max);
			CHECK(p->data >= prev && p->data <= end &&
			    p->len <= (size_t)(end - p->data));
			/* Right after the data comes a delimiter. */
			CHECK((size_t)(end - p->data) - p->len >= dlen);
			CHECK(memcmp(p->data + p->len, delim, dlen) == 0);
			prev = p->data + p->len;
		} else {
			CHECK(p->len <= lim->text_max);
			CHECK(p->data != NULL && strlen(p->data) == p->len);
			CHECK(utf8_valid(p->data, p->len));
			CHECK(p->data + p->len < body || p->data >= end);
		}
		if (p->data != NULL) {
			/* No delimiter line inside a part: "--b" then CRLF. */
			delim[dlen] = '\r';
			delim[dlen + 1] = '\n';
			CHECK(memmem(p->data, p->len, delim, dlen + 2) == NULL);
		}
		first = multipart_get(f, p->name, &count);
		for (size_t k = 0; k < f->count; k++)
			n += strcmp(f->parts[k].name, p->name) == 0;
		CHECK(count == n && first != NULL && first <= p);
		CHECK(strcmp(first->name, p->name) == 0);
		for (const struct multipart_part *q = f->parts; q < first; q++)
			CHECK(strcmp(q->name, p->name) != 0);
	}
	/* An accepted body has the closing delimiter ("--b--"), at its start
	 * or after a CRLF. */
	memcpy(delim + dlen, "--", 2);
	CHECK(memmem(body, len, delim, dlen + 2) != NULL ||
	    (len >= dlen && memcmp(body, delim + 2, dlen) == 0));
}

/* FORM from the small limits against BIG from no limits. */
static void
check_same(const struct multipart_form *form, const struct multipart_form *bigf)
{
	CHECK(form->count == bigf->count);
	for (size_t i = 0; i < form->count; i++) {
		const struct multipart_part *p = &form->parts[i], *q = &bigf->parts[i];

		CHECK(strcmp(p->name, q->name) == 0 && !q->too_large);
		CHECK((p->filename == NULL) == (q->filename == NULL));
		if (!p->too_large)
			CHECK(p->len == q->len && memcmp(p->data, q->data, p->len) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *nl, *body;
	char b[MULTIPART_MAX_BOUNDARY + 1], *ct;
	enum multipart_error e, eb, be;
	struct multipart_form form, bigf;
	struct arena a;
	size_t ctlen, len;

	nl = memchr(in, '\n', size);
	ctlen = nl != NULL ? (size_t)(nl - in) : size;
	body = nl != NULL ? nl + 1 : in + size;
	len = size - (size_t)(body - in);
	if ((ct = malloc(ctlen + 1)) == NULL)
		return 0;
	memcpy(ct, in, ctlen);
	ct[ctlen] = '\0';

	arena_init(&a);
	eb = multipart_boundary(ct, b);
	e = multipart_parse(&a, ct, body, len, &small, &form);
	CHECK(e >= MULTIPART_OK && e < MULTIPART_ERROR__MAX);
	CHECK(multipart_strerror(e) != NULL && multipart_strerror(e)[0] != '\0');
	CHECK(form.count <= MULTIPART_MAX_PARTS);
	if (eb != MULTIPART_OK) {
		CHECK(eb == MULTIPART_NOT_MULTIPART || eb == MULTIPART_NO_BOUNDARY ||
		    eb == MULTIPART_BAD_BOUNDARY);
		CHECK(e == eb && form.count == 0);
		goto out;
	}
	check_boundary(b);
	CHECK(e != MULTIPART_NOT_MULTIPART && e != MULTIPART_NO_BOUNDARY &&
	    e != MULTIPART_BAD_BOUNDARY && e != MULTIPART_NOMEM);
	if (e == MULTIPART_OK)
		check_form(body, len, b, &small, &form);
	if (e == MULTIPART_TOO_MANY_PARTS)
		CHECK(form.count == MULTIPART_MAX_PARTS);

	/* Without limits: the same structure, or a text part that the small
	 * limits let through unread turns out to be bad. */
	be = multipart_parse(&a, ct, body, len, &big, &bigf);
	if (be == MULTIPART_OK) {
		check_form(body, len, b, &big, &bigf);
		CHECK(e == MULTIPART_OK);
		check_same(&form, &bigf);
	} else if (e != MULTIPART_BAD_TEXT)
		CHECK(be == e || be == MULTIPART_BAD_TEXT);
out:
	arena_release(&a);
	free(ct);
	return 0;
}
