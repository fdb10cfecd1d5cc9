/* paths.c: locating read-only data relative to the executable. */
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

int
paths_template_dir(char *buf, size_t len)
{
	static const char *const candidates[] = {
		"../templates", "../share/gazette/templates"
	};
	char exe[4096], dir[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return -1;
	exe[n] = '\0';
	paths_dirname(exe, dir, sizeof(dir));
	for (size_t i = 0; i < sizeof(candidates) / sizeof(candidates[0]); i++) {
		int w = snprintf(buf, len, "%s/%s", dir, candidates[i]);

		if (w > 0 && (size_t)w < len && is_dir(buf))
			return 0;
	}
	return -1;
}
