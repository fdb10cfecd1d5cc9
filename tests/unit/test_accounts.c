/* test_accounts.c: user_store.h, session_store.h, signin_throttle.h and
 * audit_log.h on an in-memory database: password rules and argon2id
 * verification, sessions (tokens, hashes stored, CSRF binding, idle and
 * absolute expiry, rotation), failure counting and blocking, the audit log. */
#include "unit.h"

#include <sodium.h>

#include "arena.h"
#include "audit_log.h"
#include "session_store.h"
#include "signin_throttle.h"
#include "store.h"
#include "user_store.h"

static void
exec(sqlite3 *db, const char *sql)
{
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void
test_name_and_password_rules(void **state)
{
	static const char *const good_names[] = { "alice", "a", "Bob.Smith_2-x" };
	static const char *const bad_names[] = { "", "a b", "ali/ce", "élise",
	    "x'--", "0123456789012345678901234567890123456789012345678901234567890123456789" };

	(void)state;
	for (size_t i = 0; i < NELEM(good_names); i++)
		assert_null(user_name_problem(good_names[i]));
	for (size_t i = 0; i < NELEM(bad_names); i++)
		assert_non_null(user_name_problem(bad_names[i]));
	assert_non_null(user_password_problem("short"));
	assert_non_null(user_password_problem("123456789"));	/* 9 */
	assert_null(user_password_problem("1234567890"));
	/* Ten characters, thirty bytes: counted as characters. */
	assert_null(user_password_problem("一二三四五六七八九十"));
	assert_non_null(user_password_problem("一二三四五六七八九"));
	assert_non_null(user_password_problem("\xff\xfe invalid utf8"));
}

static void
test_add_verify_passwd_delete(void **state)
{
	struct store_fixture *f = *state;
	long long id = 0, id2 = 0;
	char cookie[SESSION_TOKEN_CHARS + 1];
	struct user_info *u;
	size_t n;

	assert_int_equal(user_add(f->st, "alice", "correct horse battery"), 0);
	assert_int_equal(user_add(f->st, "alice", "another password"), 1);
	/* Only an argon2id hash is stored, never the password. */
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM user WHERE "
	    "pw_hash LIKE '$argon2id$%' AND pw_hash NOT LIKE '%correct%'"), 1);
	assert_int_equal(user_verify(f->st, "alice", "correct horse battery", &id), 0);
	assert_true(id > 0);
	assert_int_equal(user_verify(f->st, "alice", "correct horse batterY", &id2), 1);
	assert_int_equal(user_verify(f->st, "nobody", "correct horse battery", &id2), 1);
	assert_int_equal(user_verify(f->st, "bad name!", "x", &id2), 1);

	assert_int_equal(session_create(f->st, id, 1000, cookie), 0);
	assert_int_equal(user_list(f->st, &f->a, &u, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(u[0].name, "alice");
	assert_int_equal(u[0].sessions, 1);
	/* A new password ends every session of the account. */
	assert_int_equal(user_set_password(f->st, "alice", "a new long password"), 0);
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM session"), 0);
	assert_int_equal(user_verify(f->st, "alice", "correct horse battery", &id2), 1);
	assert_int_equal(user_verify(f->st, "alice", "a new long password", &id2), 0);
	assert_int_equal(user_set_password(f->st, "nobody", "a new long password"), 1);
	/* Deleting an account ends its sessions too (ON DELETE CASCADE). */
	assert_int_equal(session_create(f->st, id, 1000, cookie), 0);
	assert_int_equal(user_delete(f->st, "alice"), 0);
	assert_int_equal(user_delete(f->st, "alice"), 1);
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM session"), 0);
}

static void
test_sessions(void **state)
{
	struct store_fixture *f = *state;
	char c1[SESSION_TOKEN_CHARS + 1], c2[SESSION_TOKEN_CHARS + 1];
	struct session s1, s2;
	long long id;
	const long long t0 = 1700000000;

	assert_int_equal(user_add(f->st, "alice", "correct horse battery"), 0);
	assert_int_equal(user_verify(f->st, "alice", "correct horse battery", &id), 0);
	assert_int_equal(session_create(f->st, id, t0, c1), 0);
	assert_int_equal(session_create(f->st, id, t0, c2), 0);
	assert_int_equal(strlen(c1), SESSION_TOKEN_CHARS);
	assert_string_not_equal(c1, c2);
	/* The database holds the hash of the token, never the token. */
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM session WHERE "
	    "length(token_hash) = 32"), 2);

	assert_int_equal(session_lookup(f->st, &f->a, c1, t0 + 5, &s1), 0);
	assert_string_equal(s1.user_name, "alice");
	assert_int_equal(s1.user_id, id);
	assert_int_equal(session_lookup(f->st, &f->a, c2, t0 + 5, &s2), 0);
	/* Each session has its own CSRF token, stable across requests. */
	assert_string_not_equal(s1.csrf, s2.csrf);
	assert_true(session_csrf_ok(&s1, s1.csrf));
	assert_false(session_csrf_ok(&s1, s2.csrf));
	assert_false(session_csrf_ok(&s1, NULL));
	assert_false(session_csrf_ok(&s1, ""));
	assert_false(session_csrf_ok(&s1, c1));	/* the cookie is not the token */

	/* Malformed or unknown cookies find nothing. */
	assert_int_equal(session_lookup(f->st, &f->a, "", t0, &s2), 1);
	assert_int_equal(session_lookup(f->st, &f->a, "short", t0, &s2), 1);
	assert_int_equal(session_lookup(f->st, &f->a,
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", t0, &s2), 1);
	assert_int_equal(session_lookup(f->st, &f->a,
	    "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", t0, &s2), 1);

	/* Idle expiry: use keeps it alive (touched at most once a minute). */
	assert_int_equal(session_lookup(f->st, &f->a, c1,
	    t0 + SESSION_IDLE_SECONDS - 10, &s1), 0);
	assert_int_equal(session_lookup(f->st, &f->a, c1,
	    t0 + 2 * SESSION_IDLE_SECONDS - 20, &s1), 0);
	/* c2 was not used since t0 + 5: expired and deleted. */
	assert_int_equal(session_lookup(f->st, &f->a, c2,
	    t0 + SESSION_IDLE_SECONDS + 6, &s2), 1);
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM session"), 1);
	/* Absolute expiry, however recent the last request. */
	for (long long t = t0 + 3 * SESSION_IDLE_SECONDS / 2;
	    t < t0 + SESSION_MAX_SECONDS; t += SESSION_IDLE_SECONDS / 2)
		assert_int_equal(session_lookup(f->st, &f->a, c1, t, &s1), 0);
	assert_int_equal(session_lookup(f->st, &f->a, c1,
	    t0 + SESSION_MAX_SECONDS + 1, &s1), 1);
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM session"), 0);

	/* Ending by cookie (rotation at sign-in) and by session (sign-out). */
	assert_int_equal(session_create(f->st, id, t0, c1), 0);
	assert_int_equal(session_end_cookie(f->st, "not a token"), 0);
	assert_int_equal(session_end_cookie(f->st, c1), 0);
	assert_int_equal(session_lookup(f->st, &f->a, c1, t0 + 1, &s1), 1);
	assert_int_equal(session_create(f->st, id, t0, c1), 0);
	assert_int_equal(session_lookup(f->st, &f->a, c1, t0 + 1, &s1), 0);
	assert_int_equal(session_end(f->st, &s1), 0);
	assert_int_equal(session_lookup(f->st, &f->a, c1, t0 + 2, &s1), 1);

	/* Purge drops only expired sessions. */
	assert_int_equal(session_create(f->st, id, t0, c1), 0);
	assert_int_equal(session_create(f->st, id, t0 + SESSION_IDLE_SECONDS, c2), 0);
	assert_int_equal(session_purge(f->st, t0 + SESSION_IDLE_SECONDS + 1), 0);
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM session"), 1);
	assert_int_equal(session_lookup(f->st, &f->a, c2,
	    t0 + SESSION_IDLE_SECONDS + 2, &s2), 0);
}

static void
test_throttle(void **state)
{
	struct store_fixture *f = *state;
	const long long t0 = 1700000000;
	long wait = 0;
	int i;

	/* Per account: the limit-th failure in a window blocks the name
	 * everywhere, for THROTTLE_BLOCK_SECONDS. */
	for (i = 0; i < THROTTLE_USER_FAILURES - 1; i++) {
		assert_int_equal(throttle_check(f->st, "alice", "10.0.0.1", t0 + i, &wait), 0);
		assert_int_equal(throttle_failure(f->st, "alice", "10.0.0.1", t0 + i), 0);
	}
	assert_int_equal(throttle_check(f->st, "alice", "10.0.0.9", t0 + i, &wait), 0);
	assert_int_equal(throttle_failure(f->st, "alice", "10.0.0.1", t0 + i), 0);
	assert_int_equal(throttle_check(f->st, "alice", "10.0.0.9", t0 + i, &wait), 1);
	assert_int_equal(wait, THROTTLE_BLOCK_SECONDS);
	assert_int_equal(throttle_check(f->st, "bob", "10.0.0.9", t0 + i, &wait), 0);
	assert_int_equal(throttle_check(f->st, "alice", "10.0.0.9",
	    t0 + i + THROTTLE_BLOCK_SECONDS - 1, &wait), 1);
	assert_int_equal(wait, 1);
	assert_int_equal(throttle_check(f->st, "alice", "10.0.0.9",
	    t0 + i + THROTTLE_BLOCK_SECONDS, &wait), 0);

	/* Failures spread wider than the window never block. */
	for (i = 0; i < 3 * THROTTLE_USER_FAILURES; i++) {
		long long t = t0 + 100000 + (long long)i * (THROTTLE_WINDOW_SECONDS / 2 + 1);

		assert_int_equal(throttle_check(f->st, "carol", "10.0.1.1", t, &wait), 0);
		assert_int_equal(throttle_failure(f->st, "carol", "10.0.1.1", t), 0);
	}

	/* A success clears the account's count, not the address's. */
	for (i = 0; i < THROTTLE_USER_FAILURES - 1; i++)
		assert_int_equal(throttle_failure(f->st, "dave", "10.0.2.1", t0 + 200000), 0);
	assert_int_equal(throttle_success(f->st, "dave"), 0);
	assert_int_equal(throttle_failure(f->st, "dave", "10.0.2.1", t0 + 200000), 0);
	assert_int_equal(throttle_check(f->st, "dave", "10.0.2.2", t0 + 200000, &wait), 0);

	/* Per address: many names from one address. */
	for (i = 0; i < THROTTLE_ADDR_FAILURES; i++) {
		char name[24];

		snprintf(name, sizeof(name), "guess%d", i);
		assert_int_equal(throttle_failure(f->st, name, "10.0.3.1", t0 + 300000), 0);
	}
	assert_int_equal(throttle_check(f->st, "anyone", "10.0.3.1", t0 + 300000, &wait), 1);
	assert_int_equal(throttle_check(f->st, "anyone", "10.0.3.2", t0 + 300000, &wait), 0);
	/* Old, unblocked keys are purged as new failures come in. */
	assert_int_equal(throttle_failure(f->st, "x", "10.0.4.1",
	    t0 + 300000 + THROTTLE_WINDOW_SECONDS + THROTTLE_BLOCK_SECONDS + 1), 0);
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM signin_failure"), 2);
}

static void
test_audit_log(void **state)
{
	struct store_fixture *f = *state;
	struct audit_entry *e;
	size_t n;

	assert_int_equal(audit_recent(f->st, &f->a, 10, &e, &n), 0);
	assert_int_equal(n, 0);
	for (int i = 0; i < 12; i++)
		assert_int_equal(audit_record(f->st, 100 + i, "alice",
		    i % 2 ? "updated" : "published", i + 1, "'); DROP TABLE article;--"), 0);
	assert_int_equal(audit_record(f->st, 200, "bob", "signed in", 0, NULL), 0);
	assert_int_equal(audit_recent(f->st, &f->a, 5, &e, &n), 0);
	assert_int_equal(n, 5);
	assert_string_equal(e[0].user_name, "bob");
	assert_string_equal(e[0].action, "signed in");
	assert_int_equal(e[0].article_id, 0);
	assert_string_equal(e[0].detail, "");
	assert_string_equal(e[1].detail, "'); DROP TABLE article;--");
	assert_int_equal(e[1].article_id, 12);
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM article"), 0);
	/* The record outlives the account. */
	exec(f->db, "DELETE FROM user");
	assert_int_equal(unit_db_int(f->db, "SELECT count(*) FROM audit_log"), 13);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_and_password_rules),
		cmocka_unit_test_setup_teardown(test_add_verify_passwd_delete, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_sessions, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_throttle, unit_store_setup, unit_store_teardown),
		cmocka_unit_test_setup_teardown(test_audit_log, unit_store_setup, unit_store_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
