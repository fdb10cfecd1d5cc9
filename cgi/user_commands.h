/* user_commands.h: the account commands of the command line (adduser,
 * passwd, deluser, users). Passwords are read from standard input, never
 * from arguments, which other users of the machine can see in ps. */
#ifndef GAZETTE_USER_COMMANDS_H
#define GAZETTE_USER_COMMANDS_H

struct store;

/* 1 when CMD is one of the account commands. */
int	user_command_known(const char *cmd);
/* Runs account command ARGS[0] with its NARGS - 1 operands on the open
 * store; returns the process exit status (0, 1 failure, 2 usage). */
int	user_command_run(struct store *, int nargs, char *const *args);

#endif
