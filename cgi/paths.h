/* paths.h: where gazette finds its read-only data (templates) without
 * being told: next to the build tree, or in the installed share folder. */
#ifndef GAZETTE_PATHS_H
#define GAZETTE_PATHS_H

#include <stddef.h>

/* Writes the template folder into BUF: ../templates beside the executable
 * (a build tree) or ../share/gazette/templates (an installed copy).
 * Returns 0, or -1 when neither exists. */
int	paths_template_dir(char *buf, size_t len);
/* The folder part of PATH ("." when there is none), into BUF. */
void	paths_dirname(const char *path, char *buf, size_t len);

#endif
