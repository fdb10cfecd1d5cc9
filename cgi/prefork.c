/* prefork.c: the worker pool (see prefork.h). The parent never serves a
 * request and never touches the database after the start-up check: it
 * only forks, waits, restarts and forwards signals. It handles signals
 * synchronously with sigtimedwait, so there is no handler to race with. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "db.h"
#include "fcgi_worker.h"
#include "listener.h"
#include "log.h"
#include "media_store.h"
#include "prefork.h"
#include "privileges.h"
#include "site_revision.h"
#include "template.h"

#define STOP_GRACE_SECONDS	10
#define QUICK_DEATH_SECONDS	1	/* a worker dying sooner is crash-looping */

struct slot {
	pid_t	pid;		/* 0: empty */
	time_t	started;
	time_t	respawn_at;	/* when an empty slot may be refilled */
};

static time_t
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static pid_t
spawn(int listen_fd, const struct app_config *cfg, const sigset_t *orig_mask)
{
	pid_t pid = fork();

	if (pid < 0) {
		log_error("fork failed: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int status;

		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		sigprocmask(SIG_SETMASK, orig_mask, NULL);
		status = fcgi_worker_run(listen_fd, cfg);
		_exit(status);
	}
	return pid;
}

static size_t
live_workers(const struct slot *slots, int n)
{
	size_t live = 0;

	for (int i = 0; i < n; i++)
		live += slots[i].pid != 0;
	return live;
}

/* Reaps exited workers; when RESTART, schedules their replacement. */
static void
reap(struct slot *slots, int n, int restart)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < n; i++) {
			if (slots[i].pid != pid)
				continue;
			slots[i].pid = 0;
			if (!restart)
				break;
			if (WIFSIGNALED(status))
				log_error("worker %ld was killed by signal %d; "
				    "starting a new one", (long)pid, WTERMSIG(status));
			else
				log_error("worker %ld exited with status %d; "
				    "starting a new one", (long)pid, WEXITSTATUS(status));
			slots[i].respawn_at = now_s() - slots[i].started <
			    QUICK_DEATH_SECONDS ? now_s() + 1 : 0;
		}
	}
}

static void
signal_all(const struct slot *slots, int n, int sig)
{
	for (int i = 0; i < n; i++)
		if (slots[i].pid != 0)
			kill(slots[i].pid, sig);
}

/* Creates the database or brings its schema up to date (db_migrate keeps
 * a copy first). Here, as the serving user, so that every file it makes
 * belongs to that user; before any worker opens the file. */
static int
migrate(const char *path)
{
	sqlite3 *db = db_open(path, DB_CREATE);
	int rc;

	if (db == NULL)
		return -1;
	rc = db_migrate(db);
	db_close(db);
	return rc;
}

int
prefork_serve(const char *address, int workers, const char *user,
    const struct app_config *cfg)
{
	struct slot slots[PREFORK_MAX_WORKERS];
	struct timespec tick = { 0, 200 * 1000 * 1000 };
	sigset_t waited, orig;
	struct app probe;
	int listen_fd, sig;
	time_t deadline;

	if (workers <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		workers = cores > 0 ? (int)cores : 1;
	}
	if (workers > PREFORK_MAX_WORKERS)
		workers = PREFORK_MAX_WORKERS;
	memset(slots, 0, sizeof(slots));

	sigemptyset(&waited);
	sigaddset(&waited, SIGTERM);
	sigaddset(&waited, SIGINT);
	sigaddset(&waited, SIGHUP);
	sigaddset(&waited, SIGCHLD);
	sigprocmask(SIG_BLOCK, &waited, &orig);

	/* The socket is the one thing root may be needed for (a folder
	 * such as /run/gazette); everything after is done as USER. */
	if ((listen_fd = listener_open(address)) < 0)
		return 1;
	/* Fail now, with the operator watching, rather than in every worker:
	 * this checks the user, the paths, the database, its schema and the
	 * templates, and leaves the parsed templates in memory for the
	 * workers to share. */
	if (privileges_drop(user, listener_path(address)) != 0 ||
	    privileges_check_paths(cfg->db_path, cfg->media_dir) != 0 ||
	    migrate(cfg->db_path) != 0 ||
	    app_open(&probe, cfg) != 0) {
		close(listen_fd);
		listener_remove(address);
		return 1;
	}
	/* A new program or new templates may render pages differently, and
	 * workers re-read the settings: cached pages must not be served. */
	if (site_revision_bump(probe.store) != 0) {
		app_close(&probe);
		close(listen_fd);
		listener_remove(address);
		return 1;
	}
	app_close(&probe);
	/* An hour: an import or a worker of another responder may be writing
	 * a younger one now. */
	media_sweep_temp(cfg->media_dir, 3600);
	log_info("listening on %s with %d workers", address, workers);

	for (;;) {
		for (int i = 0; i < workers; i++) {
			if (slots[i].pid != 0 || slots[i].respawn_at > now_s())
				continue;
			slots[i].pid = spawn(listen_fd, cfg, &orig);
			if (slots[i].pid < 0) {
				slots[i].pid = 0;
				slots[i].respawn_at = now_s() + 1;
			}
			slots[i].started = now_s();
		}
		sig = sigtimedwait(&waited, NULL, &tick);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP) {
			/* The parent loads first: a replacement worker starts
			 * from its copy (tested in test_lifecycle), and a
			 * broken file is refused here before any worker
			 * would try it. */
			if (tpl_load(cfg->template_dir, app_templates) == 0) {
				log_info("reloading templates in every worker");
				signal_all(slots, workers, SIGHUP);
			} else
				log_error("templates not reloaded: keeping the "
				    "previous ones; fix the file named above "
				    "and send SIGHUP again");
		}
		reap(slots, workers, 1);
	}

	/* Stop: workers finish the request in hand, then exit. SIGTERM is
	 * repeated because one may arrive just before a worker blocks in
	 * accept(); the repeat interrupts that accept. */
	log_info("stopping: waiting for %zu workers to finish", live_workers(slots, workers));
	deadline = now_s() + STOP_GRACE_SECONDS;
	while (live_workers(slots, workers) > 0 && now_s() < deadline) {
		signal_all(slots, workers, SIGTERM);
		sigtimedwait(&waited, NULL, &tick);
		reap(slots, workers, 0);
	}
	if (live_workers(slots, workers) > 0) {
		log_error("workers did not stop within %d s; killing them",
		    STOP_GRACE_SECONDS);
		signal_all(slots, workers, SIGKILL);
		for (int i = 0; i < workers; i++)
			if (slots[i].pid != 0 && waitpid(slots[i].pid, NULL, 0) > 0)
				slots[i].pid = 0;
	}
	close(listen_fd);
	listener_remove(address);
	log_info("stopped");
	return 0;
}
