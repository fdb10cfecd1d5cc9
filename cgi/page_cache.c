/* page_cache.c: the worker's cache of rendered answers (see page_cache.h).
 *
 * A fixed array of entries searched linearly: at 64 entries, comparing
 * 64 hashes costs less than a microsecond, and there is no index to keep
 * right. Each entry is one malloc'd block holding its key, headers, body
 * and ETag, so dropping it is one free. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "page_cache.h"
#include "store.h"

struct page_cache {
	struct page_cache_entry	*e;	/* max_entries slots; key NULL: empty */
	size_t			 max_entries, max_bytes;
	size_t			 count, bytes;
	unsigned long long	 tick;	/* moves on every get and put */
	struct page_cache_stamp	 stamp;
	int			 stamped; /* stamp holds a checked value */
};

/* The key is its parts, each followed by a NUL: no part holds one
 * (request.c refuses %00), so no two different requests share a key. */
struct key {
	const char	*part[PAGE_CACHE_KEY_PARTS];
	size_t		 len[PAGE_CACHE_KEY_PARTS];
	size_t		 total;
	unsigned long long hash;
};

static void
key_make(struct key *k, const struct page_cache_key *in)
{
	/* FNV-1a: enough to tell 64 keys apart before the memcmp. */
	unsigned long long h = 14695981039346656037ULL;

	k->part[0] = in->lang;
	k->part[1] = in->site;
	k->part[2] = in->path;
	k->part[3] = in->query;
	k->total = 0;
	for (int i = 0; i < PAGE_CACHE_KEY_PARTS; i++) {
		k->len[i] = strlen(k->part[i]);
		for (size_t j = 0; j < k->len[i]; j++)
			h = (h ^ (unsigned char)k->part[i][j]) * 1099511628211ULL;
		h = (h ^ 0) * 1099511628211ULL;	/* the separator */
		k->total += k->len[i] + 1;
	}
	k->hash = h;
}

static int
key_equal(const struct page_cache_entry *e, const struct key *k)
{
	const char *p = e->key;

	if (e->hash != k->hash || e->key_len != k->total)
		return 0;
	for (int i = 0; i < PAGE_CACHE_KEY_PARTS; i++) {
		if (memcmp(p, k->part[i], k->len[i]) != 0 || p[k->len[i]] != '\0')
			return 0;
		p += k->len[i] + 1;
	}
	return 1;
}

struct page_cache *
page_cache_new(size_t max_entries, size_t max_bytes)
{
	struct page_cache *pc = calloc(1, sizeof(*pc));

	if (pc == NULL)
		return NULL;
	pc->max_entries = max_entries ? max_entries : PAGE_CACHE_ENTRIES;
	pc->max_bytes = max_bytes ? max_bytes : PAGE_CACHE_BYTES;
	if ((pc->e = calloc(pc->max_entries, sizeof(*pc->e))) == NULL) {
		free(pc);
		return NULL;
	}
	return pc;
}

static void
drop(struct page_cache *pc, struct page_cache_entry *e)
{
	free(e->key);	/* the entry's one block */
	pc->count--;
	pc->bytes -= e->size;
	memset(e, 0, sizeof(*e));
}

void
page_cache_clear(struct page_cache *pc)
{
	if (pc == NULL)
		return;
	for (size_t i = 0; i < pc->max_entries; i++)
		if (pc->e[i].key != NULL)
			drop(pc, &pc->e[i]);
}

void
page_cache_free(struct page_cache *pc)
{
	if (pc == NULL)
		return;
	page_cache_clear(pc);
	free(pc->e);
	free(pc);
}

int
page_cache_check(struct page_cache *pc, const struct page_cache_stamp *now)
{
	int cleared = 0;

	if (!pc->stamped || pc->stamp.data_version != now->data_version ||
	    pc->stamp.total_changes != now->total_changes ||
	    pc->stamp.revision != now->revision) {
		cleared = pc->count > 0;
		page_cache_clear(pc);
	}
	pc->stamp = *now;
	pc->stamped = 1;
	return cleared;
}

int
page_cache_stamp_read(struct store *s, long long revision,
    struct page_cache_stamp *now)
{
	sqlite3_stmt *st = store_stmt(s, STMT_DATA_VERSION);

	if (sqlite3_step(st) != SQLITE_ROW) {
		store_log_error(s, "reading PRAGMA data_version");
		sqlite3_reset(st);
		return -1;
	}
	now->data_version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	now->total_changes = sqlite3_total_changes64(store_db(s));
	now->revision = revision;
	return 0;
}

static struct page_cache_entry *
find(struct page_cache *pc, const struct key *k)
{
	for (size_t i = 0; i < pc->max_entries; i++)
		if (pc->e[i].key != NULL && key_equal(&pc->e[i], k))
			return &pc->e[i];
	return NULL;
}

const struct page_cache_entry *
page_cache_get(struct page_cache *pc, const struct page_cache_key *key)
{
	struct page_cache_entry *e;
	struct key k;

	if (pc->count == 0)
		return NULL;
	key_make(&k, key);
	if ((e = find(pc, &k)) != NULL)
		e->used = ++pc->tick;
	return e;
}

/* The least recently used entry, or NULL when there is none. */
static struct page_cache_entry *
oldest(struct page_cache *pc)
{
	struct page_cache_entry *o = NULL;

	for (size_t i = 0; i < pc->max_entries; i++)
		if (pc->e[i].key != NULL && (o == NULL || pc->e[i].used < o->used))
			o = &pc->e[i];
	return o;
}

int
page_cache_put(struct page_cache *pc, const struct page_cache_key *key,
    const struct response *resp, const char *etag)
{
	struct page_cache_entry *e, n;
	size_t etag_len = strlen(etag), size;
	struct key k;
	char *p;

	if (resp->status != 200 || resp->headers.failed || resp->body.failed)
		return -1;
	key_make(&k, key);
	size = sizeof(n) + k.total + resp->headers.len + 1 + resp->body.len +
	    etag_len + 1;
	if (size > pc->max_bytes / PAGE_CACHE_MAX_SHARE)
		return -1;
	/* Made in full before anything is dropped: a failed malloc leaves
	 * the cache as it was. */
	if ((p = malloc(size - sizeof(n))) == NULL)
		return -1;
	memset(&n, 0, sizeof(n));
	n.key = p;
	n.key_len = k.total;
	n.hash = k.hash;
	for (int i = 0; i < PAGE_CACHE_KEY_PARTS; i++) {
		memcpy(p, k.part[i], k.len[i]);
		p[k.len[i]] = '\0';
		p += k.len[i] + 1;
	}
	n.headers = p;
	n.headers_len = resp->headers.len;
	if (resp->headers.len > 0)
		memcpy(p, resp->headers.data, resp->headers.len);
	p[resp->headers.len] = '\0';
	p += resp->headers.len + 1;
	n.body = p;
	n.body_len = resp->body.len;
	if (resp->body.len > 0)
		memcpy(p, resp->body.data, resp->body.len);
	p += resp->body.len;
	memcpy(p, etag, etag_len + 1);
	n.etag = p;
	n.content_type = resp->content_type;
	n.cache = resp->cache;
	n.size = size;

	if ((e = find(pc, &k)) != NULL)
		drop(pc, e);
	while (pc->count == pc->max_entries || pc->bytes + size > pc->max_bytes)
		drop(pc, oldest(pc));
	for (e = pc->e; e->key != NULL; e++)
		;	/* a free slot: count < max_entries above */
	n.used = ++pc->tick;
	*e = n;
	pc->count++;
	pc->bytes += size;
	return 0;
}

void
page_cache_answer(const struct page_cache_entry *e, struct response *resp)
{
	resp->status = 200;
	resp->content_type = e->content_type;
	resp->cache = e->cache;
	strbuf_append(&resp->headers, e->headers, e->headers_len);
	strbuf_append(&resp->body, e->body, e->body_len);
}

size_t
page_cache_count(const struct page_cache *pc)
{
	return pc->count;
}

size_t
page_cache_bytes(const struct page_cache *pc)
{
	return pc->bytes;
}
