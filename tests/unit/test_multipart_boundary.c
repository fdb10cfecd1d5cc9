/* test_multipart_boundary.c: multipart_boundary() of cgi/multipart.h, the
 * Content-Type side of form uploads: which headers name a usable boundary
 * (any case, quoted or not, among other parameters) and which are refused
 * and why (not multipart/form-data, no boundary, an empty, overlong,
 * repeated or badly formed one). */
#include "unit.h"

#include "multipart.h"

struct boundary_case {
	const char		*ct;
	enum multipart_error	 err;
	const char		*boundary;
};

#define MFD	"multipart/form-data; "
#define B70	"0123456789012345678901234567890123456789012345678901234567890123456789"

static const struct boundary_case boundary_cases[] = {
	{ MFD "boundary=abc", MULTIPART_OK, "abc" },
	{ "Multipart/Form-Data; Boundary=abc", MULTIPART_OK, "abc" },
	{ "MULTIPART/FORM-DATA;BOUNDARY=\"a b:c\"", MULTIPART_OK, "a b:c" },
	{ "  multipart/form-data ; boundary = x ", MULTIPART_OK, "x" },
	{ MFD "charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
	    MULTIPART_OK, "----WebKitFormBoundary7MA4YWxkTrZu0gW" },
	{ MFD "boundary=x; charset=\"utf-8\"", MULTIPART_OK, "x" },
	{ "multipart/form-data;; boundary=x;", MULTIPART_OK, "x" },
	{ MFD "a=\"b;boundary=evil\"; boundary=good", MULTIPART_OK, "good" },
	{ MFD "a=\"q\\\"; boundary=evil\"; boundary=ok", MULTIPART_OK, "ok" },
	{ MFD "boundary=\"'()+_,-./:=?\"", MULTIPART_OK, "'()+_,-./:=?" },
	{ MFD "boundary=" B70, MULTIPART_OK, B70 },
	{ MFD "boundary=\"" B70 "\"", MULTIPART_OK, B70 },
	{ "", MULTIPART_NOT_MULTIPART, NULL },
	{ "text/plain", MULTIPART_NOT_MULTIPART, NULL },
	{ "application/x-www-form-urlencoded", MULTIPART_NOT_MULTIPART, NULL },
	{ "multipart/mixed; boundary=x", MULTIPART_NOT_MULTIPART, NULL },
	{ "multipart/form-dataX; boundary=x", MULTIPART_NOT_MULTIPART, NULL },
	{ "multipart/form; boundary=x", MULTIPART_NOT_MULTIPART, NULL },
	{ "x multipart/form-data; boundary=x", MULTIPART_NOT_MULTIPART, NULL },
	{ "multipart/form-data", MULTIPART_NO_BOUNDARY, NULL },
	{ "multipart/form-data;", MULTIPART_NO_BOUNDARY, NULL },
	{ MFD "charset=utf-8", MULTIPART_NO_BOUNDARY, NULL },
	{ MFD "xboundary=x", MULTIPART_NO_BOUNDARY, NULL },
	{ MFD "boundary=", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=\"\"", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=" B70 "7", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=\"" B70 "7\"", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=\"ab \"", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=\"a\\\"b\"", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=a@b", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=a[b]", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=\xc3\xa9", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=a\x01", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=\"a\tb\"", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=\"abc", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=abc def", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=a; boundary=b", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "boundary=a; BOUNDARY=a", MULTIPART_BAD_BOUNDARY, NULL },
	{ MFD "charset", MULTIPART_BAD_BOUNDARY, NULL },
	{ "multipart/form-data boundary=x", MULTIPART_BAD_BOUNDARY, NULL },
};

static void
test_boundary_table(void **state)
{
	char b[MULTIPART_MAX_BOUNDARY + 1];

	(void)state;
	for (size_t i = 0; i < NELEM(boundary_cases); i++) {
		const struct boundary_case *c = &boundary_cases[i];
		enum multipart_error e = multipart_boundary(c->ct, b);

		if (e != c->err)
			fail_msg("\"%s\": got %s, want %s", c->ct,
			    multipart_strerror(e), multipart_strerror(c->err));
		if (e == MULTIPART_OK)
			assert_string_equal(b, c->boundary);
	}
	assert_int_equal(multipart_boundary(NULL, b), MULTIPART_NOT_MULTIPART);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
