/* article_form.h: the article editor's fields as text, their validation,
 * and the conversion to what article_store writes. Everything the user
 * typed is kept, valid or not, so that a refused form comes back filled in
 * with a message beside each field that needs attention. */
#ifndef GAZETTE_ARTICLE_FORM_H
#define GAZETTE_ARTICLE_FORM_H

#include "i18n.h"	/* the messages are in the request's language */

struct arena;
struct article;
struct article_input;
struct form_body;

#define ARTICLE_TITLE_MAX	300	/* characters */
#define ARTICLE_AUTHOR_MAX	120	/* characters */
#define ARTICLE_SOURCE_MAX	200	/* characters; sql/004 checks the same */
#define ARTICLE_BODY_MAX	200000	/* bytes of Markdown */
#define ARTICLE_ALT_MAX		300	/* characters of a photo description */

struct article_form {
	/* As typed (trimmed), never NULL. */
	const char	*title;
	const char	*author;
	const char	*published_on;
	const char	*section;	/* the section id, as sent */
	const char	*body;		/* line ends are LF */
	const char	*status;
	const char	*photo_alt;
	const char	*source;	/* optional; NULL is taken as "" */
	long long	 section_id;	/* parsed from SECTION; 0 when bad */
	/* What is wrong with each field, or NULL. */
	const char	*title_error;
	const char	*author_error;
	const char	*date_error;
	const char	*section_error;
	const char	*body_error;
	const char	*status_error;
	const char	*photo_error;
	const char	*source_error;
	int		 errors;	/* how many of the above are set */
};

/* A new article's form: AUTHOR prefilled, today's date, SECTION_ID. */
void	article_form_new(struct arena *, struct article_form *,
	    const char *author, const char *today, long long section_id);
/* The form of an existing article. */
void	article_form_of(struct arena *, struct article_form *, const struct article *);
/* The fields of a POSTed form; -1 when out of memory. */
int	article_form_read(struct arena *, struct article_form *,
	    const struct form_body *, enum lang);
/* Checks every field and sets the *_error messages; returns F->errors.
 * Whether the section exists is the caller's check (article_form_error). */
int	article_form_validate(struct article_form *, enum lang);
/* Sets ERROR on the field pointed to by SLOT (one of F's *_error). */
void	article_form_error(struct article_form *, const char **slot,
	    const char *error);
/* What article_store needs, from a validated form; -1 when out of memory. */
int	article_form_input(struct arena *, const struct article_form *,
	    struct article_input *);
/* 1 when S is a real calendar date written YYYY-MM-DD (years 1900-9999). */
int	article_date_valid(const char *s);

#endif
