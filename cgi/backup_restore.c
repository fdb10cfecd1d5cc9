/* backup_restore.c: `gazette restore SRC`, which brings a folder made by
 * `gazette backup` back into the database and media folder of this run's
 * settings. Nothing is written until the whole backup checked out against
 * its MANIFEST. Photos go first and the database second, so the restored
 * content never names a photo that is not there yet; the database is
 * written with the backup API, which a serving site's workers see as one
 * more commit. */
#include <errno.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup.h"
#include "backup_manifest.h"
#include "command.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "paths.h"

struct restore {
	const char		*src;
	const struct config	*cfg;
	struct manifest		 m;
	char			 src_db[PATH_MAX + 32];
	char			 staging[PATH_MAX + 64];	/* "" unused */
	int			 schema;	/* of the backup */
	long long		 articles;
	long long		 revision;	/* the replaced database's */
	size_t			 copied;	/* photos written */
	size_t			 present;	/* photos already there */
	int			 existed;	/* the database did */
};

/* Started as root, a file the restore makes takes the owner of the
 * folder it is in: the site's user must be able to write the database,
 * and an operator restores with sudo. */
static void
adopt(const char *path)
{
	char dir[PATH_MAX];
	struct stat sb;

	if (geteuid() != 0)
		return;
	paths_dirname(path, dir, sizeof(dir));
	if (stat(dir, &sb) == 0 && chown(path, sb.st_uid, sb.st_gid) != 0)
		log_warn("cannot give %s to the owner of %s: %s", path, dir,
		    strerror(errno));
}

/* mkdir -p DIR; the folders made are adopted. */
static int
make_dirs(const char *dir)
{
	char path[PATH_MAX];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof(path))
		return -1;
	memcpy(path, dir, len + 1);
	for (char *p = path + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(path, 0755) == 0)
			adopt(path);
		else if (errno != EEXIST) {
			log_error("cannot create the folder %s: %s", path, strerror(errno));
			return -1;
		}
		if ((*p = c) == '\0')
			return 0;
	}
}

/* The backup is whole and unchanged, and its database is one this
 * binary can serve (after migrations). */
static int
check_backup(struct restore *r)
{
	static char err[16384];
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int n, rc = -1;

	if (manifest_read(&r->m, r->src, err, sizeof(err)) != 0) {
		log_error("%s/%s", r->src, err);
		return -1;
	}
	if ((n = manifest_check(&r->m, r->src, err, sizeof(err))) != 0) {
		for (char *line = strtok(err, "\n"); line; line = strtok(NULL, "\n"))
			log_error("%s/%s", r->src, line);
		log_error("%s does not match its MANIFEST (%d problem%s above): it "
		    "was changed or damaged after it was made: use another "
		    "backup", r->src, n, n == 1 ? "" : "s");
		return -1;
	}
	snprintf(r->src_db, sizeof(r->src_db), "%s/%s", r->src, BACKUP_DB_FILE);
	if (sqlite3_open_v2(r->src_db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		log_error("cannot open %s: %s", r->src_db,
		    db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (backup_integrity(db, r->src_db) != 0)
		goto out;
	r->schema = db_schema_version(db);
	if (r->schema != r->m.schema || r->schema < 1) {
		log_error("%s has schema version %d, its MANIFEST says %d: the backup "
		    "was changed after it was made; use another backup", r->src_db,
		    r->schema, r->m.schema);
		goto out;
	}
	if (r->schema > db_schema_latest()) {
		log_error("%s was made at schema version %d, newer than this "
		    "gazette's %d: install the newer gazette (the one that made "
		    "the backup) and restore with it", r->src, r->schema,
		    db_schema_latest());
		goto out;
	}
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM article", -1, &st, NULL) !=
	    SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
		log_error("cannot read the articles of %s: %s", r->src_db,
		    sqlite3_errmsg(db));
		goto out;
	}
	r->articles = sqlite3_column_int64(st, 0);
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

/* Copies the backup's photos into the media folder through a temporary
 * file and rename(), so the site never serves half a photo. A photo
 * already there with the same content is left alone. */
static int
restore_media(struct restore *r)
{
	unsigned char hash[BACKUP_HASH_BYTES];
	char from[PATH_MAX + 200], to[PATH_MAX + 200], tmp[PATH_MAX + 240];
	const char *media = r->cfg->media;
	size_t skip = strlen(MANIFEST_MEDIA) + 1;
	long long size;

	if (make_dirs(media) != 0)
		return -1;
	for (size_t i = 0; i < r->m.nfiles; i++) {
		const struct manifest_file *f = &r->m.files[i];

		if (strcmp(f->path, MANIFEST_DB) == 0)
			continue;
		snprintf(from, sizeof(from), "%s/%s", r->src, f->path);
		snprintf(to, sizeof(to), "%s/%s", media, f->path + skip);
		if (backup_file_hash(to, &size, hash) == 0) {
			if (size == f->size && sodium_memcmp(hash, f->hash, sizeof(hash)) == 0) {
				r->present++;
				continue;
			}
			log_warn("%s differs from the backup's copy (damaged?): "
			    "replacing it", to);
		}
		/* The name media_sweep_temp removes if this is cut short. */
		snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", to, (long)getpid());
		unlink(tmp);
		if (backup_file_copy(from, tmp, 0644, &size, hash) != 0)
			return -1;
		if (size != f->size || sodium_memcmp(hash, f->hash, sizeof(hash)) != 0) {
			log_error("%s changed while it was being restored: nothing "
			    "more was restored; check the backup folder", from);
			unlink(tmp);
			return -1;
		}
		adopt(tmp);
		if (rename(tmp, to) != 0) {
			log_error("cannot put %s in place: %s", to, strerror(errno));
			unlink(tmp);
			return -1;
		}
		r->copied++;
	}
	if (backup_sync_dir(media) != 0) {
		log_error("cannot sync the media folder %s: %s", media, strerror(errno));
		return -1;
	}
	return 0;
}

/* The database to copy from: the backup's own, or, when it is at an older
 * schema, a copy of it beside the target brought up to date, so a serving
 * site goes from its content to the restored content at the latest
 * schema in one commit. */
static sqlite3 *
open_source(struct restore *r)
{
	sqlite3 *src = NULL, *staged = NULL;

	if (sqlite3_open_v2(r->src_db, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		log_error("cannot open %s: %s", r->src_db,
		    src ? sqlite3_errmsg(src) : "out of memory");
		sqlite3_close(src);
		return NULL;
	}
	if (r->schema == db_schema_latest())
		return src;
	snprintf(r->staging, sizeof(r->staging), "%s.restore-%ld.tmp", r->cfg->db,
	    (long)getpid());
	if (backup_database(src, r->staging) != 0) {
		sqlite3_close(src);
		r->staging[0] = '\0';
		return NULL;
	}
	sqlite3_close(src);
	if (sqlite3_open_v2(r->staging, &staged, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    db_migrate_scratch(staged) != 0) {
		log_error("the backup (schema version %d) could not be brought up to "
		    "version %d (see above); the database %s was not changed",
		    r->schema, db_schema_latest(), r->cfg->db);
		sqlite3_close(staged);
		return NULL;
	}
	return staged;
}

/* The revision of the database DB replaces, or 0 (none, or too old). */
static long long
revision_of(sqlite3 *db)
{
	sqlite3_stmt *st;
	long long v = 0;

	if (sqlite3_prepare_v2(db, "SELECT revision FROM site_revision WHERE id = 1",
	    -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Moves the site revision past both the restored one and the replaced
 * one: pages cached under any revision either database ever had (in the
 * workers, in nginx, in browsers) are of other content. */
static int
bump_revision(sqlite3 *db, long long replaced)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, "UPDATE site_revision SET revision = "
	    "max(revision, ?1) + 1, changed_at = unixepoch() WHERE id = 1", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, replaced);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Writes the database: photos first, then every page at once. */
static int
restore_db(struct restore *r)
{
	const char *path = r->cfg->db;
	char dir[PATH_MAX];
	sqlite3 *dst = NULL, *src = NULL;
	int rc = -1;

	paths_dirname(path, dir, sizeof(dir));
	if (make_dirs(dir) != 0 || (dst = db_open(path, DB_CREATE)) == NULL)
		return -1;
	if (r->existed) {
		if (db_schema_version(dst) > db_schema_latest()) {
			db_check_version(dst, path);
			log_error("nothing was restored: restore with the gazette "
			    "that serves %s", path);
			goto out;
		}
		r->revision = revision_of(dst);
	} else
		adopt(path);
	if (restore_media(r) != 0 || (src = open_source(r)) == NULL)
		goto out;
	if (backup_pages(src, dst, path) != 0)
		goto out;
	if (bump_revision(dst, r->revision) != 0) {
		log_error("%s was restored, but its site revision could not be "
		    "moved on: %s; restart the site so that no page of the old "
		    "content is served from a cache", path, sqlite3_errmsg(dst));
		goto out;
	}
	rc = db_check_version(dst, path);
out:
	sqlite3_close(src);
	db_close(dst);
	if (r->staging[0] != '\0')
		backup_remove_db(r->staging);
	if (rc != 0 && !r->existed)	/* leave no empty database behind */
		backup_remove_db(path);
	return rc;
}

int
cmd_restore(const struct command *c)
{
	struct restore r;
	struct stat sb;
	char upgraded[64] = "";
	int rc;

	if (c->nargs != 2) {
		fprintf(stderr, "usage: gazette [--force] restore SRC (a folder "
		    "made by 'gazette backup')\n");
		return 2;
	}
	memset(&r, 0, sizeof(r));
	manifest_init(&r.m);
	r.src = c->args[1];
	r.cfg = c->cfg;
	if (check_backup(&r) != 0) {
		log_error("nothing was restored from %s", r.src);
		manifest_free(&r.m);
		return 1;
	}
	r.existed = stat(c->cfg->db, &sb) == 0;
	if (r.existed && !c->force) {
		log_error("database %s exists; restore replaces it: pass --force "
		    "(the site may keep serving; it will show the restored "
		    "content)", c->cfg->db);
		manifest_free(&r.m);
		return 1;
	}
	rc = restore_db(&r);
	if (rc == 0) {
		if (r.schema != db_schema_latest())
			snprintf(upgraded, sizeof(upgraded), ", upgraded to %d",
			    db_schema_latest());
		printf("restored %s (made %s, schema version %d%s) into %s%s: %lld "
		    "articles; %zu photos into %s (%zu copied, %zu already there)\n",
		    r.src, r.m.created, r.schema, upgraded, c->cfg->db,
		    r.existed ? ", replacing what it held" : "", r.articles,
		    r.m.nfiles - 1, c->cfg->media, r.copied, r.present);
	} else
		log_error("restore of %s into %s failed (see above)", r.src, c->cfg->db);
	manifest_free(&r.m);
	return rc == 0 ? 0 : 1;
}
