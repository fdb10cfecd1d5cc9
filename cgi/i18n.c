/* i18n.c: the catalog's texts, choosing a request's language from its
 * cookie and Accept-Language header, and dates as each language writes
 * them (see i18n.h). */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cookie.h"
#include "i18n.h"

struct i18n_row {
	const char	*name;			/* "L_KEY", for templates */
	enum i18n_scope	 scope;
	const char	*text[LANG__MAX];
};

static const struct i18n_row catalog[I18N__MAX] = {
#define I18N_ROW(key, en, zh)	[I18N_##key] = { "L_" #key, I18N_SCOPE_PAGE, { en, zh } },
#define I18N_ADMIN(key, en, zh)	[I18N_##key] = { "L_" #key, I18N_SCOPE_ADMIN, { en, zh } },
#define I18N_TEXT(key, en, zh)	[I18N_##key] = { "L_" #key, I18N_SCOPE_C, { en, zh } },
#include "i18n_catalog.h"
#undef I18N_ROW
#undef I18N_ADMIN
#undef I18N_TEXT
};

static const char *const tags[LANG__MAX] = { "en", "zh-CN" };

const char *
i18n_text(enum lang lang, enum i18n_key key)
{
	if ((unsigned)lang >= LANG__MAX || (unsigned)key >= I18N__MAX)
		return "";
	return catalog[key].text[lang];
}

const char *
i18n_key_name(enum i18n_key key)
{
	return (unsigned)key < I18N__MAX ? catalog[key].name : NULL;
}

enum i18n_scope
i18n_key_scope(enum i18n_key key)
{
	return (unsigned)key < I18N__MAX ? catalog[key].scope : I18N_SCOPE_C;
}

const char *
i18n_tag(enum lang lang)
{
	return (unsigned)lang < LANG__MAX ? tags[lang] : tags[LANG_EN];
}

enum lang
i18n_other(enum lang lang)
{
	return lang == LANG_ZH_CN ? LANG_EN : LANG_ZH_CN;
}

int
i18n_lang_parse(const char *value, enum lang *out)
{
	for (int i = 0; value != NULL && i < LANG__MAX; i++)
		if (strcmp(value, tags[i]) == 0) {
			*out = (enum lang)i;
			return 0;
		}
	return -1;
}

/* --- Accept-Language ------------------------------------------------ */

/* What a language range names, for our purpose. */
enum range_kind { RANGE_OTHER, RANGE_EN, RANGE_ZH, RANGE_ANY };

static int
is_ows(char c)
{
	return c == ' ' || c == '\t';
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The kind of the range S[0..N) (already trimmed), or -1 when it is not a
 * language range: 1*8ALPHA *("-" 1*8alphanum), or "*". '_' is taken for
 * '-' because some clients write zh_CN. Only the first subtag decides. */
static int
range_kind(const char *s, size_t n)
{
	size_t i, sub = 0;
	size_t primary = 0;

	if (n == 1 && s[0] == '*')
		return RANGE_ANY;
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++) {
		char c = lower(s[i]);

		if (c == '-' || c == '_') {
			if (sub == 0 || i + 1 == n)
				return -1;
			if (primary == 0)
				primary = i;
			sub = 0;
		} else if ((c >= 'a' && c <= 'z') || (primary && c >= '0' && c <= '9')) {
			if (++sub > 8)
				return -1;
		} else
			return -1;
	}
	if (primary == 0)
		primary = n;
	if (primary == 2 && lower(s[0]) == 'e' && lower(s[1]) == 'n')
		return RANGE_EN;
	if (primary == 2 && lower(s[0]) == 'z' && lower(s[1]) == 'h')
		return RANGE_ZH;
	return RANGE_OTHER;
}

/* The weight "q=V" in S[0..N) (trimmed) as thousandths, or -1 when it is
 * not a valid qvalue: "0" ["." 0*3DIGIT] / "1" ["." 0*3"0"]. */
static int
qvalue(const char *s, size_t n)
{
	int q, scale = 100;

	if (n < 3 || lower(s[0]) != 'q')
		return -1;
	s++, n--;
	while (n > 0 && is_ows(*s))
		s++, n--;
	if (n == 0 || *s != '=')
		return -1;
	s++, n--;
	while (n > 0 && is_ows(*s))
		s++, n--;
	if (n == 0 || (*s != '0' && *s != '1'))
		return -1;
	q = (*s - '0') * 1000;
	s++, n--;
	if (n == 0)
		return q;
	if (*s != '.' || n > 4)
		return -1;
	for (s++, n--; n > 0; s++, n--, scale /= 10) {
		if (*s < '0' || *s > '9')
			return -1;
		q += (*s - '0') * scale;
	}
	return q > 1000 ? -1 : q;
}

/* S[0..N) without optional white space at either end. */
static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && is_ows(**s))
		(*s)++, (*n)--;
	while (*n > 0 && is_ows((*s)[*n - 1]))
		(*n)--;
}

/* One element "range *(;param)" of S[0..N): its kind and weight; -1 when
 * the element is malformed (it is then ignored). A parameter other than q
 * is ignored; a second q is malformed. */
static int
element(const char *s, size_t n, int *kind, int *q)
{
	const char *semi = memchr(s, ';', n);
	size_t rlen = semi ? (size_t)(semi - s) : n;
	const char *r = s;

	trim(&r, &rlen);
	if ((*kind = range_kind(r, rlen)) < 0)
		return -1;
	*q = -1;
	while (semi != NULL) {
		const char *p = semi + 1;
		size_t plen = n - (size_t)(p - s);

		semi = memchr(p, ';', plen);
		if (semi != NULL)
			plen = (size_t)(semi - p);
		trim(&p, &plen);
		if (plen > 0 && lower(p[0]) == 'q') {
			if (*q >= 0 || (*q = qvalue(p, plen)) < 0)
				return -1;
		}
	}
	if (*q < 0)
		*q = 1000;
	return 0;
}

/* Each language's best weight in the LEN bytes of an Accept-Language
 * header into BEST (-1: not acceptable) and the position of the range
 * that gave it into AT; "*" counts for a language no range names. */
static void
accept_weights(const char *header, size_t len, int best[LANG__MAX],
    int at[LANG__MAX])
{
	int any = -1, any_at = 0, pos = 0;
	size_t i = 0;

	for (int l = 0; l < LANG__MAX; l++)
		best[l] = -1, at[l] = 0;
	if (header == NULL)
		return;
	if (len > ACCEPT_LANGUAGE_MAX) {
		/* The last element may be cut short ("zh;q=0.1" read as "zh"):
		 * only whole elements count. */
		len = ACCEPT_LANGUAGE_MAX;
		while (len > 0 && header[len] != ',')
			len--;
	}
	while (i < len) {
		const char *comma = memchr(header + i, ',', len - i);
		size_t n = comma ? (size_t)(comma - header) - i : len - i;
		int kind, q;

		pos++;
		if (element(header + i, n, &kind, &q) == 0) {
			int l = kind == RANGE_EN ? LANG_EN : kind == RANGE_ZH ? LANG_ZH_CN : -1;

			if (l >= 0 && q > best[l]) {
				best[l] = q;
				at[l] = pos;
			} else if (kind == RANGE_ANY && q > any) {
				any = q;
				any_at = pos;
			}
		}
		i += n + 1;
	}
	for (int l = 0; l < LANG__MAX; l++)
		if (best[l] < 0) {
			best[l] = any;
			at[l] = any_at;
		}
}

/* The language of OFFERED (N of them, in order of preference) that the
 * weights favour: the higher weight wins; on a tie, the range listed
 * first, then the order of OFFERED; nothing acceptable: OFFERED[0]. */
static enum lang
accept_among(const int best[LANG__MAX], const int at[LANG__MAX],
    const enum lang *offered, int n)
{
	enum lang pick = offered[0];
	int found = 0;

	for (int i = 0; i < n; i++) {
		enum lang l = offered[i];

		if (best[l] <= 0)
			continue;
		if (!found || best[l] > best[pick] ||
		    (best[l] == best[pick] && at[l] < at[pick])) {
			pick = l;
			found = 1;
		}
	}
	return pick;
}

static const enum lang both[LANG__MAX] = { LANG_EN, LANG_ZH_CN };

enum lang
i18n_accept_language(const char *header, size_t len)
{
	int best[LANG__MAX], at[LANG__MAX];

	accept_weights(header, len, best, at);
	return accept_among(best, at, both, LANG__MAX);
}

enum lang
i18n_choose_offered(struct arena *a, const char *cookie_header,
    const char *accept_language, const enum lang *offered, int n)
{
	struct cookie_jar jar;
	enum lang lang;
	int best[LANG__MAX], at[LANG__MAX];

	if (offered == NULL || n < 1 || n > LANG__MAX) {
		offered = both;
		n = LANG__MAX;
	}
	if (cookie_header != NULL &&
	    cookie_parse(a, cookie_header, strlen(cookie_header), &jar) == 0 &&
	    i18n_lang_parse(cookie_get(&jar, LANG_COOKIE, NULL), &lang) == 0)
		for (int i = 0; i < n; i++)
			if (offered[i] == lang)
				return lang;
	accept_weights(accept_language, accept_language == NULL ? 0 :
	    strnlen(accept_language, ACCEPT_LANGUAGE_MAX + 1), best, at);
	return accept_among(best, at, offered, n);
}

enum lang
i18n_choose(struct arena *a, const char *cookie_header, const char *accept_language)
{
	return i18n_choose_offered(a, cookie_header, accept_language, NULL, 0);
}

/* --- dates ----------------------------------------------------------- */

static const char *const months_en[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* The number made of the N digits at S, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
i18n_format_date(enum lang lang, const char *ymd, char *buf, size_t size)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, n;

	if (ymd == NULL || buf == NULL || size == 0 || strnlen(ymd, 11) != 10 ||
	    ymd[4] != '-' || ymd[7] != '-' || (y = digits(ymd, 4)) < 1 ||
	    (m = digits(ymd + 5, 2)) < 1 || m > 12 ||
	    (d = digits(ymd + 8, 2)) < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return -1;
	if (lang == LANG_ZH_CN)
		n = snprintf(buf, size, "%d年%d月%d日", y, m, d);
	else
		n = snprintf(buf, size, "%d %s %d", d, months_en[m - 1], y);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

const char *
i18n_date(struct arena *a, enum lang lang, const char *ymd)
{
	char buf[64];
	const char *s;

	if (i18n_format_date(lang, ymd, buf, sizeof(buf)) != 0)
		return ymd ? ymd : "";
	s = arena_strdup(a, buf);
	return s ? s : ymd;
}
