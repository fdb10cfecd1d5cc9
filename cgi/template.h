/* template.h: a C interface to Google ctemplate, the only C++ in gazette.
 *
 * Every template file starts with {{%AUTOESCAPE context="HTML"}}, so every
 * value set here is HTML-escaped when expanded (and URLs in href/src are
 * checked); C code never builds HTML itself. A dictionary made by
 * tpl_dict_new is released with tpl_dict_free; sections and includes
 * belong to their parent. No function here throws or aborts. */
#ifndef GAZETTE_TEMPLATE_H
#define GAZETTE_TEMPLATE_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>

struct strbuf;
typedef struct tpl_dict tpl_dict;

/* Reads and parses every template named in the NULL-terminated FILES
 * from DIR and makes them the ones expanded: 0. If any file is missing or
 * does not parse, -1 (after naming it on stderr) and the templates in use
 * stay. Used at start and on SIGHUP. */
int		 tpl_load(const char *dir, const char *const *files);
/* 1 when the templates in use were loaded from DIR (a forked worker has
 * its parent's), else 0. */
int		 tpl_loaded_from(const char *dir);
/* A value visible to every dictionary of the process (site name, base). */
void		 tpl_set_global(const char *key, const char *value);

tpl_dict	*tpl_dict_new(void);
void		 tpl_dict_free(tpl_dict *);
void		 tpl_set(tpl_dict *, const char *key, const char *value);
void		 tpl_set_int(tpl_dict *, const char *key, long long value);
/* A value visible to D's whole tree (its sections and includes), unlike
 * tpl_set; for the interface strings of one request's language. */
void		 tpl_set_template_global(tpl_dict *d, const char *key,
		    const char *value);
/* Shows the section {{#NAME}} once more and returns its dictionary; NULL
 * when out of memory (values set on NULL are ignored). */
tpl_dict	*tpl_add_section(tpl_dict *, const char *name);
/* Shows the section {{#NAME}} once, with the parent's values. */
void		 tpl_show_section(tpl_dict *, const char *name);
/* Fills {{>NAME}} with FILE; the include sees only the values set on the
 * returned dictionary and the globals. */
tpl_dict	*tpl_add_include(tpl_dict *, const char *name, const char *file);

/* Expands FILE with D, appending to OUT; -1 on failure (logged). */
int		 tpl_expand(const char *file, const tpl_dict *d, struct strbuf *out);

#ifdef __cplusplus
}
#endif

#endif
