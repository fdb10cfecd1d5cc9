/* test_log.c: cgi/log.h, read back from standard error: the request line
 * and its fields, the request id (the web server's when it is safe, else
 * 32 random hex digits, and on every line until the request ends), the
 * escaping of what a request sent, and the cap on a line's length that
 * keeps the fields after a long path. syslog is tested for real by
 * tests/integration/test_observe.py. */
#include "unit.h"

#include <regex.h>

#include "log.h"

static int saved_fd = -1;
static FILE *capture_file;
static char captured[4 * LOG_LINE_MAX];

/* Sends standard error to a temporary file until captured_text. */
static void
capture(void)
{
	fflush(stderr);
	capture_file = tmpfile();
	assert_non_null(capture_file);
	saved_fd = dup(STDERR_FILENO);
	assert_true(saved_fd >= 0);
	assert_true(dup2(fileno(capture_file), STDERR_FILENO) >= 0);
}

/* What was written since capture, as a string. */
static const char *
captured_text(void)
{
	size_t n;

	assert_true(dup2(saved_fd, STDERR_FILENO) >= 0);
	close(saved_fd);
	rewind(capture_file);
	n = fread(captured, 1, sizeof(captured) - 1, capture_file);
	captured[n] = '\0';
	fclose(capture_file);
	return captured;
}

static void
assert_matches(const char *text, const char *pattern)
{
	regex_t re;
	int rc;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	rc = regexec(&re, text, 0, NULL, 0);
	regfree(&re);
	if (rc != 0)
		fail_msg("\"%s\" does not match /%s/", text, pattern);
}

#define STAMP	"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z " \
		"gazette\\[[0-9]+\\] "

static void
test_request_line(void **state)
{
	(void)state;
	capture();
	log_request_begin("6f1c0a9e2b7d4c3a8e5f1b2c3d4e5f60");
	log_request("GET", "/articles/", "page=2", 200, 1.234, LOG_CACHE_HIT);
	assert_matches(captured_text(), STAMP "request "
	    "id=6f1c0a9e2b7d4c3a8e5f1b2c3d4e5f60 method=GET "
	    "path=/articles/\\?page=2 status=200 ms=1\\.23 cache=hit\n$");

	capture();
	log_request_begin("x");
	log_request("POST", "/signin", "", 303, 80.5, LOG_CACHE_NONE);
	log_request_begin("y");
	log_request("HEAD", "/", NULL, 304, 0.004, LOG_CACHE_MISS);
	assert_matches(captured_text(), STAMP "request id=x method=POST "
	    "path=/signin status=303 ms=80\\.50 cache=-\n"
	    "[^\n]+ request id=y method=HEAD path=/ status=304 ms=0\\.00 "
	    "cache=miss\n$");
}

static void
test_ids(void **state)
{
	char first[LOG_ID_MAX + 1];
	char long_id[LOG_ID_MAX + 2];
	static const char *const refused[] = { "", "a b", "a\nb", "a\"b",
	    "id=x", "caf\xc3\xa9" };

	(void)state;
	log_request_begin(NULL);
	assert_matches(log_request_id(), "^[0-9a-f]{32}$");
	snprintf(first, sizeof(first), "%s", log_request_id());
	log_request_begin(NULL);
	assert_matches(log_request_id(), "^[0-9a-f]{32}$");
	assert_string_not_equal(log_request_id(), first);
	for (size_t i = 0; i < NELEM(refused); i++) {
		log_request_begin(refused[i]);
		assert_matches(log_request_id(), "^[0-9a-f]{32}$");
	}
	/* Apache's mod_unique_id and the longest id taken. */
	log_request_begin("YJ8@Zn8AAQEAAB-3fUMAAAAB");
	assert_string_equal(log_request_id(), "YJ8@Zn8AAQEAAB-3fUMAAAAB");
	memset(long_id, 'a', sizeof(long_id) - 1);
	long_id[LOG_ID_MAX] = '\0';
	log_request_begin(long_id);
	assert_string_equal(log_request_id(), long_id);
	long_id[LOG_ID_MAX] = 'a';
	long_id[LOG_ID_MAX + 1] = '\0';
	log_request_begin(long_id);
	assert_matches(log_request_id(), "^[0-9a-f]{32}$");
	/* The request's line ends it. */
	capture();
	log_request("GET", "/", NULL, 200, 1, LOG_CACHE_NONE);
	captured_text();
	assert_string_equal(log_request_id(), "");
}

static void
test_lines_carry_the_id(void **state)
{
	(void)state;
	capture();
	log_error("before %d", 1);
	log_request_begin("req-1");
	log_warn("failed sign-in for account %s", "bob");
	log_info("rejected request: %s", "bad");
	log_request("POST", "/signin", NULL, 403, 2, LOG_CACHE_NONE);
	log_error("after");
	assert_matches(captured_text(),
	    STAMP "error: before 1\n"
	    "[^\n]+ warning id=req-1: failed sign-in for account bob\n"
	    "[^\n]+ info id=req-1: rejected request: bad\n"
	    "[^\n]+ request id=req-1 method=POST path=/signin status=403 "
	    "ms=2\\.00 cache=-\n"
	    "[^\n]+ error: after\n$");
}

static void
test_escaping(void **state)
{
	const char *text;

	(void)state;
	capture();
	log_request_begin("e");
	/* A line break, ESC, a space, a backslash, a byte that is not
	 * UTF-8, a C1 control (CSI) in UTF-8, and Chinese, kept as it is. */
	log_request("GET", "/a\nFORGED b\\\x1b[31m\xff\xc2\x9b\xe4\xb8\xad\xe6\x96\x87",
	    "q=x y\r", 404, 1, LOG_CACHE_NONE);
	log_warn("name %s", "x\ny\x7f z");
	text = captured_text();
	assert_matches(text, STAMP "request id=e method=GET "
	    "path=/a\\\\x0aFORGED\\\\x20b\\\\x5c\\\\x1b\\[31m\\\\xff\\\\xc2\\\\x9b"
	    "\xe4\xb8\xad\xe6\x96\x87\\?q=x\\\\x20y\\\\x0d status=404 ms=1\\.00 "
	    "cache=-\n"
	    "[^\n]+ warning: name x\\\\x0ay\\\\x7f z\n$");
	/* Truncated UTF-8 at the end and overlong forms are escaped too. */
	capture();
	log_info("%s|%s|%s", "\xe4\xb8", "\xc0\xaf", "\xed\xa0\x80");
	assert_matches(captured_text(), STAMP "info: \\\\xe4\\\\xb8\\|"
	    "\\\\xc0\\\\xaf\\|\\\\xed\\\\xa0\\\\x80\n$");
}

static void
test_long_lines(void **state)
{
	static char path[3 * LOG_LINE_MAX], msg[3 * LOG_LINE_MAX];
	const char *text;

	(void)state;
	path[0] = '/';
	memset(path + 1, '\n', sizeof(path) - 2);
	capture();
	log_request_begin("long");
	log_request("GET", path, "q=1", 414, 3.5, LOG_CACHE_NONE);
	text = captured_text();
	/* One line, within the cap, with every field after the cut path. */
	assert_true(strlen(text) <= LOG_LINE_MAX);
	assert_ptr_equal(strchr(text, '\n'), text + strlen(text) - 1);
	assert_matches(text, STAMP "request id=long method=GET path=/(\\\\x0a)+"
	    "\\.\\.\\. status=414 ms=3\\.50 cache=-\n$");

	memset(msg, 'm', sizeof(msg) - 1);
	capture();
	log_error("%s", msg);
	text = captured_text();
	assert_true(strlen(text) <= LOG_LINE_MAX);
	assert_matches(text, STAMP "error: m+\\.\\.\\.\n$");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_line),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_lines_carry_the_id),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_long_lines),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
