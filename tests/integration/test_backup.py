"""test_backup.py: `gazette backup` and `gazette restore`. A backup taken
while wrk loads the site (every article view is a write) and editors post
articles with photos succeeds, and restored into a new folder it gives the
same article table, every article the site had when the backup began,
every photo byte for byte, and a database that passes integrity_check.
Restore refuses an existing database without --force and changes nothing;
with --force into the database of the running site, the site shows the
restored content at once (an article deleted after the backup is back, one
added after it is gone). A backup changed after it was made (a byte of a
photo or of the database, a file added or removed) is refused, and so is
a backup into a folder that is not empty, and so is one that would miss a
photo the database names. A backup at an older schema
(written by hand here, MANIFEST included, as an independent check of the
format) is restored and brought up to date. Needs wrk. Measured numbers
are printed as lines starting with "backup:"."""

import hashlib
import html
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest

import harness
from editor_posts import WRK_SCRIPT, article, csrf, delete, media_name, png, post

ADMIN = "editor"
ADMIN_PW = "correct horse battery staple"
WRK = "/usr/bin/wrk"
LOAD_SECONDS = 8
BULK = 3000         # more articles, so the copy takes a while under the load

site = None
work = None         # a scratch folder for backups and restores
state = {}          # what the first test leaves for the others


def setUpModule():
    global site, work
    site = harness.Site(workers=2)
    os.chmod(site.dir, 0o755)      # the serving user reaches it (as root)
    try:
        site.seed()
        bulk(site, BULK)
        site.add_user(ADMIN, ADMIN_PW)
        site.start()
    except BaseException:
        # unittest skips tearDownModule when this fails.
        site.cleanup()
        raise
    work = tempfile.mkdtemp(prefix="gazette-bk-")


def bulk(s, n):
    """Imports N generated articles of a few KB each."""
    folder = os.path.join(s.dir, "bulk")
    os.makedirs(folder)
    files = []
    for i in range(n):
        p = os.path.join(folder, f"bulk_{i:05d}.txt")
        body = "\n\n".join(f"Paragraph {k} of bulk article {i}: " + f"words{i} and more " * 30
                            for k in range(6))
        harness.write_seed(p, f"Bulk article {i:05d}", f"2015-{1 + i % 12:02d}-{1 + i % 28:02d}",
                           body=body)
        files.append(p)
    s.gazette("import", "--media", s.media, *files)


def tearDownModule():
    if work is not None:
        shutil.rmtree(work, ignore_errors=True)
    if site is not None:
        site.finish()


def report(text):
    print(f"\nbackup: {text}", flush=True)


def gazette(*args, db=None, media=None):
    """The binary with --db and --media (the module's site by default); a
    sanitizer report fails the test whatever the exit status (ASan exits
    1, as a refusal does)."""
    r = harness.run([harness.BIN, "--db", db or site.db, "--media", media or site.media, *args])
    marks = [m for m in harness.SANITIZER_MARKS if m in r.stderr]
    assert not marks, f"sanitizer report from gazette {args}: {r.stderr[-4000:]}"
    return r


def articles(db):
    """Every column of every article, in id order."""
    return harness.db_rows(db, "SELECT * FROM article ORDER BY id")


def columns(db):
    return [r[1] for r in harness.db_rows(db, "PRAGMA table_info(article)")]


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def tree(path):
    """{relative path: bytes} of every file under PATH."""
    out = {}
    for d, _, files in os.walk(path):
        for n in files:
            p = os.path.join(d, n)
            out[os.path.relpath(p, path)] = file_bytes(p)
    return out


def manifest(dest):
    """The MANIFEST's file lines as {path: (size, hash)}, read here, not by
    gazette: the format as docs and backup_manifest.h describe it."""
    with open(os.path.join(dest, "MANIFEST"), encoding="ascii") as f:
        lines = f.read().split("\n")
    assert lines[0] == "gazette-backup 1", lines[0]
    assert lines[-1] == "", "the file ends with a newline"
    files = {}
    for line in lines[1:-2]:
        if line.startswith("file "):
            _, size, digest, path = line.split(" ", 3)
            files[path] = (int(size), digest)
    assert lines[-2] == f"end {len(files)}", lines[-2]
    return files


class BackupRestore(unittest.TestCase):
    """In order: the first makes the backup the others restore."""

    def test_1_backup_under_load_restores_identically(self):
        aid = site.query("SELECT max(id) FROM article WHERE status = 'published'")[0][0]
        script = os.path.join(work, "count.lua")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT)
        b = harness.signed_in(site, ADMIN, ADMIN_PW)
        token = csrf(b)
        posted = {}               # title -> photo bytes, acknowledged posts
        stop = threading.Event()

        def poster():
            n = 0
            while not stop.is_set():
                n += 1
                title = f"Backup load {n:03d}"
                photo = png(7000 + n, pad=30000)
                values = article(site, title, f"Posted during the backup test, {n}.",
                                 author="Backup desk", date="2035-05-05", alt=f"Load photo {n}")
                r = post(site, b, "/admin/articles/new", token, values, ("load.png", photo))
                if r.status == 303:
                    posted[title] = photo
                time.sleep(0.2)

        wrk = subprocess.Popen(
            [WRK, "-t2", "-c16", f"-d{LOAD_SECONDS}s", "--timeout", "10s", "-s", script,
             f"http://127.0.0.1:{site.port}/", "--", "/", f"/articles/{aid}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        writer = threading.Thread(target=poster)
        writer.start()
        dest = os.path.join(work, "backup")
        try:
            time.sleep(2)
            before = articles(site.db)
            views_before = site.query("SELECT sum(views) FROM article_views")[0][0] or 0
            posted_before = len(posted)
            t0 = time.monotonic()
            r = gazette("backup", dest)
            took = time.monotonic() - t0
            posted_during = len(posted) - posted_before
            out, err = wrk.communicate(timeout=LOAD_SECONDS + 30)
        finally:
            stop.set()
            writer.join(30)
            if wrk.poll() is None:
                wrk.kill()
                wrk.wait()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(wrk.returncode, 0, err)
        counts = json.loads(re.search(r"^WRK (\{.*\})$", out, re.M).group(1))
        failed = sum(counts[k] for k in ("connect", "read", "write", "timeout", "status"))
        views_after = site.query("SELECT sum(views) FROM article_views")[0][0] or 0
        report(f"{r.stdout.strip()} (wall {took:.2f} s) while wrk made {counts['requests']} "
               f"requests in {LOAD_SECONDS} s ({failed} failed) and an editor posted "
               f"{len(posted)} articles with photos ({posted_before} before the backup began, "
               f"{posted_during} while it ran); views written meanwhile: "
               f"{views_after - views_before}")
        self.assertGreater(counts["requests"], 100, "the load ran")
        self.assertEqual(failed, 0, counts)
        self.assertGreater(len(posted), 2, "the posts went through during the load")
        self.assertGreater(views_after, views_before, "views were written during the load")
        m = re.fullmatch(r"backup \S+: database [\d.]+ [KMG]?B(?:ytes)? \(schema version (\d+), "
                         r"(\d+) articles\), (\d+) photos \([\d.]+ [KMG]?B(?:ytes)?\), in "
                         r"[\d.]+ s\n", r.stdout)
        self.assertTrue(m, r.stdout)

        # The folder: only the owner may read it; the database one file
        # (not WAL), the photos and the MANIFEST, and nothing else; every
        # hash right, checked here independently of gazette.
        self.assertEqual(os.stat(dest).st_mode & 0o777, 0o700)
        listed = manifest(dest)
        files = tree(dest)
        self.assertEqual(set(files), set(listed) | {"MANIFEST"})
        for path, (size, digest) in listed.items():
            self.assertEqual(len(files[path]), size, path)
            self.assertEqual(hashlib.blake2b(files[path], digest_size=32).hexdigest(), digest,
                             path)
        backup_db = os.path.join(dest, "gazette.db")
        self.assertEqual(harness.db_rows(backup_db, "PRAGMA journal_mode"), [("delete",)])
        self.assertEqual(int(m.group(1)), harness.db_rows(backup_db, "PRAGMA user_version")[0][0])
        self.assertEqual(int(m.group(2)), len(articles(backup_db)))
        self.assertEqual(int(m.group(3)), len(listed) - 1)

        # Restore into a new folder.
        new = os.path.join(work, "new")
        new_db, new_media = os.path.join(new, "gazette.db"), os.path.join(new, "media")
        r = gazette("restore", dest, db=new_db, media=new_media)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"into {new_db}: {len(articles(backup_db))} articles", r.stdout)
        report(r.stdout.strip())
        restored = articles(new_db)
        self.assertEqual(columns(new_db), columns(site.db))
        self.assertTrue(restored == articles(backup_db), "the article table differs")
        by_id = {a[0]: a for a in restored}
        for a in before:
            self.assertTrue(by_id.get(a[0]) == a, f"article {a[0]} is not as it was at the start")
        self.assertGreaterEqual(len(restored), len(before))
        self.assertEqual(harness.db_rows(new_db, "PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(harness.db_rows(new_db, "PRAGMA foreign_key_check"), [])
        self.assertEqual(harness.db_rows(new_db, "PRAGMA journal_mode"), [("wal",)])
        # Every photo an article shows, and every media row, is there and
        # is the very file of the live site.
        body = columns(new_db).index("body")
        shown = {n for a in restored for n in re.findall(r"\(/media/([^)]+)\)", a[body])}
        named = {r[0] for r in harness.db_rows(new_db, "SELECT name FROM media")}
        self.assertTrue(shown <= named, shown - named)
        self.assertGreater(len(shown), 2)
        for name in named:
            self.assertEqual(file_bytes(os.path.join(new_media, name)),
                             file_bytes(os.path.join(site.media, name)), name)
        # The articles posted before the backup began are whole, photo
        # included.
        titles = {a[2]: a for a in restored}
        for title in list(posted)[:posted_before]:
            self.assertTrue(title in titles, f"{title} is not in the restored articles")
            name = media_name(posted[title])
            self.assertIn(f"(/media/{name})", titles[title][body])
            self.assertEqual(file_bytes(os.path.join(new_media, name)), posted[title])
        state.update(dest=dest, new_db=new_db, new_media=new_media, before=before)

    def test_2_restore_over_an_existing_database_needs_force(self):
        new_db, new_media = state["new_db"], state["new_media"]
        db_before, media_before = file_bytes(new_db), tree(new_media)
        r = gazette("restore", state["dest"], db=new_db, media=new_media)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"database {new_db} exists; restore replaces it: pass --force (the site "
                      "may keep serving; it will show the restored content)", r.stderr)
        self.assertEqual(r.stdout, "")
        self.assertEqual(file_bytes(new_db), db_before)
        self.assertEqual(tree(new_media), media_before)

    def test_3_force_restore_into_the_serving_site(self):
        dest = state["dest"]
        backup_db = os.path.join(dest, "gazette.db")
        # The newest article of the backup is on the home page; delete it
        # in the admin, and add another one after the backup.
        aid, title = harness.db_rows(backup_db, "SELECT id, title FROM article WHERE status = 'published' "
                                     "ORDER BY published_on DESC, id DESC LIMIT 1")[0]
        b = harness.signed_in(site, ADMIN, ADMIN_PW)
        self.assertEqual(delete(site, b, aid, csrf(b)).status, 303)
        site.import_article("Added after the backup", date="2036-06-06")
        later = site.query("SELECT id FROM article WHERE title = 'Added after the backup'")[0][0]
        self.assertEqual(site.get(f"/articles/{aid}")[0], 404)
        home = site.get("/")[2]
        self.assertNotIn(html.escape(title), home)
        self.assertIn("Added after the backup", home)
        rev_before = site.query("SELECT revision FROM site_revision")[0][0]
        pids = site.workers_pids()

        r = gazette("--force", "restore", dest)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("replacing what it held", r.stdout)
        # At once, in every worker (each may have cached the home page):
        # the deleted article is back, the later one gone.
        for _ in range(6):
            status, _, page = site.get(f"/articles/{aid}")
            self.assertEqual(status, 200)
            self.assertIn(html.escape(title), page)
            self.assertEqual(site.get(f"/articles/{later}")[0], 404)
            home = site.get("/")[2]
            self.assertIn(html.escape(title), home)
            self.assertNotIn("Added after the backup", home)
        self.assertEqual(site.workers_pids(), pids, "no worker was restarted")
        self.assertTrue(articles(site.db) == articles(backup_db), "the site's articles are not "
                        "the backup's")
        # Past both the replaced revision and the restored one: no cache
        # keyed by either serves the old pages.
        rev = site.query("SELECT revision FROM site_revision")[0][0]
        self.assertGreater(rev, rev_before)
        self.assertGreater(rev, harness.db_rows(backup_db, "SELECT revision FROM site_revision")[0][0])
        self.assertEqual(site.query("PRAGMA integrity_check"), [("ok",)])
        # The site keeps working as before: editors can write.
        b = harness.signed_in(site, ADMIN, ADMIN_PW)
        self.assertEqual(post(site, b, "/admin/articles/new", csrf(b),
                              article(site, "After the restore", "Still writable.")).status, 303)

    def tampered(self, change):
        """A copy of the backup changed by CHANGE(folder), restored into a
        new folder: refused, with nothing created. Returns the stderr."""
        copy = tempfile.mkdtemp(prefix="tampered-", dir=work)
        shutil.rmtree(copy)
        shutil.copytree(state["dest"], copy)
        change(copy)
        target = tempfile.mkdtemp(prefix="target-", dir=work)
        r = gazette("restore", copy, db=os.path.join(target, "gazette.db"),
                    media=os.path.join(target, "media"))
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertEqual(os.listdir(target), [], "nothing is written for a refused backup")
        self.assertIn("nothing was restored", r.stderr)
        return r.stderr

    @staticmethod
    def flip(path, offset):
        with open(path, "r+b") as f:
            f.seek(offset)
            byte = f.read(1)
            f.seek(offset)
            f.write(bytes([byte[0] ^ 1]))

    def test_4_a_changed_backup_is_refused(self):
        photo = sorted(p for p in manifest(state["dest"]) if p.startswith("media/"))[0]
        err = self.tampered(lambda d: self.flip(os.path.join(d, photo), 200))
        self.assertIn(f"{photo}: its content is not what was backed up", err)
        err = self.tampered(lambda d: self.flip(os.path.join(d, "gazette.db"), 8000))
        self.assertIn("gazette.db: its content is not what was backed up", err)
        err = self.tampered(lambda d: os.remove(os.path.join(d, photo)))
        self.assertIn(f"{photo}: missing", err)
        extra = "media/" + "0" * 32 + ".jpg"
        err = self.tampered(lambda d: shutil.copy(os.path.join(d, photo), os.path.join(d, extra)))
        self.assertIn(f"{extra}: not in the manifest", err)

        def truncate_manifest(d):
            p = os.path.join(d, "MANIFEST")
            data = file_bytes(p)
            with open(p, "wb") as f:
                f.write(data[:data.rindex(b"end ")])
        err = self.tampered(truncate_manifest)
        self.assertIn("MANIFEST:", err)
        self.assertIn("no end line (the file was cut short)", err)

    def test_5_backup_into_a_folder_that_is_not_empty_is_refused(self):
        dest = os.path.join(work, "not-empty")
        os.makedirs(dest)
        with open(os.path.join(dest, "keep.txt"), "w") as f:
            f.write("mine")
        r = gazette("backup", dest)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"{dest} is not empty", r.stderr)
        self.assertEqual(tree(dest), {"keep.txt": b"mine"})
        # An empty folder is taken, and closed to others.
        empty = os.path.join(work, "empty")
        os.makedirs(empty, mode=0o755)
        r = gazette("backup", empty)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(os.stat(empty).st_mode & 0o777, 0o700)
        self.assertIn("MANIFEST", os.listdir(empty))

    def test_6_a_backup_at_an_older_schema_is_brought_up_to_date(self):
        src = os.path.join(work, "v1-backup")
        os.makedirs(os.path.join(src, "media"))
        db = os.path.join(src, "gazette.db")
        c = sqlite3.connect(db)
        with open(os.path.join(harness.ROOT, "sql", "001_initial.sql"), encoding="utf-8") as f:
            c.executescript(f.read())
        photo = png(4242)
        name = media_name(photo)
        with open(os.path.join(src, "media", name), "wb") as f:
            f.write(photo)
        c.execute("INSERT INTO media(name, mime_type, bytes, created_at) VALUES (?, ?, ?, 0)",
                  (name, "image/png", len(photo)))
        c.execute("INSERT INTO article(section_id, title, author, published_on, body, "
                  "created_at, updated_at) VALUES (3, 'Quokkas of the old schema', 'Old desk', "
                  "'2017-07-07', ?, 0, 0)", (f"Text.\n\n![x](/media/{name})\n",))
        c.execute("PRAGMA user_version=1")
        c.commit()
        c.close()
        lines = ["gazette-backup 1", "schema 1", "created 2017-07-07T07:07:07Z"]
        for rel in ("gazette.db", f"media/{name}"):
            data = file_bytes(os.path.join(src, rel))
            lines.append(f"file {len(data)} {hashlib.blake2b(data, digest_size=32).hexdigest()} "
                         f"{rel}")
        lines.append("end 2")
        with open(os.path.join(src, "MANIFEST"), "w", encoding="ascii") as f:
            f.write("\n".join(lines) + "\n")
        backup_before = tree(src)
        target = os.path.join(work, "from-v1")
        new_db = os.path.join(target, "gazette.db")
        r = gazette("restore", src, db=new_db, media=os.path.join(target, "media"))
        self.assertEqual(r.returncode, 0, r.stderr)
        latest = len([f for f in os.listdir(os.path.join(harness.ROOT, "sql"))
                      if re.fullmatch(r"\d{3}_.*\.sql", f)])
        self.assertIn(f"schema version 1, upgraded to {latest}", r.stdout)
        self.assertEqual(harness.db_rows(new_db, "PRAGMA user_version"), [(latest,)])
        self.assertEqual(harness.db_rows(new_db, "SELECT title FROM article"),
                         [("Quokkas of the old schema",)])
        self.assertEqual(harness.db_rows(new_db, "SELECT rowid FROM article_search WHERE article_search "
                                      "MATCH '\"Quokkas\"'"), [(1,)])
        self.assertEqual(file_bytes(os.path.join(target, "media", name)), photo)
        # No scratch copy is left beside the database.
        self.assertEqual(sorted(os.listdir(target)), ["gazette.db", "media"])
        self.assertEqual(tree(src), backup_before, "the backup itself is untouched")

    def test_7_a_photo_missing_from_the_media_folder_fails_the_backup(self):
        db = os.path.join(work, "lost", "gazette.db")
        media = os.path.join(work, "lost", "media")
        os.makedirs(os.path.dirname(db))
        self.assertEqual(gazette("migrate", db=db, media=media).returncode, 0)
        r = gazette("import", *harness.SEEDS, db=db, media=media)
        self.assertEqual(r.returncode, 0, r.stderr)
        lost = sorted(os.listdir(media))[0]
        os.remove(os.path.join(media, lost))
        dest = os.path.join(work, "lost-backup")
        r = gazette("backup", dest, db=db, media=media)
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertIn(f"photo {lost} is named by the database but is not a photo file in the "
                      f"media folder {media}", r.stderr)
        self.assertIn("this backup would be incomplete, so it was not kept", r.stderr)
        self.assertFalse(os.path.exists(dest), "an incomplete backup is not left behind")


Zz_Log = harness.sanitizer_log_case(lambda: site)


if __name__ == "__main__":
    harness.main(__name__)
