/* fuzz_seed_parser.c: libFuzzer target for cgi/seed_parser.h. Parses
 * arbitrary bytes as an article file; on success checks what the importer
 * relies on (1..8 non-empty sections, a title, a real date, at least one
 * non-empty block in line order, photo names without a path, every string
 * valid UTF-8 within its limit), on failure that an error is reported on
 * a line the input has. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "seed_parser.h"
#include "urlencoded.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) abort(); } while (0)

static void
check_text(const char *s, size_t min, size_t max)
{
	size_t n;

	CHECK(s != NULL);
	n = strlen(s);
	CHECK(n >= min && n <= max);
	CHECK(utf8_valid(s, n));
}

static void
check_article(const struct seed_article *art, size_t lines)
{
	size_t prev = 3;

	CHECK(art->section_count >= 1 && art->section_count <= SEED_MAX_DEPTH);
	for (size_t i = 0; i < art->section_count; i++) {
		check_text(art->sections[i], 1, SEED_MAX_SECTION);
		CHECK(strchr(art->sections[i], '>') == NULL);
	}
	check_text(art->title, 1, SEED_MAX_TITLE);
	check_text(art->author, 0, SEED_MAX_AUTHOR);
	CHECK(art->published_on != NULL && seed_date_valid(art->published_on));
	CHECK(art->block_count >= 1 && art->block_count <= SEED_MAX_BLOCKS);
	CHECK(art->blocks != NULL);
	for (size_t i = 0; i < art->block_count; i++) {
		const struct seed_block *b = &art->blocks[i];
		size_t n;

		check_text(b->text, 1, SEED_MAX_BYTES);
		n = strlen(b->text);
		CHECK(b->text[0] != ' ' && b->text[n - 1] != ' ');
		CHECK(b->text[0] != '\n' && b->text[n - 1] != '\n');
		CHECK(strstr(b->text, "\n\n") == NULL);
		CHECK(b->line > prev && b->line <= lines);
		prev = b->line;
		if (b->kind == SEED_PHOTO)
			CHECK(strpbrk(b->text, "/\\\n ") == NULL && b->text[0] != '.');
		else
			CHECK(b->kind == SEED_PARAGRAPH);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct arena a;
	struct seed_article art;
	struct seed_error err = { 0, NULL };
	size_t lines = 1;

	for (size_t i = 0; i < size; i++)
		lines += in[i] == '\n';
	arena_init(&a);
	if (seed_parse(&a, in, size, &art, &err) == 0)
		check_article(&art, lines);
	else {
		CHECK(err.message != NULL && err.message[0] != '\0');
		CHECK(err.line <= lines + 1);
	}
	arena_release(&a);
	return 0;
}
