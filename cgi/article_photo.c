/* article_photo.c: accepting a photo from the article form (see
 * article_photo.h). The client's file name is only ever looked at, never
 * used to name anything: stored files are named by their content hash. */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "article_form.h"
#include "config.h"
#include "article_photo.h"
#include "db.h"
#include "form_body.h"
#include "i18n.h"
#include "markdown.h"
#include "media_store.h"
#include "strbuf.h"

/* 1 when a browser could have sent NAME: a plain file name, no path. */
static int
plain_file_name(const char *name)
{
	if (strstr(name, "..") != NULL || strlen(name) > 255)
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
			return 0;
	return 1;
}

static const char *
type_name(const char *mime)
{
	return strcmp(mime, "image/jpeg") == 0 ? "JPEG" :
	    strcmp(mime, "image/png") == 0 ? "PNG" :
	    strcmp(mime, "image/gif") == 0 ? "GIF" : "WebP";
}

long
article_photo_max(const struct app *app)
{
	return app->config != NULL && app->config->upload_max > 0 &&
	    app->config->upload_max < FORM_FILE_MAX ?
	    app->config->upload_max : FORM_FILE_MAX;
}

const char *
article_photo_max_text(struct app *app)
{
	long max = article_photo_max(app);

	if (max % (1024 * 1024) == 0)
		return arena_printf(&app->arena, "%ld MB", max / (1024 * 1024));
	if (max >= 1024 * 1024)
		return arena_printf(&app->arena, "%.1f MB",
		    (double)max / (1024 * 1024));
	return arena_printf(&app->arena, "%ld KB", max / 1024);
}

int
article_photo_take(struct app *app, const struct form_body *form,
    struct article_form *f, int *added)
{
	const struct multipart_part *p = form_file(form, "photo");
	const char *mime, *claimed;
	char name[MEDIA_NAME_MAX];
	struct strbuf md = STRBUF_INIT;
	int rc;

	*added = 0;
	/* A form sent without choosing a file has an empty file part. */
	if (p == NULL || (!p->too_large && p->len == 0 && p->filename[0] == '\0'))
		return 0;
	if (p->too_large || p->len > (size_t)article_photo_max(app)) {
		article_form_error(f, &f->photo_error, arena_printf(&app->arena,
		    i18n_text(app->lang, I18N_PHOTO_TOO_LARGE),
		    article_photo_max_text(app)));
		return 413;
	}
	if (!plain_file_name(p->filename)) {
		article_form_error(f, &f->photo_error,
		    i18n_text(app->lang, I18N_PHOTO_BAD_NAME));
		return 400;
	}
	if (p->len == 0) {
		article_form_error(f, &f->photo_error,
		    i18n_text(app->lang, I18N_PHOTO_EMPTY));
		return 400;
	}
	if ((mime = media_image_type(p->data, p->len)) == NULL) {
		article_form_error(f, &f->photo_error,
		    i18n_text(app->lang, I18N_PHOTO_NOT_IMAGE));
		return 415;
	}
	claimed = media_type_by_name(p->filename);
	if (claimed != NULL && strcmp(claimed, mime) != 0) {
		const char *dot = strrchr(p->filename, '.');

		article_form_error(f, &f->photo_error, arena_printf(&app->arena,
		    i18n_text(app->lang, I18N_PHOTO_WRONG_TYPE), dot,
		    type_name(mime)));
		return 415;
	}
	if ((rc = db_begin(app->db)) == 0 &&
	    (rc = media_save(app->store, app->media_dir, p->data, p->len, mime,
	    name)) == 0)
		rc = db_commit(app->db);
	if (rc != 0) {
		/* A lock held elsewhere and a full disk are not the editor's
		 * fault, and the first passes: say which it was. A failed
		 * file write was logged by media_save and left SQLite be. */
		enum db_failure why = rc == MEDIA_NO_SPACE ? DB_FULL :
		    sqlite3_errcode(app->db) == SQLITE_OK ? DB_FAILED :
		    db_log_failure(app->db, "storing an uploaded photo");

		db_rollback(app->db);
		article_form_error(f, &f->photo_error, i18n_text(app->lang,
		    why == DB_BUSY ? I18N_PHOTO_BUSY : why == DB_FULL ?
		    I18N_PHOTO_FULL : I18N_PHOTO_NOT_STORED));
		return db_failure_status(why);
	}
	/* The description is escaped so that it stays text in the Markdown. */
	strbuf_puts(&md, f->body);
	if (md.len > 0)
		strbuf_puts(&md, md.data[md.len - 1] == '\n' ? "\n" : "\n\n");
	strbuf_puts(&md, "![");
	markdown_escape(f->photo_alt[0] ? f->photo_alt : "Photo", &md);
	strbuf_printf(&md, "](/media/%s)\n", name);
	f->body = md.failed ? NULL : arena_strndup(&app->arena, md.data, md.len);
	f->photo_alt = "";
	strbuf_free(&md);
	if (f->body == NULL)
		return 500;
	*added = 1;
	return 0;
}
