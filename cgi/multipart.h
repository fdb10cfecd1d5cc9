/* multipart.h: parsing a multipart/form-data request body (RFC 7578) that
 * is already in memory (the responder reads bodies up to its own limit
 * before parsing, so the parser never sees more than that).
 *
 * Binary-safe (delimiters are found with memmem), bounded in every
 * dimension (parts, header lines, header bytes, bytes per part), and strict
 * about structure: a body that does not end with the closing delimiter is
 * truncated and refused. Text parts are checked to be valid UTF-8 without
 * NUL. A file part's client file name is kept only to tell that a file was
 * sent: callers must never use it to name anything. */
#ifndef GAZETTE_MULTIPART_H
#define GAZETTE_MULTIPART_H

#include <stddef.h>

struct arena;

#define MULTIPART_MAX_PARTS	32
#define MULTIPART_MAX_BOUNDARY	70	/* RFC 2046 */
#define MULTIPART_MAX_HEADER_LINE 1024	/* bytes, without CRLF */
#define MULTIPART_MAX_HEADERS	8	/* header lines per part */

struct multipart_limits {
	size_t	text_max;	/* bytes of a part without a filename */
	size_t	file_max;	/* bytes of a part with a filename */
};

struct multipart_part {
	const char	*name;		/* form field name, NUL-terminated, valid UTF-8 */
	const char	*filename;	/* NULL for a text field; else as sent (may be "") */
	const char	*content_type;	/* the part's Content-Type, or NULL */
	const char	*data;		/* points into the body; for a text part
					 * a NUL-terminated arena copy instead */
	size_t		 len;
	int		 too_large;	/* over its limit: data is NULL, len is 0 */
};

struct multipart_form {
	struct multipart_part	 parts[MULTIPART_MAX_PARTS];
	size_t			 count;
};

enum multipart_error {
	MULTIPART_OK = 0,
	MULTIPART_NOT_MULTIPART,	/* Content-Type is not multipart/form-data */
	MULTIPART_NO_BOUNDARY,		/* no boundary parameter */
	MULTIPART_BAD_BOUNDARY,		/* empty, over 70 bytes or bad characters;
					 * also given twice, or the parameters
					 * around it cannot be read */
	MULTIPART_TRUNCATED,		/* no closing delimiter */
	MULTIPART_BAD_PART,		/* a part's headers are malformed, or it
					 * has no Content-Disposition form-data
					 * with a name */
	MULTIPART_HEADER_TOO_LONG,	/* a header line or too many of them */
	MULTIPART_TOO_MANY_PARTS,
	MULTIPART_BAD_TEXT,		/* a text part is not UTF-8, or holds NUL */
	MULTIPART_NOMEM,
	MULTIPART_ERROR__MAX
};

/* Extracts the boundary from CONTENT_TYPE ("multipart/form-data;
 * boundary=..." with any case, optional quotes, other parameters) into
 * BOUNDARY. MULTIPART_OK or the reason it cannot. */
enum multipart_error	 multipart_boundary(const char *content_type,
			    char boundary[MULTIPART_MAX_BOUNDARY + 1]);
/* Parses the LEN bytes of BODY sent with CONTENT_TYPE into FORM. A part
 * over its limit is not an error: it is kept with too_large set, so that
 * the caller can re-show a form with everything else the user typed. */
enum multipart_error	 multipart_parse(struct arena *, const char *content_type,
			    const char *body, size_t len,
			    const struct multipart_limits *,
			    struct multipart_form *form);
const char		*multipart_strerror(enum multipart_error);
/* The first part called NAME, or NULL; *COUNT as in urlenc_get. */
const struct multipart_part *multipart_get(const struct multipart_form *,
			    const char *name, size_t *count);

#endif
