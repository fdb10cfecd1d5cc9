/* http_cache.c: how long browsers and caches may keep each answer, and
 * the validators that let them ask cheaply whether it changed.
 *
 * The ETag is a hash of the body itself, not of the revision: it is then
 * right whatever changed the page (an edit, a view count, the language,
 * a reloaded template), and a 304 can never hide a change. The price is
 * having the page before answering 304; what a 304 saves is the
 * transfer. The worker's page cache (page_cache.c) keeps the page and its
 * ETag, so a repeated request is neither rendered nor hashed again. */
#include <sodium.h>
#include <stdio.h>

#include "http_cache.h"
#include "http_conditional.h"
#include "request.h"
#include "response.h"

/* Enough to tell pages apart; not a security boundary. */
#define ETAG_HASH_BYTES	16
_Static_assert(HTTP_CACHE_ETAG_SIZE == 2 * ETAG_HASH_BYTES + 3,
    "quotes, hex digits and NUL");

void
http_cache_etag(const struct response *resp, char *out)
{
	unsigned char h[ETAG_HASH_BYTES];
	char hex[2 * ETAG_HASH_BYTES + 1];

	crypto_generichash(h, sizeof(h), (const unsigned char *)resp->body.data,
	    resp->body.len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out, HTTP_CACHE_ETAG_SIZE, "\"%s\"", hex);
}

static const char *
cache_control(enum cache_policy p)
{
	switch (p) {
	case CACHE_REVALIDATE:
		/* Stored, but checked with the server before every use: a
		 * publish is seen on the next request. */
		return "public, no-cache";
	case CACHE_FEED:
		/* Feed readers poll; five minutes late is on time for them. */
		return "public, max-age=300";
	case CACHE_DAY:
		return "public, max-age=86400";
	case CACHE_UNSAID:
		break;
	}
	return NULL;
}

int
http_cache_public(const struct request *req, const struct response *resp)
{
	return resp->status == 200 && cache_control(resp->cache) != NULL &&
	    (req->method == HTTP_GET || req->method == HTTP_HEAD);
}

void
http_cache_finish(const struct request *req, struct response *resp,
    long long last_modified, const char *known_etag)
{
	char hashed[HTTP_CACHE_ETAG_SIZE], date[HTTP_DATE_SIZE];
	const char *cc = cache_control(resp->cache), *etag = known_etag;

	if (!http_cache_public(req, resp))
		return;
	if (etag == NULL) {
		http_cache_etag(resp, hashed);
		etag = hashed;
	}
	response_header(resp, "Cache-Control", cc);
	response_header(resp, "ETag", etag);
	if (last_modified > 0) {
		http_date_format(last_modified, date);
		response_header(resp, "Last-Modified", date);
	}
	if (http_not_modified(req->if_none_match, req->if_modified_since, etag,
	    last_modified)) {
		resp->status = 304;
		resp->omit_body = 1;
		strbuf_reset(&resp->body);
	}
}
