/* request.c: building and validating a struct request from the
 * environment a web server hands to a CGI or FastCGI program. */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "request.h"

const char *
env_get(char *const *envp, const char *name)
{
	size_t n = strlen(name);

	for (; envp != NULL && *envp != NULL; envp++)
		if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

static enum http_method
method_of(const char *m)
{
	if (strcmp(m, "GET") == 0)
		return HTTP_GET;
	if (strcmp(m, "HEAD") == 0)
		return HTTP_HEAD;
	if (strcmp(m, "POST") == 0)
		return HTTP_POST;
	return HTTP_OTHER;
}

/* HOST without a ":port" suffix (a plain CGI server passes the raw Host
 * header; nginx passes $host, which has none), in the arena. */
static const char *
host_name(struct arena *a, const char *host)
{
	const char *colon;

	if (host == NULL || host[0] == '\0')
		return NULL;
	if (host[0] == '[')	/* an IPv6 literal keeps its brackets */
		colon = strstr(host, "]:") ? strstr(host, "]:") + 1 : NULL;
	else
		colon = strchr(host, ':');
	return colon ? arena_strndup(a, host, (size_t)(colon - host)) : host;
}

int
request_parse(struct arena *a, char *const *envp, const struct body_source *body,
    struct request *r, const char **why)
{
	const char *s;
	enum urlenc_error e;
	size_t len;

	memset(r, 0, sizeof(*r));
	r->content_length = -1;

	s = env_get(envp, "REQUEST_METHOD");
	r->method_name = s ? s : "GET";
	r->method = method_of(r->method_name);

	/* nginx hands the normalised, decoded path as DOCUMENT_URI; a plain
	 * CGI server hands what follows the script name as PATH_INFO. */
	if ((s = env_get(envp, "DOCUMENT_URI")) == NULL &&
	    (s = env_get(envp, "PATH_INFO")) == NULL)
		s = "/";
	if (*s == '\0')
		s = "/";
	len = strlen(s);
	if (len > REQUEST_MAX_PATH) {
		*why = "path too long";
		return 414;
	}
	if (s[0] != '/' || !utf8_valid(s, len)) {
		*why = "path is not a valid absolute UTF-8 path";
		return 400;
	}
	r->path = s;

	s = env_get(envp, "QUERY_STRING");
	r->query_raw = s ? s : "";
	len = strlen(r->query_raw);
	if (len > REQUEST_MAX_QUERY) {
		*why = "query string too long";
		return 414;
	}
	if ((e = urlenc_parse(a, r->query_raw, len, &r->query)) != URLENC_OK) {
		*why = urlenc_strerror(e);
		return e == URLENC_NOMEM ? 500 : 400;
	}

	s = env_get(envp, "REMOTE_ADDR");
	r->remote_addr = s ? s : "-";

	if ((s = env_get(envp, "CONTENT_LENGTH")) != NULL && *s != '\0') {
		char *end;
		long long n;

		if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 15) {
			*why = "bad Content-Length";
			return 400;
		}
		n = strtoll(s, &end, 10);
		r->content_length = n;
	}
	r->content_type = env_get(envp, "CONTENT_TYPE");
	if (r->content_type != NULL && r->content_type[0] == '\0')
		r->content_type = NULL;
	r->cookie = env_get(envp, "HTTP_COOKIE");
	r->origin = env_get(envp, "HTTP_ORIGIN");
	r->if_none_match = env_get(envp, "HTTP_IF_NONE_MATCH");
	r->if_modified_since = env_get(envp, "HTTP_IF_MODIFIED_SINCE");
	r->cache_key = env_get(envp, "GAZETTE_CACHE_KEY");
	r->original_uri = env_get(envp, "GAZETTE_ORIGINAL_URI");
	r->host = host_name(a, env_get(envp, "HTTP_HOST"));
	r->server_port = env_get(envp, "SERVER_PORT");
	s = env_get(envp, "HTTPS");
	r->https = (s != NULL && (strcmp(s, "on") == 0 || strcmp(s, "1") == 0)) ||
	    ((s = env_get(envp, "REQUEST_SCHEME")) != NULL && strcmp(s, "https") == 0);
	r->body = body;
	*why = NULL;
	return 0;
}

int
request_read_body(struct arena *a, const struct request *r, size_t max,
    const char **data, size_t *len)
{
	char *buf;
	size_t want, got = 0;
	long n;

	if (r->content_length < 0)
		return 411;
	if ((unsigned long long)r->content_length > max)
		return 413;
	want = (size_t)r->content_length;
	if ((buf = arena_alloc(a, want + 1)) == NULL)
		return 500;
	while (got < want && r->body != NULL &&
	    (n = r->body->read(r->body->ctx, buf + got, want - got)) > 0)
		got += (size_t)n;
	if (got < want)
		return 400;
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
}
