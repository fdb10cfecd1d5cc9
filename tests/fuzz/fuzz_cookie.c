/* fuzz_cookie.c: libFuzzer target for cgi/cookie.h. Feeds arbitrary bytes
 * to cookie_parse as a Cookie header and checks what a caller relies on:
 * no more than COOKIE_MAX_PAIRS pairs and none from an over-long header,
 * names non-empty without ';' '=' space or control bytes, values without
 * ';' space or control bytes, both found as they are in the header, pairs
 * in header order, cookie_get agreeing with the pairs, and the pairs
 * written back as a header parsing to themselves. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cookie.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

/* 1 when S holds none of the bytes of BAD nor a control byte. */
static int
clean(const char *s, const char *bad)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || strchr(bad, *s) != NULL)
			return 0;
	return 1;
}

/* The pairs written back as "n=v; n=v" parse to the same pairs (unless a
 * value still looks quoted, for it would lose its quotes again). */
static void
roundtrip(struct arena *a, const struct cookie_jar *jar)
{
	struct cookie_jar again;
	char *buf, *p;
	size_t i, len = 0, vlen;

	for (i = 0; i < jar->count; i++) {
		vlen = strlen(jar->pairs[i].value);
		if (vlen >= 2 && jar->pairs[i].value[0] == '"' &&
		    jar->pairs[i].value[vlen - 1] == '"')
			return;
		len += strlen(jar->pairs[i].name) + vlen + 3;
	}
	if (len > COOKIE_MAX_HEADER || (buf = malloc(len + 1)) == NULL)
		return;
	for (i = 0, p = buf; i < jar->count; i++)
		p += sprintf(p, "%s=%s; ", jar->pairs[i].name, jar->pairs[i].value);
	CHECK(cookie_parse(a, buf, (size_t)(p - buf), &again) == 0);
	CHECK(again.count == jar->count);
	for (i = 0; i < jar->count; i++) {
		CHECK(strcmp(again.pairs[i].name, jar->pairs[i].name) == 0);
		CHECK(strcmp(again.pairs[i].value, jar->pairs[i].value) == 0);
	}
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *at, *pos = in;
	struct cookie_jar jar;
	struct arena a;
	size_t i, k, n, equals = 0;

	arena_init(&a);
	CHECK(cookie_parse(&a, in, size, &jar) == 0);
	CHECK(jar.count <= COOKIE_MAX_PAIRS);
	if (size > COOKIE_MAX_HEADER)
		CHECK(jar.count == 0);
	for (i = 0; i < size; i++)
		equals += in[i] == '=';
	/* Every pair needs its own '='. */
	CHECK(jar.count <= equals);

	for (i = 0; i < jar.count; i++) {
		const struct cookie_pair *p = &jar.pairs[i];
		const char *first;
		size_t count = 0, nlen, vlen;

		CHECK(p->name != NULL && p->value != NULL);
		nlen = strlen(p->name);
		vlen = strlen(p->value);
		CHECK(nlen >= 1);
		CHECK(clean(p->name, "; ="));
		CHECK(clean(p->value, "; "));
		/* Kept as sent: the name is in the header after the previous
		 * pair's, and "name" is followed, past '=', by the value. */
		at = memmem(pos, size - (size_t)(pos - in), p->name, nlen);
		CHECK(at != NULL);
		CHECK(memmem(at + nlen, size - (size_t)(at + nlen - in), p->value,
		    vlen) != NULL);
		pos = at + nlen;

		first = cookie_get(&jar, p->name, &count);
		CHECK(first != NULL && count >= 1 && count <= jar.count);
		for (k = 0, n = 0; k < jar.count; k++)
			if (strcmp(jar.pairs[k].name, p->name) == 0)
				n++;
		CHECK(n == count);
		for (k = 0; k <= i; k++)
			if (strcmp(jar.pairs[k].name, p->name) == 0) {
				CHECK(first == jar.pairs[k].value);
				break;
			}
	}
	CHECK(cookie_get(&jar, "", NULL) == NULL);
	roundtrip(&a, &jar);
	arena_release(&a);
	return 0;
}
