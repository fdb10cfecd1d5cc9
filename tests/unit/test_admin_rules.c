/* test_admin_rules.c: the pure rules of the admin: which dates an article
 * may carry, what the article form accepts (its source line too) and what
 * it says when it does not, where a sign-in may redirect to (next=), and
 * which Origin headers count as this site. */
#include "unit.h"

#include "admin_auth.h"
#include "arena.h"
#include "article_form.h"
#include "article_store.h"
#include "request.h"

#define SOURCE	"成都高新医学会"

static void
test_dates(void **state)
{
	static const char *const good[] = {
		"2026-11-21", "2024-02-29", "2000-02-29", "1900-01-01", "9999-12-31",
		"2025-04-30", "2025-01-31",
	};
	static const char *const bad[] = {
		"", "2026-1-21", "2026-11-1", "26-11-21", "2026/11/21", "2026-11-21 ",
		" 2026-11-21", "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-31",
		"2026-02-29", "1900-02-29", "2100-02-29", "1899-12-31", "2026-02-30",
		"２０２６-11-21", "2026-11-2a", "+026-11-21", "2026-11-21\n",
	};

	(void)state;
	for (size_t i = 0; i < NELEM(good); i++)
		if (!article_date_valid(good[i]))
			fail_msg("refused the real date \"%s\"", good[i]);
	for (size_t i = 0; i < NELEM(bad); i++)
		if (article_date_valid(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
}

/* A form that passes; each case below breaks one field. */
static void
valid_form(struct article_form *f)
{
	memset(f, 0, sizeof(*f));
	f->title = "成都高新医学会党支部开展主题党日活动";
	f->author = "党群服务与组织管理";
	f->published_on = "2026-11-21";
	f->section = "3";
	f->section_id = 3;
	f->body = "First paragraph.\n\nSecond, with **bold**.\n";
	f->status = "published";
	f->photo_alt = "";
}

static void
test_form_validation(void **state)
{
	struct arena a;
	struct article_form f;
	struct article_input in;
	char *longer;

	(void)state;
	arena_init(&a);
	valid_form(&f);
	assert_int_equal(article_form_validate(&f, LANG_EN), 0);
	assert_int_equal(article_form_input(&a, &f, &in), 0);
	assert_string_equal(in.status, "published");
	assert_string_equal(in.excerpt, "First paragraph. Second, with bold.");
	assert_null(in.import_hash);

	valid_form(&f);
	f.title = "";
	assert_int_equal(article_form_validate(&f, LANG_EN), 1);
	assert_non_null(f.title_error);

	/* 300 characters of three bytes each are fine; 301 are not. */
	longer = calloc(302 * 3 + 1, 1);
	assert_non_null(longer);
	for (int i = 0; i < 300; i++)
		memcpy(longer + i * 3, "题", 3);
	valid_form(&f);
	f.title = longer;
	assert_int_equal(article_form_validate(&f, LANG_EN), 0);
	memcpy(longer + 300 * 3, "题", 3);
	valid_form(&f);
	f.title = longer;
	assert_int_equal(article_form_validate(&f, LANG_EN), 1);
	assert_non_null(strstr(f.title_error, "300"));
	free(longer);

	valid_form(&f);
	f.title = "tab\there";
	assert_int_equal(article_form_validate(&f, LANG_EN), 1);

	valid_form(&f);
	f.author = "";
	f.published_on = "2026-02-30";
	f.section_id = 0;
	f.status = "deleted";
	assert_int_equal(article_form_validate(&f, LANG_EN), 4);
	assert_non_null(f.author_error);
	assert_non_null(f.date_error);
	assert_non_null(f.section_error);
	assert_non_null(f.status_error);
	assert_null(f.title_error);
	assert_null(f.body_error);

	/* An empty body is fine for a draft, not for a published article. */
	valid_form(&f);
	f.body = " \n\n ";
	assert_int_equal(article_form_validate(&f, LANG_EN), 1);
	assert_non_null(f.body_error);
	valid_form(&f);
	f.body = "";
	f.status = "draft";
	assert_int_equal(article_form_validate(&f, LANG_EN), 0);
	assert_int_equal(article_form_input(&a, &f, &in), 0);
	assert_string_equal(in.status, "draft");

	valid_form(&f);
	f.body = "bell \a here";
	assert_int_equal(article_form_validate(&f, LANG_EN), 1);

	/* Injection-looking text is just text: nothing to refuse. */
	valid_form(&f);
	f.title = "'); DROP TABLE article;-- <script>alert(1)</script>";
	f.author = "\"><img src=x onerror=alert(1)>";
	f.body = "<script>alert(1)</script>\n\n[x](javascript:alert(1))";
	assert_int_equal(article_form_validate(&f, LANG_EN), 0);

	/* An error set on a field counts once. */
	valid_form(&f);
	article_form_error(&f, &f.photo_error, "first");
	article_form_error(&f, &f.photo_error, "second");
	assert_int_equal(f.errors, 1);
	assert_string_equal(f.photo_error, "second");
	arena_release(&a);
}

static void
test_next_targets(void **state)
{
	static const char *const ok[] = {
		"/", "/admin/", "/admin/articles/5/edit", "/articles/?page=2",
		"/sections/activities/", "/a//b",
	};
	static const char *const refused[] = {
		"", "admin/", "//evil.example/", "/\\evil.example", "https://evil.example/",
		"javascript:alert(1)", "/admin/\r\nSet-Cookie: x=1", "/\t/evil.example",
		"\\\\evil.example", " /admin/", "/admin/\x7f",
	};

	(void)state;
	assert_false(admin_next_ok(NULL));
	for (size_t i = 0; i < NELEM(ok); i++)
		if (!admin_next_ok(ok[i]))
			fail_msg("refused next=%s", ok[i]);
	for (size_t i = 0; i < NELEM(refused); i++)
		if (admin_next_ok(refused[i]))
			fail_msg("accepted next=%s", refused[i]);
}

static void
test_origin(void **state)
{
	static const struct {
		const char	*origin;
		const char	*host;
		const char	*port;
		int		 https;
		int		 ok;
	} cases[] = {
		{ NULL, "news.example", "80", 0, 1 },	/* no Origin: token decides */
		{ "http://news.example", "news.example", "80", 0, 1 },
		{ "HTTP://News.Example", "news.example", "80", 0, 1 },
		{ "http://news.example:80", "news.example", "80", 0, 1 },
		{ "http://127.0.0.1:8080", "127.0.0.1", "8080", 0, 1 },
		{ "https://news.example", "news.example", "443", 1, 1 },
		{ "http://news.example", "news.example", "443", 1, 0 },	/* scheme */
		{ "https://news.example", "news.example", "80", 0, 0 },
		{ "http://127.0.0.1:8081", "127.0.0.1", "8080", 0, 0 },	/* port */
		{ "http://127.0.0.1", "127.0.0.1", "8080", 0, 0 },
		{ "http://evil.example", "news.example", "80", 0, 0 },
		{ "http://news.example.evil.example", "news.example", "80", 0, 0 },
		{ "http://news.exampl", "news.example", "80", 0, 0 },
		{ "null", "news.example", "80", 0, 0 },
		{ "", "news.example", "80", 0, 0 },
		{ "http://news.example/", "news.example", "80", 0, 0 },
		{ "http://news.example", NULL, "80", 0, 0 },
	};
	struct request r;

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		memset(&r, 0, sizeof(r));
		r.origin = cases[i].origin;
		r.host = cases[i].host;
		r.server_port = cases[i].port;
		r.https = cases[i].https;
		if (admin_origin_ok(&r) != cases[i].ok)
			fail_msg("Origin %s for %s port %s: expected %s",
			    cases[i].origin ? cases[i].origin : "(none)",
			    cases[i].host ? cases[i].host : "(none)", cases[i].port,
			    cases[i].ok ? "accepted" : "refused");
	}
}

/* The optional source line (来源): kept as typed, at most 200 characters,
 * no control characters. */
static void
test_form_source(void **state)
{
	struct arena a;
	struct article_form f;
	struct article_input in;
	char longer[201 * 3 + 1];

	(void)state;
	arena_init(&a);
	valid_form(&f);
	f.source = SOURCE;
	assert_int_equal(article_form_validate(&f, LANG_EN), 0);
	assert_int_equal(article_form_input(&a, &f, &in), 0);
	assert_string_equal(in.source, SOURCE);

	/* Optional: empty, or not set at all, is fine. */
	valid_form(&f);
	f.source = "";
	assert_int_equal(article_form_validate(&f, LANG_EN), 0);
	valid_form(&f);
	f.source = NULL;
	assert_int_equal(article_form_validate(&f, LANG_EN), 0);
	assert_int_equal(article_form_input(&a, &f, &in), 0);
	assert_string_equal(in.source, "");

	/* 200 characters of three bytes each are fine; 201 are not. */
	for (int i = 0; i < 201; i++)
		memcpy(longer + i * 3, "源", 3);
	longer[201 * 3] = '\0';
	valid_form(&f);
	f.source = longer;
	assert_int_equal(article_form_validate(&f, LANG_EN), 1);
	assert_non_null(f.source_error);
	longer[200 * 3] = '\0';
	valid_form(&f);
	f.source = longer;
	assert_int_equal(article_form_validate(&f, LANG_EN), 0);

	valid_form(&f);
	f.source = "Bad\x01source";
	assert_int_equal(article_form_validate(&f, LANG_EN), 1);
	assert_non_null(f.source_error);
	valid_form(&f);
	f.source = "Tab\there";
	assert_int_equal(article_form_validate(&f, LANG_EN), 1);
	arena_release(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_form_validation),
		cmocka_unit_test(test_form_source),
		cmocka_unit_test(test_next_targets),
		cmocka_unit_test(test_origin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
