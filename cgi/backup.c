/* backup.c: `gazette backup DEST`, and the database copy it shares with
 * restore and the upgrade (backup.h). The database is copied first and
 * the photos second: a photo is written before the row that names it
 * commits and is never deleted, so every photo the copy names is in the
 * folder by the time the folder is read. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "backup.h"
#include "backup_manifest.h"
#include "command.h"
#include "config.h"
#include "db.h"
#include "log.h"

/* --- gazette backup DEST ------------------------------------------------ */

struct run {
	const char	*dest;
	char		 db_copy[4096];
	struct manifest	 m;
	long long	 db_bytes;
	long long	 photo_bytes;
	long long	 articles;
	size_t		 photos;
	int		 made_dest;	/* DEST did not exist */
};

/* Makes DEST (0700: the copy holds password hashes), or takes it when it
 * is an empty folder. */
static int
make_dest(struct run *r)
{
	struct dirent *e;
	DIR *d;
	int empty = 1;

	if (mkdir(r->dest, 0700) == 0) {
		r->made_dest = 1;
		return 0;
	}
	if (errno != EEXIST) {
		log_error("cannot create the backup folder %s: %s", r->dest,
		    strerror(errno));
		return -1;
	}
	if ((d = opendir(r->dest)) == NULL) {
		log_error("%s exists and is not a folder: name a new folder for "
		    "the backup", r->dest);
		return -1;
	}
	while (empty && (e = readdir(d)) != NULL)
		empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
	closedir(d);
	if (!empty) {
		log_error("%s is not empty: a backup goes into a new (or empty) "
		    "folder; name another, such as one dated today", r->dest);
		return -1;
	}
	if (chmod(r->dest, 0700) != 0) {
		log_error("cannot restrict %s to its owner: %s", r->dest, strerror(errno));
		return -1;
	}
	return 0;
}

/* Removes what this run put into DEST, after a failure: DEST was new or
 * empty, so all of it. */
static void
remove_partial(struct run *r)
{
	char p[4096];

	for (size_t i = 0; i < r->m.nfiles; i++) {
		snprintf(p, sizeof(p), "%s/%s", r->dest, r->m.files[i].path);
		unlink(p);
	}
	backup_remove_db(r->db_copy);
	snprintf(p, sizeof(p), "%s/%s.tmp", r->dest, MANIFEST_NAME);
	unlink(p);
	snprintf(p, sizeof(p), "%s/%s", r->dest, MANIFEST_MEDIA);
	rmdir(p);
	if (r->made_dest)
		rmdir(r->dest);
}

/* Copies the photos of MEDIA into DEST/media: regular files with a
 * photo's name; uploads in progress (*.tmp) and anything else stay. */
static int
copy_media(struct run *r, const char *media)
{
	unsigned char hash[BACKUP_HASH_BYTES];
	char to_dir[4096], from[4096], to[4096], rel[MANIFEST_PATH_MAX];
	struct dirent *e;
	struct stat sb;
	long long size;
	DIR *d;
	int rc = 0;

	snprintf(to_dir, sizeof(to_dir), "%s/%s", r->dest, MANIFEST_MEDIA);
	if (mkdir(to_dir, 0700) != 0) {
		log_error("cannot create %s: %s", to_dir, strerror(errno));
		return -1;
	}
	if ((d = opendir(media)) == NULL) {
		if (errno == ENOENT)	/* no photo was ever stored */
			return 0;
		log_error("cannot read the media folder %s: %s (check --media)",
		    media, strerror(errno));
		return -1;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (!backup_media_name(e->d_name) ||
		    fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(sb.st_mode))
			continue;
		if (backup_path(from, sizeof(from), media, e->d_name) != 0 ||
		    backup_path(to, sizeof(to), to_dir, e->d_name) != 0 ||
		    backup_path(rel, sizeof(rel), MANIFEST_MEDIA, e->d_name) != 0 ||
		    backup_file_copy(from, to, 0600, &size, hash) != 0)
			rc = -1;
		else if (manifest_add(&r->m, rel, size, hash) != 0) {
			log_error("out of memory listing the photos");
			unlink(to);
			rc = -1;
		} else {
			r->photos++;
			r->photo_bytes += size;
		}
	}
	closedir(d);
	if (rc == 0 && backup_sync_dir(to_dir) != 0) {
		log_error("cannot sync %s: %s", to_dir, strerror(errno));
		rc = -1;
	}
	return rc;
}

/* Reads the copy: its schema version and article count, and checks
 * that every photo its media table names was copied. */
static int
check_copy(struct run *r, const char *media)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	char path[4096];
	struct stat sb;
	int missing = 0, rc;

	if (sqlite3_open_v2(r->db_copy, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    (r->m.schema = db_schema_version(db)) < 0 ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM article", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		log_error("cannot read the copy %s: %s", r->db_copy,
		    db ? sqlite3_errmsg(db) : "out of memory");
		sqlite3_finalize(st);
		sqlite3_close(db);
		return -1;
	}
	r->articles = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "SELECT name FROM media ORDER BY name", -1, &st,
	    NULL) != SQLITE_OK) {
		log_error("cannot read the copy %s: %s", r->db_copy, sqlite3_errmsg(db));
		sqlite3_close(db);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		snprintf(path, sizeof(path), "%s/%s/%s", r->dest, MANIFEST_MEDIA,
		    name ? name : "");
		if (name != NULL && backup_media_name(name) && stat(path, &sb) == 0)
			continue;
		if (missing++ < 10)
			log_error("photo %s is named by the database but is not a "
			    "photo file in the media folder %s (was the folder "
			    "changed by hand? is --media right?)", name ? name : "(null)",
			    media);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	if (rc != SQLITE_DONE) {
		log_error("cannot read the copy's photos: %s", r->db_copy);
		return -1;
	}
	if (missing > 0)
		log_error("%d photo%s named by the database %s missing: this "
		    "backup would be incomplete, so it was not kept", missing,
		    missing == 1 ? "" : "s", missing == 1 ? "is" : "are");
	return missing ? -1 : 0;
}

/* "12.3 MB" and the like, for the summary. */
static const char *
human(long long bytes, char *buf, size_t len)
{
	if (bytes < 1024)
		snprintf(buf, len, "%lld bytes", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(buf, len, "%.1f KB", bytes / 1024.0);
	else if (bytes < 1024LL * 1024 * 1024)
		snprintf(buf, len, "%.1f MB", bytes / (1024.0 * 1024));
	else
		snprintf(buf, len, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
	return buf;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int
run_backup(struct run *r, const struct config *cfg)
{
	unsigned char hash[BACKUP_HASH_BYTES];
	sqlite3 *src;
	time_t now = time(NULL);
	struct tm tm;
	int have, rc;

	if ((src = db_open(cfg->db, DB_READ_WRITE)) == NULL)
		return -1;
	have = db_schema_version(src);
	if (have < 1 || have > db_schema_latest()) {
		if (have < 1)
			log_error("%s is not a gazette database (schema version "
			    "%d): check --db", cfg->db, have);
		else
			db_check_version(src, cfg->db);
		db_close(src);
		return -1;
	}
	snprintf(r->db_copy, sizeof(r->db_copy), "%s/%s", r->dest, BACKUP_DB_FILE);
	rc = backup_database(src, r->db_copy);
	db_close(src);
	if (rc != 0)
		return -1;
	if (backup_file_hash(r->db_copy, &r->db_bytes, hash) != 0 ||
	    manifest_add(&r->m, BACKUP_DB_FILE, r->db_bytes, hash) != 0) {
		log_error("cannot read back %s: %s", r->db_copy, strerror(errno));
		return -1;
	}
	if (copy_media(r, cfg->media) != 0 || check_copy(r, cfg->media) != 0)
		return -1;
	gmtime_r(&now, &tm);
	strftime(r->m.created, sizeof(r->m.created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (manifest_write(&r->m, r->dest) != 0)
		return -1;
	return 0;
}

int
cmd_backup(const struct command *c)
{
	struct run r;
	struct timespec t0;
	char a[32], b[32];

	if (c->nargs != 2) {
		fprintf(stderr, "usage: gazette backup DEST (a folder that does "
		    "not exist yet)\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&r, 0, sizeof(r));
	manifest_init(&r.m);
	r.dest = c->args[1];
	if (make_dest(&r) != 0)
		return 1;
	if (run_backup(&r, c->cfg) != 0) {
		remove_partial(&r);
		manifest_free(&r.m);
		log_error("backup of %s into %s failed (see above); nothing was "
		    "kept in %s", c->cfg->db, r.dest, r.dest);
		return 1;
	}
	printf("backup %s: database %s (schema version %d, %lld articles), "
	    "%zu photos (%s), in %.1f s\n", r.dest, human(r.db_bytes, a, sizeof(a)),
	    r.m.schema, r.articles, r.photos, human(r.photo_bytes, b, sizeof(b)),
	    seconds_since(&t0));
	manifest_free(&r.m);
	return 0;
}
