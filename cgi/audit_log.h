/* audit_log.h: who did what in the admin, and when. Records are written in
 * the same transaction as the change they describe. */
#ifndef GAZETTE_AUDIT_LOG_H
#define GAZETTE_AUDIT_LOG_H

#include <stddef.h>

struct arena;
struct store;

struct audit_entry {
	long long	 at;		/* unix seconds */
	const char	*user_name;
	const char	*action;	/* "created", "updated", "deleted", "signed in", ... */
	long long	 article_id;	/* 0: none */
	const char	*detail;	/* the article's title at the time, or "" */
};

/* 0 or -1 (logged). */
int	audit_record(struct store *, long long now, const char *user_name,
	    const char *action, long long article_id, const char *detail);
/* The newest LIMIT entries, newest first, in an arena array. */
int	audit_recent(struct store *, struct arena *, size_t limit,
	    struct audit_entry **items, size_t *n);

#endif
