/* session_store.h: signed-in sessions and the CSRF tokens bound to them.
 *
 * The cookie carries a random 256-bit token (URL-safe base64, 43
 * characters). The database keeps only its BLAKE2b hash. The CSRF token of
 * a session is a keyed hash of the same token, so it can be recomputed on
 * every request and is worthless without the cookie. Expiry is both idle
 * (no request for SESSION_IDLE_SECONDS) and absolute (SESSION_MAX_SECONDS
 * after sign-in, whatever the activity). */
#ifndef GAZETTE_SESSION_STORE_H
#define GAZETTE_SESSION_STORE_H

#include <stddef.h>

struct arena;
struct store;

#define SESSION_TOKEN_BYTES	32
#define SESSION_TOKEN_CHARS	43	/* base64url without padding */
#define SESSION_IDLE_SECONDS	(2 * 60 * 60)
#define SESSION_MAX_SECONDS	(12 * 60 * 60)
#define SESSION_COOKIE		"gazette_session"

struct session {
	long long	 user_id;
	const char	*user_name;			/* in the arena */
	unsigned char	 token_hash[32];
	char		 csrf[SESSION_TOKEN_CHARS + 1];	/* for forms */
};

/* Opens a session for USER_ID; COOKIE receives the token to send. 0 or -1. */
int	session_create(struct store *, long long user_id, long long now,
	    char cookie[SESSION_TOKEN_CHARS + 1]);
/* The live session whose token is COOKIE: 0 and *OUT, 1 when there is
 * none (malformed, unknown or expired; an expired one is deleted), -1 on
 * a database error. Refreshes the idle clock (at most once a minute, to
 * spare the database a write on every page). */
int	session_lookup(struct store *, struct arena *, const char *cookie,
	    long long now, struct session *out);
/* Ends the session (sign-out); 0 or -1. */
int	session_end(struct store *, const struct session *);
/* Ends the session whose token is COOKIE, if any (sign-in rotation). */
int	session_end_cookie(struct store *, const char *cookie);
/* Deletes every expired session; 0 or -1. */
int	session_purge(struct store *, long long now);
/* 1 when TOKEN is the CSRF token of S, compared in constant time. */
int	session_csrf_ok(const struct session *, const char *token);

#endif
