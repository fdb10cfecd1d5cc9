/* db_commands.c: the commands that create the database or change what it
 * holds: migrate, import, setting, and the account commands. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "command.h"
#include "config.h"
#include "db.h"
#include "importer.h"
#include "json_import.h"
#include "section_store.h"
#include "store.h"
#include "user_commands.h"

int
command_open_store(const struct command *c, sqlite3 **db, struct store **st)
{
	const char *path = c->cfg->db;

	if ((*db = db_open(path, DB_READ_WRITE)) == NULL)
		return -1;
	if (db_check_version(*db, path) != 0 || (*st = store_open(*db)) == NULL) {
		db_close(*db);
		return -1;
	}
	return 0;
}

void
command_close_store(sqlite3 *db, struct store *st)
{
	store_close(st);
	db_close(db);
}

int
cmd_migrate(const struct command *c)
{
	sqlite3 *db = db_open(c->cfg->db, DB_CREATE);
	int rc;

	if (db == NULL)
		return 1;
	rc = db_migrate(db);
	db_close(db);
	return rc == 0 ? 0 : 1;
}

int
cmd_user(const struct command *c)
{
	sqlite3 *db;
	struct store *st;
	int rc;

	if (command_open_store(c, &db, &st) != 0)
		return 1;
	rc = user_command_run(st, c->nargs, c->args);
	command_close_store(db, st);
	return rc;
}

/* Imports the N seed files PATHS in one transaction (see importer.h); the
 * lines are printed once it committed, so "added" is only ever said of a
 * stored article. */
static void
import_seed_batch(struct store *st, const char *const *paths, size_t n,
    const char *media, int *added, int *unchanged, int *failed)
{
	static struct import_result res[IMPORT_BATCH_FILES];

	import_batch(st, paths, n, media, res);
	for (size_t k = 0; k < n; k++) {
		switch (res[k].outcome) {
		case IMPORT_ADDED:
			printf("%s: added as article %lld\n", paths[k], res[k].id);
			(*added)++;
			break;
		case IMPORT_UNCHANGED:
			printf("%s: already imported as article %lld\n", paths[k],
			    res[k].id);
			(*unchanged)++;
			break;
		case IMPORT_FAILED:
			(*failed)++;
			break;
		}
	}
}

/* Seed files go in batches of IMPORT_BATCH_FILES, one transaction each;
 * a file of JSON (an export: json_import.h) is imported on its own, and
 * ends the batch before it so that the order of the files is kept. */
int
cmd_import(const struct command *c)
{
	const char *media = c->cfg->media;
	sqlite3 *db;
	struct store *st;
	int added = 0, unchanged = 0, failed = 0;
	int i = 1, start;

	if (c->nargs < 2) {
		fprintf(stderr, "gazette import: name at least one file\n");
		return 2;
	}
	if (command_open_store(c, &db, &st) != 0)
		return 1;
	/* A page cache of 256 MiB for this connection only (2 MiB by
	 * default): a batch's search-index merges dirty tens of MiB, which
	 * would otherwise spill to the WAL before COMMIT and be written again.
	 * Only speed depends on it, so a failure is not an error. */
	sqlite3_exec(db, "PRAGMA cache_size=-262144", NULL, NULL, NULL);
	while (i < c->nargs) {
		if (json_import_is_json(c->args[i])) {
			json_import_path(st, c->args[i++], media, &added, &unchanged,
			    &failed);
			continue;
		}
		for (start = i++; i < c->nargs && i - start < IMPORT_BATCH_FILES &&
		    !json_import_is_json(c->args[i]); i++)
			continue;
		import_seed_batch(st, (const char *const *)&c->args[start],
		    (size_t)(i - start), media, &added, &unchanged, &failed);
	}
	printf("%d added, %d already present, %d failed\n", added, unchanged, failed);
	command_close_store(db, st);
	return failed ? 1 : 0;
}

/* The config file's bit for setting KEY, or 0 when the file has none. */
static unsigned
config_bit(const char *key)
{
	if (strcmp(key, "site_name") == 0)
		return CONFIG_SET_SITE_NAME;
	if (strcmp(key, "site_url") == 0)
		return CONFIG_SET_SITE_URL;
	if (strcmp(key, "icp_number") == 0)
		return CONFIG_SET_ICP_NUMBER;
	return 0;
}

int
cmd_setting(const struct command *c)
{
	struct arena a;
	sqlite3 *db;
	struct store *st;
	const char *value;
	unsigned bit;
	int rc = 0;

	if (c->nargs < 2 || c->nargs > 3) {
		fprintf(stderr, "usage: gazette setting KEY [VALUE]\n");
		return 2;
	}
	if (command_open_store(c, &db, &st) != 0)
		return 1;
	arena_init(&a);
	if (c->nargs == 3)
		rc = setting_set(st, c->args[1], c->args[2]) == 0 ? 0 : 1;
	else if ((rc = setting_get(st, &a, c->args[1], &value)) == 0)
		printf("%s\n", value);
	else if (rc == 1)
		fprintf(stderr, "gazette: no setting named %s\n", c->args[1]);
	/* The file wins over the database: say so, or the change would
	 * seem to be ignored. */
	if ((bit = config_bit(c->args[1])) != 0 && (c->cfg->set & bit))
		fprintf(stderr, "gazette: note: %s sets %s, which the site "
		    "shows instead of the database's value\n", c->cfg->file,
		    c->args[1]);
	arena_release(&a);
	command_close_store(db, st);
	return rc == 0 ? 0 : 1;
}
