/* router.c: matching a path against route patterns with typed holes. */
#include <stdio.h>
#include <string.h>

#include "router.h"

/* Matches one {name} hole at P; returns bytes consumed, or 0 for no match. */
static size_t
match_hole(const char *name, size_t name_len, const char *p,
    struct route_params *params)
{
	size_t n;

	if (name_len == 2 && memcmp(name, "id", 2) == 0) {
		long long v = 0;

		n = strspn(p, "0123456789");
		if (n == 0 || n > 15 || p[0] == '0')
			return 0;
		for (size_t i = 0; i < n; i++)
			v = v * 10 + (p[i] - '0');
		params->id = v;
		return n;
	}
	if (name_len == 4 && memcmp(name, "slug", 4) == 0) {
		n = strspn(p, "abcdefghijklmnopqrstuvwxyz0123456789-");
		if (n == 0 || n > ROUTE_SLUG_MAX)
			return 0;
		memcpy(params->slug, p, n);
		params->slug[n] = '\0';
		return n;
	}
	return 0;
}

static int
match_pattern(const char *pat, const char *path, struct route_params *params)
{
	while (*pat != '\0') {
		if (*pat == '{') {
			const char *close = strchr(pat, '}');
			size_t used;

			if (close == NULL)
				return 0;
			used = match_hole(pat + 1, (size_t)(close - pat - 1), path, params);
			if (used == 0)
				return 0;
			path += used;
			pat = close + 1;
		} else if (*pat++ != *path++)
			return 0;
	}
	return *path == '\0';
}

enum route_match
router_match(const struct route *table, size_t n, enum http_method method,
    const char *path, const struct route **found, struct route_params *params,
    unsigned *allowed)
{
	char slashed[REQUEST_MAX_PATH + 2];
	size_t i, len = strlen(path);
	struct route_params scratch;

	*allowed = 0;
	for (i = 0; i < n; i++) {
		memset(params, 0, sizeof(*params));
		if (!match_pattern(table[i].pattern, path, params))
			continue;
		if (table[i].methods & METHOD_BIT(method)) {
			*found = &table[i];
			return ROUTE_FOUND;
		}
		*allowed |= table[i].methods;
	}
	if (*allowed)
		return ROUTE_BAD_METHOD;
	if (len == 0 || path[len - 1] == '/' || len + 1 >= sizeof(slashed))
		return ROUTE_NOT_FOUND;
	memcpy(slashed, path, len);
	slashed[len] = '/';
	slashed[len + 1] = '\0';
	for (i = 0; i < n; i++)
		if (match_pattern(table[i].pattern, slashed, &scratch))
			return ROUTE_ADD_SLASH;
	return ROUTE_NOT_FOUND;
}

void
router_allow_header(unsigned methods, char *buf, size_t len)
{
	static const char *const names[HTTP_METHOD__MAX] = {
		"GET", "HEAD", "POST", NULL
	};
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (int m = 0; m < HTTP_METHOD__MAX; m++) {
		int w;

		if (!(methods & METHOD_BIT(m)) || names[m] == NULL)
			continue;
		w = snprintf(buf + used, len - used, "%s%s", used ? ", " : "", names[m]);
		if (w < 0 || (size_t)w >= len - used) {
			buf[used] = '\0';	/* whole names only */
			break;
		}
		used += (size_t)w;
	}
}
