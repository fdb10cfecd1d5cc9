/* listener.c: opening the FastCGI listening socket (see listener.h). We
 * do not use FCGX_OpenSocket: it exits on bind failure, binds every
 * interface for ":port", and unlinks whatever is at a path. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "listener.h"
#include "log.h"
#include "paths.h"

#define BACKLOG	256

static int
open_unix(const char *path)
{
	struct sockaddr_un sun;
	struct stat sb;
	char dir[PATH_MAX];
	mode_t mask;
	int fd, bound;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_error("socket path %s is longer than %zu bytes: choose a "
		    "shorter one", path, sizeof(sun.sun_path) - 1);
		return -1;
	}
	/* In a folder anyone may write to (/tmp), another user could put
	 * their own socket at the path between two starts. */
	paths_dirname(path, dir, sizeof(dir));
	if (stat(dir, &sb) == 0 && (sb.st_mode & S_IWOTH)) {
		log_error("the socket's folder %s is writable by every user: put "
		    "the socket in a folder of its own, such as /run/gazette", dir);
		return -1;
	}
	if (lstat(path, &sb) == 0) {
		if (!S_ISSOCK(sb.st_mode)) {
			log_error("%s exists and is not a socket: refusing to "
			    "replace it", path);
			return -1;
		}
		unlink(path);
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path) + 1);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
		log_error("socket: %s", strerror(errno));
		return -1;
	}
	/* Created 0660 rather than changed to it after the bind: no moment
	 * when anyone else may connect. */
	mask = umask(0117);
	bound = bind(fd, (struct sockaddr *)&sun, sizeof(sun));
	umask(mask);
	if (bound != 0 || chmod(path, 0660) != 0 || listen(fd, BACKLOG) != 0) {
		log_error("cannot listen on %s: %s (does its folder exist and "
		    "is it writable?)", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int
open_tcp(const char *address)
{
	const char *colon = strrchr(address, ':');
	struct sockaddr_in sin;
	char host[64];
	long port;
	char *end;
	int fd, one = 1;

	if (colon == NULL || (size_t)(colon - address) >= sizeof(host)) {
		log_error("listen address %s is neither an absolute socket path "
		    "nor 127.0.0.1:PORT", address);
		return -1;
	}
	memcpy(host, address, (size_t)(colon - address));
	host[colon - address] = '\0';
	port = strtol(colon + 1, &end, 10);
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	if (*end != '\0' || port < 1 || port > 65535 ||
	    inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
		log_error("listen address %s: expected 127.0.0.1:PORT", address);
		return -1;
	}
	if ((ntohl(sin.sin_addr.s_addr) >> 24) != 127) {
		log_error("listen address %s is not on loopback: FastCGI must "
		    "not be reachable from the network; use a unix socket", address);
		return -1;
	}
	sin.sin_port = htons((unsigned short)port);
	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
		log_error("socket: %s", strerror(errno));
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    listen(fd, BACKLOG) != 0) {
		log_error("cannot listen on %s: %s (is another program using "
		    "the port?)", address, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

const char *
listener_path(const char *address)
{
	/* HOST:PORT has a colon and no slash; anything else is a socket path. */
	if (strchr(address, ':') != NULL && strchr(address, '/') == NULL)
		return NULL;
	return address;
}

int
listener_open(const char *address)
{
	return listener_path(address) == NULL ? open_tcp(address) :
	    open_unix(address);
}

void
listener_remove(const char *address)
{
	struct stat sb;

	if (strchr(address, '/') != NULL && lstat(address, &sb) == 0 && S_ISSOCK(sb.st_mode))
		unlink(address);
}
