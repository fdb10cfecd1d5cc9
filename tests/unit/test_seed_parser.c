/* test_seed_parser.c: cgi/seed_parser.h. Parses every real seed file in
 * sql/seeds, then a table of malformed inputs (each must fail on the right
 * line), then the format's tolerances (CRLF, BOM, NBSP indentation, photo
 * names) and the calendar check of seed_date_valid. */
#include "unit.h"

#include <dirent.h>

#include "arena.h"
#include "seed_parser.h"

#define NBSP	"\xc2\xa0"
#define IDSP	"\xe3\x80\x80"	/* U+3000 ideographic space */
#define NUL_TEXT	"Now:HOME\nT\0\nAuthor:A  Addtime:2024-01-01\n\nx\n"
#define HEAD	"Now:HOME > News\nA title\nAuthor:Someone" NBSP NBSP "Addtime:2024-02-29\n"

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Parses TEXT (LEN bytes, or strlen when LEN is 0) and expects success. */
static void
parse_ok(struct arena *a, const char *text, size_t len, struct seed_article *art)
{
	struct seed_error err = { 0, NULL };
	int rc = seed_parse(a, text, len ? len : strlen(text), art, &err);

	if (rc != 0)
		fail_msg("seed_parse failed at line %zu: %s", err.line, err.message);
}

/* The real seed files: all five parse, with the expected byline. */
static void
test_real_seeds(void **state)
{
	static const struct {
		const char	*prefix;
		const char	*author;
		const char	*date;
		const char	*title_start;
		size_t		 photos;
	} want[] = {
		{ "000_", "党群服务与组织管理", "2020-12-30",
		    "To win the epidemic prevention and control battle", 0 },
		{ "001_", "管理员", "2023-08-24",
		    "The Party Branch of Chengdu High-tech Medical Association held", 0 },
		{ "002_", "管理员", "2022-07-31",
		    "The concentric fight against the epidemic is showing its charm——", 0 },
		{ "003_", "管理员", "2022-09-20",
		    "Give up the small family to take care of everyone——", 0 },
		{ "004_", "管理员", "2025-03-25",
		    "The Party branch of the Chengdu High-tech Medical Association held "
		    "the special organizational life meeting", 2 },
	};
	char *names[16], path[4096];
	size_t n = 0;
	DIR *d = opendir(unit_src("sql/seeds"));
	struct dirent *e;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);

		if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) {
			assert_true(n < NELEM(names));
			names[n++] = strdup(e->d_name);
		}
	}
	closedir(d);
	assert_int_equal(n, NELEM(want));
	qsort(names, n, sizeof(names[0]), cmp_names);

	for (size_t i = 0; i < n; i++) {
		struct arena a;
		struct seed_article art;
		size_t len, photos = 0;
		char *text;

		arena_init(&a);
		assert_true(strncmp(names[i], want[i].prefix, 4) == 0);
		assert_true((size_t)snprintf(path, sizeof(path), "sql/seeds/%s",
		    names[i]) < sizeof(path));
		text = unit_read_file(unit_src(path), &len);
		parse_ok(&a, text, len, &art);

		assert_int_equal(art.section_count, 3);
		assert_string_equal(art.sections[0], "HOME");
		assert_string_equal(art.sections[1], "SERVICE");
		assert_string_equal(art.sections[2], "Activities");
		assert_string_equal(art.author, want[i].author);
		assert_string_equal(art.published_on, want[i].date);
		assert_true(strncmp(art.title, want[i].title_start,
		    strlen(want[i].title_start)) == 0);
		assert_true(art.block_count > 1);
		for (size_t b = 0; b < art.block_count; b++) {
			const char *t = art.blocks[b].text;
			size_t tl = strlen(t);

			/* Indentation and trailing blanks are gone. */
			assert_true(tl > 0);
			assert_true(t[0] != ' ' && strncmp(t, NBSP, 2) != 0);
			assert_true(t[tl - 1] != ' ' && t[tl - 1] != '\r');
			assert_true(art.blocks[b].line >= 4);
			if (b > 0)
				assert_true(art.blocks[b].line > art.blocks[b - 1].line);
			if (art.blocks[b].kind == SEED_PHOTO)
				photos++;
		}
		assert_int_equal(photos, want[i].photos);
		if (want[i].photos == 2) {
			size_t k = 0;

			for (size_t b = 0; b < art.block_count; b++)
				if (art.blocks[b].kind == SEED_PHOTO)
					assert_string_equal(art.blocks[b].text,
					    k++ == 0 ? "1.jpg" : "2.jpg");
		}
		free(text);
		free(names[i]);
		arena_release(&a);
	}
}

/* Each malformed input is refused on the line that is wrong. */
static void
test_malformed(void **state)
{
	static const struct {
		const char	*what;
		const char	*text;
		size_t		 len;		/* 0: strlen */
		size_t		 line;
		const char	*message;	/* a substring of the message */
	} cases[] = {
		{ "empty file", "", 0, 1, "empty" },
		{ "missing Now:", "HOME > News\nT\nAuthor:A  Addtime:2024-01-01\n\nx\n",
		    0, 1, "Now:" },
		{ "lower-case now:", "now:HOME\nT\nAuthor:A  Addtime:2024-01-01\n\nx\n",
		    0, 1, "Now:" },
		{ "empty section", "Now:HOME >  > News\nT\nAuthor:A  Addtime:2024-01-01\n\nx\n",
		    0, 1, "empty section" },
		{ "trailing >", "Now:HOME >\nT\nAuthor:A  Addtime:2024-01-01\n\nx\n",
		    0, 1, "empty section" },
		{ "too deep breadcrumb",
		    "Now:1>2>3>4>5>6>7>8>9\nT\nAuthor:A  Addtime:2024-01-01\n\nx\n",
		    0, 1, "deeper" },
		{ "no title line", "Now:HOME", 0, 2, "title" },
		{ "empty title", "Now:HOME\n" NBSP " \t\nAuthor:A  Addtime:2024-01-01\n\nx\n",
		    0, 2, "empty" },
		{ "no byline", "Now:HOME\nT\n", 0, 3, "Author:" },
		{ "missing Author:", "Now:HOME\nT\nBy:A  Addtime:2024-01-01\n\nx\n",
		    0, 3, "Author:" },
		{ "missing Addtime", "Now:HOME\nT\nAuthor:A  2024-01-01\n\nx\n",
		    0, 3, "Addtime" },
		{ "bad date 2023-02-30", "Now:HOME\nT\nAuthor:A  Addtime:2023-02-30\n\nx\n",
		    0, 3, "real date" },
		{ "date with time", "Now:HOME\nT\nAuthor:A  Addtime:2023-02-01 10:00\n\nx\n",
		    0, 3, "real date" },
		{ "empty date", "Now:HOME\nT\nAuthor:A  Addtime:\n\nx\n", 0, 3, "real date" },
		{ "no body", "Now:HOME\nT\nAuthor:A  Addtime:2024-01-01\n", 0, 4, "no body" },
		{ "blank body", "Now:HOME\nT\nAuthor:A  Addtime:2024-01-01\n\n" NBSP NBSP "\n"
		    IDSP "\n \t \n", 0, 4, "no body" },
		{ "NUL byte", NUL_TEXT, sizeof(NUL_TEXT) - 1, 0, "NUL" },
		{ "invalid UTF-8", "Now:HOME\nT\xff\nAuthor:A  Addtime:2024-01-01\n\nx\n",
		    0, 0, "UTF-8" },
		{ "overlong UTF-8", "Now:HOME\nT\xc0\xaf\nAuthor:A  Addtime:2024-01-01\n\nx\n",
		    0, 0, "UTF-8" },
		{ "truncated UTF-8 at end", "Now:HOME\nT\nAuthor:A  Addtime:2024-01-01\n\nx\xe6\x96",
		    0, 0, "UTF-8" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct arena a;
		struct seed_article art;
		struct seed_error err = { 99, NULL };
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].text);
		int rc;

		arena_init(&a);
		rc = seed_parse(&a, cases[i].text, len, &art, &err);
		if (rc != -1)
			fail_msg("%s: accepted", cases[i].what);
		assert_non_null(err.message);
		if (err.line != cases[i].line || strstr(err.message, cases[i].message) == NULL)
			fail_msg("%s: got line %zu \"%s\", want line %zu \"%s\"",
			    cases[i].what, err.line, err.message, cases[i].line,
			    cases[i].message);
		arena_release(&a);
	}
}

/* Over-long fields and files are refused. */
static void
test_limits(void **state)
{
	struct arena a;
	struct seed_article art;
	struct seed_error err;
	size_t big = SEED_MAX_BYTES + 1;
	char *buf = malloc(big + 1), *p;

	(void)state;
	assert_non_null(buf);
	arena_init(&a);

	memset(buf, 'x', big);
	memcpy(buf, HEAD "\n", strlen(HEAD "\n"));
	assert_int_equal(seed_parse(&a, buf, big, &art, &err), -1);
	assert_int_equal(err.line, 0);

	/* Title of exactly SEED_MAX_TITLE bytes is fine, one more is not. */
	for (int extra = 0; extra <= 1; extra++) {
		p = buf + sprintf(buf, "Now:HOME\n");
		memset(p, 't', SEED_MAX_TITLE + (size_t)extra);
		p += SEED_MAX_TITLE + (size_t)extra;
		p += sprintf(p, "\nAuthor:A  Addtime:2024-01-01\n\nbody\n");
		assert_int_equal(seed_parse(&a, buf, (size_t)(p - buf), &art, &err),
		    extra ? -1 : 0);
		if (extra)
			assert_int_equal(err.line, 2);
	}
	/* Author of SEED_MAX_AUTHOR + 1 bytes. */
	p = buf + sprintf(buf, "Now:HOME\nT\nAuthor:");
	memset(p, 'a', SEED_MAX_AUTHOR + 1);
	p += SEED_MAX_AUTHOR + 1;
	p += sprintf(p, "  Addtime:2024-01-01\n\nbody\n");
	assert_int_equal(seed_parse(&a, buf, (size_t)(p - buf), &art, &err), -1);
	assert_int_equal(err.line, 3);
	/* Section name of SEED_MAX_SECTION + 1 bytes. */
	p = buf + sprintf(buf, "Now:HOME > ");
	memset(p, 's', SEED_MAX_SECTION + 1);
	p += SEED_MAX_SECTION + 1;
	p += sprintf(p, "\nT\nAuthor:A  Addtime:2024-01-01\n\nbody\n");
	assert_int_equal(seed_parse(&a, buf, (size_t)(p - buf), &art, &err), -1);
	assert_int_equal(err.line, 1);

	free(buf);
	arena_release(&a);
}

/* CRLF line ends and a byte order mark are accepted; the result is the
 * same as for the plain LF text. */
static void
test_crlf_and_bom(void **state)
{
	static const char *const texts[] = {
		"Now:HOME > SERVICE >News\nA title\nAuthor:Me" NBSP NBSP
		    "Addtime:2024-02-29\n\nPara one\nline two\n\n1.jpg\n",
		"Now:HOME > SERVICE >News\r\nA title\r\nAuthor:Me" NBSP NBSP
		    "Addtime:2024-02-29\r\n\r\nPara one\r\nline two\r\n\r\n1.jpg\r\n",
		"\xef\xbb\xbfNow:HOME > SERVICE >News\r\nA title\r\nAuthor:Me" NBSP NBSP
		    "Addtime:2024-02-29\r\n\r\nPara one\r\nline two\r\n\r\n1.jpg",
	};

	(void)state;
	for (size_t i = 0; i < NELEM(texts); i++) {
		struct arena a;
		struct seed_article art;

		arena_init(&a);
		parse_ok(&a, texts[i], 0, &art);
		assert_int_equal(art.section_count, 3);
		assert_string_equal(art.sections[0], "HOME");
		assert_string_equal(art.sections[1], "SERVICE");
		assert_string_equal(art.sections[2], "News");
		assert_string_equal(art.title, "A title");
		assert_string_equal(art.author, "Me");
		assert_string_equal(art.published_on, "2024-02-29");
		assert_int_equal(art.block_count, 2);
		assert_int_equal(art.blocks[0].kind, SEED_PARAGRAPH);
		assert_string_equal(art.blocks[0].text, "Para one\nline two");
		assert_int_equal(art.blocks[0].line, 5);
		assert_int_equal(art.blocks[1].kind, SEED_PHOTO);
		assert_string_equal(art.blocks[1].text, "1.jpg");
		assert_int_equal(art.blocks[1].line, 8);
		arena_release(&a);
	}
}

/* Indentation of spaces, tabs, NBSPs and ideographic spaces is trimmed
 * from both ends of every body line; blank lines made of them split. */
static void
test_indentation(void **state)
{
	struct arena a;
	struct seed_article art;

	(void)state;
	arena_init(&a);
	parse_ok(&a, HEAD NBSP " " NBSP "  ——First" NBSP "\n"
	    IDSP IDSP "second\t\n" NBSP " \n\t中文段落" IDSP "\n", 0, &art);
	assert_string_equal(art.author, "Someone");
	assert_int_equal(art.block_count, 2);
	assert_string_equal(art.blocks[0].text, "——First\nsecond");
	assert_string_equal(art.blocks[1].text, "中文段落");
	assert_int_equal(art.blocks[1].line, 7);
	arena_release(&a);
}

/* Which lone paragraphs count as photo references. */
static void
test_photo_names(void **state)
{
	static const struct {
		const char	*para;
		int		 photo;
	} cases[] = {
		{ "1.jpg", 1 }, { "2.JPG", 1 }, { "a_b-c.jpeg", 1 }, { "x.png", 1 },
		{ "x.gif", 1 }, { "x.webp", 1 }, { NBSP "3.jpg" NBSP, 1 },
		{ ".jpg", 0 }, { ".hidden.jpg", 0 }, { "-x.jpg", 0 },
		{ "../1.jpg", 0 }, { "dir/1.jpg", 0 }, { "1.jpg.txt", 0 },
		{ "1 .jpg", 0 }, { "photo.svg", 0 },
		{ "1.jpg\n2.jpg", 0 }, { "see 1.jpg", 0 }, { "jpg", 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct arena a;
		struct seed_article art;
		char *text;

		arena_init(&a);
		text = arena_printf(&a, HEAD "\n%s\n", cases[i].para);
		parse_ok(&a, text, 0, &art);
		assert_int_equal(art.block_count, 1);
		if ((art.blocks[0].kind == SEED_PHOTO) != cases[i].photo)
			fail_msg("\"%s\": photo is %d, want %d", cases[i].para,
			    art.blocks[0].kind == SEED_PHOTO, cases[i].photo);
		arena_release(&a);
	}
}

/* Exactly SEED_MAX_DEPTH sections are fine; the breadcrumb keeps order. */
static void
test_deepest_breadcrumb(void **state)
{
	struct arena a;
	struct seed_article art;

	(void)state;
	arena_init(&a);
	parse_ok(&a, "Now: 1 >2> 3 >4>5>6>7> 8 \nT\nAuthor:A Addtime:2024-01-01\nx", 0, &art);
	assert_int_equal(art.section_count, SEED_MAX_DEPTH);
	for (size_t i = 0; i < art.section_count; i++) {
		char want[2] = { (char)('1' + i), '\0' };

		assert_string_equal(art.sections[i], want);
	}
	assert_string_equal(art.author, "A");
	assert_int_equal(art.block_count, 1);
	assert_int_equal(art.blocks[0].line, 4);
	arena_release(&a);
}

static void
test_date_valid(void **state)
{
	static const struct {
		const char	*s;
		int		 ok;
	} cases[] = {
		{ "2024-02-29", 1 }, { "2000-02-29", 1 }, { "2023-02-28", 1 },
		{ "2023-02-29", 0 }, { "1900-02-29", 0 }, { "2100-02-29", 0 },
		{ "2023-02-30", 0 }, { "2023-04-31", 0 }, { "2023-06-31", 0 },
		{ "2023-12-31", 1 }, { "2023-01-31", 1 }, { "1900-01-01", 1 },
		{ "9999-12-31", 1 }, { "1899-12-31", 0 }, { "2023-13-01", 0 },
		{ "2023-00-10", 0 }, { "2023-01-00", 0 }, { "2023-01-32", 0 },
		{ "2023-1-01", 0 }, { "2023-01-1", 0 }, { "2023-01-011", 0 },
		{ "2023/01/01", 0 }, { "+023-01-01", 0 }, { " 2023-01-01", 0 },
		{ "2023-01-01 ", 0 }, { "20230101", 0 }, { "", 0 }, { "abcd-ef-gh", 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++)
		if (seed_date_valid(cases[i].s) != cases[i].ok)
			fail_msg("seed_date_valid(\"%s\") != %d", cases[i].s, cases[i].ok);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_seeds),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_crlf_and_bom),
		cmocka_unit_test(test_indentation),
		cmocka_unit_test(test_photo_names),
		cmocka_unit_test(test_deepest_breadcrumb),
		cmocka_unit_test(test_date_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
