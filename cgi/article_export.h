/* article_export.h: `gazette export` (cmd_export, declared in command.h):
 * every section and article of the site, drafts included, with the photos
 * their bodies name, as one JSON file in the format of export_format.h,
 * for `gazette import` on another site. Users, sessions and page views
 * stay behind. */
#ifndef GAZETTE_ARTICLE_EXPORT_H
#define GAZETTE_ARTICLE_EXPORT_H

#include <stdio.h>

struct store;

struct export_totals {
	long	 sections;
	long	 articles;
	long	 photos;
	long	 missing;	/* photos a body names that MEDIA_DIR lacks */
};

/* Writes the export of the site in S to OUT, with photos read from
 * MEDIA_DIR, one article at a time (memory does not grow with the site),
 * inside one read transaction, so that it is one moment of the site while
 * editors go on writing. A missing photo is said on standard error and
 * counted; the export goes on without it. 0, or -1 when said on standard
 * error (OUT then holds half an export). */
int	export_write(struct store *, const char *media_dir, FILE *out,
	    struct export_totals *);

#endif
