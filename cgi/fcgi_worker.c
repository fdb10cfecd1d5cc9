/* fcgi_worker.c: the request loop of one worker (see fcgi_worker.h).
 *
 * Signals: SIGTERM, SIGINT and SIGHUP stay blocked, so a stop never cuts
 * a response short; they are let in only while the worker waits for the
 * next request (ppoll in fcgi_connections.c), and the loop then looks at
 * the flags they set. */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "fcgi_connections.h"
#include "fcgi_worker.h"
#include "log.h"
#include "page_cache.h"
#include "request.h"
#include "response.h"
#include "site_revision.h"
#include "template.h"
#include "view_counter.h"

static volatile sig_atomic_t stop_requested, reload_requested;

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void
on_reload(int sig)
{
	(void)sig;
	reload_requested = 1;
}

static void
install(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(sig, &sa, NULL);
}

/* Reads the request body from FastCGI's input stream. */
static long
read_fcgi_body(void *ctx, char *buf, size_t len)
{
	int n = FCGX_GetStr(buf, len > 1 << 20 ? 1 << 20 : (int)len, ctx);

	return n < 0 ? -1 : n;
}

/* Reads and drops the rest of the request's input stream, up to its end
 * (which nginx sends with the body) or past REQUEST_MAX_BODY, before any
 * of the answer is written. Input left unread hurt in two ways:
 * - an answer given before the body was read (405, 413, 415, a refused
 *   Origin) left the rest on a kept connection, which was then closed
 *   behind nginx's back while it could already be sending the next request
 *   there: a 502 for that one when it was a POST, which nginx never resends;
 * - a body read to its Content-Length but not to the stream's end: once
 *   part of a large answer had reached nginx, it did not send the end,
 *   which fcgi_connections_finish then waited for, the answer unfinished,
 *   until nginx gave up (both workers were found stuck so).
 * A longer body, which no nginx of ours sends, leaves the connection to be
 * closed by fcgi_connections_finish. */
static void
drain_input(FCGX_Stream *in)
{
	char buf[16384];
	long total = 0;
	int n;

	while (total <= REQUEST_MAX_BODY &&
	    (n = FCGX_GetStr(buf, sizeof(buf), in)) > 0)
		total += n;
}

/* Sends the response; a client that went away is not an error of ours. */
static void
send_response(FCGX_Request *req, const struct response *resp, struct strbuf *head)
{
	strbuf_reset(head);
	response_head(resp, head);
	if (head->failed || FCGX_PutStr(head->data, (int)head->len, req->out) < 0)
		return;
	if (!resp->omit_body && resp->body.len > 0)
		FCGX_PutStr(resp->body.data, (int)resp->body.len, req->out);
}

/* How long an idle worker waits before it writes the views it holds. */
#define IDLE_TICK_MS	VIEW_FLUSH_AGE_MS

int
fcgi_worker_run(int listen_fd, const struct app_config *cfg)
{
	static struct fcgi_connections conns;
	FCGX_Request *req;
	struct app app;
	struct response resp;
	struct strbuf head = STRBUF_INIT;
	struct body_source body = { read_fcgi_body, NULL };
	sigset_t guarded, wait_mask;

	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		return 1;
	}
	install(SIGTERM, on_stop);
	install(SIGINT, on_stop);
	install(SIGHUP, on_reload);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&guarded);
	sigaddset(&guarded, SIGTERM);
	sigaddset(&guarded, SIGINT);
	sigaddset(&guarded, SIGHUP);
	sigprocmask(SIG_BLOCK, &guarded, &wait_mask);
	sigdelset(&wait_mask, SIGTERM);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGHUP);

	if (fcgi_connections_init(&conns, listen_fd) != 0 ||
	    app_open(&app, cfg) != 0)
		return 1;
	response_init(&resp);
	while (!stop_requested) {
		if (reload_requested) {
			reload_requested = 0;
			/* The parent checked the files before signalling; one
			 * broken since then is refused here too (tpl_load keeps
			 * the templates in use). */
			if (tpl_load(cfg->template_dir, app_templates) == 0) {
				log_info("templates reloaded");
				/* Kept pages were expanded from the old ones. */
				page_cache_clear(app.pages);
				/* Pages rendered from now on may differ: nginx's
				 * cache key must change (page_cache_key.c). */
				site_revision_bump(app.store);
			} else
				log_error("templates not reloaded: this worker "
				    "keeps serving the previous ones");
		}
		req = fcgi_connections_next(&conns, &wait_mask, IDLE_TICK_MS);
		if (req != NULL) {
			body.ctx = req->in;
			app_handle(&app, req->envp, &body, &resp);
			drain_input(req->in);
			send_response(req, &resp, &head);
			fcgi_connections_finish(req);
		}
		/* With the reader answered: a due batch of views costs this
		 * worker's time, not the reader's. An idle worker comes here
		 * when the wait times out. The last batch is written by
		 * app_close below, when the loop ends on a stop. */
		view_counter_tick(app.views);
	}
	fcgi_connections_close(&conns);
	response_free(&resp);
	strbuf_free(&head);
	app_close(&app);
	return 0;
}
