"""test_upgrade.py: upgrading the schema of an existing database. A
database made by the first migration alone, with articles written the v1
way, is brought to the latest version by `gazette migrate`: the articles
are intact and found by the search, and a copy of the v1 file is kept
beside it (a single file, at version 1, with the same articles). `serve`
does the same by itself at start, as the serving user. A database newer
than the binary is refused by migrate, serve and the other commands, with
a message that says to install the newer gazette, and is left as it was.
A migration that fails (here: a v1 database already holding a table that
a later migration creates) applies nothing: the database stays at v1 and
the message names the migration, the version and the copy."""

import glob
import hashlib
import os
import pwd
import re
import shutil
import sqlite3
import tempfile
import unittest
import urllib.parse

import harness

SQL = os.path.join(harness.ROOT, "sql")
LATEST = len([f for f in os.listdir(SQL) if re.fullmatch(r"\d{3}_.*\.sql", f)])
V1_COLUMNS = ("id", "section_id", "title", "author", "published_on", "body", "excerpt",
              "status", "import_hash", "created_at", "updated_at")
V1_ARTICLES = [
    (1, 3, "Wombats elect a new committee", "Branch office", "2016-03-01",
     "The wombats met on Tuesday.\n\nThey chose a chair.", "The wombats met on Tuesday.",
     "published", None, 1456790400, 1456790400),
    (2, 3, "党支部召开组织生活会", "党群服务与组织管理", "2016-04-02",
     "会议由支部书记主持。\n\n全体党员参加。", "会议由支部书记主持。", "published", "ab" * 32,
     1459555200, 1459555200),
    (3, 2, "A draft nobody sees", "Desk", "2016-05-03", "Not yet.", "", "draft", None,
     1462233600, 1462233600),
]


def make_v1(path, extra_sql=""):
    """A database as the first migration left it, with V1_ARTICLES, plus
    EXTRA_SQL; journal_mode DELETE, as SQLite makes it."""
    c = sqlite3.connect(path)
    with open(os.path.join(SQL, "001_initial.sql"), encoding="utf-8") as f:
        c.executescript(f.read())
    c.executemany(f"INSERT INTO article({', '.join(V1_COLUMNS)}) VALUES "
                  f"({', '.join('?' * len(V1_COLUMNS))})", V1_ARTICLES)
    if extra_sql:
        c.executescript(extra_sql)
    c.execute("PRAGMA user_version=1")
    c.commit()
    c.close()




def v1_rows(path):
    return harness.db_rows(path, f"SELECT {', '.join(V1_COLUMNS)} FROM article ORDER BY id")


def content(path):
    """What a failed or refused upgrade must leave as it was: the schema,
    the version and every row of the v1 tables."""
    return (harness.db_rows(path, "PRAGMA user_version"),
            harness.db_rows(path, "SELECT type, name, sql FROM sqlite_schema ORDER BY name"),
            v1_rows(path), harness.db_rows(path, "SELECT * FROM section ORDER BY id"),
            harness.db_rows(path, "SELECT * FROM setting ORDER BY key"))


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def gazette(db, *args):
    """The binary on DB; a sanitizer report fails the test whatever the
    exit status (ASan exits 1, as a refusal does)."""
    r = harness.run([harness.BIN, "--db", db, *args])
    marks = [m for m in harness.SANITIZER_MARKS if m in r.stderr]
    assert not marks, f"sanitizer report from gazette {args}: {r.stderr[-4000:]}"
    return r


class Upgrade(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="gazette-up-")
        self.db = os.path.join(self.dir, "gazette.db")
        self.site = None

    def tearDown(self):
        if self.site is not None:
            self.site.finish()
        shutil.rmtree(self.dir, ignore_errors=True)

    def copies(self):
        return glob.glob(self.db + ".before-v*.bak")

    def test_migrate_brings_v1_to_the_latest_and_keeps_a_copy(self):
        self.assertGreaterEqual(LATEST, 5)
        make_v1(self.db)
        r = gazette(self.db, "migrate")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(harness.db_rows(self.db, "PRAGMA user_version"), [(LATEST,)])
        self.assertEqual(v1_rows(self.db), V1_ARTICLES)
        # Later columns have their defaults; the search index holds the
        # published articles, in both languages, and not the draft.
        self.assertEqual(harness.db_rows(self.db, "SELECT DISTINCT source FROM article"), [("",)])
        for term, ids in (('"Wombats"', [(1,)]), ('"组织生活"', [(2,)]), ('"draft"', [])):
            self.assertEqual(harness.db_rows(self.db, "SELECT rowid FROM article_search WHERE "
                                            "article_search MATCH ? ORDER BY rowid", (term,)),
                             ids, term)
        self.assertEqual(harness.db_rows(self.db, "PRAGMA integrity_check"), [("ok",)])
        # The copy: one, named in the log, a single file at version 1
        # with the same articles.
        copies = self.copies()
        self.assertEqual(len(copies), 1, copies)
        copy = copies[0]
        self.assertRegex(os.path.basename(copy),
                         rf"^gazette\.db\.before-v{LATEST}\.\d{{8}}T\d{{6}}Z\.bak$")
        self.assertIn(f"copied {self.db} (schema version 1) to {copy} before upgrading it to "
                      f"version {LATEST}", r.stderr)
        self.assertIn(f"upgraded {self.db} from schema version 1 to {LATEST}", r.stderr)
        self.assertEqual(os.stat(copy).st_mode & 0o777, 0o600)
        self.assertFalse(os.path.exists(copy + "-wal"))
        self.assertEqual(harness.db_rows(copy, "PRAGMA journal_mode"), [("delete",)])
        self.assertEqual(harness.db_rows(copy, "PRAGMA user_version"), [(1,)])
        self.assertEqual(v1_rows(copy), V1_ARTICLES)
        self.assertEqual(harness.db_rows(copy, "SELECT count(*) FROM sqlite_schema WHERE name = 'user'"),
                         [(0,)])
        # Up to date now: a second run changes nothing and copies nothing.
        r = gazette(self.db, "migrate")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.copies(), copies)
        self.assertNotIn("upgraded", r.stderr)

    def test_serve_upgrades_at_start(self):
        self.site = s = harness.Site(workers=2)
        os.chmod(s.dir, 0o755)
        make_v1(s.db)
        s.start()
        self.assertEqual(harness.db_rows(s.db, "PRAGMA user_version"), [(LATEST,)])
        self.assertIn(f"upgraded {s.db} from schema version 1 to {LATEST}", s.log())
        status, _, page = s.get("/search?q=Wombats")
        self.assertEqual(status, 200)
        self.assertIn("1 article matches", page)
        self.assertIn('<a href="/articles/1"><mark>Wombats</mark> elect a new committee</a>', page)
        status, _, page = s.get("/search?q=" + urllib.parse.quote("组织生活"))
        self.assertEqual(status, 200)
        self.assertIn('<a href="/articles/2">党支部召开<mark>组织生活</mark>会</a>', page)
        status, _, page = s.get("/articles/1")
        self.assertEqual(status, 200)
        self.assertIn("They chose a chair.", page)
        self.assertEqual(s.get("/articles/3")[0], 404)      # still a draft
        copies = glob.glob(s.db + ".before-v*.bak")
        self.assertEqual(len(copies), 1, copies)
        self.assertEqual(v1_rows(copies[0]), V1_ARTICLES)
        # Made after serve became the serving user, so it is that user's.
        if os.getuid() == 0:
            self.assertEqual(os.stat(copies[0]).st_uid, pwd.getpwnam("gazette").pw_uid)
        # A restart finds nothing to do.
        s.stop()
        s.start()
        self.assertEqual(glob.glob(s.db + ".before-v*.bak"), copies)

    def test_a_newer_database_is_refused_everywhere_and_left_as_it_is(self):
        r = gazette(self.db, "migrate")
        self.assertEqual(r.returncode, 0, r.stderr)
        backup = os.path.join(self.dir, "backup")
        r = gazette(self.db, "backup", backup)
        self.assertEqual(r.returncode, 0, r.stderr)
        c = sqlite3.connect(self.db)
        c.execute(f"PRAGMA user_version={LATEST + 1}")
        c.commit()
        c.close()
        before = digest(self.db)
        newer = f"has schema version {LATEST + 1}, newer than this binary's {LATEST}"
        for args in (["migrate"], ["users"], ["setting", "site_name"],
                     ["setting", "site_name", "Changed"],
                     ["import", os.path.join(SQL, "seeds", sorted(
                         f for f in os.listdir(os.path.join(SQL, "seeds"))
                         if f.endswith(".txt"))[0])],
                     ["backup", os.path.join(self.dir, "b")]):
            r = gazette(self.db, *args)
            self.assertEqual(r.returncode, 1, (args, r.stdout, r.stderr))
            self.assertIn(newer, r.stderr, args)
            self.assertIn("install the newer gazette", r.stderr, args)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "b")))
        # Nor is it replaced by a restore, even with --force.
        r = gazette(self.db, "--media", os.path.join(self.dir, "media"), "--force", "restore",
                    backup)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn(newer, r.stderr)
        self.assertIn("nothing was restored", r.stderr)
        # serve refuses to start, and says why in its log.
        self.site = s = harness.Site(workers=1)
        os.chmod(s.dir, 0o755)
        shutil.copy(self.db, s.db)
        with self.assertRaises(RuntimeError):
            s.start()
        self.assertIn(newer, s.log())
        self.assertIn("install the newer gazette", s.log())
        self.assertEqual(digest(s.db), before)
        self.assertEqual(glob.glob(s.db + ".before-v*.bak"), [])
        self.assertEqual(digest(self.db), before)
        self.assertEqual(self.copies(), [])

    def test_a_failed_migration_changes_nothing_and_names_the_copy(self):
        # 004_reader.sql creates article_views: a table of that name makes
        # it fail after 002 and 003 applied, in the same transaction.
        make_v1(self.db, "CREATE TABLE article_views (note TEXT);"
                         "INSERT INTO article_views VALUES ('mine');")
        before = content(self.db)
        r = gazette(self.db, "migrate")
        self.assertEqual(r.returncode, 1, r.stderr)
        copies = self.copies()
        self.assertEqual(len(copies), 1, copies)
        self.assertIn("upgrade failed at migration 004_reader.sql: table article_views already "
                      "exists", r.stderr)
        self.assertIn(f"the database {self.db} is unchanged at schema version 1 (a copy made "
                      f"just before is {copies[0]})", r.stderr)
        self.assertEqual(content(self.db), before)
        self.assertEqual(harness.db_rows(self.db, "SELECT * FROM article_views"), [("mine",)])
        self.assertEqual(content(copies[0]), before)
        # The commands that need the latest schema say what to do.
        r = gazette(self.db, "users")
        self.assertEqual(r.returncode, 1)
        self.assertIn("has schema version 1, this binary needs", r.stderr)


if __name__ == "__main__":
    harness.main(__name__)
