/* article_form.c: reading and validating the article editor's fields (see
 * article_form.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "article_form.h"
#include "article_store.h"
#include "form_body.h"
#include "i18n.h"
#include "markdown.h"
#include "seed_parser.h"
#include "urlencoded.h"


void
article_form_new(struct arena *a, struct article_form *f, const char *author,
    const char *today, long long section_id)
{
	const char *section = arena_printf(a, "%lld", section_id);

	memset(f, 0, sizeof(*f));
	f->title = f->body = f->photo_alt = f->source = "";
	f->author = author ? author : "";
	f->published_on = today;
	f->section = section ? section : "";
	f->section_id = section_id;
	f->status = "published";
}

void
article_form_of(struct arena *a, struct article_form *f, const struct article *art)
{
	const char *section = arena_printf(a, "%lld", art->s.section_id);

	memset(f, 0, sizeof(*f));
	f->title = art->s.title;
	f->author = art->s.author;
	f->published_on = art->s.published_on;
	f->section = section ? section : "";
	f->section_id = art->s.section_id;
	f->body = art->body;
	f->status = art->s.status;
	f->photo_alt = "";
	f->source = art->source;
}

/* S without leading and trailing ASCII white space, in the arena. */
static const char *
trimmed(struct arena *a, const char *s)
{
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
		n--;
	return arena_strndup(a, s, n);
}

/* S with CRLF and lone CR turned into LF: browsers send CRLF, and the
 * stored Markdown should not depend on which browser wrote it. */
static const char *
lf_only(struct arena *a, const char *s)
{
	char *out = arena_alloc(a, strlen(s) + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (; *s; s++) {
		if (*s == '\r') {
			*o++ = '\n';
			if (s[1] == '\n')
				s++;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

static const char *
field(const struct form_body *form, const char *name)
{
	const char *v = form_text(form, name);

	return v ? v : "";
}

int
article_form_read(struct arena *a, struct article_form *f,
    const struct form_body *form, enum lang lang)
{
	char *end;

	memset(f, 0, sizeof(*f));
	f->title = trimmed(a, field(form, "title"));
	f->author = trimmed(a, field(form, "author"));
	f->published_on = trimmed(a, field(form, "published_on"));
	f->section = trimmed(a, field(form, "section"));
	f->body = lf_only(a, field(form, "body"));
	f->status = field(form, "status");
	f->photo_alt = trimmed(a, field(form, "photo_alt"));
	f->source = trimmed(a, field(form, "source"));
	if (!f->title || !f->author || !f->published_on || !f->section ||
	    !f->body || !f->photo_alt || !f->source)
		return -1;
	/* A field over the form's own size limit arrives as missing; say so
	 * rather than "required". */
	if (form_too_large(form, "title"))
		article_form_error(f, &f->title_error,
		    i18n_text(lang, I18N_FORM_TITLE_TOO_LARGE));
	if (form_too_large(form, "body"))
		article_form_error(f, &f->body_error,
		    i18n_text(lang, I18N_FORM_BODY_TOO_LONG));
	f->section_id = strtoll(f->section, &end, 10);
	if (f->section[0] < '1' || f->section[0] > '9' || *end != '\0' ||
	    strlen(f->section) > 15)
		f->section_id = 0;
	return 0;
}

void
article_form_error(struct article_form *f, const char **slot, const char *error)
{
	if (*slot == NULL)
		f->errors++;
	*slot = error;
}

/* 1 when S holds a control character other than those allowed in ALLOW. */
static int
has_control(const char *s, const char *allow)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 || *p == 0x7f) && strchr(allow, *p) == NULL)
			return 1;
	return 0;
}

/* One calendar rule for imported and written articles. */
int
article_date_valid(const char *s)
{
	return seed_date_valid(s);
}

int
article_form_validate(struct article_form *f, enum lang lang)
{
	if (f->title_error == NULL) {
		if (f->title[0] == '\0')
			article_form_error(f, &f->title_error,
		    i18n_text(lang, I18N_FORM_TITLE_EMPTY));
		else if (utf8_chars(f->title) > ARTICLE_TITLE_MAX)
			article_form_error(f, &f->title_error,
			    i18n_text(lang, I18N_FORM_TITLE_LONG));
		else if (has_control(f->title, ""))
			article_form_error(f, &f->title_error,
			    i18n_text(lang, I18N_FORM_TITLE_CONTROL));
	}
	if (f->author[0] == '\0')
		article_form_error(f, &f->author_error,
		    i18n_text(lang, I18N_FORM_AUTHOR_EMPTY));
	else if (utf8_chars(f->author) > ARTICLE_AUTHOR_MAX)
		article_form_error(f, &f->author_error,
		    i18n_text(lang, I18N_FORM_AUTHOR_LONG));
	else if (has_control(f->author, ""))
		article_form_error(f, &f->author_error,
		    i18n_text(lang, I18N_FORM_AUTHOR_CONTROL));
	/* The source is optional; otherwise checked like the author. */
	if (f->source == NULL)
		f->source = "";
	if (utf8_chars(f->source) > ARTICLE_SOURCE_MAX)
		article_form_error(f, &f->source_error,
		    i18n_text(lang, I18N_FORM_SOURCE_LONG));
	else if (has_control(f->source, ""))
		article_form_error(f, &f->source_error,
		    i18n_text(lang, I18N_FORM_SOURCE_CONTROL));
	if (!article_date_valid(f->published_on))
		article_form_error(f, &f->date_error,
		    i18n_text(lang, I18N_FORM_DATE));
	if (f->section_id <= 0)
		article_form_error(f, &f->section_error,
		    i18n_text(lang, I18N_FORM_SECTION));
	if (strcmp(f->status, "draft") != 0 && strcmp(f->status, "published") != 0)
		article_form_error(f, &f->status_error,
		    i18n_text(lang, I18N_FORM_STATUS));
	if (f->body_error == NULL) {
		if (strlen(f->body) > ARTICLE_BODY_MAX)
			article_form_error(f, &f->body_error,
			    i18n_text(lang, I18N_FORM_BODY_TOO_LONG));
		else if (has_control(f->body, "\t\n"))
			article_form_error(f, &f->body_error,
			    i18n_text(lang, I18N_FORM_BODY_CONTROL));
		else if (f->body[strspn(f->body, " \t\n")] == '\0' &&
		    strcmp(f->status, "published") == 0)
			article_form_error(f, &f->body_error,
			    i18n_text(lang, I18N_FORM_BODY_EMPTY));
	}
	if (utf8_chars(f->photo_alt) > ARTICLE_ALT_MAX || has_control(f->photo_alt, ""))
		article_form_error(f, &f->photo_error,
		    i18n_text(lang, I18N_FORM_PHOTO_ALT));
	return f->errors;
}

int
article_form_input(struct arena *a, const struct article_form *f,
    struct article_input *in)
{
	memset(in, 0, sizeof(*in));
	in->section_id = f->section_id;
	in->title = f->title;
	in->author = f->author;
	in->source = f->source ? f->source : "";
	in->published_on = f->published_on;
	in->body = f->body;
	in->status = strcmp(f->status, "draft") == 0 ? "draft" : "published";
	in->excerpt = markdown_excerpt(a, f->body, MARKDOWN_EXCERPT_CHARS);
	return in->excerpt == NULL ? -1 : 0;
}
