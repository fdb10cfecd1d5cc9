/* prefork.h: the responder's parent process: a pool of worker processes
 * sharing one listening socket. */
#ifndef GAZETTE_PREFORK_H
#define GAZETTE_PREFORK_H

struct app_config;

#define PREFORK_MAX_WORKERS	64

/* Listens on ADDRESS with WORKERS workers (0: one per core), as USER when
 * started as root (privileges.h). The parent restarts a worker that dies,
 * forwards SIGHUP (template reload), and on SIGTERM or SIGINT stops
 * accepting, lets in-flight requests finish and exits. Returns the
 * process exit status. */
int	prefork_serve(const char *address, int workers, const char *user,
	    const struct app_config *);

#endif
