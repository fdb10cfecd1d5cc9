/* list_anchors.c: learning and keeping the anchors of deep list pages
 * (see list_anchors.h). Each list holds keys[i], the key of row
 * (i + 1) * LIST_ANCHOR_EVERY - 1, so rows after keys[i] begin at offset
 * (i + 1) * LIST_ANCHOR_EVERY. The keys of a list are learnt in order,
 * each from the one before, and only as deep as a request has gone. */
#include <stdlib.h>
#include <string.h>

#include "list_anchors.h"
#include "store.h"

const struct list_key LIST_KEY_START = { "9999-99-99", 0 };

struct anchor_list {
	long long	 section_id;
	int		 used;
	unsigned long	 last_use;	/* for the least-recently-used choice */
	struct list_key	*keys;		/* owned */
	size_t		 n, cap;
};

struct list_anchors {
	struct anchor_list	 list[LIST_ANCHOR_LISTS];
	long long		 revision;
	unsigned long		 clock;
};

struct list_anchors *
list_anchors_new(void)
{
	struct list_anchors *la = calloc(1, sizeof(*la));

	if (la != NULL)
		la->revision = -1;
	return la;
}

void
list_anchors_free(struct list_anchors *la)
{
	if (la == NULL)
		return;
	for (int i = 0; i < LIST_ANCHOR_LISTS; i++)
		free(la->list[i].keys);
	free(la);
}

void
list_anchors_sync(struct list_anchors *la, long long revision)
{
	if (la == NULL || (revision == la->revision && revision != -1))
		return;
	for (int i = 0; i < LIST_ANCHOR_LISTS; i++) {
		la->list[i].used = 0;
		la->list[i].n = 0;	/* the memory is kept for the next ones */
	}
	la->revision = revision;
}

/* The list of SECTION_ID, or the least recently used one emptied for it. */
static struct anchor_list *
list_of(struct list_anchors *la, long long section_id)
{
	struct anchor_list *l, *oldest = &la->list[0];

	for (int i = 0; i < LIST_ANCHOR_LISTS; i++) {
		l = &la->list[i];
		if (l->used && l->section_id == section_id)
			goto found;
		if (!l->used || (oldest->used && l->last_use < oldest->last_use))
			oldest = l;
	}
	l = oldest;
	l->used = 1;
	l->section_id = section_id;
	l->n = 0;
found:
	l->last_use = ++la->clock;
	return l;
}

/* The key LIST_ANCHOR_EVERY rows after FROM in the list of SECTION_ID:
 * 1 and *NEXT set, 0 when the list ends first, -1 on a database error. */
static int
step(struct store *s, long long section_id, const struct list_key *from,
    struct list_key *next)
{
	sqlite3_stmt *st = store_stmt(s, section_id == 0 ? STMT_ANCHOR_NEXT_ALL :
	    STMT_ANCHOR_NEXT_LEAF);
	const unsigned char *date;
	int rc;

	sqlite3_bind_int64(st, 1, section_id);
	sqlite3_bind_text(st, 2, from->date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, from->id);
	sqlite3_bind_int64(st, 4, LIST_ANCHOR_EVERY - 1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		date = sqlite3_column_text(st, 0);
		if (date == NULL || strlen((const char *)date) >= sizeof(next->date)) {
			rc = SQLITE_CORRUPT;	/* the schema's CHECK forbids it */
		} else {
			strcpy(next->date, (const char *)date);
			next->id = sqlite3_column_int64(st, 1);
		}
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_log_error(s, "list anchors");
	return -1;
}

int
list_anchors_find(struct list_anchors *la, struct store *s,
    long long section_id, long offset, struct list_key *key, long *rest)
{
	struct anchor_list *l;
	size_t want;
	struct list_key *grown;
	int rc;

	*key = LIST_KEY_START;
	*rest = offset;
	if (la == NULL || offset < LIST_ANCHOR_EVERY)
		return 0;
	l = list_of(la, section_id);
	want = (size_t)(offset / LIST_ANCHOR_EVERY);
	while (l->n < want) {
		if (l->n == l->cap) {
			size_t cap = l->cap ? l->cap * 2 : 16;

			if ((grown = realloc(l->keys, cap * sizeof(*grown))) == NULL)
				break;	/* start from the deepest key known */
			l->keys = grown;
			l->cap = cap;
		}
		rc = step(s, section_id, l->n ? &l->keys[l->n - 1] : &LIST_KEY_START,
		    &l->keys[l->n]);
		if (rc < 0)
			return -1;
		if (rc == 0)
			break;		/* the list is shorter: the page is empty */
		l->n++;
	}
	if (l->n > 0) {
		size_t use = l->n < want ? l->n : want;

		*key = l->keys[use - 1];
		*rest = offset - (long)use * LIST_ANCHOR_EVERY;
	}
	return 0;
}
