/* cgi_mode.c: one request over CGI: the environment holds the request,
 * standard output takes the response. Links carry SCRIPT_NAME as prefix
 * so the site works below a CGI script path. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "cgi_mode.h"
#include "request.h"
#include "response.h"

extern char **environ;

static int
write_all(const char *p, size_t n)
{
	return n == 0 || fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

static long
read_stdin(void *ctx, char *buf, size_t len)
{
	size_t n = fread(buf, 1, len, ctx);

	return n == 0 && ferror((FILE *)ctx) ? -1 : (long)n;
}

int
cgi_serve(struct app_config *cfg)
{
	struct app app;
	struct response resp;
	struct strbuf head = STRBUF_INIT;
	struct body_source body = { read_stdin, stdin };
	const char *script = getenv("SCRIPT_NAME");
	int status = 0;

	cfg->base = script ? script : "";
	response_init(&resp);
	if (app_open(&app, cfg) != 0) {
		fputs("Status: 500 Internal Server Error\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
		    "The site cannot start; the server log says why.\n", stdout);
		return 1;
	}
	app_handle(&app, environ, &body, &resp);
	response_head(&resp, &head);
	if (write_all(head.data, head.len) != 0 ||
	    (!resp.omit_body && write_all(resp.body.data, resp.body.len) != 0) ||
	    fflush(stdout) != 0)
		status = 1;
	strbuf_free(&head);
	response_free(&resp);
	app_close(&app);
	return status;
}
