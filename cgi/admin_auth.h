/* admin_auth.h: what stands between a request and the admin: the session
 * cookie, the sign-in redirect, the Origin and CSRF checks on every POST,
 * and the headers every admin answer carries. */
#ifndef GAZETTE_ADMIN_AUTH_H
#define GAZETTE_ADMIN_AUTH_H

#include "session_store.h"

struct app;
struct request;
struct response;

#define SIGNIN_COOKIE	"gazette_signin"	/* the sign-in form's CSRF token */
#define CSRF_FIELD	"csrf_token"

/* The live session of REQ: 0 and *S, 1 when not signed in, -1 on error. */
int	admin_session(struct app *, const struct request *, struct session *s);
/* For a handler under /admin/: 0 when signed in (*S set); 1 when RESP now
 * redirects to the sign-in form (the handler returns 0); -1 on error. */
int	admin_require(struct app *, const struct request *, struct response *,
	    struct session *s);
/* For a state-changing POST: 0 when the Origin header (if any) is this
 * site and TOKEN is the session's CSRF token; else 403. */
int	admin_check_post(const struct request *, const struct session *,
	    const char *token);
/* 1 when REQ's Origin header is absent or names this site. */
int	admin_origin_ok(const struct request *);
/* 1 when NEXT is a path on this site that a redirect may go to: it starts
 * with one '/', holds no backslash, control byte or scheme trick. */
int	admin_next_ok(const char *next);
/* Sets cookie NAME=VALUE (HttpOnly, SameSite=Strict, Path=/, Secure over
 * https); MAX_AGE 0 deletes it, -1 makes a browser-session cookie. */
void	admin_set_cookie(struct response *, const struct request *,
	    const char *name, const char *value, long max_age);
/* Headers for every admin answer: never cached (and, like every
 * response, never framed: response_head). */
void	admin_private_headers(struct response *);

#endif
