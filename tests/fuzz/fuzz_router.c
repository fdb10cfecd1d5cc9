/* fuzz_router.c: libFuzzer target for cgi/request.h and cgi/router.h.
 * The input reads like a request line, "METHOD PATH?QUERY", optionally
 * followed by "\nCONTENT_LENGTH". It becomes a CGI environment for
 * request_parse, and a parsed request is matched against a small route
 * table with router_match; the ?page= value goes through page_parse.
 * Checks: a refused request has a 4xx/5xx status and a reason; an accepted
 * one has a valid absolute UTF-8 path within the limit; a match honours the
 * method and the hole syntax; 405 and the slash redirect are consistent. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pagination.h"
#include "request.h"
#include "router.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static int
dummy(struct app *a, const struct request *r, const struct route_params *p,
    struct response *out)
{
	(void)a; (void)r; (void)p; (void)out;
	return 0;
}

static const struct route table[] = {
	{ "/", METHODS_READ, dummy, CACHE_UNSAID },
	{ "/articles/", METHODS_READ, dummy, CACHE_UNSAID },
	{ "/articles/{id}", METHODS_READ, dummy, CACHE_UNSAID },
	{ "/sections/{slug}/", METHODS_READ, dummy, CACHE_UNSAID },
	{ "/sections/{slug}/{id}", METHODS_READ, dummy, CACHE_UNSAID },
	{ "/admin/articles/{id}/edit", METHODS_READ, dummy, CACHE_UNSAID },
	{ "/admin/articles/{id}/edit", METHOD_BIT(HTTP_POST), dummy, CACHE_UNSAID },
	{ "/login", METHOD_BIT(HTTP_POST), dummy, CACHE_UNSAID },
};
#define N_ROUTES	(sizeof(table) / sizeof(table[0]))

/* A NUL-terminated copy of S[0..LEN) in the arena ("%.*s" stops at a NUL,
 * as a web server's C strings would). */
static char *
env_pair(struct arena *a, const char *name, const char *s, size_t len)
{
	char *p = arena_printf(a, "%s=%.*s", name, (int)len, s);

	CHECK(p != NULL);
	return p;
}

static int
valid_slug(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= ROUTE_SLUG_MAX &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static void
check_match(const struct request *r)
{
	const struct route *found = NULL;
	struct route_params params;
	unsigned allowed = 0;
	char allow[64];

	switch (router_match(table, N_ROUTES, r->method, r->path, &found, &params,
	    &allowed)) {
	case ROUTE_FOUND:
		CHECK(found >= table && found < table + N_ROUTES);
		CHECK(found->methods & METHOD_BIT(r->method));
		if (strstr(found->pattern, "{id}") != NULL)
			CHECK(params.id >= 1 && params.id <= 999999999999999LL);
		if (strstr(found->pattern, "{slug}") != NULL)
			CHECK(valid_slug(params.slug));
		break;
	case ROUTE_BAD_METHOD:
		CHECK(allowed != 0 && (allowed & METHOD_BIT(r->method)) == 0);
		router_allow_header(allowed, allow, sizeof(allow));
		CHECK(allow[0] != '\0' && strlen(allow) < sizeof(allow));
		break;
	case ROUTE_ADD_SLASH: {
		size_t len = strlen(r->path);
		char *slashed = malloc(len + 2);
		enum route_match m;

		CHECK(slashed != NULL && len > 0 && r->path[len - 1] != '/');
		memcpy(slashed, r->path, len);
		memcpy(slashed + len, "/", 2);
		m = router_match(table, N_ROUTES, HTTP_GET, slashed, &found,
		    &params, &allowed);
		CHECK(m == ROUTE_FOUND || m == ROUTE_BAD_METHOD);
		free(slashed);
		break;
	}
	case ROUTE_NOT_FOUND:
		break;
	default:
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *end = in + size, *sp, *nl, *q;
	const char *target, *why = NULL;
	char *envp[8];
	size_t n = 0;
	struct arena a;
	struct request r;
	int status;

	arena_init(&a);
	/* METHOD, then the target up to a newline, then Content-Length. */
	nl = memchr(in, '\n', size);
	if (nl == NULL)
		nl = end;
	sp = memchr(in, ' ', (size_t)(nl - in));
	if (sp != NULL) {
		envp[n++] = env_pair(&a, "REQUEST_METHOD", in, (size_t)(sp - in));
		target = sp + 1;
	} else
		target = in;
	q = memchr(target, '?', (size_t)(nl - target));
	/* Odd sizes use PATH_INFO (plain CGI), even ones DOCUMENT_URI (nginx). */
	envp[n++] = env_pair(&a, size % 2 ? "PATH_INFO" : "DOCUMENT_URI", target,
	    (size_t)((q ? q : nl) - target));
	if (q != NULL)
		envp[n++] = env_pair(&a, "QUERY_STRING", q + 1, (size_t)(nl - q - 1));
	if (nl < end)
		envp[n++] = env_pair(&a, "CONTENT_LENGTH", nl + 1, (size_t)(end - nl - 1));
	envp[n++] = env_pair(&a, "REMOTE_ADDR", "127.0.0.1", 9);
	envp[n] = NULL;

	status = request_parse(&a, envp, NULL, &r, &why);
	if (status != 0) {
		CHECK(status == 400 || status == 414 || status == 500);
		CHECK(why != NULL);
	} else {
		size_t plen;
		long page = 0;
		struct page_window w;

		CHECK(why == NULL);
		CHECK(r.path != NULL && r.path[0] == '/');
		plen = strlen(r.path);
		CHECK(plen <= REQUEST_MAX_PATH && utf8_valid(r.path, plen));
		CHECK(r.method >= HTTP_GET && r.method < HTTP_METHOD__MAX);
		CHECK(r.method_name != NULL && r.remote_addr != NULL);
		CHECK(r.query_raw != NULL && strlen(r.query_raw) <= REQUEST_MAX_QUERY);
		CHECK(r.query.count <= URLENC_MAX_PAIRS);
		CHECK(r.content_length >= -1);
		check_match(&r);
		if (page_parse(urlenc_get(&r.query, "page", NULL), &page) == PAGE_OK) {
			CHECK(page >= 1 && page <= PAGE_MAX);
			if (page_window(page, PAGE_SIZE, (long)size, &w) != PAGE_BAD)
				CHECK(w.total_pages >= 1 && w.offset == (page - 1) * PAGE_SIZE);
		}
	}
	arena_release(&a);
	return 0;
}
