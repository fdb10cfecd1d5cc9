/* fuzz_urlencoded.c: libFuzzer target for cgi/urlencoded.h. Feeds
 * arbitrary bytes to urlenc_parse and checks what a caller relies on:
 * every decoded name and value is NUL-free valid UTF-8, value_len is the
 * value's length, no more than URLENC_MAX_PAIRS pairs, an error code that
 * matches something in the input, and urlenc_get agreeing with the pairs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "urlencoded.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
check_form(const char *in, size_t len, const struct urlenc_form *f)
{
	size_t decoded = 0;

	CHECK(f->count <= URLENC_MAX_PAIRS);
	for (size_t i = 0; i < f->count; i++) {
		const struct urlenc_pair *p = &f->pairs[i];
		size_t nlen, count = 0;
		const char *first;

		CHECK(p->name != NULL && p->value != NULL);
		nlen = strlen(p->name);
		/* strlen equal to the decoded length: no NUL inside. */
		CHECK(strlen(p->value) == p->value_len);
		CHECK(utf8_valid(p->name, nlen));
		CHECK(utf8_valid(p->value, p->value_len));
		decoded += nlen + p->value_len;
		/* urlenc_get returns the first pair of that name. */
		first = urlenc_get(f, p->name, &count);
		CHECK(first != NULL && count >= 1 && count <= f->count);
		for (size_t k = 0; k < i; k++)
			if (strcmp(f->pairs[k].name, p->name) == 0) {
				CHECK(first == f->pairs[k].value);
				break;
			}
		if (first != p->value)
			CHECK(count >= 2);
	}
	/* Decoding never grows the text. */
	CHECK(decoded <= len);
	(void)in;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct arena a;
	struct urlenc_form f;
	enum urlenc_error e;

	arena_init(&a);
	e = urlenc_parse(&a, in, size, &f);
	CHECK(e >= URLENC_OK && e < URLENC_ERROR__MAX);
	CHECK(urlenc_strerror(e) != NULL);
	switch (e) {
	case URLENC_OK:
		check_form(in, size, &f);
		break;
	case URLENC_BAD_ESCAPE:
		CHECK(memchr(in, '%', size) != NULL);
		break;
	case URLENC_NUL:
		CHECK(memchr(in, '\0', size) != NULL || memmem(in, size, "%00", 3) != NULL);
		break;
	case URLENC_TOO_MANY:
		CHECK(size >= 2 * URLENC_MAX_PAIRS + 1);
		break;
	case URLENC_BAD_UTF8:
		/* Input without '%' that is valid UTF-8 decodes to valid UTF-8. */
		CHECK(memchr(in, '%', size) != NULL || !utf8_valid(in, size));
		break;
	default:
		break;
	}
	/* Without '%', NUL or invalid UTF-8, only the pair limit can refuse. */
	if (memchr(in, '%', size) == NULL && memchr(in, '\0', size) == NULL &&
	    utf8_valid(in, size))
		CHECK(e == URLENC_OK || e == URLENC_TOO_MANY);
	arena_release(&a);
	return 0;
}
