/* fcgi_worker.h: one worker process of the pool: accepts FastCGI requests
 * on a shared listening socket and answers them one at a time. */
#ifndef GAZETTE_FCGI_WORKER_H
#define GAZETTE_FCGI_WORKER_H

struct app_config;

/* Runs until SIGTERM or SIGINT (finishing the request in hand); SIGHUP
 * reloads templates between requests. Returns the process exit status. */
int	fcgi_worker_run(int listen_fd, const struct app_config *);

#endif
