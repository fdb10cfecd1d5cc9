/* pagination.h: the arithmetic of numbered list pages and the window of
 * page links shown under a list. Pure functions, no I/O. */
#ifndef GAZETTE_PAGINATION_H
#define GAZETTE_PAGINATION_H

#include <stddef.h>

#define PAGE_SIZE	10
#define PAGE_MAX	1000000	/* a larger ?page= is refused as bad input */

struct page_window {
	long	page;		/* 1-based */
	long	per_page;
	long	total_items;
	long	total_pages;	/* at least 1, even for an empty list */
	long	offset;		/* rows to skip */
};

enum page_result {
	PAGE_OK,
	PAGE_BAD,	/* not a number in 1..PAGE_MAX: 400 */
	PAGE_PAST_END	/* a page after the last one: 404 */
};

/* Parses the ?page= value: NULL means page 1; only digits, no leading zero. */
enum page_result	page_parse(const char *value, long *page);
/* Fills W for PAGE of a list of TOTAL items; PAGE_PAST_END when page is
 * beyond the last (page 1 of an empty list is fine). */
enum page_result	page_window(long page, long per_page, long total,
			    struct page_window *w);

/* One entry of the page-link bar: a page number, or a gap ("…"). */
struct page_link {
	long	page;		/* 0 for a gap */
	int	current;
};

#define PAGE_LINKS_MAX	9

/* Fills LINKS with first, last, and the pages within two of the current
 * one, with gaps between; returns how many were written (<= PAGE_LINKS_MAX). */
size_t			page_links(const struct page_window *,
			    struct page_link links[PAGE_LINKS_MAX]);

#endif
