/* section_store.c: section tree queries and site settings. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "section_store.h"
#include "store.h"

static int
read_section(struct arena *a, sqlite3_stmt *st, struct section *out)
{
	const unsigned char *slug = sqlite3_column_text(st, 2);
	const unsigned char *title = sqlite3_column_text(st, 3);

	out->id = sqlite3_column_int64(st, 0);
	out->parent_id = sqlite3_column_int64(st, 1);
	out->slug = arena_strdup(a, slug ? (const char *)slug : "");
	out->title = arena_strdup(a, title ? (const char *)title : "");
	return out->slug && out->title ? 0 : -1;
}

static int
one_section(struct store *s, struct arena *a, sqlite3_stmt *st,
    struct section *out, const char *context)
{
	int rc = sqlite3_step(st), ret;

	if (rc == SQLITE_ROW)
		ret = read_section(a, st, out);
	else if (rc == SQLITE_DONE)
		ret = 1;
	else {
		store_log_error(s, context);
		ret = -1;
	}
	sqlite3_reset(st);
	return ret;
}

int
section_by_slug(struct store *s, struct arena *a, const char *slug,
    struct section *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SECTION_BY_SLUG);

	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	return one_section(s, a, st, out, "section_by_slug");
}

int
section_by_id(struct store *s, struct arena *a, long long id, struct section *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SECTION_BY_ID);

	sqlite3_bind_int64(st, 1, id);
	return one_section(s, a, st, out, "section_by_id");
}

int
section_path(struct store *s, struct arena *a, long long id,
    struct section **path, size_t *n)
{
	struct section chain[SECTION_DEPTH_MAX];
	size_t depth = 0;
	int rc;

	*path = NULL;
	*n = 0;
	while (id != 0) {
		if (depth == SECTION_DEPTH_MAX)
			return -1;	/* a cycle or an absurd tree */
		if ((rc = section_by_id(s, a, id, &chain[depth])) != 0)
			return rc;
		id = chain[depth++].parent_id;
	}
	if ((*path = arena_alloc(a, sizeof(**path) * (depth ? depth : 1))) == NULL)
		return -1;
	for (size_t i = 0; i < depth; i++)
		(*path)[i] = chain[depth - 1 - i];
	*n = depth;
	return 0;
}

int
section_children(struct store *s, struct arena *a, long long parent_id,
    struct section **children, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SECTION_CHILDREN);
	struct section *v;
	int rc;

	*n = 0;
	if ((v = arena_alloc(a, sizeof(*v) * SECTION_CHILDREN_MAX)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, parent_id);
	while (*n < SECTION_CHILDREN_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW)
		if (read_section(a, st, &v[(*n)++]) != 0) {
			sqlite3_reset(st);
			return -1;
		}
	if (*n < SECTION_CHILDREN_MAX && rc != SQLITE_DONE) {
		store_log_error(s, "section_children");
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	*children = v;
	return 0;
}

/* At most this many sections are offered in the article form. */
#define SECTION_ALL_MAX	512

int
section_all(struct store *s, struct arena *a, struct section **sections,
    int **depths, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SECTION_ALL);
	struct section *v = arena_alloc(a, sizeof(*v) * SECTION_ALL_MAX);
	int *d = arena_alloc(a, sizeof(*d) * SECTION_ALL_MAX);
	int rc = SQLITE_DONE;

	*n = 0;
	if (v == NULL || d == NULL)
		return -1;
	while (*n < SECTION_ALL_MAX && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		d[*n] = sqlite3_column_int(st, 4);
		if (read_section(a, st, &v[(*n)++]) != 0) {
			sqlite3_reset(st);
			return -1;
		}
	}
	sqlite3_reset(st);
	if (*n < SECTION_ALL_MAX && rc != SQLITE_DONE) {
		store_log_error(s, "section_all");
		return -1;
	}
	*sections = v;
	*depths = d;
	return 0;
}

/* A URL name from TITLE: lower-case ASCII letters and digits, runs of
 * anything else as one '-'; "" when nothing usable is left. */
static void
slug_from_title(const char *title, char *slug, size_t len)
{
	size_t n = 0;

	for (const char *p = title; *p != '\0' && n + 1 < len; p++) {
		char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			slug[n++] = c;
		else if (n > 0 && slug[n - 1] != '-')
			slug[n++] = '-';
	}
	while (n > 0 && slug[n - 1] == '-')
		n--;
	slug[n] = '\0';
}

static int
slug_taken(struct store *s, const char *slug)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SECTION_SLUG_TAKEN);
	int rc;

	sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_log_error(s, "slug_taken");
	return -1;
}

int
section_insert(struct store *s, long long parent_id, const char *slug,
    const char *title, long long *id)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SECTION_INSERT);

	sqlite3_bind_int64(st, 1, parent_id);
	sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, title, -1, SQLITE_STATIC);
	if (store_run(s, st, "section_insert") != 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store_db(s));
	return 0;
}

static int
section_create(struct store *s, long long parent_id, const char *title,
    long long *id)
{
	char base[48], slug[64];
	int taken;

	slug_from_title(title, base, sizeof(base));
	if (base[0] == '\0')
		snprintf(base, sizeof(base), "section");
	snprintf(slug, sizeof(slug), "%s", base);
	for (int i = 2; (taken = slug_taken(s, slug)) == 1; i++)
		snprintf(slug, sizeof(slug), "%s-%d", base, i);
	if (taken < 0)
		return -1;
	return section_insert(s, parent_id, slug, title, id);
}

int
section_ensure_path(struct store *s, struct arena *a, const char *const *titles,
    size_t n, long long *leaf_id)
{
	struct section root;
	long long id;
	int rc;

	if (n == 0 || n > SECTION_DEPTH_MAX)
		return -1;
	/* The first title names the root; it is matched by position, not text. */
	if ((rc = section_by_id(s, a, SECTION_ROOT_ID, &root)) != 0)
		return -1;
	id = root.id;
	for (size_t i = 1; i < n; i++) {
		sqlite3_stmt *st = store_stmt(s, STMT_SECTION_CHILD_BY_TITLE);

		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, titles[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			sqlite3_reset(st);
			continue;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			store_log_error(s, "section_ensure_path");
			return -1;
		}
		if (section_create(s, id, titles[i], &id) != 0)
			return -1;
	}
	*leaf_id = id;
	return 0;
}

int
setting_get(struct store *s, struct arena *a, const char *key, const char **value)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SETTING_GET);
	int rc, ret = 0;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		if ((*value = arena_strdup(a, t ? (const char *)t : "")) == NULL)
			ret = -1;
	} else if (rc == SQLITE_DONE)
		ret = 1;
	else {
		store_log_error(s, "setting_get");
		ret = -1;
	}
	sqlite3_reset(st);
	return ret;
}

int
setting_set(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SETTING_SET);

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	return store_run(s, st, "setting_set");
}
