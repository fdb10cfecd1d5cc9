/* paths.c: locating read-only data and the config file relative to the
 * executable, so an installed gazette needs no environment variables. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"

void
paths_dirname(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		snprintf(buf, len, ".");
	else if (slash == path)
		snprintf(buf, len, "/");
	else
		snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

static int
is_dir(const char *p)
{
	struct stat sb;

	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The folder of the running executable, into DIR: 0, or -1. */
static int
exe_dir(char *dir, size_t len)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	paths_dirname(exe, dir, len);
	return 0;
}

int
paths_template_dir(char *buf, size_t len)
{
	static const char *const candidates[] = {
		"../templates", "../share/gazette/templates"
	};
	char dir[4096];

	if (exe_dir(dir, sizeof(dir)) != 0)
		return -1;
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		int w = snprintf(buf, len, "%s/%s", dir, candidates[i]);

		if (w > 0 && (size_t)w < len && is_dir(buf))
			return 0;
	}
	return -1;
}

int
paths_config_file(char *buf, size_t len)
{
	char bin[4096], prefix[4096], above[4096];
	const char *base;
	int w;

	if (exe_dir(bin, sizeof(bin)) != 0)
		return -1;
	paths_dirname(bin, prefix, sizeof(prefix));
	/* PREFIX/bin/gazette reads PREFIX/etc, but /usr's is /etc (and
	 * DESTDIR/usr's DESTDIR/etc): the FHS puts no etc under /usr. */
	base = strrchr(prefix, '/');
	if (base != NULL && strcmp(base, "/usr") == 0) {
		paths_dirname(prefix, above, sizeof(above));
		w = snprintf(buf, len, "%s/etc/gazette/gazette.conf",
		    strcmp(above, "/") == 0 ? "" : above);
	} else
		w = snprintf(buf, len, "%s/etc/gazette/gazette.conf", prefix);
	return w > 0 && (size_t)w < len && access(buf, F_OK) == 0 ? 0 : -1;
}
