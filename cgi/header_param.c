/* header_param.c: the "; name=value" parameters of HTTP header values
 * (Content-Type, Content-Disposition), RFC 7230/7231 syntax (see
 * header_param.h). */
#include <string.h>

#include "arena.h"
#include "header_param.h"

int
header_in_set(char c, const char *extra)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != '\0' && strchr(extra, c) != NULL);
}

const char *
header_skip_ows(const char *s, const char *end)
{
	while (s < end && header_is_ows(*s))
		s++;
	return s;
}

int
header_word_eq(const char *s, size_t len, const char *word)
{
	size_t i;

	if (strlen(word) != len)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

int
header_param_next(const char **pp, const char *end, struct header_param *p)
{
	const char *s = *pp;

	for (;;) {
		s = header_skip_ows(s, end);
		if (s == end)
			return 0;
		if (*s != ';')
			return -1;
		s = header_skip_ows(s + 1, end);
		if (s == end)
			return 0;
		if (*s != ';')
			break;
	}
	for (p->name = s; s < end && header_is_tchar(*s); s++)
		continue;
	if ((p->nlen = (size_t)(s - p->name)) == 0)
		return -1;
	s = header_skip_ows(s, end);
	if (s == end || *s != '=')
		return -1;
	s = header_skip_ows(s + 1, end);
	if (s < end && *s == '"') {
		p->quoted = 1;
		for (p->val = ++s; s < end && *s != '"'; s++)
			if (*s == '\\' && end - s > 1 && (s[1] == '"' || s[1] == '\\'))
				s++;
		if (s == end)
			return -1;
		p->vlen = (size_t)(s++ - p->val);
	} else {
		p->quoted = 0;
		for (p->val = s; s < end && *s != ';' && *s != '"' &&
		    !header_is_ows(*s) && !header_is_ctl(*s); s++)
			continue;
		if ((p->vlen = (size_t)(s - p->val)) == 0)
			return -1;
	}
	*pp = s;
	return 1;
}

char *
header_param_value(struct arena *a, const struct header_param *p)
{
	char *d;
	size_t i, j = 0;

	if (!p->quoted)
		return arena_strndup(a, p->val, p->vlen);
	if ((d = arena_alloc(a, p->vlen + 1)) == NULL)
		return NULL;
	for (i = 0; i < p->vlen; i++) {
		if (p->val[i] == '\\' && i + 1 < p->vlen &&
		    (p->val[i + 1] == '"' || p->val[i + 1] == '\\'))
			i++;
		d[j++] = p->val[i];
	}
	d[j] = '\0';
	return d;
}

