/* fcgi_connections.h: the FastCGI connections one worker holds. nginx
 * may keep a connection open for its next request (fastcgi_keep_conn); a
 * worker then waits on the listening socket and on every kept connection
 * at once, and serves whichever speaks first. */
#ifndef GAZETTE_FCGI_CONNECTIONS_H
#define GAZETTE_FCGI_CONNECTIONS_H

#include <fcgiapp.h>
#include <signal.h>

/* Connections one worker keeps open at most. While all are taken the
 * worker stops accepting, and new connections wait for another worker:
 * the pool of workers must together hold more than nginx keeps idle
 * (its upstream "keepalive" count times its worker processes), or a
 * request on a new connection could wait for a kept one to close. */
#define FCGI_CONNECTIONS_MAX	64

struct fcgi_connections {
	FCGX_Request	 slot[FCGI_CONNECTIONS_MAX];
	unsigned char	 ready[FCGI_CONNECTIONS_MAX];	/* readable at last wait */
	int		 listen_fd;
	int		 listen_ready;
};

/* Sets the listening socket non-blocking: workers race for each new
 * connection, and a loser must not block in accept. */
int	fcgi_connections_init(struct fcgi_connections *, int listen_fd);

/* Returns the next request to serve, read in full, or NULL when there is
 * none yet: the wait was interrupted by a signal, timed out after
 * timeout_ms (-1: no limit), or a connection ended. Signals are
 * delivered only during the wait, with wait_mask in force. */
FCGX_Request	*fcgi_connections_next(struct fcgi_connections *,
		    const sigset_t *wait_mask, int timeout_ms);

/* Ends the request after its answer was written. */
void	fcgi_connections_finish(FCGX_Request *);

/* Closes every connection still open (at the worker's stop). */
void	fcgi_connections_close(struct fcgi_connections *);

#endif
