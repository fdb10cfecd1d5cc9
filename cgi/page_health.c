/* page_health.c: GET /healthz, for a monitor or a load balancer: 200 "ok"
 * when this worker's database connection really answers, else 503 with a
 * short reason (the log says more, under the request's id). Cheap on
 * purpose, since monitors ask every few seconds: a stat of the file, the
 * schema version and one row of the article table, never an integrity
 * check. Plain text, never kept by any cache, never a page view. */
#include <sqlite3.h>

#include "app.h"
#include "db.h"
#include "log.h"
#include "pages.h"
#include "response.h"
#include "strbuf.h"

/* The version and one row of article in one statement: a reader's page
 * needs both the schema it was built for and the table it reads most. */
static const char health_sql[] =
    "SELECT (SELECT user_version FROM pragma_user_version), "
    "EXISTS (SELECT 1 FROM article)";

/* Fills RESP with 503 and REASON (for the monitor; the log has the
 * details and what to do). */
static int
unhealthy(struct response *resp, const char *reason)
{
	resp->status = 503;
	strbuf_printf(&resp->body, "unavailable: %s\n", reason);
	return 0;
}

/* Reads the schema version through the worker's own connection: 0, or -1
 * with RESP answered and the failure logged. */
static int
read_version(struct app *app, struct response *resp, int *version)
{
	const char *file = sqlite3_db_filename(app->db, "main");
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(app->db, health_sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		enum db_failure f = db_failure(app->db);

		log_error("/healthz: reading database %s failed: %s (code %d); "
		    "check that the file and its folder are readable by this "
		    "user, the disk (dmesg, df -h), and try 'gazette stats'",
		    file, sqlite3_errmsg(app->db), sqlite3_extended_errcode(app->db));
		sqlite3_finalize(st);
		unhealthy(resp, f == DB_BUSY ? "database locked" :
		    "database cannot be read");
		return -1;
	}
	*version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

int
page_health(struct app *app, const struct request *req,
    const struct route_params *params, struct response *resp)
{
	const char *file = sqlite3_db_filename(app->db, "main");
	int moved = 0, version;

	(void)req;
	(void)params;
	resp->content_type = "text/plain; charset=utf-8";
	response_header(resp, "Cache-Control", "no-store");
	/* nginx's page cache ignores Cache-Control (docs/nginx.conf), but
	 * not this: a health answer must never come out of a cache. */
	response_header(resp, "X-Accel-Expires", "0");
	/* A worker keeps reading a file that was deleted or replaced under
	 * it, so the queries below would still succeed. */
	if (sqlite3_file_control(app->db, "main", SQLITE_FCNTL_HAS_MOVED,
	    &moved) == SQLITE_OK && moved) {
		log_error("/healthz: the database file %s was moved, replaced or "
		    "deleted since this worker opened it, so the site serves "
		    "(and writes to) the old file: put the file back, or "
		    "restart gazette to open the new one", file);
		return unhealthy(resp, "database file moved or deleted");
	}
	if (read_version(app, resp, &version) != 0)
		return 0;
	if (version != db_schema_latest()) {
		log_error("/healthz: database %s has schema version %d, this "
		    "gazette expects %d: run the gazette that matches it, or "
		    "restart this one ('serve' migrates an older database)",
		    file, version, db_schema_latest());
		return unhealthy(resp, "database schema version differs");
	}
	resp->status = 200;
	strbuf_printf(&resp->body, "ok\nschema_version: %d\n", version);
	return 0;
}
