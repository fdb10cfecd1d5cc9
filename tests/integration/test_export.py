"""test_export.py: `gazette export` and `gazette import` of what it writes,
moving the harness's seeded site (plus an article with a PNG photo from the
seed importer, and a draft with a source written in the admin) to a fresh
database: the second site's export is the first's but for exported_at;
every article field, id and photo byte is kept; the new site serves the
articles and photos; a second import adds nothing, nor does a site's own
export; a file that is not JSON is refused naming line and column; bad
articles (a date 2020-13-45, a title too long, a photo that is not an
image) are refused one by one and the others imported; seed and JSON
files go in one command; the export is put in place atomically."""

import base64
import copy
import hashlib
import html
import json
import os
import re
import shutil
import sqlite3
import struct
import tempfile
import unittest
import urllib.parse
import zlib

import harness

site = None        # the seeded site, served
moved = None       # a fresh site the export is imported into, served
work = None        # a folder for the exports
ADMIN, ADMIN_PW = "editor", "correct horse battery staple"
DRAFT_TITLE = "Written in the admin «草稿»"
FIELDS = ("id", "title", "author", "published_on", "status", "body", "source",
          "created_at", "updated_at", "excerpt")


def png(width=3, height=2):
    """A small valid PNG."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    rows = b"".join(b"\0" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def media_name(data, ext):
    return hashlib.blake2b(data, digest_size=16).hexdigest() + "." + ext


def gazette(db, *args, check=True):
    """Runs the binary on DB; fails on a sanitizer report in its stderr."""
    r = harness.run([harness.BIN, "--db", db, *args])
    for mark in harness.SANITIZER_MARKS:
        assert mark not in r.stderr, r.stderr[-4000:]
    if check and r.returncode != 0:
        raise AssertionError(f"gazette {' '.join(args)}: {r.returncode}\n{r.stderr}")
    return r


def fresh_db(name):
    path = os.path.join(work, name + ".db")
    gazette(path, "migrate")
    return path, os.path.join(work, name + "-media")


def export(db, media, name):
    path = os.path.join(work, name)
    r = gazette(db, "--media", media, "export", path)
    assert "written to" in r.stderr, r.stderr
    with open(path, encoding="utf-8") as f:
        return path, f.read()


def without_time(text):
    doc = json.loads(text)
    del doc["exported_at"]
    return doc


def articles(db):
    c = sqlite3.connect(db)
    try:
        rows = c.execute(f"SELECT {', '.join('a.' + f for f in FIELDS)}, s.slug "
                         "FROM article a JOIN section s ON s.id = a.section_id "
                         "ORDER BY a.id").fetchall()
    finally:
        c.close()
    return {r[0]: r for r in rows}


def setUpModule():
    global site, moved, work
    work = tempfile.mkdtemp(prefix="gazette-export-")
    site = harness.Site(workers=1)
    site.seed()
    photo_dir = os.path.join(site.dir, "png_article")
    os.makedirs(photo_dir)
    with open(os.path.join(photo_dir, "red.png"), "wb") as f:
        f.write(png())
    harness.write_seed(os.path.join(site.dir, "png_article.txt"), "A red square",
                       "2024-05-06", body="Below, a red square.\n\nred.png")
    site.gazette("import", "--media", site.media, os.path.join(site.dir, "png_article.txt"))
    site.gazette("setting", "site_name", "成都高新医学会 export test")
    site.add_user(ADMIN, ADMIN_PW)
    site.start()
    b = harness.signed_in(site, ADMIN, ADMIN_PW)
    harness.admin_save(site, b, "/admin/articles/new", title=DRAFT_TITLE,
                       body="**Bold**, a [link](https://example.org/) and\ttab.\n\nTwo.",
                       source="成都高新医学会", status="draft", published_on="2023-03-04")
    moved = harness.Site(workers=1)


def tearDownModule():
    if moved is not None:
        moved.finish()
    if site is not None:
        site.finish()
    shutil.rmtree(work, ignore_errors=True)


class Export(unittest.TestCase):
    def test_1_move_to_a_fresh_site(self):
        a_path, a_text = export(site.db, site.media, "a.json")
        doc = json.loads(a_text)
        self.assertEqual((doc["format"], doc["version"]), ("gazette-export", 1))
        self.assertRegex(doc["exported_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        titles = [a["title"] for a in doc["articles"]]
        self.assertIn(DRAFT_TITLE, titles)
        self.assertIn(harness.XSS_TITLE, titles)
        self.assertEqual(len(doc["articles"]), len(articles(site.db)))
        self.assertNotIn("users", doc)
        self.assertNotIn("pw_hash", a_text)

        moved.gazette("migrate")
        r = gazette(moved.db, "--media", moved.media, "import", a_path)
        n = len(doc["articles"])
        self.assertIn(f"{n} added, 0 already present, 0 failed", r.stdout)
        self.assertNotIn("is taken on this site", r.stdout)
        # A site without articles takes the exported site's settings.
        self.assertIn("setting site_name taken from the file", r.stdout)
        _, b_text = export(moved.db, moved.media, "b.json")
        # The same file, byte for byte, but for the moment of the export.
        self.assertEqual(without_time(a_text), without_time(b_text))
        self.assertEqual(a_text.split("\n", 1)[1], b_text.split("\n", 1)[1])

        before, after = articles(site.db), articles(moved.db)
        self.assertEqual(before, after)    # every field, the ids and sections too
        photos = [p["name"] for a in doc["articles"] for p in a["photos"]]
        self.assertEqual(len(photos), 3)
        for name in photos:
            with open(os.path.join(site.media, name), "rb") as f1, \
                 open(os.path.join(moved.media, name), "rb") as f2:
                self.assertEqual(f1.read(), f2.read())
        self.assertIn(media_name(png(), "png"), photos)

    def test_2_new_site_serves_the_articles(self):
        moved.start()
        rows = articles(moved.db)
        shown = 0
        for aid, row in rows.items():
            status, _, body = moved.get(f"/articles/{aid}")
            if row[FIELDS.index("status")] == "draft":
                self.assertEqual(status, 404)
                continue
            self.assertEqual(status, 200, aid)
            self.assertIn(row[1], html.unescape(body))
            shown += 1
        self.assertGreater(shown, 30)
        # Published in one statement at the end of the batch: in the index.
        red = [aid for aid, row in rows.items() if row[1] == "A red square"]
        status, _, body = moved.get("/search?q=red+square")
        self.assertEqual(status, 200)
        self.assertIn("1 article matches", body)
        self.assertIn(f'href="/articles/{red[0]}"', body)
        status, _, body = moved.get("/search?q=" + urllib.parse.quote("草稿"))
        self.assertNotIn("Written in the admin", body)    # a draft stays one
        for a in json.loads(export(site.db, site.media, "c.json")[1])["articles"]:
            for p in a["photos"]:
                status, _, data = moved.exchange("GET", f"/media/{p['name']}")
                self.assertEqual(status, 200)
                self.assertEqual(data, base64.b64decode(p["data"]))

    def test_3_second_import_adds_nothing(self):
        path = os.path.join(work, "a.json")
        count = len(articles(moved.db))
        r = gazette(moved.db, "--media", moved.media, "import", path)
        self.assertIn(f"0 added, {count} already present, 0 failed", r.stdout)
        self.assertEqual(len(articles(moved.db)), count)
        # A site's own export, imported into it, adds nothing either.
        r = gazette(site.db, "--media", site.media, "import", path)
        self.assertIn(f"0 added, {count} already present, 0 failed", r.stdout)

    def test_syntax_error_names_line_and_column(self):
        path = os.path.join(work, "broken.json")
        with open(path, "w") as f:
            f.write('{"format": "gazette-export",\n "version": 1,\n "articles": [ {"id": 1,}\n]}\n')
        db, media = fresh_db("broken")
        r = gazette(db, "--media", media, "import", path, check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"{path}: line 3, column 25: not valid JSON", r.stderr)
        self.assertIn("nothing of the file was imported", r.stderr)
        self.assertIn("0 added, 0 already present, 1 failed", r.stdout)

    def test_bad_articles_refused_the_rest_imported(self):
        doc = json.loads(export(site.db, site.media, "d.json")[1])
        good = [a for a in doc["articles"] if not a["photos"]][:2]
        bad_date = copy.deepcopy(good[0])
        bad_date.update(id=900, published_on="2020-13-45")
        long_title = copy.deepcopy(good[0])
        long_title.update(id=901, title="x" * 501)
        fake = b"plain text, not a photo"
        name = media_name(fake, "jpg")
        not_image = copy.deepcopy(good[1])
        not_image.update(id=902, title="Fake photo", body=f"![x](/media/{name})",
                         photos=[{"name": name, "type": "image/jpeg",
                                  "data": base64.b64encode(fake).decode()}])
        png_name = media_name(png(), "jpg")
        misnamed = copy.deepcopy(not_image)
        misnamed.update(id=904, title="PNG named JPEG", body=f"![x](/media/{png_name})",
                        photos=[{"name": png_name, "type": "image/jpeg",
                                 "data": base64.b64encode(png()).decode()}])
        lost = copy.deepcopy(good[1])
        lost.update(id=903, title="Lost section", section="nowhere")
        doc["articles"] = [good[0], bad_date, long_title, not_image, good[1], lost,
                           misnamed]
        path = os.path.join(work, "mixed.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        db, media = fresh_db("mixed")
        r = gazette(db, "--media", media, "import", path, check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("3 added, 0 already present, 4 failed", r.stdout)
        self.assertRegex(r.stderr, re.escape(f"{path}: article 2 ({good[0]['title'][:20]}") +
                         r".*\): its published_on is not a real date written YYYY-MM-DD")
        self.assertIn(f"{path}: article 3 (" + "x" * 60 + "…): its title is longer "
                      "than 500 characters; not imported", r.stderr)
        self.assertIn(f"{path}: article 4 (Fake photo): photo 1 ({name}) is not a JPEG, "
                      "PNG, GIF or WebP image; not imported", r.stderr)
        self.assertIn(f"{path}: article 7 (PNG named JPEG): photo 1 ({png_name}): its "
                      "content is image/png, not the image/jpeg its name says", r.stderr)
        self.assertIn("article 6 (Lost section): added as article 903; its section "
                      "nowhere is not on this site, so it is in the root section", r.stdout)
        rows = articles(db)
        self.assertEqual(sorted(rows), sorted([good[0]["id"], good[1]["id"], 903]))
        self.assertEqual(rows[903][-1], "home")
        for refused in (name, png_name):
            self.assertFalse(os.path.exists(os.path.join(media, refused)))

    def test_seed_and_json_files_in_one_command(self):
        db, media = fresh_db("both")
        seed = os.path.join(work, "one.txt")
        harness.write_seed(seed, "Seed beside JSON", "2024-01-02")
        small = json.loads(export(site.db, site.media, "e.json")[1])
        small["articles"] = small["articles"][:3]
        path = os.path.join(work, "small.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(small, f)
        r = gazette(db, "--media", media, "import", seed, path)
        self.assertIn(f"{seed}: added as article 1", r.stdout)
        self.assertIn("4 added, 0 already present, 0 failed", r.stdout)
        # The seed article took id 1: that JSON article got a new id, said.
        self.assertIn("its id 1 is taken on this site", r.stdout)

    def test_export_to_stdout_and_atomically(self):
        r = gazette(site.db, "--media", site.media, "export")
        self.assertEqual(json.loads(r.stdout)["format"], "gazette-export")
        self.assertIn("written to standard output", r.stderr)
        r = gazette(site.db, "--media", site.media, "export",
                    os.path.join(work, "no", "such", "x.json"), check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot create a file beside", r.stderr)
        export(site.db, site.media, "f.json")
        self.assertEqual([n for n in os.listdir(work) if ".tmp." in n], [])
        self.assertEqual(os.stat(os.path.join(work, "f.json")).st_mode & 0o777, 0o600)
        r = gazette(site.db, "export", "a", "b", check=False)
        self.assertEqual(r.returncode, 2)

    def test_missing_photo_is_said(self):
        db, media = fresh_db("holes")
        gazette(db, "--media", media, "import", os.path.join(work, "a.json"))
        gone = media_name(png(), "png")
        os.unlink(os.path.join(media, gone))
        r = gazette(db, "--media", media, "export", os.path.join(work, "holes.json"),
                    check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"its body links /media/{gone}", r.stderr)
        self.assertIn("1 photo the bodies link is missing", r.stderr)


Zz_Log = harness.sanitizer_log_case(lambda: site)

if __name__ == "__main__":
    harness.main(__name__)
