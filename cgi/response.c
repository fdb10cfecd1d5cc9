/* response.c: assembling the status line, headers and body of a response. */
#include <string.h>

#include "response.h"

void
response_init(struct response *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
}

void
response_reset(struct response *r)
{
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	r->omit_body = 0;
	r->cache = CACHE_UNSAID;
	strbuf_reset(&r->headers);
	strbuf_reset(&r->body);
}

void
response_free(struct response *r)
{
	strbuf_free(&r->headers);
	strbuf_free(&r->body);
}

int
response_header(struct response *r, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n:") != NULL || strpbrk(value, "\r\n") != NULL)
		return -1;
	strbuf_puts(&r->headers, name);
	strbuf_puts(&r->headers, ": ");
	strbuf_puts(&r->headers, value);
	strbuf_puts(&r->headers, "\r\n");
	return 0;
}

void
response_redirect(struct response *r, int status, const char *location)
{
	r->status = status;
	r->content_type = "text/plain; charset=utf-8";
	strbuf_reset(&r->body);
	if (response_header(r, "Location", location) != 0)
		r->status = 400;
	strbuf_puts(&r->body, "Moved.\n");
}

const char *
http_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 411: return "Length Required";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default:  return "Unknown";
	}
}

/* Sent on every response, errors and redirects included, so a page is
 * safe whatever server is in front. The policy fits every page gazette
 * makes: one stylesheet and images from this site, no script (the JSON-LD
 * block is data, not run), no frames, forms posting only here. nginx sends
 * the same lines for its own files and errors (docs/nginx.conf); keep the
 * two equal. */
static const char security_headers[] =
    "Content-Security-Policy: " RESPONSE_CSP "\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n";

void
response_head(const struct response *r, struct strbuf *out)
{
	strbuf_printf(out, "Status: %d %s\r\n", r->status,
	    http_status_text(r->status));
	/* A 204 or 304 has no body, and no length or type of one (RFC 9110
	 * 8.6, 15.4.5). */
	if (r->status != 204 && r->status != 304) {
		strbuf_printf(out, "Content-Type: %s\r\n", r->content_type);
		/* HEAD answers carry the length the GET body would have. */
		strbuf_printf(out, "Content-Length: %zu\r\n", r->body.len);
	}
	strbuf_append(out, security_headers, sizeof(security_headers) - 1);
	if (r->headers.len > 0)
		strbuf_append(out, r->headers.data, r->headers.len);
	strbuf_puts(out, "\r\n");
}
