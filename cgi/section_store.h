/* section_store.h: the section tree and site settings. Same conventions as
 * article_store.h: strings go to the caller's arena; 0 ok, 1 not found,
 * -1 database error (logged). */
#ifndef GAZETTE_SECTION_STORE_H
#define GAZETTE_SECTION_STORE_H

#include <stddef.h>

struct arena;
struct store;

#define SECTION_DEPTH_MAX	8	/* deeper trees are refused */
#define SECTION_CHILDREN_MAX	32	/* shown per menu level */
#define SECTION_ROOT_ID		1

struct section {
	long long	 id;
	long long	 parent_id;	/* 0 for the root */
	const char	*slug;
	const char	*title;
};

int	section_by_slug(struct store *, struct arena *, const char *slug,
	    struct section *);
int	section_by_id(struct store *, struct arena *, long long id, struct section *);
/* The chain from the root down to ID, root first, in an arena array. */
int	section_path(struct store *, struct arena *, long long id,
	    struct section **path, size_t *n);
/* The children of PARENT_ID in menu order, at most SECTION_CHILDREN_MAX. */
int	section_children(struct store *, struct arena *, long long parent_id,
	    struct section **children, size_t *n);
/* Every section in tree order (root first, children by menu order) with
 * DEPTHS (an arena array; the root is 0), for the article form. */
int	section_all(struct store *, struct arena *, struct section **sections,
	    int **depths, size_t *n);
/* Adds section SLUG, titled TITLE, last among the children of PARENT_ID;
 * *ID is its id. The caller makes sure the slug is free (it is UNIQUE)
 * and the tree no deeper than SECTION_DEPTH_MAX. 0, or -1 (logged). */
int	section_insert(struct store *, long long parent_id, const char *slug,
	    const char *title, long long *id);
/* Finds the section reached from the root by following TITLES (the first
 * one names the root itself), creating the missing ones; for the importer.
 * Must run inside a write transaction. */
int	section_ensure_path(struct store *, struct arena *,
	    const char *const *titles, size_t n, long long *leaf_id);

/* Site settings ("site_name", ...). */
int	setting_get(struct store *, struct arena *, const char *key,
	    const char **value);
int	setting_set(struct store *, const char *key, const char *value);

#endif
