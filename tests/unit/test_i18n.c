/* test_i18n.c: cgi/i18n.h. A table of Accept-Language headers with the
 * language each must choose (q-values, "*", case, spacing, every kind of
 * Chinese, malformed and overlong headers), the cookie winning over the
 * header, dates in both languages (and what is not a date), and the
 * catalog itself: every row has both texts, keys are unique, and a text
 * with printf conversions has the same ones in both languages. */
#include "unit.h"

#include "arena.h"
#include "i18n.h"

#define EN	LANG_EN
#define ZH	LANG_ZH_CN

struct accept_case {
	const char	*header;
	enum lang	 want;
};

static const struct accept_case accept_cases[] = {
	/* Nothing usable: English. */
	{ "", EN },
	{ " ", EN },
	{ ",,,", EN },
	{ ";q=1", EN },
	{ "fr", EN },
	{ "fr-FR, de;q=0.8", EN },
	{ "*", EN },
	{ "\x01\x02zh", EN },
	{ "zh\xff", EN },
	{ "中文", EN },
	/* Plain choices. */
	{ "en", EN },
	{ "en-US", EN },
	{ "en-GB,en;q=0.9", EN },
	{ "zh", ZH },
	{ "zh-CN", ZH },
	{ "zh-cn", ZH },
	{ "ZH-CN", ZH },
	{ "zh-Hans", ZH },
	{ "zh-Hans-CN", ZH },
	{ "zh-SG", ZH },
	{ "zh-TW", ZH },
	{ "zh-HK", ZH },
	{ "zh_CN", ZH },
	{ "zh-CN,zh;q=0.9", ZH },
	{ "zh-CN,zh;q=0.9,en;q=0.8", ZH },
	/* q-values decide, then the order. */
	{ "en;q=0.5, zh;q=0.8", ZH },
	{ "zh;q=0.5, en;q=0.8", EN },
	{ "en-US,en;q=0.9,zh-CN;q=0.8,zh;q=0.7", EN },
	{ "fr, zh;q=0.1", ZH },
	{ "en, zh", EN },
	{ "zh, en", ZH },
	{ "zh;q=0.7, en;q=0.700", ZH },
	{ "en;q=0.700, zh;q=0.7", EN },
	{ "zh;Q=0.9, en;q=0.5", ZH },
	{ "en;q=1.000, zh;q=1", EN },
	{ "zh;q=0.001", ZH },
	/* q=0 means "not this one". */
	{ "zh;q=0", EN },
	{ "zh;q=0.0", EN },
	{ "zh;q=0.000, en;q=0", EN },
	{ "zh-CN;q=0, fr", EN },
	/* "*" stands for the languages no range names. */
	{ "fr, *;q=0.5", EN },
	{ "en;q=0, *", ZH },
	{ "zh;q=0, *", EN },
	{ "*;q=0.1, zh;q=0.2", ZH },
	{ "*, en;q=0.5", ZH },
	{ "*;q=0", EN },
	/* Spacing and parameters. */
	{ "  zh-CN  ,  en ; q=0.5 ", ZH },
	{ "\tzh\t;\tq=0.8\t,\ten;q=0.5", ZH },
	{ "en ; q = 0.5 , zh ; q = 0.6", ZH },
	{ "en;level=1, zh;q=0.9", EN },
	{ "zh;foo, en;q=0.9", ZH },
	/* Malformed elements are skipped, the rest still counts. */
	{ "zh;q=2, en;q=0.1", EN },
	{ "zh;q=1.5", EN },
	{ "zh;q=-1, en;q=0.2", EN },
	{ "zh;q=0.1234", EN },
	{ "zh;q=abc, fr", EN },
	{ "zh;q=, en", EN },
	{ "zh;q=0.5;q=0.9", EN },
	{ "zh-, en;q=0.1", EN },
	{ "-zh", EN },
	{ "zh--CN", EN },
	{ "toolongprimary, zh;q=0.5", ZH },
	{ "zh-abcdefghi", EN },
	{ "zh-abcdefgh", ZH },
	{ "en US, zh;q=0.5", ZH },
	{ "zh;;q=0.5, en;q=0.4", ZH },
	{ "zh,,,en", ZH },
};

static void
test_accept_language(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(accept_cases); i++) {
		const struct accept_case *c = &accept_cases[i];
		enum lang got = i18n_accept_language(c->header, strlen(c->header));

		if (got != c->want)
			fail_msg("\"%s\": got %s, want %s", c->header, i18n_tag(got),
			    i18n_tag(c->want));
	}
	assert_int_equal(i18n_accept_language(NULL, 0), EN);
}

/* Only LEN bytes count, NUL bytes included; past ACCEPT_LANGUAGE_MAX only
 * whole elements. */
static void
test_accept_language_bounds(void **state)
{
	char buf[ACCEPT_LANGUAGE_MAX * 4];
	size_t n;

	(void)state;
	assert_int_equal(i18n_accept_language("zh-CN", 2), ZH);
	assert_int_equal(i18n_accept_language("en", 0), EN);
	assert_int_equal(i18n_accept_language("en\0zh", 5), EN);
	assert_int_equal(i18n_accept_language("fr,\0,zh", 7), ZH);

	/* A long list of other languages with Chinese at its end: past the
	 * bytes looked at, so English. */
	for (n = 0; n + 6 < ACCEPT_LANGUAGE_MAX; n += 6)
		memcpy(buf + n, "fr-FR,", 6);
	memcpy(buf + n, "zh-CN", 6);
	assert_int_equal(i18n_accept_language(buf, strlen(buf)), EN);
	/* Chinese first: found, however long the rest. */
	memset(buf, 'x', sizeof(buf));
	memcpy(buf, "zh,", 3);
	assert_int_equal(i18n_accept_language(buf, sizeof(buf)), ZH);
	/* An element cut at the limit is not read as something else:
	 * "zh;q=0.1" must not become "zh". */
	memset(buf, ' ', sizeof(buf));
	memcpy(buf, "en;q=0.5,", 9);
	memcpy(buf + ACCEPT_LANGUAGE_MAX - 2, "zh;q=0.1", 8);
	assert_int_equal(i18n_accept_language(buf, ACCEPT_LANGUAGE_MAX + 6), EN);
	/* No comma at all in the first bytes: nothing is whole. */
	memset(buf, 'a', sizeof(buf));
	memcpy(buf, "zh-", 3);
	assert_int_equal(i18n_accept_language(buf, sizeof(buf)), EN);
}

static void
test_cookie_wins(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_int_equal(i18n_choose(&a, NULL, NULL), EN);
	assert_int_equal(i18n_choose(&a, NULL, "zh-CN"), ZH);
	assert_int_equal(i18n_choose(&a, "gazette_lang=zh-CN", "en"), ZH);
	assert_int_equal(i18n_choose(&a, "a=1; gazette_lang=en; b=2", "zh"), EN);
	/* Any other value is ignored. */
	assert_int_equal(i18n_choose(&a, "gazette_lang=zh", "en"), EN);
	assert_int_equal(i18n_choose(&a, "gazette_lang=zh-cn", "en"), EN);
	assert_int_equal(i18n_choose(&a, "gazette_lang=fr", "zh"), ZH);
	assert_int_equal(i18n_choose(&a, "gazette_lang=", "zh"), ZH);
	assert_int_equal(i18n_choose(&a, "gazette_lang=\"en\"", "zh"), EN);
	assert_int_equal(i18n_choose(&a, "other_lang=en", "zh"), ZH);
	assert_int_equal(i18n_choose(&a, ";;;", NULL), EN);
	arena_release(&a);
}

/* The site's config offers a list of languages, its default first: a
 * cookie or header for a language not offered falls to the default; a
 * header naming neither gives the default, not English. */
static void
test_offered(void **state)
{
	static const enum lang zh_first[] = { ZH, EN };
	static const enum lang zh_only[] = { ZH };
	static const enum lang en_only[] = { EN };
	struct arena a;

	(void)state;
	arena_init(&a);
	assert_int_equal(i18n_choose_offered(&a, NULL, NULL, zh_first, 2), ZH);
	assert_int_equal(i18n_choose_offered(&a, NULL, "fr, de", zh_first, 2), ZH);
	assert_int_equal(i18n_choose_offered(&a, NULL, "en", zh_first, 2), EN);
	assert_int_equal(i18n_choose_offered(&a, NULL, "*", zh_first, 2), ZH);
	assert_int_equal(i18n_choose_offered(&a, NULL, "en;q=0.5, zh;q=0.5",
	    zh_first, 2), EN);
	assert_int_equal(i18n_choose_offered(&a, NULL, "en;q=0, fr", zh_first, 2), ZH);
	assert_int_equal(i18n_choose_offered(&a, "gazette_lang=en", "zh",
	    zh_first, 2), EN);
	/* One language: cookies and headers cannot leave it. */
	assert_int_equal(i18n_choose_offered(&a, "gazette_lang=en", "en",
	    zh_only, 1), ZH);
	assert_int_equal(i18n_choose_offered(&a, "gazette_lang=zh-CN", "zh",
	    en_only, 1), EN);
	/* No list (or a broken one): both, English first, as i18n_choose. */
	assert_int_equal(i18n_choose_offered(&a, NULL, "fr", NULL, 0), EN);
	assert_int_equal(i18n_choose_offered(&a, NULL, "zh", zh_first, 0), ZH);
	assert_int_equal(i18n_choose_offered(&a, NULL, "fr", zh_first, 9), EN);
	arena_release(&a);
}

static void
test_tags(void **state)
{
	enum lang l = LANG__MAX;

	(void)state;
	assert_string_equal(i18n_tag(EN), "en");
	assert_string_equal(i18n_tag(ZH), "zh-CN");
	assert_int_equal(i18n_other(EN), ZH);
	assert_int_equal(i18n_other(ZH), EN);
	assert_int_equal(i18n_lang_parse("en", &l), 0);
	assert_int_equal(l, EN);
	assert_int_equal(i18n_lang_parse("zh-CN", &l), 0);
	assert_int_equal(l, ZH);
	assert_int_equal(i18n_lang_parse("EN", &l), -1);
	assert_int_equal(i18n_lang_parse("zh", &l), -1);
	assert_int_equal(i18n_lang_parse("zh-CN ", &l), -1);
	assert_int_equal(i18n_lang_parse("", &l), -1);
	assert_int_equal(i18n_lang_parse(NULL, &l), -1);
}

struct date_case {
	const char	*in;
	const char	*en;	/* NULL: not a date */
	const char	*zh;
};

static const struct date_case date_cases[] = {
	{ "2020-12-30", "30 December 2020", "2020年12月30日" },
	{ "2021-01-01", "1 January 2021", "2021年1月1日" },
	{ "2024-02-29", "29 February 2024", "2024年2月29日" },
	{ "2000-02-29", "29 February 2000", "2000年2月29日" },
	{ "1999-07-04", "4 July 1999", "1999年7月4日" },
	{ "9999-12-31", "31 December 9999", "9999年12月31日" },
	{ "2023-02-29", NULL, NULL },
	{ "1900-02-29", NULL, NULL },
	{ "2020-13-01", NULL, NULL },
	{ "2020-00-10", NULL, NULL },
	{ "2020-04-31", NULL, NULL },
	{ "2020-04-00", NULL, NULL },
	{ "0000-01-01", NULL, NULL },
	{ "2020-1-01", NULL, NULL },
	{ "2020/12/30", NULL, NULL },
	{ "2020-12-30 ", NULL, NULL },
	{ "2020-12-3x", NULL, NULL },
	{ "20201230", NULL, NULL },
	{ "", NULL, NULL },
	{ "30 December 2020", NULL, NULL },
};

static void
test_dates(void **state)
{
	struct arena a;
	char buf[64];

	(void)state;
	arena_init(&a);
	for (size_t i = 0; i < NELEM(date_cases); i++) {
		const struct date_case *c = &date_cases[i];

		if (c->en == NULL) {
			assert_int_equal(i18n_format_date(EN, c->in, buf, sizeof(buf)), -1);
			assert_int_equal(i18n_format_date(ZH, c->in, buf, sizeof(buf)), -1);
			/* Shown as stored. */
			assert_string_equal(i18n_date(&a, ZH, c->in), c->in);
			continue;
		}
		assert_int_equal(i18n_format_date(EN, c->in, buf, sizeof(buf)), 0);
		assert_string_equal(buf, c->en);
		assert_int_equal(i18n_format_date(ZH, c->in, buf, sizeof(buf)), 0);
		assert_string_equal(buf, c->zh);
		assert_string_equal(i18n_date(&a, EN, c->in), c->en);
		assert_string_equal(i18n_date(&a, ZH, c->in), c->zh);
	}
	/* Too small a buffer, or none. */
	assert_int_equal(i18n_format_date(EN, "2020-12-30", buf, 5), -1);
	assert_int_equal(i18n_format_date(EN, "2020-12-30", buf, 0), -1);
	assert_int_equal(i18n_format_date(EN, NULL, buf, sizeof(buf)), -1);
	assert_string_equal(i18n_date(&a, EN, NULL), "");
	arena_release(&a);
}

/* The printf conversions of S ("%s", "%ld", ...) written one after the
 * other into OUT; "%%" is not one. */
static void
conversions(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
			continue;
		}
		do {
			if (n + 1 < size)
				out[n++] = *s;
		} while (*s != '\0' && strchr("sdiucxXfgpeEaA", *s++) == NULL);
		s--;
	}
	out[n] = '\0';
}

static void
test_catalog(void **state)
{
	(void)state;
	for (int k = 0; k < I18N__MAX; k++) {
		const char *name = i18n_key_name((enum i18n_key)k);
		const char *en = i18n_text(EN, (enum i18n_key)k);
		const char *zh = i18n_text(ZH, (enum i18n_key)k);
		char ce[32], cz[32];

		assert_non_null(name);
		assert_true(strncmp(name, "L_", 2) == 0);
		if (en[0] == '\0' || zh[0] == '\0')
			fail_msg("catalog row %s lacks a text", name);
		for (int j = 0; j < k; j++)
			if (strcmp(name, i18n_key_name((enum i18n_key)j)) == 0)
				fail_msg("catalog key %s twice", name);
		conversions(en, ce, sizeof(ce));
		conversions(zh, cz, sizeof(cz));
		if (strcmp(ce, cz) != 0)
			fail_msg("catalog row %s: \"%s\" in English, \"%s\" in Chinese",
			    name, ce, cz);
		/* A row left untranslated by mistake. */
		if (strcmp(en, zh) == 0)
			fail_msg("catalog row %s has the same text twice", name);
	}
	assert_string_equal(i18n_key_name(I18N_NAV_HOME), "L_NAV_HOME");
	assert_string_equal(i18n_text(ZH, I18N_NAV_HOME), "首页");
	assert_null(i18n_key_name(I18N__MAX));
	assert_string_equal(i18n_text(EN, I18N__MAX), "");
	assert_string_equal(i18n_text(LANG__MAX, I18N_NAV_HOME), "");
}

/* Every {{L_KEY}} a template uses is a row its pages set: an I18N_ROW,
 * or an I18N_ADMIN in an admin template; never an I18N_TEXT. */
static void
test_templates_use_known_keys(void **state)
{
	static const char *const files[] = {
		"layout.tpl", "home.tpl", "list.tpl", "article.tpl",
		"article_items.tpl", "breadcrumb.tpl", "error.tpl", "signin.tpl",
		"admin_dashboard.tpl", "admin_article_form.tpl",
		"admin_delete.tpl", "search.tpl",
	};
	char path[64];

	(void)state;
	for (size_t i = 0; i < NELEM(files); i++) {
		FILE *f;
		char line[4096];
		enum i18n_scope scope;

		snprintf(path, sizeof(path), "templates/%s", files[i]);
		assert_non_null(f = fopen(unit_src(path), "r"));
		while (fgets(line, sizeof(line), f) != NULL) {
			for (char *p = line; (p = strstr(p, "{{L_")) != NULL; p += 4) {
				size_t n = strcspn(p + 2, "}:");
				int found = -1;

				for (int k = 0; k < I18N__MAX && found < 0; k++) {
					const char *name = i18n_key_name((enum i18n_key)k);

					if (strlen(name) == n && strncmp(name, p + 2, n) == 0)
						found = k;
				}
				if (found < 0)
					fail_msg("%s uses %.*s, not in the catalog",
					    files[i], (int)n, p + 2);
				scope = i18n_key_scope((enum i18n_key)found);
				if (scope == I18N_SCOPE_C || (scope == I18N_SCOPE_ADMIN &&
				    strncmp(files[i], "admin_", 6) != 0))
					fail_msg("%s uses %.*s, which its pages do not set",
					    files[i], (int)n, p + 2);
			}
		}
		fclose(f);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accept_language),
		cmocka_unit_test(test_accept_language_bounds),
		cmocka_unit_test(test_cookie_wins),
		cmocka_unit_test(test_offered),
		cmocka_unit_test(test_tags),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_catalog),
		cmocka_unit_test(test_templates_use_known_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
