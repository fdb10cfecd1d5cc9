/* json_import_file.c: `gazette import` of an export file as a whole:
 * telling it from a seed file, reading it within its size limit, then the
 * site's settings and the sections this site lacks, before
 * json_import_store.c stores its articles (see json_import.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "article_store.h"
#include "db.h"
#include "json_import.h"
#include "section_store.h"
#include "store.h"

/* What the file's settings and sections need. */
struct head {
	struct store		*s;
	const char		*path;
	struct json_import	*ji;
	struct arena		 a;	/* one section's; reset for the next */
	struct arena		 lines;	/* what will be printed */
	const char		*root_alias;	/* the file's root slug when this
						 * site's root has another */
};

int
json_import_is_json(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd, found = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	while (!found && (n = read(fd, buf, sizeof(buf))) > 0) {
		size_t skip = strspn(buf, " \t\r\n");

		/* strspn stops at a NUL too: a binary file is not JSON. */
		if (skip < (size_t)n)
			found = buf[skip] == '{' ? 1 : -1;
	}
	close(fd);
	return found == 1;
}

/* Maps PATH read-only (at most JSON_IMPORT_MAX_BYTES): 0, or -1 when said. */
static int
map_file(const char *path, void **map, size_t *len)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0 || fstat(fd, &sb) != 0) {
		err = errno;
		fprintf(stderr, "%s: cannot read it: %s\n", path, strerror(err));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (sb.st_size > JSON_IMPORT_MAX_BYTES) {
		fprintf(stderr, "%s: the file is larger than 1 GiB, the most an import "
		    "reads; nothing of it was imported\n", path);
		close(fd);
		return -1;
	}
	*len = (size_t)sb.st_size;
	*map = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
	err = errno;
	close(fd);
	if (*map == MAP_FAILED) {
		fprintf(stderr, "%s: cannot read it: %s\n", path, strerror(err));
		return -1;
	}
	return 0;
}

/* The exported site's settings. A site with no article yet (the end of a
 * move) takes them, but for site_url, which says where a site lives, not
 * what it is; a site with articles keeps its own (an import may merge two
 * sites), and is told which differ. Inside the header's transaction. */
static int
import_settings(struct head *r, int fresh)
{
	static const char *const keys[][2] = { { "name", "site_name" },
		{ "tagline", "site_tagline" }, { "icp_number", "icp_number" },
		{ "url", "site_url" } };
	const char *theirs, *ours;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *key = keys[i][1];

		if ((theirs = json_import_site(r->ji, keys[i][0])) == NULL)
			continue;
		if (setting_get(r->s, &r->a, key, &ours) != 0)
			ours = "";
		if (strcmp(theirs, ours) == 0)
			continue;
		if (fresh && strcmp(key, "site_url") != 0) {
			if (setting_set(r->s, key, theirs) != 0)
				return -1;
			printf("%s: setting %s taken from the file, as this site has no "
			    "article yet\n", r->path, key);
			continue;
		}
		printf("%s: note: the exported site's %s is \"%s\", this site's \"%s\": "
		    "kept ('gazette setting %s VALUE' changes it)\n", r->path, key,
		    json_shown(&r->a, theirs, 80), json_shown(&r->a, ours, 80), key);
	}
	return 0;
}

/* Adds section SEC of the file when no section has its slug: 1 added,
 * 0 already here, -1 refused with *MESSAGE, -2 a database error. */
static int
add_section(struct head *r, const struct json_section *sec, const char **message)
{
	struct section found, *trail;
	long long parent_id, id;
	size_t depth;
	int rc;

	if ((rc = section_by_slug(r->s, &r->a, sec->slug, &found)) != 1)
		return rc == 0 ? 0 : -2;
	if (sec->parent == NULL) {
		/* The file's root, named otherwise than this site's: the same
		 * place. A second root has no place in one tree. */
		if (r->root_alias != NULL) {
			*message = "a second section without a parent (only the root has none)";
			return -1;
		}
		r->root_alias = sec->slug;
		return 0;
	}
	if (r->root_alias != NULL && strcmp(sec->parent, r->root_alias) == 0)
		parent_id = SECTION_ROOT_ID;
	else if ((rc = section_by_slug(r->s, &r->a, sec->parent, &found)) == 0)
		parent_id = found.id;
	else if (rc == 1) {
		*message = "its parent is neither on this site nor before it in the file";
		return -1;
	} else
		return -2;
	if (section_path(r->s, &r->a, parent_id, &trail, &depth) != 0)
		return -2;
	if (depth + 1 > SECTION_DEPTH_MAX) {
		*message = "it would be deeper than 8 levels";
		return -1;
	}
	return section_insert(r->s, parent_id, sec->slug, sec->title, &id) == 0 ?
	    1 : -2;
}

/* The settings, and the file's sections that this site lacks, in one
 * transaction: 0, or -1 when it failed (said). A refused section is said,
 * and its articles go to the root. */
static int
import_header(struct head *r)
{
	sqlite3 *db = store_db(r->s);
	size_t n = json_import_section_count(r->ji), added = 0;
	const char **names;
	long articles;
	int rc = 0;

	if ((names = arena_alloc(&r->lines, (n + 1) * sizeof(*names))) == NULL ||
	    db_begin(db) != 0) {
		fprintf(stderr, "%s: cannot start a transaction: %s (is another "
		    "process writing? try again)\n", r->path, sqlite3_errmsg(db));
		return -1;
	}
	if (article_count_any(r->s, &articles) != 0 ||
	    import_settings(r, articles == 0) != 0)
		rc = -2;
	for (size_t i = 0; i < n && rc != -2; i++) {
		struct json_section sec;
		const char *msg;

		arena_reset(&r->a);
		if (json_import_section(r->ji, i, &sec, &msg) != 0 ||
		    (rc = add_section(r, &sec, &msg)) == -1)
			fprintf(stderr, "%s: section %zu (%s): %s; not imported: its "
			    "articles go to the root section\n", r->path, i + 1,
			    sec.slug ? json_shown(&r->a, sec.slug, 64) : "no slug", msg);
		else if (rc == 1)
			names[added++] = sec.slug;
	}
	if (rc == -2 || db_commit(db) != 0) {
		fprintf(stderr, "%s: the settings and sections could not be stored: %s; "
		    "nothing of the file was imported: try again\n", r->path,
		    sqlite3_errmsg(db));
		db_rollback(db);
		return -1;
	}
	for (size_t i = 0; i < added; i++)
		printf("%s: section %s added\n", r->path, names[i]);
	return 0;
}

int
json_import_path(struct store *s, const char *path, const char *media_dir,
    int *added, int *unchanged, int *failed)
{
	struct head h = { .s = s, .path = path };
	struct json_import_error err;
	void *map;
	size_t len;
	int rc = -1;

	if (map_file(path, &map, &len) != 0) {
		(*failed)++;
		return -1;
	}
	h.ji = json_import_open(map, len, &err);
	munmap(map, len);
	if (h.ji == NULL) {
		if (err.line > 0)
			fprintf(stderr, "%s: line %d, column %d: %s; nothing of the file "
			    "was imported\n", path, err.line, err.column, err.text);
		else
			fprintf(stderr, "%s: %s; nothing of the file was imported\n",
			    path, err.text);
		(*failed)++;
		return -1;
	}
	arena_init(&h.a);
	arena_init(&h.lines);
	if (import_header(&h) != 0)
		(*failed)++;
	else
		rc = json_import_articles(s, h.ji, path, media_dir, h.root_alias,
		    added, unchanged, failed);
	arena_release(&h.a);
	arena_release(&h.lines);
	json_import_close(h.ji);
	return rc;
}
