/* backup_files.c: the file handling backup and restore share: copying
 * a file with its hash and syncing it, hashing one, and syncing a folder
 * so the names made in it last (see backup_files.h). */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backup_files.h"
#include "log.h"

#define COPY_CHUNK	(256 * 1024)

int
backup_path(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);

	if (n < 0 || (size_t)n >= len) {
		log_error("the path %s/%s is too long", dir, name);
		return -1;
	}
	return 0;
}

int
backup_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Opens PATH for reading: a regular file, not a link. */
static int
open_regular(const char *path)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

int
backup_file_hash(const char *path, long long *size,
    unsigned char hash[BACKUP_HASH_BYTES])
{
	crypto_generichash_state h;
	static unsigned char buf[COPY_CHUNK];
	ssize_t r;
	int fd = open_regular(path), err;

	if (fd < 0)
		return -1;
	*size = 0;
	crypto_generichash_init(&h, NULL, 0, BACKUP_HASH_BYTES);
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			close(fd);
			errno = err;
			return -1;
		}
		crypto_generichash_update(&h, buf, (unsigned long long)r);
		*size += r;
	}
	close(fd);
	crypto_generichash_final(&h, hash, BACKUP_HASH_BYTES);
	return 0;
}

/* Writes LEN bytes of BUF to FD: 0, or the errno of the failure (ENOSPC
 * for a write that took nothing, as at the very end of the space). */
static int
write_all(int fd, const unsigned char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : ENOSPC;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

int
backup_file_copy(const char *from, const char *to, int mode, long long *size,
    unsigned char hash[BACKUP_HASH_BYTES])
{
	crypto_generichash_state h;
	static unsigned char buf[COPY_CHUNK];
	const char *failed = from;
	ssize_t r;
	int in, out = -1, err = 0;

	if ((in = open_regular(from)) < 0) {
		log_error("cannot read %s: %s", from, strerror(errno));
		return -1;
	}
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)) < 0 ||
	    fchmod(out, (mode_t)mode) != 0) {
		log_error("cannot create %s: %s", to, strerror(errno));
		if (out >= 0) {
			close(out);
			unlink(to);
		}
		close(in);
		return -1;
	}
	*size = 0;
	crypto_generichash_init(&h, NULL, 0, BACKUP_HASH_BYTES);
	while (err == 0 && (r = read(in, buf, sizeof(buf))) != 0) {
		if (r < 0) {
			if (errno != EINTR)
				err = errno;
			continue;
		}
		crypto_generichash_update(&h, buf, (unsigned long long)r);
		*size += r;
		if ((err = write_all(out, buf, (size_t)r)) != 0)
			failed = to;
	}
	/* A full disk may be reported only now. */
	if (err == 0 && fsync(out) != 0) {
		err = errno;
		failed = to;
	}
	close(in);
	if (close(out) != 0 && err == 0) {
		err = errno;
		failed = to;
	}
	if (err != 0) {
		log_error("copying %s to %s: %s: %s%s", from, to, failed,
		    strerror(err), err == ENOSPC || err == EDQUOT ?
		    " (free space on that disk)" : "");
		unlink(to);
		return -1;
	}
	crypto_generichash_final(&h, hash, BACKUP_HASH_BYTES);
	return 0;
}
