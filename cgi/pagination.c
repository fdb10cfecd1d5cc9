/* pagination.c: numbered pages and their link bar (see pagination.h). */
#include <string.h>

#include "pagination.h"

enum page_result
page_parse(const char *s, long *page)
{
	size_t n;
	long v = 0;

	if (s == NULL) {
		*page = 1;
		return PAGE_OK;
	}
	n = strlen(s);
	if (n == 0 || n > 7 || strspn(s, "0123456789") != n || s[0] == '0')
		return PAGE_BAD;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	if (v > PAGE_MAX)
		return PAGE_BAD;
	*page = v;
	return PAGE_OK;
}

enum page_result
page_window(long page, long per_page, long total, struct page_window *w)
{
	if (page < 1 || per_page < 1 || total < 0)
		return PAGE_BAD;
	w->page = page;
	w->per_page = per_page;
	w->total_items = total;
	w->total_pages = total == 0 ? 1 : (total + per_page - 1) / per_page;
	w->offset = (page - 1) * per_page;
	return page > w->total_pages ? PAGE_PAST_END : PAGE_OK;
}

size_t
page_links(const struct page_window *w, struct page_link links[PAGE_LINKS_MAX])
{
	long want[7], last = 0;
	size_t n = 0, k = 0;

	/* Candidates in ascending order: 1, page-2 .. page+2, last page. */
	want[k++] = 1;
	for (long p = w->page - 2; p <= w->page + 2; p++)
		want[k++] = p;
	want[k++] = w->total_pages;
	for (size_t i = 0; i < k; i++) {
		long p = want[i];

		if (p < 1 || p > w->total_pages || p <= last)
			continue;
		if (last != 0 && p != last + 1) {
			links[n].page = 0;
			links[n].current = 0;
			n++;
		}
		links[n].page = p;
		links[n].current = p == w->page;
		n++;
		last = p;
	}
	return n;
}
