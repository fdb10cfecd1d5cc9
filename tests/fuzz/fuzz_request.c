/* fuzz_request.c: libFuzzer target for a whole request as a worker reads
 * it before any handler runs: the environment nginx would pass (any names,
 * any values), then the body. The input is "NAME=VALUE" lines up to an
 * empty line, and the body after it. It goes through request_parse, then
 * (for a POST) form_body_read with the body as its stream, the Cookie
 * header through cookie_parse, the language choice and the conditional
 * headers.
 * Checks: a refused request has a 4xx status and a reason; an accepted one
 * has a valid absolute UTF-8 path and a query within the limits; a form is
 * read only when its Content-Length matches the bytes that came and fits,
 * and its fields are valid UTF-8 without NUL within FORM_TEXT_MAX; cookies
 * hold no separator or control byte; the language is one we speak. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cookie.h"
#include "form_body.h"
#include "http_conditional.h"
#include "i18n.h"
#include "request.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)
#define MAX_ENV		32

struct stream {
	const char	*data;
	size_t		 len, at;
};

/* Hands the body out in small, uneven reads, as a socket would. */
static long
stream_read(void *ctx, char *buf, size_t len)
{
	struct stream *s = ctx;
	size_t n = s->len - s->at;

	if (n > len)
		n = len;
	if (n > 1 + s->at % 7)
		n = 1 + s->at % 7;
	memcpy(buf, s->data + s->at, n);
	s->at += n;
	return (long)n;
}

static void
check_form(const struct form_body *form)
{
	static const char *const fields[] = {
		"csrf_token", "title", "author", "source", "published_on", "body",
		"status", "section", "photo_alt", "action", "name", "password",
		"next", NULL
	};

	for (const char *const *f = fields; *f != NULL; f++) {
		const char *v = form_text(form, *f);

		if (v == NULL)
			continue;
		CHECK(strlen(v) <= FORM_TEXT_MAX);
		CHECK(utf8_valid(v, strlen(v)));
	}
	(void)form_file(form, "photo");
}

static void
check_cookies(struct arena *a, const char *header)
{
	struct cookie_jar jar;

	if (cookie_parse(a, header, strlen(header), &jar) != 0)
		return;
	CHECK(jar.count <= COOKIE_MAX_PAIRS);
	for (size_t i = 0; i < jar.count; i++) {
		for (const char *p = jar.pairs[i].value; *p != '\0'; p++)
			CHECK(*p != ';' && *p != ' ' && (unsigned char)*p >= 0x21 &&
			    (unsigned char)*p != 0x7f);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *end = in + size, *p = in;
	char *envp[MAX_ENV + 1];
	size_t n = 0;
	struct arena a;
	struct stream body = { NULL, 0, 0 };
	struct body_source src = { stream_read, &body };
	struct request r;
	struct form_body form;
	const char *why = NULL;
	enum lang lang;
	int status;

	arena_init(&a);
	/* The environment: lines up to an empty one (or the end). */
	while (p < end && n < MAX_ENV) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = (size_t)((nl ? nl : end) - p);

		if (len == 0) {
			p++;
			break;
		}
		/* "%.*s" stops at a NUL, as the C strings of a web server do. */
		envp[n] = arena_printf(&a, "%.*s", (int)len, p);
		CHECK(envp[n] != NULL);
		n++;
		p = nl ? nl + 1 : end;
	}
	envp[n] = NULL;
	body.data = p;
	body.len = (size_t)(end - p);

	status = request_parse(&a, envp, &src, &r, &why);
	if (status != 0) {
		CHECK(status >= 400 && status < 500);
		CHECK(why != NULL);
		arena_release(&a);
		return 0;
	}
	CHECK(r.path != NULL && r.path[0] == '/');
	CHECK(strlen(r.path) <= REQUEST_MAX_PATH && utf8_valid(r.path, strlen(r.path)));
	CHECK(r.query_raw != NULL && strlen(r.query_raw) <= REQUEST_MAX_QUERY);
	CHECK(r.query.count <= URLENC_MAX_PAIRS);
	for (size_t i = 0; i < r.query.count; i++)
		CHECK(strlen(r.query.pairs[i].value) == r.query.pairs[i].value_len &&
		    utf8_valid(r.query.pairs[i].value, r.query.pairs[i].value_len));

	if (r.method == HTTP_POST) {
		why = NULL;
		status = form_body_read(&a, &r, &form, &why);
		if (status == 0) {
			/* Read only when all the announced bytes came. */
			CHECK(r.content_length >= 0 && (size_t)r.content_length <= body.len);
			CHECK(r.content_length <= REQUEST_MAX_BODY);
			check_form(&form);
		} else {
			CHECK(status == 400 || status == 411 || status == 413 ||
			    status == 415 || status == 500);
			CHECK(why != NULL);
		}
	}
	if (r.cookie != NULL)
		check_cookies(&a, r.cookie);
	lang = i18n_choose(&a, r.cookie, env_get(envp, "HTTP_ACCEPT_LANGUAGE"));
	CHECK(lang == LANG_EN || lang == LANG_ZH_CN);
	status = http_not_modified(r.if_none_match, r.if_modified_since,
	    "\"0123456789abcdef\"", 1700000000);
	CHECK(status == 0 || status == 1);
	arena_release(&a);
	return 0;
}
