/* signin_throttle.h: slowing down password guessing. Failed sign-ins are
 * counted per account name and per client address over a window; a key
 * past its limit is refused (429 with Retry-After) until its block ends,
 * before any password is checked. A success clears the account's count,
 * not the address's, so one right password does not buy more guesses at
 * other accounts. */
#ifndef GAZETTE_SIGNIN_THROTTLE_H
#define GAZETTE_SIGNIN_THROTTLE_H

struct store;

#define THROTTLE_WINDOW_SECONDS	(15 * 60)
#define THROTTLE_BLOCK_SECONDS	(15 * 60)
#define THROTTLE_USER_FAILURES	5	/* per account name per window */
#define THROTTLE_ADDR_FAILURES	20	/* per client address per window */

/* 0 when USER may try from ADDR now; 1 when blocked, with *RETRY_AFTER
 * seconds to wait; -1 on a database error. */
int	throttle_check(struct store *, const char *user, const char *addr,
	    long long now, long *retry_after);
/* Counts one failed sign-in; must run inside a write transaction. */
int	throttle_failure(struct store *, const char *user, const char *addr,
	    long long now);
/* Forgets the failures of USER after a successful sign-in. */
int	throttle_success(struct store *, const char *user);

#endif
