/* test_config.c: cgi/config.h. A whole file with every key, then each
 * kind of problem with the line it must name (unknown and repeated keys,
 * relative paths, numbers and sizes out of range, languages, URLs, text
 * that is not UTF-8, long lines, NUL bytes, an over-long file), a report
 * buffer too small for the problems, and how the paths are resolved. */
#include "unit.h"

#include "config.h"
#include "form_body.h"

static char errs[4096];

/* Parses TEXT over the defaults into C; returns the problem count. */
static int
parse(struct config *c, const char *text)
{
	config_defaults(c);
	return config_parse(c, "t.conf", text, strlen(text), errs, sizeof(errs));
}

static void
test_defaults(void **state)
{
	struct config c;

	(void)state;
	config_defaults(&c);
	config_resolve(&c);
	assert_string_equal(c.state_dir, ".");
	assert_string_equal(c.db, "gazette.db");
	assert_string_equal(c.media, "./media");
	assert_int_equal(c.workers, 0);
	assert_int_equal(c.page_cache, 1);
	assert_int_equal(c.log, CONFIG_LOG_STDERR);
	assert_int_equal(c.nlanguages, 2);
	assert_int_equal(c.languages[0], LANG_EN);
	assert_int_equal(c.upload_max, FORM_FILE_MAX);
	assert_int_equal(c.set, 0);
	assert_string_equal(c.site_name, "");
}

static void
test_every_key(void **state)
{
	struct config c;
	const char *text =
	    "# gazette\n"
	    "\n"
	    "state_dir = /var/lib/gazette\n"
	    "  db=/srv/g/site.db  \n"
	    "media\t=\t/srv/g/photos\n"
	    "templates = /usr/share/gazette/templates\n"
	    "listen = /run/gazette/gazette.sock\n"
	    "workers = 4\n"
	    "user = gazette\n"
	    "page_cache = off\n"
	    "log = syslog\n"
	    "site_name = 高新医学会 Party Branch\n"
	    "site_url = https://news.example.org/\n"
	    "icp_number = 蜀ICP备12345678号\n"
	    "languages = zh-CN, en\n"
	    "upload_max = 2M\n";

	(void)state;
	assert_int_equal(parse(&c, text), 0);
	assert_string_equal(errs, "");
	assert_string_equal(c.state_dir, "/var/lib/gazette");
	assert_string_equal(c.db, "/srv/g/site.db");
	assert_string_equal(c.media, "/srv/g/photos");
	assert_string_equal(c.templates, "/usr/share/gazette/templates");
	assert_string_equal(c.listen, "/run/gazette/gazette.sock");
	assert_int_equal(c.workers, 4);
	assert_string_equal(c.user, "gazette");
	assert_int_equal(c.page_cache, 0);
	assert_int_equal(c.log, CONFIG_LOG_SYSLOG);
	assert_string_equal(c.site_name, "高新医学会 Party Branch");
	assert_string_equal(c.site_url, "https://news.example.org");
	assert_string_equal(c.icp_number, "蜀ICP备12345678号");
	assert_int_equal(c.nlanguages, 2);
	assert_int_equal(c.languages[0], LANG_ZH_CN);
	assert_int_equal(c.languages[1], LANG_EN);
	assert_int_equal(c.upload_max, 2L * 1024 * 1024);
	assert_int_equal(c.set, CONFIG_SET_SITE_NAME | CONFIG_SET_SITE_URL |
	    CONFIG_SET_ICP_NUMBER | CONFIG_SET_DB | CONFIG_SET_MEDIA);
	/* Set paths stay as they are. */
	config_resolve(&c);
	assert_string_equal(c.db, "/srv/g/site.db");
	assert_string_equal(c.media, "/srv/g/photos");
}

struct bad_case {
	const char	*text;
	const char	*want;		/* the one problem line */
};

static const struct bad_case bad_cases[] = {
	{ "colour = blue\n", "t.conf:1: unknown key 'colour'" },
	{ "# a\nworkers = 2\nworkers = 3\n",
	    "t.conf:3: workers is set twice (first on line 2)" },
	{ "state_dir = var/lib\n", "t.conf:1: state_dir: 'var/lib' is not an absolute path" },
	{ "db = gazette.db\n", "t.conf:1: db: 'gazette.db' is not an absolute path" },
	{ "media = ./m\n", "t.conf:1: media: './m' is not an absolute path" },
	{ "templates =\n", "t.conf:1: templates: '' is not an absolute path" },
	{ "workers = 0\n", "t.conf:1: workers: '0' is not a number from 1 to 64" },
	{ "workers = 65\n", "t.conf:1: workers: '65' is not a number from 1 to 64" },
	{ "workers = two\n", "t.conf:1: workers: 'two' is not a number" },
	{ "workers = 2x\n", "t.conf:1: workers: '2x' is not a number" },
	{ "workers = 99999999999999999999\n", "t.conf:1: workers: '99999999999999999999' is not a number" },
	{ "upload_max = 1K\n", "t.conf:1: upload_max: '1K' is not a number from 16384" },
	{ "upload_max = 9M\n", "t.conf:1: upload_max: '9M' is not a number from 16384 to 8388608" },
	{ "upload_max = -5\n", "t.conf:1: upload_max: '-5' is not a number" },
	{ "upload_max = 1G\n", "t.conf:1: upload_max: '1G' is not a number" },
	{ "languages = fr\n", "t.conf:1: languages: 'fr' is not a language gazette has" },
	{ "languages = en en\n", "t.conf:1: languages: 'en' is named twice" },
	{ "languages = ,\n", "t.conf:1: languages: name at least one" },
	{ "languages = zh\n", "t.conf:1: languages: 'zh' is not a language" },
	{ "site_url = ftp://x\n", "t.conf:1: site_url: 'ftp://x' must start with https://" },
	{ "site_url = https://\n", "t.conf:1: site_url: 'https://' names no host" },
	{ "site_url = https://x.org/?a=1\n", "t.conf:1: site_url: 'https://x.org/?a=1' may not hold '?'" },
	{ "site_url = https://x.org/a b\n", "t.conf:1: site_url: 'https://x.org/a b' may not hold ' '" },
	{ "site_url = https://x.org/\"><script>\n", "t.conf:1: site_url: " },
	{ "site_name =\n", "t.conf:1: site_name: empty" },
	{ "site_name = \xff\xfe\n", "t.conf:1: site_name: not valid UTF-8" },
	{ "icp_number = a\x01z\n", "t.conf:1: icp_number: not valid UTF-8" },
	{ "listen = gazette.sock\n", "t.conf:1: listen: 'gazette.sock' is neither" },
	{ "listen = 127.0.0.1:0\n", "t.conf:1: listen: '127.0.0.1:0' has no port" },
	{ "listen = 127.0.0.1:70000\n", "t.conf:1: listen: '127.0.0.1:70000' has no port" },
	{ "listen = :80\n", "t.conf:1: listen: ':80' is neither" },
	{ "user = Root Admin\n", "t.conf:1: user: 'Root Admin' is not a user name" },
	{ "user = -x\n", "t.conf:1: user: '-x' is not a user name" },
	{ "page_cache = maybe\n", "t.conf:1: page_cache: 'maybe' is neither on nor off" },
	{ "log = journal\n", "t.conf:1: log: 'journal' is neither stderr nor syslog" },
	{ "\n\nworkers 4\n", "t.conf:3: expected 'key = value', found 'workers 4'" },
	{ "= 4\n", "t.conf:1: unknown key ''" },
};

static void
test_bad_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		struct config c;
		int n = parse(&c, bad_cases[i].text);

		if (n != 1 || strncmp(errs, bad_cases[i].want,
		    strlen(bad_cases[i].want)) != 0)
			fail_msg("case %zu: %s: got %d problems: %s", i,
			    bad_cases[i].text, n, errs);
		/* One line, ended. */
		assert_int_equal(strchr(errs, '\n') - errs + 1, (long)strlen(errs));
	}
}

/* A problem leaves the key's value as it was; the other keys are read. */
static void
test_problem_keeps_default(void **state)
{
	struct config c;

	(void)state;
	assert_int_equal(parse(&c, "workers = 0\nlog = syslog\nbogus = 1\n"), 2);
	assert_int_equal(c.workers, 0);
	assert_int_equal(c.log, CONFIG_LOG_SYSLOG);
	assert_non_null(strstr(errs, "t.conf:1: workers"));
	assert_non_null(strstr(errs, "t.conf:3: unknown key 'bogus'"));
}

static void
test_line_ends_and_sizes(void **state)
{
	struct config c;
	static char big[CONFIG_FILE_MAX + 2];
	static char longline[8000];
	const char nul[] = "workers = 2\nlog = std\0err\n";

	(void)state;
	/* CRLF, no final newline, comment lines with leading space. */
	assert_int_equal(parse(&c, "  # note\r\nworkers = 3\r\nlog = syslog"), 0);
	assert_int_equal(c.workers, 3);
	assert_int_equal(c.log, CONFIG_LOG_SYSLOG);
	/* A NUL byte in a line is refused, not read as the line's end. */
	config_defaults(&c);
	assert_int_equal(config_parse(&c, "t.conf", nul, sizeof(nul) - 1, errs,
	    sizeof(errs)), 1);
	assert_non_null(strstr(errs, "t.conf:2: a NUL byte"));
	/* A line past the limit is refused whole; the next is read. */
	memset(longline, 'a', sizeof(longline));
	memcpy(longline, "site_name = ", 12);
	memcpy(longline + sizeof(longline) - 14, "\nworkers = 5\n", 14);
	assert_int_equal(parse(&c, longline), 1);
	assert_non_null(strstr(errs, "t.conf:1: line longer than"));
	assert_int_equal(c.workers, 5);
	assert_string_equal(c.site_name, "");
	/* A value over its field's size. */
	memset(longline, 'b', 300);
	memcpy(longline, "site_name = ", 12);
	longline[300] = '\0';
	assert_int_equal(parse(&c, longline), 1);
	assert_non_null(strstr(errs, "site_name: longer than 200 bytes"));
	/* A file over the limit is refused without reading it. */
	memset(big, '#', sizeof(big));
	config_defaults(&c);
	assert_int_equal(config_parse(&c, "t.conf", big, sizeof(big), errs,
	    sizeof(errs)), 1);
	assert_non_null(strstr(errs, "the file is over"));
}

/* Problems past the report's room are counted, never written past it. */
static void
test_small_report(void **state)
{
	struct config c;
	char small[40];
	const char *text = "a = 1\nb = 2\nc = 3\nd = 4\n";

	(void)state;
	memset(small, 'x', sizeof(small));
	config_defaults(&c);
	assert_int_equal(config_parse(&c, "t.conf", text, strlen(text), small,
	    sizeof(small) - 8), 4);
	assert_true(strlen(small) < sizeof(small) - 8);
	assert_int_equal(small[sizeof(small) - 1], 'x');
	assert_int_equal(config_parse(&c, "t.conf", text, strlen(text), NULL, 0), 4);
}

static void
test_resolve(void **state)
{
	struct config c;

	(void)state;
	assert_int_equal(parse(&c, "state_dir = /var/lib/gazette\n"), 0);
	config_resolve(&c);
	assert_string_equal(c.db, "/var/lib/gazette/gazette.db");
	assert_string_equal(c.media, "/var/lib/gazette/media");
	/* A database named alone takes its media folder beside it. */
	assert_int_equal(parse(&c, "state_dir = /var/lib/gazette\n"
	    "db = /srv/site/news.db\n"), 0);
	config_resolve(&c);
	assert_string_equal(c.db, "/srv/site/news.db");
	assert_string_equal(c.media, "/srv/site/media");
	/* HOST:PORT listeners and a megabyte-free size. */
	assert_int_equal(parse(&c, "listen = 127.0.0.1:9000\nupload_max = 500K\n"), 0);
	assert_string_equal(c.listen, "127.0.0.1:9000");
	assert_int_equal(c.upload_max, 500L * 1024);
	assert_string_equal(config_log_name(CONFIG_LOG_SYSLOG), "syslog");
	assert_string_equal(config_log_name(CONFIG_LOG_STDERR), "stderr");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_bad_table),
		cmocka_unit_test(test_problem_keeps_default),
		cmocka_unit_test(test_line_ends_and_sizes),
		cmocka_unit_test(test_small_report),
		cmocka_unit_test(test_resolve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
