/* arena.h: per-request memory.
 *
 * Ownership convention used everywhere in gazette:
 *   - anything a function allocates from a `struct arena *` argument lives
 *     until that arena is reset; it is never freed one by one;
 *   - long-lived objects come from a *_new / *_open function and go back
 *     through the matching *_free / *_close;
 *   - every other pointer is borrowed and must not be freed.
 */
#ifndef GAZETTE_ARENA_H
#define GAZETTE_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *chunks;	/* newest first */
	size_t total;			/* bytes handed out since reset */
};

void	 arena_init(struct arena *);
/* Returns NULL only when memory is exhausted. Aligned for any type. */
void	*arena_alloc(struct arena *, size_t);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Frees all but the first chunk, so a worker reuses it request after request. */
void	 arena_reset(struct arena *);
void	 arena_release(struct arena *);

#endif
