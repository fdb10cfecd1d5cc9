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

int
request_parse(struct arena *a, char *const *envp, struct request *r,
    const char **why)
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
	*why = NULL;
	return 0;
}
