/* paths.h: where gazette finds its read-only data (templates) and its
 * config file without being told: next to the build tree, or where
 * `make install` put them. */
#ifndef GAZETTE_PATHS_H
#define GAZETTE_PATHS_H

#include <stddef.h>

/* Writes the template folder into BUF: ../templates beside the executable
 * (a build tree) or ../share/gazette/templates (an installed copy).
 * Returns 0, or -1 when neither exists. */
int	paths_template_dir(char *buf, size_t len);
/* Writes the installed config file's path into BUF: PREFIX/etc/gazette/
 * gazette.conf for a binary in PREFIX/bin, /etc/gazette/gazette.conf when
 * PREFIX is /usr. Returns 0 when that file exists, else -1. */
int	paths_config_file(char *buf, size_t len);
/* The folder part of PATH ("." when there is none), into BUF. */
void	paths_dirname(const char *path, char *buf, size_t len);

#endif
