/* user_store.c: administrator accounts and their argon2id password hashes
 * (see user_store.h). */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "log.h"
#include "store.h"
#include "urlencoded.h"
#include "user_store.h"

const char *
user_name_problem(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > USER_NAME_MAX)
		return "an account name has 1 to 64 characters";
	if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") != n)
		return "an account name may hold only letters A-Z and a-z, "
		    "digits, '.', '_' and '-'";
	return NULL;
}

const char *
user_password_problem(const char *pw)
{
	size_t len = strlen(pw);

	if (!utf8_valid(pw, len))
		return "the password is not valid UTF-8 text";
	if (len > USER_PASSWORD_MAX)
		return "the password is longer than 1024 bytes";
	/* Characters, not bytes: ten Chinese characters are as long a
	 * password as ten English letters. */
	if (utf8_chars(pw) < USER_PASSWORD_MIN)
		return "the password is too short: use at least 10 characters "
		    "(a few unrelated words make a good one)";
	return NULL;
}

static int
hash_password(const char *pw, char out[crypto_pwhash_STRBYTES])
{
	if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		log_error("hashing a password failed: out of memory "
		    "(argon2id needs 64 MiB per hash)");
		return -1;
	}
	return 0;
}

int
user_add(struct store *s, const char *name, const char *pw)
{
	char hash[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st;
	int rc;

	if (hash_password(pw, hash) != 0)
		return -1;
	st = store_stmt(s, STMT_USER_INSERT);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sodium_memzero(hash, sizeof(hash));
	if (rc == SQLITE_CONSTRAINT_UNIQUE)	/* the name is taken */
		return 1;
	if (rc != SQLITE_DONE) {
		store_log_error(s, "user_add");
		return -1;
	}
	return 0;
}

/* The id and stored hash of NAME: 0, 1 (no such account) or -1. */
static int
user_lookup(struct store *s, const char *name, long long *id,
    char hash[crypto_pwhash_STRBYTES])
{
	sqlite3_stmt *st = store_stmt(s, STMT_USER_BY_NAME);
	int rc, ret = 1;

	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 1);

		*id = sqlite3_column_int64(st, 0);
		if (h != NULL && strlen(h) < crypto_pwhash_STRBYTES) {
			strcpy(hash, h);
			ret = 0;
		} else {
			log_error("the password hash of account %s is damaged; "
			    "set a new one with `gazette passwd %s`", name, name);
			ret = -1;
		}
	} else if (rc != SQLITE_DONE) {
		store_log_error(s, "user_lookup");
		ret = -1;
	}
	sqlite3_reset(st);
	return ret;
}

int
user_exists(struct store *s, const char *name)
{
	char hash[crypto_pwhash_STRBYTES];
	long long id;

	return user_lookup(s, name, &id, hash);
}

static int
store_hash(struct store *s, long long id, const char *hash)
{
	sqlite3_stmt *st = store_stmt(s, STMT_USER_SET_PASSWORD);

	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, hash, -1, SQLITE_STATIC);
	return store_run(s, st, "user_set_password");
}

int
user_set_password(struct store *s, const char *name, const char *pw)
{
	char hash[crypto_pwhash_STRBYTES], old[crypto_pwhash_STRBYTES];
	sqlite3_stmt *st;
	long long id;
	int rc;

	if ((rc = user_lookup(s, name, &id, old)) != 0)
		return rc;
	if (hash_password(pw, hash) != 0 || store_hash(s, id, hash) != 0)
		return -1;
	sodium_memzero(hash, sizeof(hash));
	/* A new password is often a reaction to a leak: end every session. */
	st = store_stmt(s, STMT_SESSION_DELETE_USER);
	sqlite3_bind_int64(st, 1, id);
	return store_run(s, st, "user_set_password: ending sessions");
}

int
user_delete(struct store *s, const char *name)
{
	sqlite3_stmt *st = store_stmt(s, STMT_USER_DELETE);

	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (store_run(s, st, "user_delete") != 0)
		return -1;
	return sqlite3_changes(store_db(s)) > 0 ? 0 : 1;
}

int
user_list(struct store *s, struct arena *a, struct user_info **users, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_USER_LIST);
	struct user_info *out = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			struct user_info *bigger;

			cap = cap ? cap * 2 : 16;
			if ((bigger = arena_alloc(a, cap * sizeof(*bigger))) == NULL)
				break;
			if (*n > 0)
				memcpy(bigger, out, *n * sizeof(*out));
			out = bigger;
		}
		out[*n].name = arena_strdup(a, (const char *)sqlite3_column_text(st, 0));
		out[*n].created_at = sqlite3_column_int64(st, 1);
		out[*n].sessions = (long)sqlite3_column_int64(st, 2);
		if (out[*n].name == NULL)
			break;
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_log_error(s, "user_list");
		return -1;
	}
	*users = out;
	return 0;
}

/* What a wrong account name is checked against, so that it costs the
 * same argon2id work as a wrong password and does not tell which accounts
 * exist. A fixed string, made once with crypto_pwhash_str and INTERACTIVE
 * limits from a random password nobody kept, so that not even the first
 * check in a process costs more than the others. If libsodium's limits
 * grow, regenerate it with `gazette adduser` on a scratch database. */
static const char decoy_hash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$GoMDG3ntAbwml7UYOBZwAw$"
    "N3O4QBMTbk6c2VXeHDcFwGOQi+8CeoQK+/Vaiqu4krA";

int
user_verify(struct store *s, const char *name, const char *pw, long long *user_id)
{
	char hash[crypto_pwhash_STRBYTES], fresh[crypto_pwhash_STRBYTES];
	long long id = 0;
	int rc;

	rc = user_name_problem(name) == NULL ? user_lookup(s, name, &id, hash) : 1;
	if (rc < 0)
		return -1;
	if (rc == 1) {
		/* The result does not matter, only the time it takes. */
		if (crypto_pwhash_str_verify(decoy_hash, pw, strlen(pw)) == 0)
			return 1;
		return 1;
	}
	if (crypto_pwhash_str_verify(hash, pw, strlen(pw)) != 0)
		return 1;
	if (crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0 &&
	    hash_password(pw, fresh) == 0) {
		/* Not fatal: the old hash still works. */
		if (store_hash(s, id, fresh) == 0)
			log_info("upgraded the password hash of account %s", name);
	}
	*user_id = id;
	return 0;
}
