/* privileges.h: the responder never serves as root. Started as root, it
 * opens its socket, hands the socket to the configured user and becomes
 * that user for good before it reads a template or opens the database. */
#ifndef GAZETTE_PRIVILEGES_H
#define GAZETTE_PRIVILEGES_H

/* Called once the listening socket is open. As root: becomes USER (from
 * serve --user) after giving it the socket file at SOCKET_PATH (NULL for
 * a TCP socket); refuses (-1) without USER, with an unknown USER or with
 * USER root. Not root: 0 when USER is NULL or names the current user,
 * else -1 (only root can change user). Every refusal is logged with what
 * to do. */
int	privileges_drop(const char *user, const char *socket_path);

/* After privileges_drop: -1 (logged, naming the path and the fix) when
 * this process cannot write the database DB_PATH, the folder beside it
 * (SQLite keeps its -wal and -shm files there) or the media folder
 * MEDIA_DIR; else 0. A missing database is left to the open to report. */
int	privileges_check_paths(const char *db_path, const char *media_dir);

#endif
