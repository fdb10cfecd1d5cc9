/* i18n.h: the interface in two languages, English and Simplified Chinese.
 *
 * Every interface string is one row of the catalog (i18n_catalog.h): a key
 * and its two texts. Templates see a row as {{L_KEY}} (page_layout.c sets
 * the rows a page can show as template globals); C code that builds a
 * sentence takes i18n_text(lang, I18N_KEY). Texts that hold printf
 * conversions (%s, %ld) have the same ones in both languages (checked by
 * test_i18n).
 *
 * Choosing the language is pure and bounded: the gazette_lang cookie when
 * it holds a language we have, else the Accept-Language header, else
 * English. Article text and section names are data and never translated.
 * Nothing here touches SQLite or ctemplate, so the fuzzer links it alone. */
#ifndef GAZETTE_I18N_H
#define GAZETTE_I18N_H

#include <stddef.h>

struct arena;

enum lang {
	LANG_EN,
	LANG_ZH_CN,
	LANG__MAX
};

/* The catalog's keys: I18N_NAV_HOME and so on, one per row. */
enum i18n_key {
#define I18N_ROW(key, en, zh)	I18N_##key,
#define I18N_ADMIN(key, en, zh)	I18N_##key,
#define I18N_TEXT(key, en, zh)	I18N_##key,
#include "i18n_catalog.h"
#undef I18N_ROW
#undef I18N_ADMIN
#undef I18N_TEXT
	I18N__MAX
};

/* Who shows a row (the three kinds of i18n_catalog.h). */
enum i18n_scope {
	I18N_SCOPE_PAGE,	/* templates of every page */
	I18N_SCOPE_ADMIN,	/* admin templates */
	I18N_SCOPE_C		/* C code only */
};

#define LANG_COOKIE		"gazette_lang"	/* "en" or "zh-CN" */
#define LANG_COOKIE_MAX_AGE	31536000L	/* a year, in seconds */
/* Bytes of an Accept-Language header looked at; the rest is ignored. */
#define ACCEPT_LANGUAGE_MAX	512

/* The text of KEY in LANG; never NULL (an out-of-range argument gives ""). */
const char	*i18n_text(enum lang, enum i18n_key);
/* The template name of KEY, such as "L_NAV_HOME"; NULL when out of range. */
const char	*i18n_key_name(enum i18n_key);
/* Who shows KEY (I18N_SCOPE_C when out of range). */
enum i18n_scope	 i18n_key_scope(enum i18n_key);

/* The language LEN bytes of an Accept-Language header ask for most
 * (RFC 9110 12.5.4: q-values, "*", case-insensitive; every "zh" range is
 * our Simplified Chinese); LANG_EN when it names neither or is malformed.
 * Only the first ACCEPT_LANGUAGE_MAX bytes count. */
enum lang	 i18n_accept_language(const char *header, size_t len);
/* The language of a cookie value: 0 and *OUT for "en" or "zh-CN" exactly,
 * -1 for anything else. */
int		 i18n_lang_parse(const char *value, enum lang *out);
/* The request's language: the LANG_COOKIE in COOKIE_HEADER if valid, else
 * ACCEPT_LANGUAGE, else English; either header may be NULL. */
enum lang	 i18n_choose(struct arena *, const char *cookie_header,
		    const char *accept_language);
/* The same among the N languages OFFERED (the site's config, in order of
 * preference): the cookie's language if offered, else the offered one the
 * header prefers, else OFFERED[0]. NULL offers both, English first. */
enum lang	 i18n_choose_offered(struct arena *, const char *cookie_header,
		    const char *accept_language, const enum lang *offered, int n);

/* The language's tag, for <html lang>, Content-Language and the cookie:
 * "en" or "zh-CN". */
const char	*i18n_tag(enum lang);
/* The other language (for the switch link). */
enum lang	 i18n_other(enum lang);

/* A stored date YYYY-MM-DD as a reader of LANG writes it: "30 December
 * 2020" or "2020年12月30日". Writes at most SIZE bytes (NUL included) to
 * BUF: 0, or -1 when YMD is not a real date or BUF is too small. */
int		 i18n_format_date(enum lang, const char *ymd, char *buf, size_t size);
/* The same in the arena; YMD itself when it is not a real date (what is
 * stored is shown rather than nothing). */
const char	*i18n_date(struct arena *, enum lang, const char *ymd);

#endif
