/* site_revision.h: the number that changes whenever what readers see may
 * have changed (sql/005_revision.sql), for HTTP caching. */
#ifndef GAZETTE_SITE_REVISION_H
#define GAZETTE_SITE_REVISION_H

struct store;

struct site_revision {
	long long	revision;
	long long	changed_at;	/* unix seconds */
};

/* 0 with *R filled, or -1 (logged). */
int	site_revision_get(struct store *, struct site_revision *r);
/* Moves the revision on, for changes the database does not see: a new
 * program or reloaded templates. 0 or -1 (logged). */
int	site_revision_bump(struct store *);

#endif
