"""test_faults.py: the responder under faults. Workers SIGKILLed under wrk
load are replaced with no more failed requests than were in flight on
them; the whole responder SIGKILLed in a burst of admin posts loses no
acknowledged post and half-writes none; a full disk (database and media
on small tmpfs mounts) makes saving fail with a clear answer that keeps
the editor's text, and nothing is corrupted; a write lock held by another
process leaves readers served and gives writers a "try again" (503 with
Retry-After) after the busy timeout. Needs root (tmpfs mounts) and wrk.
Measured numbers are printed as lines starting with "faults:"."""

import errno
import html
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import threading
import time
import unittest

import harness
from editor_posts import WRK_SCRIPT, article, csrf, delete, media_name, png, post

ADMIN = "editor"
ADMIN_PW = "correct horse battery staple"
WRK = "/usr/bin/wrk"
BUSY_TIMEOUT_S = 5.0        # DB_BUSY_TIMEOUT_MS in cgi/db.h
WORKERS = 4

site = None


def setUpModule():
    global site
    site = harness.Site(workers=WORKERS)
    opened(site)
    site.seed()
    site.add_user(ADMIN, ADMIN_PW)
    site.start()


def tearDownModule():
    if site is not None:
        site.finish()


def opened(s):
    """Lets the responder reach S's folder when site.sh (run as root)
    serves as an unprivileged user: mkdtemp makes it 0700."""
    os.chmod(s.dir, 0o755)


def report(text):
    print(f"\nfaults: {text}", flush=True)


def group_members(pgid):
    """Running processes of process group PGID."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(d))
    return out


# --- what a post leaves, and the form's answers -----------------------------

def with_photo(body, alt, data):
    """BODY as article_photo.c leaves it after adding photo DATA."""
    return body + ("\n" if body.endswith("\n") else "\n\n") + f"![{alt}](/media/{media_name(data)})\n"


def alert_of(body):
    """The text of the form's alert (role=alert above the form), or None."""
    m = re.search(r'<p class="form-error" role="alert">(.*?)</p>', body, re.S)
    return html.unescape(m.group(1)) if m else None


def photo_error_of(body):
    m = re.search(r'<span class="field-error" id="photo-error">(.*?)</span>', body, re.S)
    return html.unescape(m.group(1)) if m else None


# --- the database, read behind the site's back ------------------------------

def snapshot(s):
    """Everything a failed save must leave as it was."""
    return {
        "articles": s.query("SELECT id, section_id, title, author, published_on, body, "
                            "status, updated_at FROM article ORDER BY id"),
        "media": s.query("SELECT name, bytes FROM media ORDER BY name"),
        "files": sorted(n for n in os.listdir(s.media) if n != "filler"),
        "audit": s.query("SELECT count(*) FROM audit_log")[0][0],
        "sessions": s.query("SELECT count(*) FROM session")[0][0],
    }


def check_database(test, s, titles=()):
    """PRAGMA integrity_check and foreign_key_check are clean, FTS5's own
    integrity-check passes, and the search index holds exactly the
    published articles (every TITLES of them found by a MATCH)."""
    c = sqlite3.connect(s.db, timeout=30)
    try:
        test.assertEqual(c.execute("PRAGMA integrity_check").fetchall(), [("ok",)])
        test.assertEqual(c.execute("PRAGMA foreign_key_check").fetchall(), [])
        # Raises (SQLITE_CORRUPT_VTAB) when the index is inconsistent.
        c.execute("INSERT INTO article_search(article_search) VALUES ('integrity-check')")
        c.rollback()
        published = {r[0] for r in c.execute("SELECT id FROM article WHERE status = 'published'")}
        indexed = {r[0] for r in c.execute("SELECT id FROM article_search_docsize")}
        test.assertEqual(indexed, published, "the search index and the articles disagree")
        for title in titles:
            ids = {r[0] for r in c.execute("SELECT id FROM article WHERE title = ?", (title,))}
            found = {r[0] for r in c.execute(
                "SELECT rowid FROM article_search WHERE article_search MATCH ?",
                ('"' + title.replace('"', '""') + '"',))}
            test.assertTrue(ids and ids <= found, f"{title!r} is not found by the search index")
    finally:
        c.close()


def check_media(test, s):
    """Every media row has its file, of its size, named by its content's
    hash; every /media/ link in an article body has its row."""
    rows = dict(s.query("SELECT name, bytes FROM media"))
    for name, size in rows.items():
        path = os.path.join(s.media, name)
        test.assertTrue(os.path.isfile(path), f"media row {name} without its file")
        with open(path, "rb") as f:
            data = f.read()
        test.assertEqual(len(data), size, name)
        if name.endswith(".png"):
            test.assertEqual(media_name(data), name, f"{name} is not what was uploaded")
    for (body,) in s.query("SELECT body FROM article"):
        for name in re.findall(r"\(/media/([^)]+)\)", body):
            test.assertIn(name, rows, f"an article shows /media/{name}, which has no row")


class Faults(unittest.TestCase):
    """On the module's site, in order: the last leaves the site running."""

    # --- workers killed under load ------------------------------------------

    def test_1_workers_killed_under_load_are_replaced(self):
        aid = site.query("SELECT max(id) FROM article WHERE status = 'published'")[0][0]
        self.assertEqual(site.get(f"/articles/{aid}")[0], 200)
        script = os.path.join(site.dir, "count.lua")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT)
        nginx_log = os.path.join(site.run_dir, "logs", "nginx-error.log")
        upstream_errors_before = upstream_errors(nginx_log)
        old = site.workers_pids()
        self.assertEqual(len(old), WORKERS)
        connections, seconds = 16, 6
        wrk = subprocess.Popen(
            [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script,
             f"http://127.0.0.1:{site.port}/", "--", "/", f"/articles/{aid}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(1.5)
            killed = [old[0], old[1]]
            os.kill(killed[0], signal.SIGKILL)
            time.sleep(1.0)
            os.kill(killed[1], signal.SIGKILL)
            out, err = wrk.communicate(timeout=seconds + 30)
        finally:
            if wrk.poll() is None:
                wrk.kill()
                wrk.wait()
        self.assertEqual(wrk.returncode, 0, err)
        counts = json.loads(re.search(r"^WRK (\{.*\})$", out, re.M).group(1))
        # The pool is back to its size, without the killed workers.
        self.assertTrue(harness.wait_for(lambda: len(site.workers_pids()) == WORKERS and
                                 not set(killed) & set(site.workers_pids())),
                        site.workers_pids())
        log = site.log()
        for pid in killed:
            self.assertIn(f"worker {pid} was killed by signal 9; starting a new one", log)
        failed = sum(counts[k] for k in ("connect", "read", "write", "timeout", "status"))
        # A request fails only when a try of it at the pool failed on a
        # killed worker: in flight there, or sent on a kept connection of
        # one. nginx logs each such try as an upstream error, so their count
        # bounds the failures. With the socket listed twice a GET is tried
        # again on the pool, so the answer is almost always a 200. And wrk
        # has at most one request in flight per connection: a failure needs
        # both tries lost, the second to the second kill, so no more than
        # the connections can fail.
        lost = upstream_errors(nginx_log) - upstream_errors_before
        report(f"workers killed under load: {counts['requests']} requests in {seconds} s "
               f"({connections} connections); {lost} tries lost on the 2 killed workers "
               f"(nginx's upstream errors); {failed} requests failed ({counts})")
        self.assertGreater(counts["requests"], 100, "the load ran")
        self.assertLessEqual(failed, lost)
        self.assertLessEqual(failed, connections)
        # And the new workers serve.
        for _ in range(2 * WORKERS):
            self.assertEqual(site.get(f"/articles/{aid}")[0], 200)

    # --- the whole responder killed during a burst of admin posts ------------

    def test_2_responder_killed_in_a_burst_of_posts_loses_nothing_acknowledged(self):
        threads_n = 4
        browsers = [harness.signed_in(site, ADMIN, ADMIN_PW) for _ in range(threads_n)]
        tokens = [csrf(b) for b in browsers]
        expected = {}          # title -> (values, photo bytes or None)
        outcome = {}           # title -> status, or the exception's name
        acked = threading.Semaphore(0)
        stop = threading.Event()
        lock = threading.Lock()

        def poster(t):
            n = 0
            while not stop.is_set():
                n += 1
                title = f"Crash {t}-{n:03d}"
                # A body spanning several database pages, unique per title.
                body = "\n\n".join(f"Paragraph {k} of {title}: " + f"{title} {k} " * 40
                                   for k in range(8))
                values = article(site, title, body, author=f"Desk {t}",
                                 date=f"2034-0{1 + t}-{1 + n % 28:02d}", alt=f"Crash photo t{t} n{n}")
                photo = png(1000 * t + n, pad=20000) if n % 2 else None
                with lock:
                    expected[title] = (values, photo)
                try:
                    r = post(site, browsers[t], "/admin/articles/new", tokens[t], values,
                             ("crash.png", photo) if photo else None)
                    status = r.status
                    if status == 303:
                        if r.headers.get("location") != "/admin/?saved=published":
                            status = f"303 to {r.headers.get('location')}"
                        else:
                            acked.release()
                except Exception as e:     # noqa: BLE001 - a cut connection is expected
                    status = type(e).__name__
                with lock:
                    outcome[title] = status

        threads = [threading.Thread(target=poster, args=(t,)) for t in range(threads_n)]
        for t in threads:
            t.start()
        # Mid-burst: after some posts were acknowledged, at a random moment.
        for _ in range(8):
            self.assertTrue(acked.acquire(timeout=30), "the posts did not get through")
        time.sleep(random.uniform(0, 0.05))
        pid = site.responder_pid()
        pgid = os.getpgid(pid)
        # site.sh starts the responder with setsid: its own group, never ours.
        self.assertEqual(pgid, pid)
        self.assertNotEqual(pgid, os.getpgrp())
        os.killpg(pgid, signal.SIGKILL)
        stop.set()
        for t in threads:
            t.join(60)
        self.assertTrue(harness.wait_for(lambda: not group_members(pgid)), "the responder outlived SIGKILL")

        site.stop()
        site.start()
        self.assertTrue(harness.wait_for(lambda: len(site.workers_pids()) == WORKERS))

        ok = sorted(t for t, st in outcome.items() if st == 303)
        other = {t: st for t, st in outcome.items() if st != 303}
        rows = {}
        for (aid, title, author, date, section, body, status) in site.query(
                "SELECT id, title, author, published_on, section_id, body, status "
                "FROM article WHERE title LIKE 'Crash %'"):
            rows.setdefault(title, []).append((aid, author, date, section, body, status))
        unacked_present = sorted(t for t in rows if t not in ok)
        report(f"responder killed in a burst: {len(outcome)} posts sent, {len(ok)} acknowledged "
               f"(303), all {len(ok)} present after the restart; {len(other)} cut by the kill "
               f"({sorted(set(map(str, other.values())))}), of which {len(unacked_present)} "
               f"were committed before the answer")
        self.assertGreaterEqual(len(ok), 8)
        self.assertFalse([st for st in other.values() if str(st).startswith("303")], other)
        self.assertTrue(set(rows) <= set(expected), set(rows) - set(expected))
        # Every stored article, acknowledged or not, is whole: exactly once,
        # with every field as sent, its photo's line, its audit record.
        for title in ok + unacked_present:
            self.assertEqual(len(rows.get(title, [])), 1, f"{title}: {len(rows.get(title, []))} rows")
            aid, author, date, section, body, status = rows[title][0]
            values, photo = expected[title]
            want = with_photo(values["body"], values["photo_alt"], photo) if photo else values["body"]
            self.assertEqual((author, date, str(section), status),
                             (values["author"], values["published_on"], values["section"],
                              "published"), title)
            self.assertEqual(body, want, f"{title}: the body is not what was sent")
            self.assertEqual(site.query("SELECT action FROM audit_log WHERE article_id = ?",
                                        (aid,)), [("published",)], title)
        crash_audit = site.query("SELECT article_id, detail FROM audit_log "
                                 "WHERE detail LIKE 'Crash %'")
        for aid, title in crash_audit:
            self.assertIn(title, rows, "an audit record of an article that is not there")
        check_database(self, site, ok)
        check_media(self, site)
        leftovers = [n for n in os.listdir(site.media) if n.endswith(".tmp")]
        if leftovers:
            report(f"temporary photo files left by the kill: {leftovers}")
        # Readers and the search see them after the restart.
        for title in ok[:3] + ok[-3:]:
            aid = rows[title][0][0]
            status, _, page = site.get(f"/articles/{aid}")
            self.assertEqual(status, 200)
            self.assertIn(html.escape(title), page)
        status, _, page = site.get("/search?q=" + ok[0].replace(" ", "+"))
        self.assertEqual(status, 200)
        self.assertIn(html.escape(ok[0]), page)

    # --- a write lock held by another process --------------------------------

    def test_3_write_lock_held_elsewhere_readers_served_writers_told_to_retry(self):
        b_new, b_photo, b_del = (harness.signed_in(site, ADMIN, ADMIN_PW) for _ in range(3))
        t_new, t_photo, t_del = csrf(b_new), csrf(b_photo), csrf(b_del)
        harness.admin_save(site, b_new, "/admin/articles/new", title="Locked: to edit",
                           body="Edited under a lock.")
        harness.admin_save(site, b_new, "/admin/articles/new", title="Locked: to delete",
                           body="Deleted under a lock.")
        aid_edit = site.query("SELECT id FROM article WHERE title = 'Locked: to edit'")[0][0]
        aid_del = site.query("SELECT id FROM article WHERE title = 'Locked: to delete'")[0][0]
        new_values = article(site, "Written under a lock", "A body written while the "
                             "database was locked.\n\nIt must come back in the form.")
        photo = png(77001, pad=4000)
        edit_values = article(site, "Locked: to edit", "Edited under a lock, now with a photo.",
                              alt="A locked photo")
        # A sign-in form fetched before the lock, posted during it.
        b_signin = harness.Browser(site)
        self.assertEqual(b_signin.get("/signin").status, 200)
        # Sessions last seen over a minute ago: every admin request below
        # tries to record their activity first, which the lock refuses;
        # that must not cost the request.
        site.execute("UPDATE session SET last_seen = last_seen - 120")
        before = snapshot(site)
        log_before = len(site.log())

        locked = threading.Event()
        lock_times = {}
        # Long enough for the readers alone, then the writers' whole wait,
        # with time to spare: an answer must come while it is still held.
        hold = 1.0 + BUSY_TIMEOUT_S + 3.0

        def holder():
            c = sqlite3.connect(site.db, timeout=30, isolation_level=None)
            try:
                c.execute("BEGIN IMMEDIATE")
                c.execute("UPDATE setting SET value = value")
                lock_times["from"] = time.monotonic()
                locked.set()
                time.sleep(hold)
                c.execute("ROLLBACK")
                lock_times["to"] = time.monotonic()
            finally:
                c.close()

        reads = []
        stop_reading = threading.Event()

        def reader(n):
            paths = ["/", f"/articles/{aid_edit}", "/articles/", "/search?q=Generated"]
            i = n
            while not stop_reading.is_set():
                start = time.monotonic()
                try:
                    status = site.get(paths[i % len(paths)])[0]
                except Exception as e:     # noqa: BLE001 - reported by the assertion
                    status = repr(e)
                reads.append((start, time.monotonic(), status))
                i += 1

        attempts = {}

        def attempt(name, fn):
            start = time.monotonic()
            try:
                r = fn()
            except Exception as e:     # noqa: BLE001 - reported by the assertion
                r = e
            attempts[name] = (r, start, time.monotonic())

        h = threading.Thread(target=holder)
        h.start()
        self.assertTrue(locked.wait(10))
        readers = [threading.Thread(target=reader, args=(n,)) for n in range(3)]
        for t in readers:
            t.start()
        # First readers alone (WAL: they do not wait for the lock), then
        # the writers too, each holding a worker while it waits.
        time.sleep(1.0)
        writers_from = time.monotonic()
        tries = [
            ("new", lambda: post(site, b_new, "/admin/articles/new", t_new, new_values)),
            ("photo", lambda: post(site, b_photo, f"/admin/articles/{aid_edit}/edit", t_photo,
                                   edit_values, ("locked.png", photo))),
            ("delete", lambda: delete(site, b_del, aid_del, t_del)),
            ("signin", lambda: b_signin.post_form("/signin", [
                ("csrf_token", b_signin.cookies["gazette_signin"]), ("name", ADMIN),
                ("password", ADMIN_PW)], {"Origin": site.origin()})),
        ]
        tries = [threading.Thread(target=attempt, args=a) for a in tries]
        for t in tries:
            t.start()
        for t in tries:
            t.join(30)
        h.join(30)
        stop_reading.set()
        for t in readers:
            t.join(30)

        self.assertEqual(set(attempts), {"new", "photo", "delete", "signin"},
                         "an admin post hung")
        timings = {k: round(end - start, 2) for k, (_, start, end) in attempts.items()}
        alone = [r for r in reads if r[1] <= writers_from]
        during = [r for r in reads if r[0] >= lock_times["from"] and r[1] <= lock_times["to"]]
        report(f"write lock held {lock_times['to'] - lock_times['from']:.1f} s: admin answers "
               f"after {timings} s (busy timeout {BUSY_TIMEOUT_S:.0f} s); "
               f"{len(during)} reader answers while it was held ({len(alone)} before the "
               f"writers came, slowest {max(r[1] - r[0] for r in alone):.3f} s); slowest read "
               f"while writers waited {max(r[1] - r[0] for r in reads):.2f} s")
        for name, (r, start, end) in attempts.items():
            self.assertIsInstance(r, harness.Reply, f"{name}: {r!r}")
            self.assertEqual(r.status, 503, f"{name}: {r.status} {r.body[:300]}")
            self.assertEqual(r.headers.get("retry-after"), "5", name)
            self.assertEqual(r.headers.get("cache-control"), "no-store", name)
            # Waited the busy timeout, then answered while the lock was
            # still held: neither at once nor when it ended.
            self.assertGreaterEqual(end - start, BUSY_TIMEOUT_S - 1, name)
            self.assertLess(end, lock_times["to"], name)
        r = attempts["new"][0]
        self.assertIn("The article was not saved: the site was busy saving another change. "
                      "Nothing was lost", alert_of(r.body))
        self.assertEqual(harness.input_value(r.body, "title"), new_values["title"])
        self.assertEqual(harness.textarea_value(r.body).strip("\n"), new_values["body"])
        r = attempts["photo"][0]
        self.assertIn("The article was not saved", alert_of(r.body))
        self.assertIn("The photo was not stored: the site was busy", photo_error_of(r.body))
        self.assertEqual(harness.textarea_value(r.body).strip("\n"), edit_values["body"])
        self.assertIn(f'action="/admin/articles/{aid_edit}/edit"', r.body)
        r = attempts["delete"][0]
        self.assertIn("The article was not deleted: the site was busy", alert_of(r.body))
        self.assertIn(f'action="/admin/articles/{aid_del}/delete"', r.body)
        r = attempts["signin"][0]
        self.assertIn("You were not signed in: the site was busy", r.body)
        self.assertNotIn("gazette_session", " ".join(r.set_cookies))
        # Nothing was stored, and the operator is told what held it.
        self.assertEqual(snapshot(site), before)
        log = site.log()[log_before:]
        self.assertGreaterEqual(log.count("was locked by another writer"), 4)
        self.assertIn("its last activity was not recorded", log)
        # Readers were served all along (WAL: the lock does not stop them;
        # one may wait for a worker that a waiting writer holds). Alone,
        # none waited anywhere near the busy timeout.
        self.assertEqual({r[2] for r in reads}, {200})
        self.assertGreaterEqual(len(alone), 10, "readers stalled behind the lock")
        self.assertLess(max(r[1] - r[0] for r in alone), BUSY_TIMEOUT_S / 2)

        # Once the lock is gone, the same posts go through.
        r = post(site, b_new, "/admin/articles/new", t_new, new_values)
        self.assertEqual(r.status, 303, r.body[:300])
        r = post(site, b_photo, f"/admin/articles/{aid_edit}/edit", t_photo, edit_values,
                 ("locked.png", photo))
        self.assertEqual(r.status, 303, r.body[:300])
        r = delete(site, b_del, aid_del, t_del)
        self.assertEqual(r.status, 303, r.body[:300])
        r = b_signin.post_form("/signin", [("csrf_token", b_signin.cookies["gazette_signin"]),
                                           ("name", ADMIN), ("password", ADMIN_PW)],
                               {"Origin": site.origin()})
        self.assertEqual(r.status, 303, r.body[:300])
        self.assertEqual(site.query("SELECT body FROM article WHERE title = ?",
                                    (new_values["title"],)), [(new_values["body"],)])
        self.assertEqual(site.query("SELECT body FROM article WHERE id = ?", (aid_edit,)),
                         [(with_photo(edit_values["body"], "A locked photo", photo),)])
        self.assertEqual(site.query("SELECT count(*) FROM article WHERE id = ?", (aid_del,)),
                         [(0,)])
        check_database(self, site, [new_values["title"]])
        check_media(self, site)


def upstream_errors(path):
    """Lines of nginx's error log about a failed try at the upstream."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return sum(1 for line in f if "upstream" in line and "[error]" in line)
    except FileNotFoundError:
        return 0


# --- a full disk ---------------------------------------------------------

class FullDisk(unittest.TestCase):
    """The database and the media folder each on a small tmpfs of their
    own (the run folder with nginx's temporary files and the logs stays on
    the real disk: a full disk there is nginx's business)."""

    @classmethod
    def setUpClass(cls):
        cls.mounts = []
        cls.site = s = harness.Site(workers=2)
        opened(s)
        try:
            dbdir = os.path.join(s.dir, "db")
            s.db = os.path.join(dbdir, "gazette.db")
            for m in (dbdir, s.media):
                os.makedirs(m)
                subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0755",
                                "gazette-faults", m], check=True, capture_output=True)
                cls.mounts.append(m)
            s.seed()
            s.add_user(ADMIN, ADMIN_PW)
            s.start()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        s = cls.site
        s.stop()
        log = s.log()
        for m in reversed(cls.mounts):
            if subprocess.run(["umount", m], capture_output=True).returncode != 0:
                subprocess.run(["umount", "-l", m], capture_output=True)
        s.cleanup()
        found = [m for m in harness.SANITIZER_MARKS if m in log]
        if found:
            raise AssertionError(f"sanitizer report in the responder log: {found}\n{log[-4000:]}")

    def fill(self, leave=64 * 1024):
        """Fills each mount until ENOSPC, then frees LEAVE bytes of it;
        returns the filler files."""
        fillers = []
        for m in self.mounts:
            path = os.path.join(m, "filler")
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            fillers.append(path)
            size, chunk = 0, 1 << 20
            try:
                while chunk >= 4096:
                    try:
                        size += os.write(fd, b"\xa5" * chunk)
                    except OSError as e:
                        if e.errno != errno.ENOSPC:
                            raise
                        chunk //= 2
                os.ftruncate(fd, max(0, size - leave))
            finally:
                os.close(fd)
        return fillers

    def test_full_disk_refuses_kindly_keeps_the_text_and_corrupts_nothing(self):
        s = self.site
        b = harness.signed_in(s, ADMIN, ADMIN_PW)
        token = csrf(b)
        harness.admin_save(s, b, "/admin/articles/new", title="Full: to edit", body="Short.")
        aid = s.query("SELECT id FROM article WHERE title = 'Full: to edit'")[0][0]
        # Far more than the 64 KiB left: SQLite reuses the space of its WAL
        # file, but the responder started that afresh and has written
        # little, so this write needs new blocks on either mount.
        big = "\n\n".join(f"Paragraph {k} of a long report written while the disk filled up. "
                          + "Members met to discuss the year's work. " * 45 for k in range(100))
        big = big[:190000]
        new_values = article(s, "Written on a full disk", big)
        photo = png(88001, pad=1 << 20)
        photo_values = article(s, "A photo on a full disk", "A short body.", alt="A big photo")
        edit_values = article(s, "Full: to edit", big, date="2033-04-04")
        before = snapshot(s)
        log_before = len(s.log())
        fillers = self.fill()
        free = {m: os.statvfs(m).f_bavail * os.statvfs(m).f_frsize for m in self.mounts}

        t0 = time.monotonic()
        r_new = post(s, b, "/admin/articles/new", token, new_values)
        r_photo = post(s, b, "/admin/articles/new", token, photo_values, ("big.png", photo))
        r_edit = post(s, b, f"/admin/articles/{aid}/edit", token, edit_values)
        elapsed = time.monotonic() - t0
        report(f"full disk ({free} bytes free): answers {r_new.status}, {r_photo.status}, "
               f"{r_edit.status} in {elapsed:.2f} s for the three posts")
        for what, r in (("new", r_new), ("photo", r_photo), ("edit", r_edit)):
            self.assertEqual(r.status, 507, f"{what}: {r.status} {r.body[:300]}")
            self.assertEqual(r.headers.get("cache-control"), "no-store", what)
            self.assertIn("the server's disk is full", alert_of(r.body), what)
        self.assertIn("Nothing was changed on the site, and your text is still in the form",
                      alert_of(r_new.body))
        # The editor's text comes back as typed.
        self.assertEqual(harness.input_value(r_new.body, "title"), new_values["title"])
        self.assertEqual(harness.textarea_value(r_new.body).strip("\n"), big)
        self.assertIn("The photo was not stored: the server's disk is full",
                      photo_error_of(r_photo.body))
        self.assertEqual(harness.input_value(r_photo.body, "title"), photo_values["title"])
        self.assertEqual(harness.textarea_value(r_photo.body).strip("\n"), photo_values["body"])
        self.assertEqual(harness.textarea_value(r_edit.body).strip("\n"), big)
        self.assertIn(f'action="/admin/articles/{aid}/edit"', r_edit.body)
        # Nothing partial: no row, no photo, no temporary file.
        self.assertEqual(snapshot(s), before)
        # The operator is told what filled up.
        log = s.log()[log_before:]
        self.assertIn("no space left for database", log)
        self.assertIn("No space left on device (free space on that disk", log)
        # Readers are still served, and nothing is corrupted.
        for path in ("/", f"/articles/{aid}", "/articles/", "/search?q=Generated"):
            self.assertEqual(s.get(path)[0], 200, path)
        self.assertEqual(b.get("/admin/").status, 200)
        check_database(self, s)
        check_media(self, s)

        # With the space back, the same posts go through, whole.
        for path in fillers:
            os.unlink(path)
        r = post(s, b, "/admin/articles/new", token, new_values)
        self.assertEqual(r.status, 303, r.body[:300])
        r = post(s, b, "/admin/articles/new", token, photo_values, ("big.png", photo))
        self.assertEqual(r.status, 303, r.body[:300])
        r = post(s, b, f"/admin/articles/{aid}/edit", token, edit_values)
        self.assertEqual(r.status, 303, r.body[:300])
        self.assertEqual(s.query("SELECT body FROM article WHERE title = ?",
                                 (new_values["title"],)), [(big,)])
        self.assertEqual(s.query("SELECT body FROM article WHERE id = ?", (aid,)), [(big,)])
        self.assertEqual(s.query("SELECT body FROM article WHERE title = ?",
                                 (photo_values["title"],)),
                         [(with_photo(photo_values["body"], "A big photo", photo),)])
        with open(os.path.join(s.media, media_name(photo)), "rb") as f:
            self.assertEqual(f.read(), photo)
        check_database(self, s, [new_values["title"], photo_values["title"]])
        check_media(self, s)


Zz_Log = harness.sanitizer_log_case(lambda: site)


if __name__ == "__main__":
    harness.main(__name__)
