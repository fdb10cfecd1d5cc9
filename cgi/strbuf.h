/* strbuf.h: a growable byte buffer for output that outlives one request
 * (a worker keeps its response buffer and reuses the memory). */
#ifndef GAZETTE_STRBUF_H
#define GAZETTE_STRBUF_H

#include <stddef.h>

struct strbuf {
	char	*data;	/* always NUL-terminated once anything is appended */
	size_t	 len;
	size_t	 cap;
	int	 failed; /* set when an allocation failed; appends become no-ops */
};

#define STRBUF_INIT { NULL, 0, 0, 0 }

void	strbuf_append(struct strbuf *, const void *, size_t);
void	strbuf_puts(struct strbuf *, const char *);
void	strbuf_printf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	strbuf_reset(struct strbuf *);
void	strbuf_free(struct strbuf *);

#endif
