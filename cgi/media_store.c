/* media_store.c: content-addressed media files (see media_store.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "media_store.h"
#include "store.h"

static const struct {
	const char *mime;
	const char *ext;
} image_types[] = {
	{ "image/jpeg", "jpg" },
	{ "image/png", "png" },
	{ "image/gif", "gif" },
	{ "image/webp", "webp" },
};

/* One libmagic handle per process: loading its database is costly. */
static magic_t magic_handle;

const char *
media_image_type(const void *data, size_t len)
{
	const char *t;

	if (magic_handle == NULL) {
		if ((magic_handle = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS)) == NULL)
			return NULL;
		if (magic_load(magic_handle, NULL) != 0) {
			log_error("libmagic cannot load its database: %s "
			    "(is libmagic-mgc installed?)", magic_error(magic_handle));
			magic_close(magic_handle);
			magic_handle = NULL;
			return NULL;
		}
	}
	if ((t = magic_buffer(magic_handle, data, len)) == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(image_types) / sizeof(image_types[0]); i++)
		if (strcmp(t, image_types[i].mime) == 0)
			return image_types[i].mime;
	return NULL;
}

const char *
media_type_by_name(const char *filename)
{
	const char *dot = strrchr(filename, '.');

	if (dot == NULL)
		return NULL;
	if (strcasecmp(dot, ".jpeg") == 0)
		return "image/jpeg";
	for (size_t i = 0; i < sizeof(image_types) / sizeof(image_types[0]); i++)
		if (strcasecmp(dot + 1, image_types[i].ext) == 0)
			return image_types[i].mime;
	return NULL;
}

static const char *
ext_of(const char *mime)
{
	for (size_t i = 0; i < sizeof(image_types) / sizeof(image_types[0]); i++)
		if (strcmp(mime, image_types[i].mime) == 0)
			return image_types[i].ext;
	return NULL;
}

/* MEDIA_NO_SPACE when ERR says the disk or a quota is full, else -1. */
static int
failure_of(int err)
{
	return err == ENOSPC || err == EDQUOT ? MEDIA_NO_SPACE : -1;
}

/* What the operator should do about ERR, to follow its message. */
static const char *
hint_for(int err)
{
	return failure_of(err) == MEDIA_NO_SPACE ?
	    " (free space on that disk; the photo was not stored)" : "";
}

/* Writes DATA to PATH through a temporary file and rename(), so a reader
 * never sees half a file: 0, or failure_of() the error (logged, and the
 * temporary file removed). */
static int
write_atomically(const char *path, const void *data, size_t len)
{
	char tmp[4096];
	const char *p = data;
	int fd, err;

	if (snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid()) >= (int)sizeof(tmp))
		return -1;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		err = errno;
		log_error("cannot create %s: %s%s", tmp, strerror(err),
		    hint_for(err));
		return failure_of(err);
	}
	/* nginx, another user, serves the file: readable whatever the umask
	 * of the process that wrote it (operators run commands with 077). */
	if (fchmod(fd, 0644) != 0) {
		log_error("cannot make %s readable: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			/* write() may return 0 at the very end of the space. */
			err = w < 0 ? errno : ENOSPC;
			log_error("cannot write %s: %s%s", tmp, strerror(err),
			    hint_for(err));
			close(fd);
			unlink(tmp);
			return failure_of(err);
		}
		p += w;
		len -= (size_t)w;
	}
	/* Some file systems report a full disk only at fsync or close; the
	 * descriptor is closed whatever fsync said. */
	err = fsync(fd) != 0 ? errno : 0;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err == 0 && rename(tmp, path) != 0)
		err = errno;
	if (err != 0) {
		log_error("cannot store %s: %s%s", path, strerror(err),
		    hint_for(err));
		unlink(tmp);
		return failure_of(err);
	}
	return 0;
}

/* mkdir -p: creates DIR and any missing parents. */
static int
make_dirs(const char *dir)
{
	char path[4096];
	size_t len = strlen(dir);

	if (len == 0 || len >= sizeof(path))
		return -1;
	memcpy(path, dir, len + 1);
	for (char *p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(path, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

int
media_save(struct store *s, const char *dir, const void *data, size_t len,
    const char *mime, char name[MEDIA_NAME_MAX])
{
	unsigned char hash[16];
	char hex[sizeof(hash) * 2 + 1], path[4096];
	const char *ext = ext_of(mime);
	struct stat sb;
	sqlite3_stmt *st;
	int rc;

	if (ext == NULL)
		return -1;
	crypto_generichash(hash, sizeof(hash), data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	snprintf(name, MEDIA_NAME_MAX, "%s.%s", hex, ext);
	if (make_dirs(dir) != 0) {
		int err = errno;

		log_error("cannot create media folder %s: %s%s", dir,
		    strerror(err), hint_for(err));
		return failure_of(err);
	}
	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return -1;
	if (stat(path, &sb) != 0 && (rc = write_atomically(path, data, len)) != 0)
		return rc;
	st = store_stmt(s, STMT_MEDIA_INSERT);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, mime, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)len);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)time(NULL));
	return store_run(s, st, "media_save");
}

int
media_sweep_temp(const char *dir, long older_than)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat sb;
	time_t cutoff = time(NULL) - older_than;
	int removed = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);

		/* write_atomically's names: "<hash>.<ext>.<pid>.tmp". */
		if (n < 5 || strcmp(e->d_name + n - 4, ".tmp") != 0)
			continue;
		if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(sb.st_mode) || sb.st_mtime > cutoff)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0)
			removed++;
		else
			log_error("cannot remove the unfinished upload %s/%s: %s",
			    dir, e->d_name, strerror(errno));
	}
	closedir(d);
	if (removed > 0)
		log_info("removed %d unfinished upload%s (*.tmp older than %ld s) "
		    "from %s", removed, removed == 1 ? "" : "s", older_than, dir);
	return removed;
}
