/* backup_manifest.c: writing, reading and checking a backup's MANIFEST,
 * and copying files with their hash (see backup_manifest.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup_manifest.h"
#include "log.h"

void
manifest_init(struct manifest *m)
{
	memset(m, 0, sizeof(*m));
	m->format = MANIFEST_FORMAT;
}

void
manifest_free(struct manifest *m)
{
	free(m->files);
	manifest_init(m);
}

int
manifest_add(struct manifest *m, const char *path, long long size,
    const unsigned char hash[BACKUP_HASH_BYTES])
{
	struct manifest_file *f;

	if (strlen(path) >= MANIFEST_PATH_MAX)
		return -1;
	if (m->nfiles == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;

		if ((f = realloc(m->files, cap * sizeof(*f))) == NULL)
			return -1;
		m->files = f;
		m->cap = cap;
	}
	f = &m->files[m->nfiles++];
	snprintf(f->path, sizeof(f->path), "%s", path);
	f->size = size;
	memcpy(f->hash, hash, BACKUP_HASH_BYTES);
	return 0;
}

int
manifest_write(const struct manifest *m, const char *dir)
{
	char path[4096], tmp[4096], hex[BACKUP_HASH_BYTES * 2 + 1];
	FILE *f;
	int fd, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_NAME);
	snprintf(tmp, sizeof(tmp), "%s/%s.tmp", dir, MANIFEST_NAME);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0 ||
	    (f = fdopen(fd, "w")) == NULL) {
		log_error("cannot create %s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	fprintf(f, "gazette-backup %d\nschema %d\ncreated %s\n", m->format,
	    m->schema, m->created);
	for (size_t i = 0; i < m->nfiles; i++) {
		sodium_bin2hex(hex, sizeof(hex), m->files[i].hash, BACKUP_HASH_BYTES);
		fprintf(f, "file %lld %s %s\n", m->files[i].size, hex, m->files[i].path);
	}
	fprintf(f, "end %zu\n", m->nfiles);
	ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	if (fclose(f) != 0 || !ok || rename(tmp, path) != 0 ||
	    backup_sync_dir(dir) != 0) {
		log_error("cannot write %s: %s (is the disk full? df -h %s)", path,
		    strerror(errno), dir);
		unlink(tmp);
		return -1;
	}
	return 0;
}

int
backup_media_name(const char *name)
{
	static const char *const exts[] = { "jpg", "png", "gif", "webp" };
	size_t i;

	for (i = 0; i < 32; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		    (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	if (name[i] != '.')
		return 0;
	for (size_t k = 0; k < sizeof(exts) / sizeof(exts[0]); k++)
		if (strcmp(name + i + 1, exts[k]) == 0)
			return 1;
	return 0;
}

/* 1 when PATH may appear in a manifest. */
static int
path_allowed(const char *path)
{
	size_t n = strlen(MANIFEST_MEDIA);

	if (strcmp(path, MANIFEST_DB) == 0)
		return 1;
	return strncmp(path, MANIFEST_MEDIA, n) == 0 && path[n] == '/' &&
	    backup_media_name(path + n + 1);
}

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct manifest_file *)a)->path,
	    ((const struct manifest_file *)b)->path);
}

const struct manifest_file *
manifest_find(const struct manifest *m, const char *path)
{
	struct manifest_file key;

	if (m->nfiles == 0 || strlen(path) >= sizeof(key.path))
		return NULL;
	snprintf(key.path, sizeof(key.path), "%s", path);
	return bsearch(&key, m->files, m->nfiles, sizeof(key), by_path);
}

/* A non-negative decimal number without sign or leading zeros (other
 * than "0") into *V: 0, or -1. */
static int
parse_count(const char *s, long long max, long long *v)
{
	char *end;

	if (s[0] < '0' || s[0] > '9' || (s[0] == '0' && s[1] != '\0'))
		return -1;
	errno = 0;
	*v = strtoll(s, &end, 10);
	return errno == 0 && *end == '\0' && *v <= max ? 0 : -1;
}

/* One "file SIZE HASH PATH" line's fields, in REST (modified). */
static const char *
parse_file(struct manifest *m, char *rest)
{
	unsigned char hash[BACKUP_HASH_BYTES];
	char *size_s = rest, *hash_s, *path;
	long long size;
	size_t got;

	if ((hash_s = strchr(size_s, ' ')) == NULL)
		return "a file line is 'file SIZE HASH PATH'";
	*hash_s++ = '\0';
	if ((path = strchr(hash_s, ' ')) == NULL)
		return "a file line is 'file SIZE HASH PATH'";
	*path++ = '\0';
	if (parse_count(size_s, 1LL << 50, &size) != 0)
		return "the size is not a number of bytes";
	if (strlen(hash_s) != BACKUP_HASH_BYTES * 2 ||
	    sodium_hex2bin(hash, sizeof(hash), hash_s, strlen(hash_s), NULL,
	    &got, NULL) != 0 || got != sizeof(hash) ||
	    strspn(hash_s, "0123456789abcdef") != strlen(hash_s))
		return "the hash is not 64 lower-case hex digits";
	if (!path_allowed(path))
		return "the path is neither gazette.db nor media/ and a photo's name";
	if (manifest_add(m, path, size, hash) != 0)
		return "out of memory";
	return NULL;
}

/* Formats a parse error at LINE; returns -1. */
static int
parse_error(char *err, size_t err_len, size_t line, const char *what)
{
	snprintf(err, err_len, "%s:%zu: %s", MANIFEST_NAME, line, what);
	return -1;
}

int
manifest_parse(struct manifest *m, const char *text, size_t len, char *err,
    size_t err_len)
{
	char buf[MANIFEST_PATH_MAX + 200];
	const char *p = text, *end = text + len, *nl, *why;
	long long v;
	size_t line = 0;
	int ended = 0;

	manifest_free(m);
	m->format = m->schema = -1;
	if (memchr(text, '\0', len) != NULL)
		return parse_error(err, err_len, 1, "the file holds a NUL byte");
	for (; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return parse_error(err, err_len, line,
			    "the last line has no end (the file was cut short)");
		if ((size_t)(nl - p) >= sizeof(buf))
			return parse_error(err, err_len, line, "the line is too long");
		memcpy(buf, p, (size_t)(nl - p));
		buf[nl - p] = '\0';
		if (ended)
			return parse_error(err, err_len, line, "a line after the end line");
		if (line == 1) {
			if (strncmp(buf, "gazette-backup ", 15) != 0 ||
			    parse_count(buf + 15, 1000000, &v) != 0)
				return parse_error(err, err_len, line, "not a gazette "
				    "backup manifest (the first line is not "
				    "'gazette-backup N')");
			if (v != MANIFEST_FORMAT)
				return parse_error(err, err_len, line, "a manifest "
				    "format this gazette does not know: restore it "
				    "with the gazette that made it");
			m->format = (int)v;
		} else if (strncmp(buf, "schema ", 7) == 0) {
			if (m->schema >= 0 || parse_count(buf + 7, 1000000, &v) != 0)
				return parse_error(err, err_len, line,
				    "a second or malformed schema line");
			m->schema = (int)v;
		} else if (strncmp(buf, "created ", 8) == 0) {
			size_t n = strlen(buf + 8);

			/* It is printed: no byte that could drive a terminal. */
			if (m->created[0] != '\0' || n == 0 || n >= sizeof(m->created) ||
			    strspn(buf + 8, "0123456789-:TZ") != n)
				return parse_error(err, err_len, line,
				    "a second or malformed created line");
			memcpy(m->created, buf + 8, n + 1);
		} else if (strncmp(buf, "file ", 5) == 0) {
			if ((why = parse_file(m, buf + 5)) != NULL)
				return parse_error(err, err_len, line, why);
		} else if (strncmp(buf, "end ", 4) == 0) {
			if (parse_count(buf + 4, 1LL << 40, &v) != 0 ||
			    (size_t)v != m->nfiles)
				return parse_error(err, err_len, line, "the end line "
				    "does not count the files listed");
			ended = 1;
		} else
			return parse_error(err, err_len, line, "an unknown line");
	}
	if (!ended)
		return parse_error(err, err_len, line + 1, "no end line (the file "
		    "was cut short)");
	if (m->schema < 0 || m->created[0] == '\0')
		return parse_error(err, err_len, line, "no schema or created line");
	qsort(m->files, m->nfiles, sizeof(m->files[0]), by_path);
	for (size_t i = 1; i < m->nfiles; i++)
		if (strcmp(m->files[i - 1].path, m->files[i].path) == 0) {
			snprintf(err, err_len, "%s: %s is listed twice",
			    MANIFEST_NAME, m->files[i].path);
			return -1;
		}
	if (manifest_find(m, MANIFEST_DB) == NULL) {
		snprintf(err, err_len, "%s: does not list %s", MANIFEST_NAME, MANIFEST_DB);
		return -1;
	}
	return 0;
}

int
manifest_read(struct manifest *m, const char *dir, char *err, size_t err_len)
{
	char path[4096], *text;
	struct stat sb;
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_NAME);
	if ((f = fopen(path, "rb")) == NULL) {
		snprintf(err, err_len, "cannot read %s: %s (is %s a folder made by "
		    "'gazette backup'?)", path, strerror(errno), dir);
		return -1;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > MANIFEST_TEXT_MAX) {
		snprintf(err, err_len, "%s is not a manifest (not a file, or too large)",
		    path);
		fclose(f);
		return -1;
	}
	if ((text = malloc((size_t)sb.st_size + 1)) == NULL ||
	    fread(text, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		snprintf(err, err_len, "cannot read %s", path);
		free(text);
		fclose(f);
		return -1;
	}
	fclose(f);
	rc = manifest_parse(m, text, (size_t)sb.st_size, err, err_len);
	free(text);
	return rc;
}

/* Appends one problem line to ERR (when it fits) and counts it. */
static void
problem(char *err, size_t err_len, int *n, const char *fmt, ...)
{
	size_t used = strlen(err);
	va_list ap;

	(*n)++;
	if (used + 1 >= err_len)
		return;
	va_start(ap, fmt);
	vsnprintf(err + used, err_len - used, fmt, ap);
	va_end(ap);
	used = strlen(err);
	if (used + 1 < err_len) {
		err[used] = '\n';
		err[used + 1] = '\0';
	}
}

/* Each entry of the folder DIR/SUB (SUB "" for DIR itself) that the
 * manifest does not list is a problem; the media folder is walked from
 * DIR's own walk. */
static void
check_extra(const struct manifest *m, const char *dir, const char *sub,
    char *err, size_t err_len, int *n)
{
	char path[4096], rel[MANIFEST_PATH_MAX + 300];
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof(path), "%s%s%s", dir, sub[0] ? "/" : "", sub);
	if ((d = opendir(path)) == NULL) {
		if (sub[0] == '\0' || errno != ENOENT)
			problem(err, err_len, n, "%s: cannot be read: %s", path,
			    strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(rel, sizeof(rel), "%s%s%s", sub, sub[0] ? "/" : "", e->d_name);
		if (sub[0] == '\0' && strcmp(e->d_name, MANIFEST_NAME) == 0)
			continue;
		if (sub[0] == '\0' && strcmp(e->d_name, MANIFEST_MEDIA) == 0) {
			check_extra(m, dir, MANIFEST_MEDIA, err, err_len, n);
			continue;
		}
		if (manifest_find(m, rel) == NULL)
			problem(err, err_len, n, "%s: not in the manifest (added "
			    "since the backup was made)", rel);
	}
	closedir(d);
}

int
manifest_check(const struct manifest *m, const char *dir, char *err,
    size_t err_len)
{
	unsigned char hash[BACKUP_HASH_BYTES];
	char path[4096];
	long long size;
	int n = 0;

	err[0] = '\0';
	for (size_t i = 0; i < m->nfiles; i++) {
		const struct manifest_file *f = &m->files[i];

		snprintf(path, sizeof(path), "%s/%s", dir, f->path);
		if (backup_file_hash(path, &size, hash) != 0)
			problem(err, err_len, &n, "%s: %s", f->path, errno == ENOENT ?
			    "missing" : strerror(errno));
		else if (size != f->size)
			problem(err, err_len, &n, "%s: %lld bytes, the manifest says %lld",
			    f->path, size, f->size);
		else if (sodium_memcmp(hash, f->hash, sizeof(hash)) != 0)
			problem(err, err_len, &n, "%s: its content is not what was "
			    "backed up (the hash differs)", f->path);
	}
	check_extra(m, dir, "", err, err_len, &n);
	return n;
}
