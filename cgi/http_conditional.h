/* http_conditional.h: the parts of HTTP conditional requests (RFC 9110
 * section 13) that read what a client sent: If-None-Match lists and
 * If-Modified-Since dates. Pure functions over bounded strings, so they
 * are fuzzed (tests/fuzz/fuzz_conditional.c). */
#ifndef GAZETTE_HTTP_CONDITIONAL_H
#define GAZETTE_HTTP_CONDITIONAL_H

#include <stddef.h>

/* "Sun, 06 Nov 1994 08:49:37 GMT" and its NUL. */
#define HTTP_DATE_SIZE		30
/* Headers longer than this are ignored (treated as absent): a real
 * If-None-Match holds a few tags, not kilobytes. */
#define HTTP_CONDITION_MAX	2048

/* 1 when the If-None-Match value LIST is "*" or names ETAG under the weak
 * comparison (W/ ignored on both sides); 0 when it does not, and when LIST
 * is malformed or too long (then the full answer is always right). ETAG is
 * one entity tag such as "\"abc\"". */
int	http_etag_matches(const char *list, const char *etag);
/* Reads an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"): 0 and *T (unix
 * seconds), or -1. The two obsolete formats are not read: a caller that
 * ignores a date it cannot read still answers correctly, just in full. */
int	http_date_parse(const char *s, long long *t);
/* Writes T as an IMF-fixdate into BUF (HTTP_DATE_SIZE bytes); T before
 * 1970 or after 9999 is clamped. */
void	http_date_format(long long t, char buf[HTTP_DATE_SIZE]);
/* RFC 9110 13.2.2 for a GET or HEAD whose answer would be 200 with ETAG
 * and LAST_MODIFIED (0: none): 1 when it should be 304 Not Modified.
 * If-None-Match, when sent, decides alone; If-Modified-Since is read only
 * without it. Either header may be NULL. */
int	http_not_modified(const char *if_none_match, const char *if_modified_since,
	    const char *etag, long long last_modified);

#endif
