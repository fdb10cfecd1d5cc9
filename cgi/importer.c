/* importer.c: seed-format files into the database (see importer.h). */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "article_store.h"
#include "db.h"
#include "importer.h"
#include "markdown.h"
#include "media_store.h"
#include "section_store.h"
#include "seed_parser.h"
#include "store.h"
#include "strbuf.h"


/* Reads at most MAX bytes of PATH into a malloc'd *BUF (caller frees).
 * 0 on success; -1 with errno set (EFBIG when larger than MAX). */
static int
read_whole_file(const char *path, size_t max, char **buf, size_t *len)
{
	struct stat sb;
	ssize_t r;
	size_t got = 0;
	int fd, saved;

	*buf = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &sb) != 0) {
		saved = errno;
		goto fail;
	}
	if (!S_ISREG(sb.st_mode)) {
		saved = EINVAL;	/* a folder or a device is not an article */
		goto fail;
	}
	if ((size_t)sb.st_size > max) {
		saved = EFBIG;
		goto fail;
	}
	if ((*buf = malloc((size_t)sb.st_size + 1)) == NULL) {
		saved = ENOMEM;
		goto fail;
	}
	while (got < (size_t)sb.st_size &&
	    (r = read(fd, *buf + got, (size_t)sb.st_size - got)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			saved = errno;
			goto fail;
		}
		got += (size_t)r;
	}
	close(fd);
	(*buf)[got] = '\0';
	*len = got;
	return 0;
fail:
	close(fd);
	free(*buf);
	*buf = NULL;
	errno = saved;
	return -1;
}

static void
report(const char *path, size_t line, const char *message)
{
	if (line > 0)
		fprintf(stderr, "%s:%zu: %s\n", path, line, message);
	else
		fprintf(stderr, "%s: %s\n", path, message);
}

/* Finds photo NAME next to the article at PATH: first in a folder named
 * like the article file without its extension, then beside it. */
static char *
photo_path(struct arena *a, const char *path, const char *name)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t dirlen = slash ? (size_t)(slash - path) : 0;
	const char *dir = slash ? arena_strndup(a, path, dirlen) : ".";
	const char *base = slash ? slash + 1 : path;
	size_t stem = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	char *p;
	struct stat sb;

	p = arena_printf(a, "%s/%.*s/%s", dir, (int)stem, base, name);
	if (p != NULL && stat(p, &sb) == 0)
		return p;
	p = arena_printf(a, "%s/%s", dir, name);
	if (p != NULL && stat(p, &sb) == 0)
		return p;
	return NULL;
}

/* Builds the CommonMark body; photos are copied into the media folder. */
static int
build_body(struct store *s, struct arena *a, const char *path,
    const struct seed_article *art, const char *media_dir, struct strbuf *md)
{
	int photos = 0;

	for (size_t i = 0; i < art->block_count; i++) {
		const struct seed_block *b = &art->blocks[i];
		char name[MEDIA_NAME_MAX], *file, *data;
		const char *mime;
		size_t len;

		if (i > 0)
			strbuf_puts(md, "\n\n");
		if (b->kind == SEED_PARAGRAPH) {
			markdown_escape(b->text, md);
			continue;
		}
		if ((file = photo_path(a, path, b->text)) == NULL) {
			report(path, b->line, "the photo named here was not found "
			    "(looked in the folder named like this file, then beside it)");
			return -1;
		}
		if (read_whole_file(file, IMPORT_MAX_PHOTO, &data, &len) != 0) {
			report(file, 0, errno == EFBIG ? "the photo is larger than 20 MiB" :
			    strerror(errno));
			return -1;
		}
		mime = media_image_type(data, len);
		if (mime == NULL || media_save(s, media_dir, data, len, mime, name) != 0) {
			free(data);
			report(path, b->line, mime == NULL ? "the photo named here is "
			    "not a JPEG, PNG, GIF or WebP image" : "the photo could not "
			    "be stored in the media folder");
			return -1;
		}
		free(data);
		strbuf_printf(md, "![Photo %d](/media/%s)", ++photos, name);
	}
	return md->failed ? -1 : 0;
}

enum import_outcome
import_file(struct store *s, const char *path, const char *media_dir,
    long long *id)
{
	struct arena a;
	struct strbuf md = STRBUF_INIT;
	struct seed_article art;
	struct seed_error err;
	struct article_input in;
	unsigned char hash[32];
	char hex[sizeof(hash) * 2 + 1], *text = NULL;
	long long section_id;
	size_t len;
	enum import_outcome out = IMPORT_FAILED;
	int rc;

	arena_init(&a);
	if (read_whole_file(path, SEED_MAX_BYTES, &text, &len) != 0) {
		report(path, 0, errno == EFBIG ? "the file is larger than 1 MiB" :
		    strerror(errno));
		goto done;
	}
	crypto_generichash(hash, sizeof(hash), (unsigned char *)text, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	if ((rc = article_by_import_hash(s, hex, id)) == 0) {
		out = IMPORT_UNCHANGED;
		goto done;
	} else if (rc < 0)
		goto done;
	if (seed_parse(&a, text, len, &art, &err) != 0) {
		report(path, err.line, err.message);
		goto done;
	}
	if (db_begin(store_db(s)) != 0) {
		report(path, 0, "cannot start a transaction (is another process "
		    "writing? try again)");
		goto done;
	}
	if (section_ensure_path(s, &a, art.sections, art.section_count, &section_id) != 0) {
		report(path, 1, "the sections of the breadcrumb could not be stored");
		goto rollback;
	}
	if (build_body(s, &a, path, &art, media_dir, &md) != 0)
		goto rollback;
	in.section_id = section_id;
	in.title = art.title;
	in.author = art.author;
	in.published_on = art.published_on;
	in.body = md.data;
	in.excerpt = markdown_excerpt(&a, md.data, MARKDOWN_EXCERPT_CHARS);
	in.status = "published";
	in.import_hash = hex;
	in.source = "";		/* the seed format has no source line */
	if (in.excerpt == NULL || article_insert(s, &in, id) != 0) {
		report(path, 0, "the article could not be stored");
		goto rollback;
	}
	if (db_commit(store_db(s)) != 0) {
		report(path, 0, "commit failed; nothing of this file was stored");
		goto rollback;
	}
	out = IMPORT_ADDED;
	goto done;
rollback:
	db_rollback(store_db(s));
done:
	strbuf_free(&md);
	free(text);
	arena_release(&a);
	return out;
}
