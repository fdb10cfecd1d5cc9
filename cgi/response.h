/* response.h: a response being built: status, headers and body, sent in
 * one piece when the handler is done. */
#ifndef GAZETTE_RESPONSE_H
#define GAZETTE_RESPONSE_H

#include "strbuf.h"

struct response {
	int		 status;
	const char	*content_type;	/* static string */
	struct strbuf	 headers;	/* extra "Name: value\r\n" lines */
	struct strbuf	 body;
	int		 omit_body;	/* HEAD: headers only */
};

void		 response_init(struct response *);
void		 response_reset(struct response *);
void		 response_free(struct response *);
/* Adds a header; a name or value holding CR, LF or NUL is refused (-1). */
int		 response_header(struct response *, const char *name,
		    const char *value);
/* Makes the response a redirect to LOCATION (a site path). */
void		 response_redirect(struct response *, int status,
		    const char *location);
/* Writes the CGI header block (Status, Content-Type, extras, blank line)
 * into OUT. */
void		 response_head(const struct response *, struct strbuf *out);
const char	*http_status_text(int status);

#endif
