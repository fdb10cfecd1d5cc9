/* fuzz_config.c: libFuzzer target for cgi/config.h. The config file is
 * the operator's, but a broken one must still be told, never crash the
 * server. Feeds arbitrary bytes to config_parse and checks: the report is
 * NUL-terminated inside its buffer and has a "fuzz.conf:LINE: " line per
 * problem it has room for; no problems means an empty report; every value
 * kept is within its limits (absolute paths, workers and upload_max in
 * range, languages known and distinct, texts without control bytes, a
 * site URL with no trailing slash); parsing the same bytes twice agrees. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "form_body.h"
#include "prefork.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
check_text(const char *s, size_t size)
{
	CHECK(memchr(s, '\0', size) != NULL);
	for (; *s != '\0'; s++)
		CHECK((unsigned char)*s >= 0x20 && *s != 0x7f);
}

static void
check_path(const char *s, size_t size)
{
	CHECK(memchr(s, '\0', size) != NULL);
	CHECK(s[0] == '\0' || s[0] == '/');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config c, again;
	static char errs[1024], errs2[1024];
	int n, m;
	size_t len;

	config_defaults(&c);
	n = config_parse(&c, "fuzz.conf", (const char *)data, size, errs,
	    sizeof(errs));
	CHECK(n >= 0);
	len = strnlen(errs, sizeof(errs));
	CHECK(len < sizeof(errs));
	if (n == 0)
		CHECK(len == 0);
	else if (len > 0)
		CHECK(strncmp(errs, "fuzz.conf:", 10) == 0);
	check_path(c.state_dir[0] == '.' ? "" : c.state_dir, sizeof(c.state_dir));
	check_path(c.db, sizeof(c.db));
	check_path(c.media, sizeof(c.media));
	check_path(c.templates, sizeof(c.templates));
	CHECK(c.workers >= 0 && c.workers <= PREFORK_MAX_WORKERS);
	CHECK(c.upload_max >= CONFIG_UPLOAD_MIN && c.upload_max <= FORM_FILE_MAX);
	CHECK(c.nlanguages >= 1 && c.nlanguages <= LANG__MAX);
	for (int i = 0; i < c.nlanguages; i++) {
		CHECK(c.languages[i] >= 0 && c.languages[i] < LANG__MAX);
		for (int j = 0; j < i; j++)
			CHECK(c.languages[i] != c.languages[j]);
	}
	check_text(c.site_name, sizeof(c.site_name));
	check_text(c.icp_number, sizeof(c.icp_number));
	check_text(c.site_url, sizeof(c.site_url));
	len = strlen(c.site_url);
	CHECK(len == 0 || c.site_url[len - 1] != '/');
	CHECK(c.page_cache == 0 || c.page_cache == 1);
	CHECK(c.log == CONFIG_LOG_STDERR || c.log == CONFIG_LOG_SYSLOG);

	config_defaults(&again);
	m = config_parse(&again, "fuzz.conf", (const char *)data, size, errs2,
	    sizeof(errs2));
	CHECK(m == n && strcmp(errs, errs2) == 0);
	CHECK(memcmp(&c, &again, sizeof(c)) == 0);
	config_resolve(&c);
	CHECK(memchr(c.db, '\0', sizeof(c.db)) != NULL);
	CHECK(memchr(c.media, '\0', sizeof(c.media)) != NULL);
	return 0;
}
