/* feed_store.h: what feeds and the sitemap read: the newest published
 * articles with their bodies and change times. Same conventions as
 * article_store.h (strings in the caller's arena; 0 ok, -1 error). */
#ifndef GAZETTE_FEED_STORE_H
#define GAZETTE_FEED_STORE_H

#include <stddef.h>

#include "article_store.h"

struct arena;
struct store;

#define FEED_ENTRIES	20	/* articles in a feed */
#define SITEMAP_MAX	50000	/* URLs one sitemap file may hold */

struct feed_entry {
	struct article_summary	 s;
	const char		*body;		/* CommonMark */
	long long		 updated_at;	/* unix seconds */
};

struct sitemap_entry {
	long long	 id;
	long long	 updated_at;
};

/* The LIMIT newest published articles of SECTION_ID and below (0: all). */
int	feed_entries(struct store *, struct arena *, long long section_id,
	    size_t limit, struct feed_entry **items, size_t *n);
/* At most LIMIT published articles, newest first. */
int	sitemap_entries(struct store *, struct arena *, size_t limit,
	    struct sitemap_entry **items, size_t *n);

#endif
