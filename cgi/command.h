/* command.h: the subcommands of the gazette command line. Each runs with
 * the settings of this run (config.h: defaults, file, environment and
 * flags already merged) and its operands, and returns the process exit
 * status: 0 done, 1 failed (said on standard error), 2 wrong usage. */
#ifndef GAZETTE_COMMAND_H
#define GAZETTE_COMMAND_H

#include <sqlite3.h>

struct config;
struct store;

struct command {
	const struct config	*cfg;
	int			 nargs;		/* ARGS[0] is the command */
	char *const		*args;
	int			 force;		/* --force was given */
};

/* Opens the database of CMD for a command that reads or changes it,
 * checking its schema version: 0, or -1 (logged). */
int	command_open_store(const struct command *, sqlite3 **, struct store **);
void	command_close_store(sqlite3 *, struct store *);

/* db_commands.c */
int	cmd_migrate(const struct command *);
int	cmd_import(const struct command *);
int	cmd_setting(const struct command *);
int	cmd_user(const struct command *);
/* config_check.c */
int	cmd_check_config(const struct command *);
/* backup.c */
int	cmd_backup(const struct command *);
int	cmd_restore(const struct command *);
/* article_export.c */
int	cmd_export(const struct command *);
/* site_stats.c */
int	cmd_stats(const struct command *);

#endif
