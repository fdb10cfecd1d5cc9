/* header_param.h: reading the "; name=value" parameters of an HTTP header
 * value such as Content-Type or Content-Disposition, and the character
 * classes of RFC 7230 (token characters) and RFC 2046 (boundary
 * characters). Pure functions over [start, end) ranges: nothing here reads
 * past END or needs a NUL. */
#ifndef GAZETTE_HEADER_PARAM_H
#define GAZETTE_HEADER_PARAM_H

#include <stddef.h>

struct arena;

/* One parameter; VAL is still quoted when QUOTED is set. */
struct header_param {
	const char	*name, *val;
	size_t		 nlen, vlen;
	int		 quoted;
};

#define header_is_ows(c)	((c) == ' ' || (c) == '\t')
#define header_is_ctl(c)	((unsigned char)(c) < 0x20 || (c) == 0x7f)
/* RFC 7230 tchar (header and parameter names), RFC 2046 bchars. */
#define header_is_tchar(c)	header_in_set((c), "!#$%&'*+-.^_`|~")
#define header_is_bchar(c)	header_in_set((c), "'()+_,-./:=? ")

/* 1 for a letter, a digit or one of EXTRA. */
int		 header_in_set(char c, const char *extra);
/* S past any spaces and tabs, at most END. */
const char	*header_skip_ows(const char *s, const char *end);
/* 1 when the LEN bytes at S are WORD (lower case) in any case. */
int		 header_word_eq(const char *s, size_t len, const char *word);
/* Reads the next parameter of the header value at *PP, before END.
 * Returns 1 with P filled, 0 at the end, -1 when malformed. Empty
 * parameters (";;", a trailing ';') are skipped, as browsers do. A quoted
 * value may escape '"' and '\' with a backslash. */
int		 header_param_next(const char **pp, const char *end,
		    struct header_param *p);
/* The value of P as a new arena string, its quoting undone; NULL when out
 * of memory. */
char		*header_param_value(struct arena *, const struct header_param *p);

#endif
