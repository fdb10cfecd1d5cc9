/* fuzz_conditional.c: libFuzzer target for cgi/http_conditional.h. The
 * input is split at its first NUL into an If-None-Match list and an
 * If-Modified-Since value, and checks what a caller relies on: nothing
 * crashes or reads past the strings; a list matches a tag only if the
 * tag's text is in it (or it is "*"); a date that parses formats back to
 * itself; and a 304 is never given when the client sent neither header. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http_conditional.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *inm, *ims, back[HTTP_DATE_SIZE];
	const char *tags[] = { "\"abc\"", "W/\"abc\"", "\"\"", "*", "\"*\"" };
	long long t;
	size_t n;

	if ((buf = malloc(size + 2)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = '\0';
	inm = buf;
	n = strlen(inm);
	ims = n < size ? buf + n + 1 : buf + size + 1;

	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		int m = http_etag_matches(inm, tags[i]);

		CHECK(m == 0 || m == 1);
		/* The bare tag text must appear, unless the list is "*". */
		if (m == 1 && strchr(inm, '*') == NULL) {
			const char *q = strchr(tags[i], '"');

			CHECK(strstr(inm, q) != NULL);
		}
		CHECK(http_not_modified(inm, NULL, tags[i], 0) == m);
	}
	if (http_date_parse(ims, &t) == 0) {
		CHECK(t >= 0);
		http_date_format(t, back);
		/* A leap second reads as :59, so compare only the rest. */
		CHECK(memcmp(back, ims, 23) == 0 && memcmp(back + 25, ims + 25, 5) == 0);
		CHECK(http_not_modified(NULL, ims, "\"abc\"", t) == 1);
		CHECK(http_not_modified(NULL, ims, "\"abc\"", t + 1) == 0);
	} else
		CHECK(http_not_modified(NULL, ims, "\"abc\"", 1) == 0);
	CHECK(http_not_modified(NULL, NULL, "\"abc\"", 1) == 0);
	free(buf);
	return 0;
}
