/* session_store.c: session tokens, their stored hashes and the CSRF
 * tokens derived from them (see session_store.h). */
#include <sodium.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "log.h"
#include "session_store.h"
#include "store.h"

#define CSRF_CONTEXT	"gazette csrf v1"
/* How long recording a session's activity may wait for the write lock. */
#define SESSION_TOUCH_BUSY_MS	100

/* The raw token in COOKIE: 0, or -1 when it is not a well-formed token. */
static int
token_decode(const char *cookie, unsigned char raw[SESSION_TOKEN_BYTES])
{
	size_t len;

	if (cookie == NULL || strlen(cookie) != SESSION_TOKEN_CHARS)
		return -1;
	if (sodium_base642bin(raw, SESSION_TOKEN_BYTES, cookie, SESSION_TOKEN_CHARS,
	    NULL, &len, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != SESSION_TOKEN_BYTES)
		return -1;
	return 0;
}

static void
token_hash(const unsigned char raw[SESSION_TOKEN_BYTES], unsigned char out[32])
{
	crypto_generichash(out, 32, raw, SESSION_TOKEN_BYTES, NULL, 0);
}

static void
csrf_of(const unsigned char raw[SESSION_TOKEN_BYTES],
    char out[SESSION_TOKEN_CHARS + 1])
{
	unsigned char mac[32];

	crypto_generichash(mac, sizeof(mac), (const unsigned char *)CSRF_CONTEXT,
	    strlen(CSRF_CONTEXT), raw, SESSION_TOKEN_BYTES);
	sodium_bin2base64(out, SESSION_TOKEN_CHARS + 1, mac, sizeof(mac),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

static int
run_hash_stmt(struct store *s, enum stmt_id id, const unsigned char hash[32],
    const char *context)
{
	sqlite3_stmt *st = store_stmt(s, id);

	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	return store_run(s, st, context);
}

int
session_create(struct store *s, long long user_id, long long now,
    char cookie[SESSION_TOKEN_CHARS + 1])
{
	unsigned char raw[SESSION_TOKEN_BYTES], hash[32];
	sqlite3_stmt *st = store_stmt(s, STMT_SESSION_INSERT);

	randombytes_buf(raw, sizeof(raw));
	token_hash(raw, hash);
	sodium_bin2base64(cookie, SESSION_TOKEN_CHARS + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, now);
	return store_run(s, st, "session_create");
}

int
session_lookup(struct store *s, struct arena *a, const char *cookie,
    long long now, struct session *out)
{
	unsigned char raw[SESSION_TOKEN_BYTES];
	sqlite3_stmt *st;
	long long created, seen;
	int rc;

	if (token_decode(cookie, raw) != 0)
		return 1;
	token_hash(raw, out->token_hash);
	csrf_of(raw, out->csrf);
	sodium_memzero(raw, sizeof(raw));
	st = store_stmt(s, STMT_SESSION_GET);
	sqlite3_bind_blob(st, 1, out->token_hash, 32, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return 1;
		store_log_error(s, "session_lookup");
		return -1;
	}
	out->user_id = sqlite3_column_int64(st, 0);
	out->user_name = arena_strdup(a, (const char *)sqlite3_column_text(st, 1));
	created = sqlite3_column_int64(st, 2);
	seen = sqlite3_column_int64(st, 3);
	sqlite3_reset(st);
	if (out->user_name == NULL)
		return -1;
	if (now - seen > SESSION_IDLE_SECONDS || now - created > SESSION_MAX_SECONDS) {
		session_end(s, out);
		return 1;
	}
	if (now - seen >= 60) {
		sqlite3 *db = store_db(s);

		/* Only the idle expiry depends on it, and a minute later comes
		 * another try: a lock held elsewhere, or a full disk, must not
		 * cost the editor 5 s of waiting, let alone the request (and
		 * the text of a form being saved). */
		sqlite3_busy_timeout(db, SESSION_TOUCH_BUSY_MS);
		st = store_stmt(s, STMT_SESSION_TOUCH);
		sqlite3_bind_blob(st, 1, out->token_hash, 32, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, now);
		if (sqlite3_step(st) != SQLITE_DONE)
			log_warn("session of %s: its last activity was not recorded "
			    "(%s); carrying on", out->user_name, sqlite3_errmsg(db));
		sqlite3_reset(st);
		sqlite3_busy_timeout(db, DB_BUSY_TIMEOUT_MS);
	}
	return 0;
}

int
session_end(struct store *s, const struct session *sess)
{
	return run_hash_stmt(s, STMT_SESSION_DELETE, sess->token_hash, "session_end");
}

int
session_end_cookie(struct store *s, const char *cookie)
{
	unsigned char raw[SESSION_TOKEN_BYTES], hash[32];

	if (token_decode(cookie, raw) != 0)
		return 0;
	token_hash(raw, hash);
	sodium_memzero(raw, sizeof(raw));
	return run_hash_stmt(s, STMT_SESSION_DELETE, hash, "session_end_cookie");
}

int
session_purge(struct store *s, long long now)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SESSION_PURGE);

	sqlite3_bind_int64(st, 1, now - SESSION_IDLE_SECONDS);
	sqlite3_bind_int64(st, 2, now - SESSION_MAX_SECONDS);
	return store_run(s, st, "session_purge");
}

int
session_csrf_ok(const struct session *sess, const char *token)
{
	return token != NULL && strlen(token) == SESSION_TOKEN_CHARS &&
	    sodium_memcmp(token, sess->csrf, SESSION_TOKEN_CHARS) == 0;
}
