/* form_body.c: one way to read a form, whatever its encoding (see
 * form_body.h). */
#include <strings.h>
#include <string.h>

#include "arena.h"
#include "form_body.h"
#include "request.h"

/* 1 when CONTENT_TYPE's media type is TYPE (case-insensitive, parameters
 * ignored). */
static int
media_type_is(const char *content_type, const char *type)
{
	size_t n = strlen(type);

	if (content_type == NULL || strncasecmp(content_type, type, n) != 0)
		return 0;
	return content_type[n] == '\0' || content_type[n] == ';' ||
	    content_type[n] == ' ' || content_type[n] == '\t';
}

int
form_body_read(struct arena *a, const struct request *req,
    struct form_body *form, const char **why)
{
	static const struct multipart_limits limits = { FORM_TEXT_MAX, FORM_FILE_MAX };
	const char *body;
	size_t len;
	int status;

	memset(form, 0, sizeof(*form));
	if (media_type_is(req->content_type, "application/x-www-form-urlencoded"))
		form->multipart = 0;
	else if (media_type_is(req->content_type, "multipart/form-data"))
		form->multipart = 1;
	else {
		*why = "a form must be sent as urlencoded or multipart/form-data";
		return 415;
	}
	if ((status = request_read_body(a, req, REQUEST_MAX_BODY, &body, &len)) != 0) {
		*why = status == 413 ? "request body over the limit" :
		    status == 411 ? "POST without Content-Length" :
		    "request body shorter than its Content-Length";
		return status;
	}
	if (form->multipart) {
		enum multipart_error e = multipart_parse(a, req->content_type,
		    body, len, &limits, &form->mp);

		if (e != MULTIPART_OK) {
			*why = multipart_strerror(e);
			return e == MULTIPART_NOMEM ? 500 : 400;
		}
	} else {
		enum urlenc_error e;

		/* Urlencoded forms (sign-in, sign-out, delete) carry a few
		 * short fields; a field may triple in size when encoded. */
		if (len > FORM_TEXT_MAX * 4) {
			*why = "urlencoded body over the limit";
			return 413;
		}
		if ((e = urlenc_parse(a, body, len, &form->url)) != URLENC_OK) {
			*why = urlenc_strerror(e);
			return e == URLENC_NOMEM ? 500 : 400;
		}
	}
	*why = NULL;
	return 0;
}

const char *
form_text(const struct form_body *form, const char *name)
{
	size_t count = 0;

	if (form->multipart) {
		const struct multipart_part *p = multipart_get(&form->mp, name, &count);

		if (p == NULL || count != 1 || p->filename != NULL || p->too_large)
			return NULL;
		return p->data;
	} else {
		const char *v = urlenc_get(&form->url, name, &count);

		return count == 1 ? v : NULL;
	}
}

int
form_too_large(const struct form_body *form, const char *name)
{
	const struct multipart_part *p;

	if (!form->multipart)
		return 0;
	p = multipart_get(&form->mp, name, NULL);
	return p != NULL && p->too_large;
}

const struct multipart_part *
form_file(const struct form_body *form, const char *name)
{
	size_t count = 0;
	const struct multipart_part *p;

	if (!form->multipart)
		return NULL;
	p = multipart_get(&form->mp, name, &count);
	return p != NULL && count == 1 && p->filename != NULL ? p : NULL;
}
