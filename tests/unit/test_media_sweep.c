/* test_media_sweep.c: media_sweep_temp removes the temporary files of cut
 * uploads once they are old enough, and nothing else: not young ones, not
 * finished photos, not directories or links named like them. */
#include "unit.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "media_store.h"

static char dir[64];

static void
make(const char *name, long age)
{
	char path[256];
	struct utimbuf t;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs("partial", f);
	fclose(f);
	t.actime = t.modtime = time(NULL) - age;
	assert_int_equal(utime(path, &t), 0);
}

static int
exists(const char *name)
{
	char path[256];
	struct stat sb;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return lstat(path, &sb) == 0;
}

static void
test_only_old_temporary_files_go(void **state)
{
	char path[256], target[256];
	struct utimbuf t;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/gazette-sweep-XXXXXX");
	assert_non_null(mkdtemp(dir));
	make("0123.jpg.41.tmp", 7200);		/* cut two hours ago: goes */
	make("4567.png.42.tmp", 60);		/* a writer at work: stays */
	make("89ab.jpg", 7200);			/* a photo: stays */
	make(".tmp", 7200);			/* not one of ours: stays */
	snprintf(path, sizeof(path), "%s/dir.tmp", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	t.actime = t.modtime = time(NULL) - 7200;
	utime(path, &t);
	snprintf(target, sizeof(target), "%s/89ab.jpg", dir);
	snprintf(path, sizeof(path), "%s/link.tmp", dir);
	assert_int_equal(symlink(target, path), 0);

	assert_int_equal(media_sweep_temp(dir, 3600), 1);
	assert_false(exists("0123.jpg.41.tmp"));
	assert_true(exists("4567.png.42.tmp"));
	assert_true(exists("89ab.jpg"));
	assert_true(exists(".tmp"));
	assert_true(exists("dir.tmp"));
	assert_true(exists("link.tmp"));
	/* Again: nothing left to do. A missing folder is no error. */
	assert_int_equal(media_sweep_temp(dir, 3600), 0);
	assert_int_equal(media_sweep_temp("/tmp/gazette-no-such-folder", 3600), 0);

	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	assert_int_equal(system(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_old_temporary_files_go),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
