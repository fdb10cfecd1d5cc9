/* form_body.h: the fields of a POSTed form, whichever of the two encodings
 * a browser used (application/x-www-form-urlencoded or multipart/form-data),
 * read from the request body within the responder's limits. */
#ifndef GAZETTE_FORM_BODY_H
#define GAZETTE_FORM_BODY_H

#include "multipart.h"
#include "urlencoded.h"

struct arena;
struct request;

#define FORM_TEXT_MAX	(256 * 1024)		/* bytes of one text field */
#define FORM_FILE_MAX	(8L * 1024 * 1024)	/* bytes of one uploaded file */

struct form_body {
	int			 multipart;
	struct urlenc_form	 url;
	struct multipart_form	 mp;
};

/* Reads and parses the body of REQ into FORM: 0, or the status to answer
 * with (400 malformed, 411, 413, 415 another content type, 500) and *WHY
 * for the log. */
int		 form_body_read(struct arena *, const struct request *,
		    struct form_body *, const char **why);
/* The text field NAME, or NULL when absent, sent twice or too large. */
const char	*form_text(const struct form_body *, const char *name);
/* 1 when the field NAME was sent but was over its size limit. */
int		 form_too_large(const struct form_body *, const char *name);
/* The file field NAME (a multipart part with a filename), or NULL. */
const struct multipart_part *form_file(const struct form_body *, const char *name);

#endif
