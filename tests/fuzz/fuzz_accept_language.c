/* fuzz_accept_language.c: libFuzzer target for the language choice in
 * cgi/i18n.h. Feeds arbitrary bytes to i18n_accept_language as an
 * Accept-Language header (NUL bytes included) and checks what a caller
 * relies on: the answer is one of our languages; only the first
 * ACCEPT_LANGUAGE_MAX bytes count; the same bytes give the same answer.
 * The same bytes as a Cookie header go through i18n_choose, whose answer
 * must be English or Chinese too, and the date formatter must either
 * refuse them or write a NUL-terminated string inside its buffer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	enum lang l, again;
	struct arena a;
	char *copy, buf[32];

	l = i18n_accept_language(s, size);
	CHECK(l == LANG_EN || l == LANG_ZH_CN);
	again = i18n_accept_language(s, size);
	CHECK(again == l);
	if (size > ACCEPT_LANGUAGE_MAX + 1)
		CHECK(i18n_accept_language(s, ACCEPT_LANGUAGE_MAX + 1) == l);

	/* As NUL-terminated strings: a cookie header and a header value. */
	if ((copy = malloc(size + 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	arena_init(&a);
	l = i18n_choose(&a, copy, copy);
	CHECK(l == LANG_EN || l == LANG_ZH_CN);
	if (i18n_format_date(LANG_ZH_CN, copy, buf, sizeof(buf)) == 0)
		CHECK(memchr(buf, '\0', sizeof(buf)) != NULL && strlen(copy) == 10);
	if (i18n_format_date(LANG_EN, copy, buf, sizeof(buf)) == 0)
		CHECK(memchr(buf, '\0', sizeof(buf)) != NULL);
	arena_release(&a);
	free(copy);
	return 0;
}
