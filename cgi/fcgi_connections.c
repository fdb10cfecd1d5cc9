/* fcgi_connections.c: waiting on the listening socket and on the
 * connections nginx keeps open, then reading the next request with
 * libfcgi (see fcgi_connections.h).
 *
 * libfcgi alone serves one connection at a time: after a kept request, a
 * blocking FCGX_Accept_r reads the same connection again, and a request
 * that nginx sends on another connection waits until this one closes
 * (STACK.md: requests hang). So we ppoll() every open connection and the
 * listening socket, and hand libfcgi only a connection that has spoken.
 * libfcgi has no call that names a request's connection: we read the
 * descriptor from FCGX_Request.ipcFd (never write it), and the tests of
 * every request going through here are what keep that honest. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "fcgi_connections.h"
#include "log.h"

int
fcgi_connections_init(struct fcgi_connections *c, int listen_fd)
{
	int flags = fcntl(listen_fd, F_GETFL);

	memset(c, 0, sizeof(*c));
	c->listen_fd = listen_fd;
	if (flags < 0 || fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK) < 0) {
		log_error("cannot make the FastCGI socket non-blocking: %s",
		    strerror(errno));
		return -1;
	}
	for (int i = 0; i < FCGI_CONNECTIONS_MAX; i++) {
		if (FCGX_InitRequest(&c->slot[i], listen_fd, 0) != 0) {
			log_error("FCGX_InitRequest failed");
			return -1;
		}
	}
	return 0;
}

static int
is_open(const FCGX_Request *r)
{
	return r->ipcFd >= 0;
}

/* Waits until a connection or the listening socket is readable and
 * records which; 0 when something is, -1 when interrupted or timed out. */
static int
wait_ready(struct fcgi_connections *c, const sigset_t *wait_mask,
    int timeout_ms)
{
	struct pollfd pfd[FCGI_CONNECTIONS_MAX + 1];
	int owner[FCGI_CONNECTIONS_MAX + 1];
	int n = 0, free_slot = 0;
	struct timespec ts, *tsp = NULL;

	for (int i = 0; i < FCGI_CONNECTIONS_MAX; i++) {
		if (!is_open(&c->slot[i])) {
			free_slot = 1;
			continue;
		}
		pfd[n] = (struct pollfd){ .fd = c->slot[i].ipcFd, .events = POLLIN };
		owner[n++] = i;
	}
	/* With every slot taken, new connections are left to the other
	 * workers (see FCGI_CONNECTIONS_MAX). */
	if (free_slot) {
		pfd[n] = (struct pollfd){ .fd = c->listen_fd, .events = POLLIN };
		owner[n++] = -1;
	}
	if (timeout_ms >= 0) {
		ts.tv_sec = timeout_ms / 1000;
		ts.tv_nsec = (long)(timeout_ms % 1000) * 1000000L;
		tsp = &ts;
	}
	if (ppoll(pfd, (nfds_t)n, tsp, wait_mask) <= 0)
		return -1;
	for (int k = 0; k < n; k++) {
		if (pfd[k].revents == 0)
			continue;
		if (owner[k] < 0)
			c->listen_ready = 1;
		else
			c->ready[owner[k]] = 1;
	}
	return 0;
}

/* Reads the request on slot i (a kept connection that spoke, or a new
 * connection accepted into a free slot). NULL when the connection ended
 * or another worker took the new connection first. */
static FCGX_Request *
read_request(struct fcgi_connections *c, int i)
{
	/* On a connection that nginx closed, FCGX_Accept_r closes it and
	 * tries an accept instead; the listening socket is non-blocking,
	 * so that never waits. */
	int rc = FCGX_Accept_r(&c->slot[i]);

	if (rc >= 0)
		return &c->slot[i];
	if (rc != -EAGAIN && rc != -EWOULDBLOCK && rc != -EINTR)
		log_error("accepting a FastCGI connection failed: %s",
		    strerror(-rc));
	return NULL;
}

FCGX_Request *
fcgi_connections_next(struct fcgi_connections *c, const sigset_t *wait_mask,
    int timeout_ms)
{
	int any = c->listen_ready;

	for (int i = 0; i < FCGI_CONNECTIONS_MAX && !any; i++)
		any = c->ready[i];
	if (!any && wait_ready(c, wait_mask, timeout_ms) != 0)
		return NULL;
	for (int i = 0; i < FCGI_CONNECTIONS_MAX; i++) {
		if (c->ready[i]) {
			c->ready[i] = 0;
			return read_request(c, i);
		}
	}
	if (c->listen_ready) {
		c->listen_ready = 0;
		for (int i = 0; i < FCGI_CONNECTIONS_MAX; i++)
			if (!is_open(&c->slot[i]))
				return read_request(c, i);
	}
	return NULL;
}

void
fcgi_connections_finish(FCGX_Request *r)
{
	/* nginx sends the whole request before it reads the answer, ending
	 * with an empty stdin record. When the handler read to that end:
	 * - a kept connection carries nothing of this request any more;
	 * - a connection nginx does not keep may be closed at once.
	 *   FCGX_Detach skips libfcgi's lingering close (shutdown, then
	 *   waiting for the peer to hang up), which held the worker for a
	 *   round trip of nginx's event loop on every request: 8,000 ->
	 *   12,500 requests/s on a cached article page.
	 * When input is left unread (a body over REQUEST_MAX_BODY, which
	 * fcgi_worker.c's drain_input stops at), the lingering close is kept,
	 * and a kept connection is closed: the leftover would be taken for
	 * the next request. */
	int drained = FCGX_GetChar(r->in) == EOF && FCGX_GetError(r->in) == 0;

	if (drained)
		FCGX_Detach(r);
	FCGX_Finish_r(r);
	if (!drained && is_open(r))
		FCGX_Free(r, 1);
}

void
fcgi_connections_close(struct fcgi_connections *c)
{
	for (int i = 0; i < FCGI_CONNECTIONS_MAX; i++)
		FCGX_Free(&c->slot[i], 1);
}
