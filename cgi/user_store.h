/* user_store.h: administrator accounts. Passwords are hashed with argon2id
 * (libsodium's crypto_pwhash_str, INTERACTIVE limits: ~80 ms and 64 MiB per
 * hash, which is why the worker pool size also bounds concurrent sign-ins).
 * Functions return 0 on success, 1 when the account does not exist (or,
 * for user_add, already exists), -1 on a database or hashing error (logged). */
#ifndef GAZETTE_USER_STORE_H
#define GAZETTE_USER_STORE_H

#include <stddef.h>

struct arena;
struct store;

#define USER_NAME_MAX		64
#define USER_PASSWORD_MIN	10	/* characters */
#define USER_PASSWORD_MAX	1024	/* bytes; argon2 does not need more */

struct user_info {
	const char	*name;
	long long	 created_at;
	long		 sessions;	/* open sessions */
};

/* Why NAME cannot be an account name (1 to 64 of A-Z a-z 0-9 . _ -), or
 * NULL when it can. */
const char	*user_name_problem(const char *name);
/* Why PASSWORD is refused (too short, too long, not UTF-8), or NULL. */
const char	*user_password_problem(const char *password);

int	user_add(struct store *, const char *name, const char *password);
/* 0 when the account NAME exists, 1 when not, -1 on error. */
int	user_exists(struct store *, const char *name);
/* Sets a new password and ends every session of the account. */
int	user_set_password(struct store *, const char *name, const char *password);
/* Removes the account; its sessions end with it. */
int	user_delete(struct store *, const char *name);
int	user_list(struct store *, struct arena *, struct user_info **users,
	    size_t *n);
/* Checks PASSWORD for NAME in constant time, spending the same work when
 * NAME does not exist. 0 and *USER_ID when right, 1 when wrong (either
 * part), -1 on error. Upgrades the stored hash when libsodium's limits
 * have grown since it was made. */
int	user_verify(struct store *, const char *name, const char *password,
	    long long *user_id);

#endif
