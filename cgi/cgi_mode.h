/* cgi_mode.h: answering one request as a plain CGI program. */
#ifndef GAZETTE_CGI_MODE_H
#define GAZETTE_CGI_MODE_H

struct app_config;

/* Serves the request in the environment and exits status 0, or 1 when the
 * site cannot start (a 500 is still written for the web server). */
int	cgi_serve(struct app_config *);

#endif
