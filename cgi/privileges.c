/* privileges.c: leaving root for good before serving (see privileges.h).
 * A worker that a hostile request could take over must not be root: as
 * the site's own user it can harm the site's files, not the machine. */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "paths.h"
#include "privileges.h"

/* The name of the current user, or "uid N" when it has none. */
static const char *
current_user(char *buf, size_t len)
{
	struct passwd *pw = getpwuid(geteuid());

	if (pw != NULL)
		return pw->pw_name;
	snprintf(buf, len, "uid %ld", (long)geteuid());
	return buf;
}

int
privileges_drop(const char *user, const char *socket_path)
{
	struct passwd *pw;
	char name[32];

	if (geteuid() != 0) {
		if (user == NULL || strcmp(user, current_user(name, sizeof(name))) == 0)
			return 0;
		log_error("--user %s: only a responder started as root can change "
		    "user, and this one runs as %s; start it as %s, or as root",
		    user, current_user(name, sizeof(name)), user);
		return -1;
	}
	if (user == NULL) {
		log_error("refusing to serve as root: a taken-over worker would "
		    "own the machine. Pass --user NAME, an account without "
		    "privileges that owns the database and media folders "
		    "(for example: useradd --system gazette)");
		return -1;
	}
	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		log_error("--user %s: no such user (%s); create it with "
		    "useradd --system %s", user,
		    errno ? strerror(errno) : "not in the user database", user);
		return -1;
	}
	if (pw->pw_uid == 0) {
		log_error("--user %s is root (uid 0): name an account without "
		    "privileges", user);
		return -1;
	}
	/* Mode 0660 (listener.c): the user and its group (add nginx's user
	 * to it) may connect, nobody else. */
	if (socket_path != NULL && chown(socket_path, pw->pw_uid, pw->pw_gid) != 0) {
		log_error("cannot give the socket %s to %s: %s", socket_path, user,
		    strerror(errno));
		return -1;
	}
	/* Groups first: after setuid there is no right left to change them. */
	if (initgroups(user, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0) {
		log_error("cannot become user %s: %s", user, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0 || geteuid() == 0 || getegid() == 0) {
		log_error("still root after becoming %s: refusing to serve", user);
		return -1;
	}
	/* Changing user made the process undumpable, which also stops
	 * LeakSanitizer and a debugger run as the user. It holds nothing the
	 * user cannot read already: the database and files are its own. */
	prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
	log_info("serving as user %s (uid %ld)", user, (long)pw->pw_uid);
	return 0;
}

static int
writable(const char *what, const char *path, int missing_ok)
{
	char name[32];

	if (access(path, W_OK) == 0 || (missing_ok && errno == ENOENT))
		return 0;
	log_error("%s %s is not writable by %s (%s): give it to that user, "
	    "e.g. chown %s %s", what, path, current_user(name, sizeof(name)),
	    strerror(errno), current_user(name, sizeof(name)), path);
	return -1;
}

int
privileges_check_paths(const char *db_path, const char *media_dir)
{
	char dir[PATH_MAX];
	int rc = 0;

	paths_dirname(db_path, dir, sizeof(dir));
	rc |= writable("the database", db_path, 1);
	rc |= writable("the database's folder", dir, 0);
	rc |= writable("the media folder", media_dir, 1);
	return rc ? -1 : 0;
}
