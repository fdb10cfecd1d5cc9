/* test_router.c: cgi/router.h. A small route table with dummy handlers
 * and a table of (method, path) → outcome: exact paths, {id} and {slug}
 * holes with their limits, 405 with the Allow header, the redirect to the
 * path with a slash, and 404. */
#include "unit.h"

#include "router.h"

static int
h_home(struct app *a, const struct request *r, const struct route_params *p,
    struct response *out)
{
	(void)a; (void)r; (void)p; (void)out;
	return 1;
}

static int
h_list(struct app *a, const struct request *r, const struct route_params *p,
    struct response *out)
{
	(void)a; (void)r; (void)p; (void)out;
	return 2;
}

static int
h_article(struct app *a, const struct request *r, const struct route_params *p,
    struct response *out)
{
	(void)a; (void)r; (void)p; (void)out;
	return 3;
}

static int
h_section(struct app *a, const struct request *r, const struct route_params *p,
    struct response *out)
{
	(void)a; (void)r; (void)p; (void)out;
	return 4;
}

static int
h_edit_form(struct app *a, const struct request *r, const struct route_params *p,
    struct response *out)
{
	(void)a; (void)r; (void)p; (void)out;
	return 5;
}

static int
h_edit_save(struct app *a, const struct request *r, const struct route_params *p,
    struct response *out)
{
	(void)a; (void)r; (void)p; (void)out;
	return 6;
}

static int
h_login(struct app *a, const struct request *r, const struct route_params *p,
    struct response *out)
{
	(void)a; (void)r; (void)p; (void)out;
	return 7;
}

static const struct route table[] = {
	{ "/", METHODS_READ, h_home, CACHE_UNSAID },
	{ "/articles/", METHODS_READ, h_list, CACHE_UNSAID },
	{ "/articles/{id}", METHODS_READ, h_article, CACHE_UNSAID },
	{ "/sections/{slug}/", METHODS_READ, h_section, CACHE_UNSAID },
	{ "/admin/articles/{id}/edit", METHODS_READ, h_edit_form, CACHE_UNSAID },
	{ "/admin/articles/{id}/edit", METHOD_BIT(HTTP_POST), h_edit_save, CACHE_UNSAID },
	{ "/login", METHOD_BIT(HTTP_POST), h_login, CACHE_UNSAID },
};

#define S64	"abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0"

struct match_case {
	enum http_method	 method;
	const char		*path;
	enum route_match	 want;
	int			 handler;	/* ROUTE_FOUND: the handler's number */
	long long		 id;
	const char		*slug;
	const char		*allow;		/* ROUTE_BAD_METHOD: Allow header */
};

static const struct match_case cases[] = {
	{ HTTP_GET, "/", ROUTE_FOUND, 1, 0, "", NULL },
	{ HTTP_HEAD, "/", ROUTE_FOUND, 1, 0, "", NULL },
	{ HTTP_POST, "/", ROUTE_BAD_METHOD, 0, 0, NULL, "GET, HEAD" },
	{ HTTP_OTHER, "/", ROUTE_BAD_METHOD, 0, 0, NULL, "GET, HEAD" },
	{ HTTP_GET, "/articles/", ROUTE_FOUND, 2, 0, "", NULL },
	{ HTTP_GET, "/articles", ROUTE_ADD_SLASH, 0, 0, NULL, NULL },
	{ HTTP_HEAD, "/articles", ROUTE_ADD_SLASH, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/42", ROUTE_FOUND, 3, 42, "", NULL },
	{ HTTP_GET, "/articles/1", ROUTE_FOUND, 3, 1, "", NULL },
	{ HTTP_GET, "/articles/123456789012345", ROUTE_FOUND, 3, 123456789012345LL, "", NULL },
	{ HTTP_GET, "/articles/999999999999999", ROUTE_FOUND, 3, 999999999999999LL, "", NULL },
	{ HTTP_GET, "/articles/1234567890123456", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/0", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/007", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/-1", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/+1", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/ 1", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/12a", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/abc", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/1e3", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/42/", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles//", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_POST, "/articles/42", ROUTE_BAD_METHOD, 0, 0, NULL, "GET, HEAD" },
	{ HTTP_GET, "/sections/news/", ROUTE_FOUND, 4, 0, "news", NULL },
	{ HTTP_GET, "/sections/news-2024/", ROUTE_FOUND, 4, 0, "news-2024", NULL },
	{ HTTP_GET, "/sections/" S64 "/", ROUTE_FOUND, 4, 0, S64, NULL },
	{ HTTP_GET, "/sections/" S64 "x/", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/sections/news", ROUTE_ADD_SLASH, 0, 0, NULL, NULL },
	{ HTTP_GET, "/sections/News/", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/sections/a_b/", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/sections/中文/", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/sections//", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/sections/", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/admin/articles/5/edit", ROUTE_FOUND, 5, 5, "", NULL },
	{ HTTP_POST, "/admin/articles/5/edit", ROUTE_FOUND, 6, 5, "", NULL },
	{ HTTP_OTHER, "/admin/articles/5/edit", ROUTE_BAD_METHOD, 0, 0, NULL,
	    "GET, HEAD, POST" },
	{ HTTP_POST, "/admin/articles/0/edit", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_POST, "/login", ROUTE_FOUND, 7, 0, "", NULL },
	{ HTTP_GET, "/login", ROUTE_BAD_METHOD, 0, 0, NULL, "POST" },
	{ HTTP_GET, "/login/", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/nope", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "//", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/ARTICLES/", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
	{ HTTP_GET, "/articles/%34%32", ROUTE_NOT_FOUND, 0, 0, NULL, NULL },
};

static const char *const match_names[] = {
	"FOUND", "NOT_FOUND", "BAD_METHOD", "ADD_SLASH"
};

static void
test_match_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		const struct match_case *c = &cases[i];
		const struct route *found = NULL;
		struct route_params params;
		unsigned allowed = 0;
		enum route_match m;

		m = router_match(table, NELEM(table), c->method, c->path, &found,
		    &params, &allowed);
		if (m != c->want)
			fail_msg("method %d \"%s\": got %s, want %s", c->method, c->path,
			    match_names[m], match_names[c->want]);
		if (m == ROUTE_FOUND) {
			assert_non_null(found);
			assert_int_equal(found->handler(NULL, NULL, NULL, NULL), c->handler);
			assert_int_equal(params.id, c->id);
			assert_string_equal(params.slug, c->slug);
		} else if (m == ROUTE_BAD_METHOD) {
			char allow[64];

			assert_int_equal(allowed & METHOD_BIT(c->method), 0);
			router_allow_header(allowed, allow, sizeof(allow));
			assert_string_equal(allow, c->allow);
		}
	}
}

/* Paths at and past the request limit neither match nor overflow the
 * buffer used for the slash check. */
static void
test_long_paths(void **state)
{
	static const size_t lens[] = { REQUEST_MAX_PATH - 1, REQUEST_MAX_PATH,
	    REQUEST_MAX_PATH + 1, REQUEST_MAX_PATH + 2, 4 * REQUEST_MAX_PATH };

	(void)state;
	for (size_t i = 0; i < NELEM(lens); i++) {
		char *path = malloc(lens[i] + 1);
		const struct route *found = NULL;
		struct route_params params;
		unsigned allowed;

		assert_non_null(path);
		memset(path, 'a', lens[i]);
		path[0] = '/';
		path[lens[i]] = '\0';
		assert_int_equal(router_match(table, NELEM(table), HTTP_GET, path,
		    &found, &params, &allowed), ROUTE_NOT_FOUND);
		free(path);
	}
}

/* An empty table finds nothing; a table without the method says so. */
static void
test_small_tables(void **state)
{
	const struct route *found = NULL;
	struct route_params params;
	unsigned allowed = 123;

	(void)state;
	assert_int_equal(router_match(table, 0, HTTP_GET, "/", &found, &params,
	    &allowed), ROUTE_NOT_FOUND);
	assert_int_equal(allowed, 0);
	assert_int_equal(router_match(table + 6, 1, HTTP_HEAD, "/login", &found,
	    &params, &allowed), ROUTE_BAD_METHOD);
	assert_int_equal(allowed, METHOD_BIT(HTTP_POST));
}

static void
test_allow_header(void **state)
{
	static const struct {
		unsigned	 methods;
		const char	*want;
	} cases_allow[] = {
		{ 0, "" },
		{ METHOD_BIT(HTTP_GET), "GET" },
		{ METHODS_READ, "GET, HEAD" },
		{ METHOD_BIT(HTTP_POST), "POST" },
		{ METHODS_READ | METHOD_BIT(HTTP_POST), "GET, HEAD, POST" },
		{ METHOD_BIT(HTTP_HEAD) | METHOD_BIT(HTTP_OTHER), "HEAD" },
		{ METHOD_BIT(HTTP_OTHER), "" },
	};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < NELEM(cases_allow); i++) {
		memset(buf, 'X', sizeof(buf));
		router_allow_header(cases_allow[i].methods, buf, sizeof(buf));
		assert_string_equal(buf, cases_allow[i].want);
	}
	/* A short buffer is never overrun and always terminated. */
	for (size_t len = 1; len < 20; len++) {
		memset(buf, 'X', sizeof(buf));
		router_allow_header(METHODS_READ | METHOD_BIT(HTTP_POST), buf, len);
		assert_true(strlen(buf) < len);
		assert_true(strncmp(buf, "GET, HEAD, POST", strlen(buf)) == 0);
		/* Only whole names: never a trailing ", " or half a word. */
		assert_true(buf[0] == '\0' || strcmp(buf, "GET") == 0 ||
		    strcmp(buf, "GET, HEAD") == 0 || strcmp(buf, "GET, HEAD, POST") == 0);
		for (size_t k = len; k < sizeof(buf); k++)
			assert_int_equal(buf[k], 'X');
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match_table),
		cmocka_unit_test(test_long_paths),
		cmocka_unit_test(test_small_tables),
		cmocka_unit_test(test_allow_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
