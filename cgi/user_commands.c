/* user_commands.c: adduser, passwd, deluser and users (see
 * user_commands.h). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "session_store.h"
#include "store.h"
#include "user_commands.h"
#include "user_store.h"

int
user_command_known(const char *cmd)
{
	return strcmp(cmd, "adduser") == 0 || strcmp(cmd, "passwd") == 0 ||
	    strcmp(cmd, "deluser") == 0 || strcmp(cmd, "users") == 0;
}

/* Reads one line of standard input into BUF without its line end; with a
 * terminal, shows PROMPT and does not echo. 0, or -1 at end of input or
 * when the line does not fit. */
static int
read_line(const char *prompt, char *buf, size_t len)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO);
	size_t n;

	if (tty) {
		fputs(prompt, stderr);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else
			tty = 0;
	}
	if (fgets(buf, (int)len, stdin) == NULL)
		buf[0] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	n = strlen(buf);
	if (n == 0)
		return -1;
	if (buf[n - 1] != '\n' && n + 1 == len)
		return -1;	/* longer than the buffer */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	return 0;
}

/* A new password from standard input (twice on a terminal), checked. */
static int
read_new_password(char *pw, size_t len)
{
	char again[USER_PASSWORD_MAX + 2];
	const char *problem;

	if (read_line("New password: ", pw, len) != 0) {
		fprintf(stderr, "gazette: no password on standard input (at most "
		    "%d bytes, on one line)\n", USER_PASSWORD_MAX);
		return -1;
	}
	if ((problem = user_password_problem(pw)) != NULL) {
		fprintf(stderr, "gazette: password refused: %s\n", problem);
		return -1;
	}
	if (isatty(STDIN_FILENO)) {
		if (read_line("Again: ", again, sizeof(again)) != 0 ||
		    strcmp(again, pw) != 0) {
			sodium_memzero(again, sizeof(again));
			fprintf(stderr, "gazette: the two passwords differ; nothing changed\n");
			return -1;
		}
		sodium_memzero(again, sizeof(again));
	}
	return 0;
}

static int
list_users(struct store *s)
{
	struct arena a;
	struct user_info *u;
	size_t n;
	int rc;

	arena_init(&a);
	/* Expired sessions are not "open": drop them before counting. */
	if (session_purge(s, (long long)time(NULL)) != 0)
		return 1;
	if ((rc = user_list(s, &a, &u, &n)) == 0) {
		for (size_t i = 0; i < n; i++) {
			char when[32] = "";
			time_t t = (time_t)u[i].created_at;
			struct tm tm;

			if (gmtime_r(&t, &tm) != NULL)
				strftime(when, sizeof(when), "%Y-%m-%d", &tm);
			printf("%s\tcreated %s\t%ld open session%s\n", u[i].name, when,
			    u[i].sessions, u[i].sessions == 1 ? "" : "s");
		}
		if (n == 0)
			fprintf(stderr, "gazette: no accounts yet; add one with "
			    "`gazette adduser NAME`\n");
	}
	arena_release(&a);
	return rc == 0 ? 0 : 1;
}

int
user_command_run(struct store *s, int nargs, char *const *args)
{
	char pw[USER_PASSWORD_MAX + 2];
	const char *cmd = args[0], *name, *problem;
	int rc;

	if (strcmp(cmd, "users") == 0) {
		if (nargs != 1) {
			fprintf(stderr, "usage: gazette users\n");
			return 2;
		}
		return list_users(s);
	}
	if (nargs != 2) {
		fprintf(stderr, "usage: gazette %s NAME%s\n", cmd,
		    strcmp(cmd, "deluser") == 0 ? "" :
		    "   (the password is read from standard input)");
		return 2;
	}
	name = args[1];
	if ((problem = user_name_problem(name)) != NULL) {
		fprintf(stderr, "gazette: %s\n", problem);
		return 1;
	}
	if (strcmp(cmd, "deluser") == 0) {
		if ((rc = user_delete(s, name)) == 1)
			fprintf(stderr, "gazette: there is no account %s\n", name);
		else if (rc == 0)
			fprintf(stderr, "gazette: account %s removed; its sessions "
			    "have ended\n", name);
		return rc == 0 ? 0 : 1;
	}
	/* Say so before asking for a password that would go nowhere. */
	if (strcmp(cmd, "passwd") == 0 && (rc = user_exists(s, name)) != 0) {
		if (rc > 0)
			fprintf(stderr, "gazette: there is no account %s; add it "
			    "with `gazette adduser %s`\n", name, name);
		return 1;
	}
	if (read_new_password(pw, sizeof(pw)) != 0) {
		sodium_memzero(pw, sizeof(pw));
		return 1;
	}
	if (strcmp(cmd, "adduser") == 0) {
		if ((rc = user_add(s, name, pw)) == 1)
			fprintf(stderr, "gazette: account %s already exists; change "
			    "its password with `gazette passwd %s`\n", name, name);
		else if (rc == 0)
			fprintf(stderr, "gazette: account %s added\n", name);
	} else {
		/* The new hash and the end of the old sessions go together. */
		if ((rc = db_begin(store_db(s))) == 0 &&
		    (rc = user_set_password(s, name, pw)) == 0)
			rc = db_commit(store_db(s));
		if (rc != 0)
			db_rollback(store_db(s));
		if (rc == 1)
			fprintf(stderr, "gazette: there is no account %s; add it "
			    "with `gazette adduser %s`\n", name, name);
		else if (rc == 0)
			fprintf(stderr, "gazette: password of %s changed; its "
			    "sessions have ended\n", name);
	}
	sodium_memzero(pw, sizeof(pw));
	return rc == 0 ? 0 : 1;
}
