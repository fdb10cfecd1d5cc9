/* urlencoded.c: strict application/x-www-form-urlencoded decoding
 * (see urlencoded.h). */
#include <string.h>

#include "arena.h"
#include "urlencoded.h"

static const char *const urlenc_errors[URLENC_ERROR__MAX] = {
	"no error",
	"a percent sign is not followed by two hexadecimal digits",
	"a parameter holds a NUL byte",
	"a parameter is not valid UTF-8",
	"too many parameters",
	"out of memory",
};

const char *
urlenc_strerror(enum urlenc_error e)
{
	return (e >= 0 && e < URLENC_ERROR__MAX) ? urlenc_errors[e] : "unknown error";
}

char *
urlenc_encode(struct arena *a, const char *s, int keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~' || (keep_slash && *p == '/'))
			*o++ = (char)*p;
		else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n, k;
	unsigned int cp;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else
			return 0;
		if (len - i - 1 < n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes S[0..LEN) into a new arena string; *OUT_LEN gets its length. */
static enum urlenc_error
decode(struct arena *a, const char *s, size_t len, char **out, size_t *out_len)
{
	char *d;
	size_t i, j = 0;

	if ((d = arena_alloc(a, len + 1)) == NULL)
		return URLENC_NOMEM;
	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			d[j++] = ' ';
		else if (s[i] == '%') {
			int hi, lo;

			if (len - i < 3 || (hi = hexval(s[i + 1])) < 0 ||
			    (lo = hexval(s[i + 2])) < 0)
				return URLENC_BAD_ESCAPE;
			if (hi == 0 && lo == 0)
				return URLENC_NUL;
			d[j++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (s[i] == '\0')
			return URLENC_NUL;
		else
			d[j++] = s[i];
	}
	d[j] = '\0';
	if (!utf8_valid(d, j))
		return URLENC_BAD_UTF8;
	*out = d;
	*out_len = j;
	return URLENC_OK;
}

enum urlenc_error
urlenc_parse(struct arena *a, const char *s, size_t len, struct urlenc_form *f)
{
	size_t start = 0, end, eq, nlen;
	enum urlenc_error e;
	char *name, *value;

	f->count = 0;
	while (start < len) {
		const char *amp = memchr(s + start, '&', len - start);

		end = amp ? (size_t)(amp - s) : len;
		if (end > start) {
			const char *p = memchr(s + start, '=', end - start);
			struct urlenc_pair *pair;

			eq = p ? (size_t)(p - s) : end;
			if (f->count == URLENC_MAX_PAIRS)
				return URLENC_TOO_MANY;
			pair = &f->pairs[f->count];
			if ((e = decode(a, s + start, eq - start, &name, &nlen)) != URLENC_OK)
				return e;
			if (eq < end) {
				e = decode(a, s + eq + 1, end - eq - 1, &value,
				    &pair->value_len);
				if (e != URLENC_OK)
					return e;
			} else {
				value = name + nlen; /* the empty string */
				pair->value_len = 0;
			}
			pair->name = name;
			pair->value = value;
			f->count++;
		}
		start = end + 1;
	}
	return URLENC_OK;
}

const char *
urlenc_get(const struct urlenc_form *f, const char *name, size_t *count)
{
	const char *found = NULL;
	size_t i, n = 0;

	for (i = 0; i < f->count; i++)
		if (strcmp(f->pairs[i].name, name) == 0) {
			if (found == NULL)
				found = f->pairs[i].value;
			n++;
		}
	if (count != NULL)
		*count = n;
	return found;
}
