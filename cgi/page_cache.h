/* page_cache.h: a worker's own cache of complete public answers, so that
 * a page read again is copied out of memory instead of being queried and
 * rendered again (issue 5).
 *
 * Never stale: every entry was rendered after the cache's stamp was taken,
 * and the stamp is checked at the start of every request (page_cache_check)
 * against what can change a page: PRAGMA data_version (moves when ANOTHER
 * connection commits: the admin in another worker, `gazette import` or
 * `gazette setting`, another worker's view flush), this connection's
 * sqlite3_total_changes (its own writes: view flushes, sessions, admin
 * saves, revision bumps) and the site revision. Any move clears the whole
 * cache; so do template reloads (page_cache_clear).
 *
 * Bounded by entries and bytes (keys, bodies, headers): the least recently
 * used entry goes first. A hostile stream of distinct URLs can only make
 * the cache miss; it cannot make it grow. */
#ifndef GAZETTE_PAGE_CACHE_H
#define GAZETTE_PAGE_CACHE_H

#include <stddef.h>

#include "response.h"

#define PAGE_CACHE_ENTRIES	64
#define PAGE_CACHE_BYTES	(2u * 1024 * 1024)
/* An answer bigger than this share of PAGE_CACHE_BYTES is not kept: one
 * huge page must not push out every other. */
#define PAGE_CACHE_MAX_SHARE	4

struct page_cache;

/* What a public answer's bytes depend on besides the database and the
 * templates: the reader's language, the site's absolute URL (feeds and
 * canonical links print it; without the site_url setting it is made from
 * the request's Host, scheme and port), the decoded path and the raw
 * query. None may hold a NUL. */
struct page_cache_key {
	const char	*lang;
	const char	*site;
	const char	*path;
	const char	*query;
};
#define PAGE_CACHE_KEY_PARTS	4

/* What the cache's entries were made from; entries are valid while all
 * three stay the same. */
struct page_cache_stamp {
	long long	data_version;	/* PRAGMA data_version */
	long long	total_changes;	/* sqlite3_total_changes64 */
	long long	revision;	/* the site revision */
};

/* One kept answer: a 200 as the handler left it, before http_cache_finish
 * added its validators, and the ETag of its body. Owned by the cache and
 * valid until the next page_cache_* call. */
struct page_cache_entry {
	const char	*content_type;	/* a static string, as in the response */
	const char	*headers;	/* "Name: value\r\n" lines */
	size_t		 headers_len;
	const char	*body;
	size_t		 body_len;
	const char	*etag;		/* quoted, NUL-terminated */
	enum cache_policy cache;
	/* private */
	char		*key;
	size_t		 key_len;
	unsigned long long hash;
	unsigned long long used;	/* tick of the last use, for LRU */
	size_t		 size;		/* bytes charged to the bound */
};

struct store;
/* Fills NOW from S's connection (data_version through the statement
 * table, total_changes) and REVISION, the site revision the caller read:
 * 0, or -1 (logged) when the database cannot say; then nothing may be
 * served from or kept in the cache for this request. */
int	page_cache_stamp_read(struct store *s, long long revision,
	    struct page_cache_stamp *now);

/* A cache of at most MAX_ENTRIES answers and MAX_BYTES (0: the defaults
 * above), or NULL when out of memory. */
struct page_cache	*page_cache_new(size_t max_entries, size_t max_bytes);
void	page_cache_free(struct page_cache *);	/* NULL is ignored */
/* Drops every entry. */
void	page_cache_clear(struct page_cache *);
/* Clears the cache unless NOW equals the stamp its entries were made
 * under, then takes NOW as that stamp. Call it once per request, before
 * the handler reads anything. 1 when it cleared entries, else 0. */
int	page_cache_check(struct page_cache *, const struct page_cache_stamp *now);
/* The answer kept under KEY, or NULL. A hit becomes the most recently
 * used. */
const struct page_cache_entry *page_cache_get(struct page_cache *,
	    const struct page_cache_key *key);
/* Keeps a copy of RESP (a 200) with its body's ETAG under KEY, replacing
 * any entry there and evicting the least recently used ones to stay
 * within the bounds: 0, or -1 when it is too big or out of memory (not
 * kept; nothing else changed). */
int	page_cache_put(struct page_cache *, const struct page_cache_key *key,
	    const struct response *resp, const char *etag);
/* Makes RESP (just reset) the kept answer E, before http_cache_finish. */
void	page_cache_answer(const struct page_cache_entry *e, struct response *resp);
/* Entries and bytes held now, for tests and the log. */
size_t	page_cache_count(const struct page_cache *);
size_t	page_cache_bytes(const struct page_cache *);

#endif
