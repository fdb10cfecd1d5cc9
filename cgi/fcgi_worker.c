/* fcgi_worker.c: the accept loop of one worker (see fcgi_worker.h).
 *
 * Signals: SIGTERM, SIGINT and SIGHUP are blocked while a request is being
 * served, so a stop never cuts a response short, and unblocked around
 * accept, which then fails with EINTR (FCGI_FAIL_ACCEPT_ON_INTR) and lets
 * the loop look at the flags. A signal landing between the flag check and
 * accept() is caught by the parent, which repeats SIGTERM until we exit. */
#include <errno.h>
#include <fcgiapp.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "app.h"
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
	sa.sa_flags = 0;	/* no SA_RESTART: accept must see EINTR */
	sigaction(sig, &sa, NULL);
}

/* Reads the request body from FastCGI's input stream. */
static long
read_fcgi_body(void *ctx, char *buf, size_t len)
{
	int n = FCGX_GetStr(buf, len > 1 << 20 ? 1 << 20 : (int)len, ctx);

	return n < 0 ? -1 : n;
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

int
fcgi_worker_run(int listen_fd, const struct app_config *cfg)
{
	FCGX_Request req;
	struct app app;
	struct response resp;
	struct strbuf head = STRBUF_INIT;
	struct body_source body = { read_fcgi_body, NULL };
	sigset_t guarded, old;
	int rc;

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
	sigprocmask(SIG_BLOCK, &guarded, &old);

	if (app_open(&app, cfg) != 0)
		return 1;
	response_init(&resp);
	if (FCGX_InitRequest(&req, listen_fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_error("FCGX_InitRequest failed");
		app_close(&app);
		return 1;
	}
	for (;;) {
		sigprocmask(SIG_UNBLOCK, &guarded, NULL);
		if (stop_requested)
			break;
		if (reload_requested) {
			reload_requested = 0;
			tpl_reload();
			log_info("templates reloaded");
			/* Kept pages were expanded from the old templates. */
			page_cache_clear(app.pages);
			/* Pages rendered from now on may differ: nginx's cache
			 * key must change (page_cache_key.c). */
			site_revision_bump(app.store);
		}
		rc = FCGX_Accept_r(&req);
		sigprocmask(SIG_BLOCK, &guarded, NULL);
		if (rc < 0) {
			if (rc == -EINTR || stop_requested || reload_requested)
				continue;
			log_error("accepting a FastCGI connection failed: %s",
			    strerror(-rc));
			/* Out of descriptors or memory: do not spin. */
			nanosleep(&(struct timespec){ 0, 100 * 1000 * 1000 }, NULL);
			continue;
		}
		body.ctx = req.in;
		app_handle(&app, req.envp, &body, &resp);
		send_response(&req, &resp, &head);
		FCGX_Finish_r(&req);
		/* With the reader answered: a due batch of views costs this
		 * worker's time, not the reader's. The last batch is written
		 * by app_close below, when the loop ends on a stop. */
		view_counter_tick(app.views);
	}
	FCGX_Free(&req, 1);
	response_free(&resp);
	strbuf_free(&head);
	app_close(&app);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return 0;
}
