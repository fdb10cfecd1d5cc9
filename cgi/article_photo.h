/* article_photo.h: a photo uploaded with the article form: checked (by
 * content, size and file name), stored in the media folder by content
 * hash, and added to the end of the article's Markdown body. */
#ifndef GAZETTE_ARTICLE_PHOTO_H
#define GAZETTE_ARTICLE_PHOTO_H

struct app;
struct article_form;
struct form_body;

/* Takes the file field "photo" of FORM, if one was chosen. Returns 0 when
 * there was none or it was stored (F->body then ends with the image and
 * *ADDED is 1); otherwise F->photo_error says why and the return value is
 * the status to answer with (400 bad name, 413 too large, 415 not an image
 * gazette accepts; 503 another writer held the database, 507 the disk is
 * full, 500 any other failure to store it). Nothing is stored unless the
 * photo is accepted. */
int		 article_photo_take(struct app *, const struct form_body *,
	    struct article_form *f, int *added);

/* The most bytes a photo may have: the config's upload_max, never more
 * than a form may carry (FORM_FILE_MAX). */
long		 article_photo_max(const struct app *);
/* That limit as editors read it ("8 MB"), in the request arena. */
const char	*article_photo_max_text(struct app *);

#endif
