/* json_check.h: what the reader of export files shares between its two
 * files, json_import.c (the file as a whole) and json_article.c (one
 * article); not for other callers, who use json_import.h. */
#ifndef GAZETTE_JSON_CHECK_H
#define GAZETTE_JSON_CHECK_H

#include <jansson.h>

struct arena;
struct export_article;

/* What can be wrong with a text value. */
enum text_fault {
	TEXT_OK,
	TEXT_NOT_STRING,
	TEXT_BAD_UTF8,
	TEXT_CONTROL,
	TEXT_CR,		/* a carriage return: line ends are LF alone */
	TEXT_EMPTY,
	TEXT_LONG
};

/* The first key of OBJ that is not in KNOWN (NULL-terminated), or NULL. */
const char	*json_unknown_key(json_t *obj, const char *const *known);
/* Checks V as a string of valid UTF-8, of MIN to MAX characters, holding
 * no control character but those in ALLOW. */
enum text_fault	 json_text_fault(json_t *v, size_t min, size_t max,
		    const char *allow);
/* Checks the article object ART into *OUT (its title already taken, for
 * the report), photos decoded into A: NULL, or what is wrong (in A, or
 * static). */
const char	*json_article_check(struct arena *a, json_t *art,
		    struct export_article *out);

#endif
