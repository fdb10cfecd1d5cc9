"""test_observe.py: what an operator sees (cgi/log.c, page_health.c,
site_stats.c). Every request leaves exactly one line with all its fields;
ids differ between requests and are nginx's $request_id when nginx passes
one (a FastCGI request naming its own id; the page cache's key request and
the page share nginx's id); a warning logged while a request is handled
carries its id; control bytes in a path cannot forge a line. /healthz
answers 200 "ok" (GET and HEAD, never cached, never a view) and 503 when the
database file was replaced, its schema version moved, or it cannot be read.
`gazette stats` says what the database holds, while the site serves and a
writer holds the lock. With `log = syslog` every line goes to syslog (a
datagram socket bound as /dev/log, in a private mount namespace when the
machine has one), without the time and pid that syslog adds itself."""

import os
import re
import shutil
import socket
import sqlite3
import struct
import tempfile
import threading
import time
import unittest
from datetime import datetime

import harness

site = None
ADMIN, ADMIN_PW = "observer", "observe test password"

LINE = re.compile(r"^(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) gazette\[(?P<pid>\d+)\] "
                  r"(?P<rest>.*)$")
REQUEST = re.compile(r"^request id=(?P<id>\S+) method=(?P<method>\S+) path=(?P<path>\S+) "
                     r"status=(?P<status>\d{3}) ms=(?P<ms>\d+\.\d\d) cache=(?P<cache>hit|miss|-)$")
EVENT = re.compile(r"^(?P<kind>error|warning|info)(?: id=(?P<id>\S+))?: (?P<msg>.*)$")
NGINX_ID = re.compile(r"^[0-9a-f]{32}$")


def setUpModule():
    global site
    site = harness.Site(workers=2)
    site.seed()
    site.start()
    site.add_user(ADMIN, ADMIN_PW)


def tearDownModule():
    if site is not None:
        site.finish()


def requests(log):
    """The request lines of LOG, parsed: [dict of the fields + pid, time]."""
    out = []
    for line in log.splitlines():
        m = LINE.match(line)
        r = m and REQUEST.match(m.group("rest"))
        if r:
            out.append({**r.groupdict(), "pid": int(m.group("pid")), "time": m.group("time")})
    return out


def events(log):
    """The error, warning and info lines of LOG, parsed."""
    out = []
    for line in log.splitlines():
        m = LINE.match(line)
        e = m and EVENT.match(m.group("rest"))
        if e:
            out.append(e.groupdict())
    return out


def marker():
    return f"obs{time.time_ns()}"


def fastcgi_get(s, path, query="", extra=None):
    """One GET straight to S's socket (no nginx), with EXTRA parameters;
    returns the FastCGI stdout."""
    def record(kind, content):
        return struct.pack(">BBHHBx", 1, kind, 1, len(content), 0) + content

    def pair(k, v):
        k, v = k.encode(), v.encode()
        return bytes([len(k)]) + bytes([len(v)]) + k + v
    params = {"REQUEST_METHOD": "GET", "DOCUMENT_URI": path, "QUERY_STRING": query,
              "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "localhost", **(extra or {})}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(10)
        sock.connect(os.path.join(s.run_dir, "gazette.sock"))
        sock.sendall(record(1, struct.pack(">HB5x", 1, 0)) +
                     record(4, b"".join(pair(k, v) for k, v in params.items())) +
                     record(4, b"") + record(5, b""))
        out = b""
        while True:
            head = sock.recv(8, socket.MSG_WAITALL)
            _, kind, _, length, padding = struct.unpack(">BBHHBx", head)
            body = sock.recv(length + padding, socket.MSG_WAITALL) if length + padding else b""
            content = body[:length]
            if kind == 6:
                out += content
            elif kind == 3:
                return out


class RequestLines(unittest.TestCase):
    def test_each_request_leaves_one_line_with_every_field(self):
        m = marker()
        sent = [("GET", f"/search?q={m}", 200, "miss"), ("HEAD", f"/articles/?{m}=1", 200, "miss"),
                ("GET", f"/no-such-{m}", 404, "-"), ("POST", f"/articles/?{m}=2", 405, "-"),
                ("GET", f"/healthz?{m}", 200, "-")]
        for method, path, status, _ in sent:
            got = site.request(method, path, body=b"" if method == "POST" else None)[0]
            self.assertEqual(got, status, path)
        lines = requests(site.log())
        pids = set(site.workers_pids())
        for method, path, status, cache in sent:
            mine = [r for r in lines if r["path"] == path]
            self.assertEqual(len(mine), 1, (path, mine))
            r = mine[0]
            self.assertEqual((r["method"], int(r["status"]), r["cache"]), (method, status, cache))
            self.assertIn(r["pid"], pids, "the worker's pid")
            self.assertGreaterEqual(float(r["ms"]), 0)
            self.assertRegex(r["id"], NGINX_ID)
            datetime.strptime(r["time"], "%Y-%m-%dT%H:%M:%S.%fZ")
        ids = [r["id"] for r in lines]
        self.assertEqual(len(set(ids)), len(ids), "ids differ between requests")
        # A page asked again by the same worker comes from its cache.
        path = f"/search?q={m}"
        for _ in range(8):
            site.get(path)
        self.assertEqual({r["cache"] for r in requests(site.log()) if r["path"] == path},
                         {"miss", "hit"})

    def test_id_is_the_one_the_web_server_passes(self):
        m = marker()
        fastcgi_get(site, f"/given-{m}", extra={"REQUEST_ID": f"given-{m}"})
        fastcgi_get(site, f"/made-{m}")
        fastcgi_get(site, f"/unsafe-{m}", extra={"REQUEST_ID": "a b\nforged"})
        lines = {r["path"]: r for r in requests(site.log()) if m in r["path"]}
        self.assertEqual(lines[f"/given-{m}"]["id"], f"given-{m}")
        self.assertRegex(lines[f"/made-{m}"]["id"], NGINX_ID)
        self.assertRegex(lines[f"/unsafe-{m}"]["id"], NGINX_ID)
        self.assertNotIn("forged", site.log())

    def test_a_warning_carries_its_requests_id(self):
        name = marker()
        b = harness.Browser(site)
        b.get("/signin")
        r = b.post_form("/signin", [("csrf_token", b.cookies["gazette_signin"]),
                                    ("name", name), ("password", "wrong password!")],
                        {"Origin": site.origin()})
        self.assertEqual(r.status, 403)
        log = site.log()
        warned = [e for e in events(log) if e["kind"] == "warning" and name in e["msg"]]
        self.assertEqual(len(warned), 1, warned)
        self.assertIn("failed sign-in", warned[0]["msg"])
        joined = [r for r in requests(log) if r["id"] == warned[0]["id"]]
        self.assertEqual([(r["method"], r["path"], r["status"]) for r in joined],
                         [("POST", "/signin", "403")])
        # Outside a request a line has no id.
        self.assertTrue([e for e in events(log) if "listening on" in e["msg"] and e["id"] is None])

    def test_control_bytes_in_a_path_cannot_forge_a_line(self):
        status, _, _ = site.get("/nope%0aFORGED-OBS%20x%0d%1b[31m\\")
        self.assertIn(status, (400, 404))
        log = site.log()
        r = [r for r in requests(log) if "FORGED-OBS" in r["path"]]
        self.assertEqual(len(r), 1)
        self.assertEqual(r[0]["path"], "/nope\\x0aFORGED-OBS\\x20x\\x0d\\x1b[31m\\x5c")
        # Every line of the responder is one of the four kinds: none forged.
        for line in log.splitlines():
            m = LINE.match(line)
            self.assertTrue(m and (REQUEST.match(m.group("rest")) or EVENT.match(m.group("rest"))),
                            line)


class Health(unittest.TestCase):
    def test_ok(self):
        version = site.query("PRAGMA user_version")[0][0]
        views = site.query("SELECT coalesce(sum(views), 0) FROM article_views")[0][0]
        for _ in range(4):
            status, h, body = site.get("/healthz")
            self.assertEqual(status, 200)
            self.assertEqual(body, f"ok\nschema_version: {version}\n")
            self.assertEqual(h["content-type"], "text/plain; charset=utf-8")
            self.assertEqual(h["cache-control"], "no-store")
            self.assertNotIn("etag", h)
            self.assertNotIn("x-accel-expires", h, "nginx keeps it to itself")
        status, h, body = site.request("HEAD", "/healthz")
        self.assertEqual((status, body), (200, ""))
        self.assertEqual(h["cache-control"], "no-store")
        self.assertEqual(site.request("POST", "/healthz", body=b"")[0], 405)
        lines = [r for r in requests(site.log()) if r["path"] == "/healthz"]
        self.assertGreaterEqual(len(lines), 5)
        self.assertEqual({r["cache"] for r in lines}, {"-"}, "never from the page cache")
        time.sleep(0.3)
        self.assertEqual(site.query("SELECT coalesce(sum(views), 0) FROM article_views")[0][0],
                         views)


class BrokenDatabase(unittest.TestCase):
    """A site of its own, one worker, whose database is taken away."""

    @classmethod
    def setUpClass(cls):
        cls.s = harness.Site(workers=1)
        cls.s.seed()
        cls.s.start()
        cls.version = cls.s.query("PRAGMA user_version")[0][0]

    @classmethod
    def tearDownClass(cls):
        cls.s.finish()

    def health(self):
        status, _, body = self.s.get("/healthz")
        return status, body

    def error_of_last_health(self):
        log = self.s.log()
        last = [r for r in requests(log) if r["path"] == "/healthz"][-1]
        return last, [e for e in events(log) if e["id"] == last["id"]]

    def test_replaced_file(self):
        db = self.s.db
        self.assertEqual(self.health()[0], 200)
        os.rename(db, db + ".away")
        try:
            shutil.copy(db + ".away", db)      # a copy is another file
            status, body = self.health()
            self.assertEqual((status, body), (503, "unavailable: database file moved or deleted\n"))
            last, errs = self.error_of_last_health()
            self.assertEqual(last["status"], "503")
            self.assertEqual([e["kind"] for e in errs], ["error"])
            self.assertIn(f"the database file {db} was moved, replaced or deleted", errs[0]["msg"])
            self.assertIn("restart gazette", errs[0]["msg"])
            os.unlink(db)
            self.assertEqual(self.health()[0], 503)
        finally:
            os.rename(db + ".away", db)
        self.assertEqual(self.health(), (200, f"ok\nschema_version: {self.version}\n"))

    def test_schema_version_moved(self):
        self.s.execute(f"PRAGMA user_version = {self.version + 1}")
        try:
            self.assertEqual(self.health(),
                             (503, "unavailable: database schema version differs\n"))
            _, errs = self.error_of_last_health()
            self.assertIn(f"has schema version {self.version + 1}, this gazette expects "
                          f"{self.version}", errs[0]["msg"])
        finally:
            self.s.execute(f"PRAGMA user_version = {self.version}")
        self.assertEqual(self.health()[0], 200)

    def test_unreadable_file(self):
        # Overwritten in place (the same file, so the check of a moved file
        # passes): a write, then a checkpoint that empties the write-ahead
        # log, so the worker's next read goes to the file, not its cache.
        db = self.s.db
        c = sqlite3.connect(db, isolation_level=None)
        c.execute(f"PRAGMA user_version = {self.version}")
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        c.close()
        with open(db, "rb") as f:
            saved = f.read()
        try:
            with open(db, "r+b") as f:
                f.write(b"\x00" * len(saved))
            self.assertEqual(self.health(), (503, "unavailable: database cannot be read\n"))
            _, errs = self.error_of_last_health()
            self.assertEqual(errs[-1]["kind"], "error")
            self.assertTrue(errs[-1]["msg"].startswith(
                f"/healthz: reading database {db} failed: file is not a database"), errs)
        finally:
            with open(db, "r+b") as f:
                f.write(saved)
        # The worker keeps the pages it read until the log moves again.
        self.s.execute(f"PRAGMA user_version = {self.version}")
        self.assertEqual(self.health()[0], 200)


def stats_of(s):
    r = s.gazette("stats", "--media", s.media)
    out = {}
    for line in r.stdout.splitlines():
        k, sep, v = line.partition(": ")
        assert sep and k not in out, line
        out[k] = v
    return out, r


def counted(s):
    """What `gazette stats` must say, counted here."""
    q = lambda sql, *a: s.query(sql, a)[0]      # noqa: E731
    top = s.query("SELECT a.id, v.views, a.title FROM article_views v JOIN article a "
                  "ON a.id = v.article_id ORDER BY v.views DESC, a.id LIMIT 1")
    now = int(time.time())
    names = [n for n, in s.query("SELECT name FROM media")]
    present = [p for p in (os.path.join(s.media, n) for n in names) if os.path.exists(p)]
    page_size = q("PRAGMA page_size")[0]
    wal = s.db + "-wal"
    return {
        "database": s.db,
        "schema_version": str(q("PRAGMA user_version")[0]),
        "articles_published": str(q("SELECT count(*) FROM article WHERE status = ?", "published")[0]),
        "articles_drafts": str(q("SELECT count(*) FROM article WHERE status = ?", "draft")[0]),
        "views_total": str(q("SELECT coalesce(sum(views), 0) FROM article_views")[0]),
        "most_viewed_id": str(top[0][0]) if top else "0",
        "most_viewed_views": str(top[0][1]) if top else "0",
        "most_viewed_title": top[0][2] if top else "",
        "sessions_active": str(q("SELECT count(*) FROM session WHERE last_seen >= ? AND "
                                 "created_at >= ?", now - 2 * 3600, now - 12 * 3600)[0]),
        "administrators": str(q("SELECT count(*) FROM user")[0]),
        "photos": str(len(names)),
        "photos_bytes": str(sum(os.path.getsize(p) for p in present)),
        "photos_missing": str(len(names) - len(present)),
        "database_bytes": str(q("PRAGMA page_count")[0] * page_size),
        "database_free_bytes": str(q("PRAGMA freelist_count")[0] * page_size),
        "wal_bytes": str(os.path.getsize(wal) if os.path.exists(wal) else 0),
    }


class Stats(unittest.TestCase):
    def test_numbers_equal_the_database(self):
        b = harness.signed_in(site, ADMIN, ADMIN_PW)
        harness.admin_save(site, b, "/admin/articles/new", title=f"Draft {marker()}",
                           status="draft")
        before = site.query("SELECT coalesce(sum(views), 0) FROM article_views")[0][0]
        for aid, n in ((3, 4), (5, 2)):
            for _ in range(n):
                self.assertEqual(site.get(f"/articles/{aid}")[0], 200)
        self.assertTrue(harness.wait_for(lambda: site.query(
            "SELECT coalesce(sum(views), 0) FROM article_views")[0][0] >= before + 6, 25))
        # A snapshot before and after: equal means nothing was written
        # while stats ran (a worker may still write views it held).
        for _ in range(5):
            want = counted(site)
            got, r = stats_of(site)
            if counted(site) == want:
                break
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "")
        self.assertEqual(got, want)
        self.assertGreaterEqual(int(got["articles_drafts"]), 1)
        self.assertGreaterEqual(int(got["sessions_active"]), 1)
        self.assertGreaterEqual(int(got["views_total"]), 6)
        self.assertGreater(int(got["photos"]), 0)
        self.assertEqual(got["photos_missing"], "0")

    def test_read_only_beside_a_writer(self):
        db = site.db
        c = sqlite3.connect(db, timeout=10, isolation_level=None)
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("INSERT INTO setting(key, value) VALUES ('observe_probe', 'x')")
            files = [(p, os.stat(p).st_mtime_ns, os.stat(p).st_size)
                     for p in (db, db + "-wal") if os.path.exists(p)]
            start = time.monotonic()
            got, r = stats_of(site)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertLess(time.monotonic() - start, 3, "stats waited for the writer")
            self.assertEqual([(p, os.stat(p).st_mtime_ns, os.stat(p).st_size) for p, *_ in files],
                             files, "stats wrote")
        finally:
            c.execute("ROLLBACK")
            c.close()
        self.assertEqual(site.gazette("stats", "extra", check=False).returncode, 2)

    def test_missing_database_is_said(self):
        r = harness.run([harness.BIN, "--db", "/nonexistent/gazette.db", "stats"])
        self.assertEqual(r.returncode, 1)
        self.assertIn("/nonexistent/gazette.db", r.stderr)
        self.assertEqual(r.stdout, "")


class NginxCache(unittest.TestCase):
    """Behind nginx's page cache (docs/nginx.conf): the cache-key request
    nginx makes for a page shares the page's $request_id, which shows the
    id is nginx's; /healthz is never answered from that cache."""

    @classmethod
    def setUpClass(cls):
        cls.s = harness.Site(workers=1, cache=True)
        cls.s.seed()
        cls.s.start()

    @classmethod
    def tearDownClass(cls):
        cls.s.finish()

    def test_key_request_and_page_share_nginxs_id(self):
        path = f"/search?q={marker()}"
        self.assertEqual(self.s.get(path)[1].get("x-cache"), "MISS")
        self.assertEqual(self.s.get(path)[1].get("x-cache"), "HIT")
        lines = requests(self.s.log())
        page = [r for r in lines if r["path"] == path]
        self.assertEqual(len(page), 1, "the hit never reached gazette")
        keys = [r for r in lines if r["path"] == "/_gazette/cache-key" and r["id"] == page[0]["id"]]
        self.assertEqual(len(keys), 1)
        self.assertRegex(page[0]["id"], NGINX_ID)
        self.assertNotEqual(lines[-1]["id"], page[0]["id"], "the hit's key request has its own")

    def test_health_is_never_cached(self):
        seen = [self.s.get("/healthz") for _ in range(3)]
        self.assertEqual([st for st, _, _ in seen], [200] * 3)
        self.assertNotIn("HIT", [h.get("x-cache") for _, h, _ in seen])
        self.assertEqual(len([r for r in requests(self.s.log()) if r["path"] == "/healthz"]), 3)


class SyslogCatcher:
    """A datagram socket that syslog(3) of the programs run through wrap()
    writes to: bound as /dev/log when the machine has none, else bound in a
    temporary folder and mounted over /dev/log in a private mount
    namespace, so the machine's own syslog is never touched. Needs root."""

    def __init__(self):
        assert os.geteuid() == 0, "the syslog test binds /dev/log: run it as root"
        self.dir = tempfile.mkdtemp(prefix="gazette-syslog-")
        self.direct = not os.path.lexists("/dev/log")
        self.path = "/dev/log" if self.direct else os.path.join(self.dir, "log")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        os.chmod(self.path, 0o666)
        self.sock.settimeout(0.2)
        self.messages = []
        self.running = True
        # Read all the time: a full queue would block the writers.
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        while self.running:
            try:
                self.messages.append(self.sock.recv(65536).decode("utf-8", "replace"))
            except socket.timeout:
                pass
            except OSError:
                return

    def wrap(self, argv):
        if self.direct:
            return argv
        return ["unshare", "--mount", "--propagation", "private", "sh", "-c",
                'mount --bind "$0" /dev/log && exec "$@"', self.path, *argv]

    def parsed(self):
        """[(priority, pid, message)] of what gazette sent (other programs
        log here too: runuser, in site.sh)."""
        out = []
        for m in list(self.messages):
            g = re.match(r"^<(\d+)>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d gazette\[(\d+)\]: (.*)$",
                         m, re.S)
            if g:
                out.append((int(g.group(1)), int(g.group(2)), g.group(3)))
            else:
                assert not m.split(" ", 4)[-1].startswith("gazette"), m
        return out

    def close(self):
        self.running = False
        self.thread.join()
        self.sock.close()
        if self.direct:
            os.unlink(self.path)
        shutil.rmtree(self.dir, ignore_errors=True)


DAEMON = 3 << 3
LOG_ERR, LOG_WARNING, LOG_INFO = 3, 4, 6


class Syslog(unittest.TestCase):
    """`log = syslog`: the parent, the workers (after leaving root) and
    CGI mode write to syslog, each line without the time and pid prefix,
    at the priority of its kind; nothing goes to standard error."""

    @classmethod
    def setUpClass(cls):
        cls.catcher = SyslogCatcher()
        cls.s = harness.Site(workers=2)
        try:
            cls.s.seed()
            cls.conf = os.path.join(cls.s.dir, "gazette.conf")
            with open(cls.conf, "w") as f:
                f.write("log = syslog\n")
            cls.s.add_user(ADMIN, ADMIN_PW)
            r = harness.run(cls.catcher.wrap(
                [os.path.join(harness.ROOT, "tests", "site.sh"), "start", cls.s.run_dir,
                 str(cls.s.port), cls.s.db, harness.BIN, "2"]),
                env=dict(os.environ, GAZETTE_CONFIG=cls.conf))
            assert r.returncode == 0, r.stderr + r.stdout
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            cls.s.finish()
        finally:
            cls.catcher.close()

    def test_lines_go_to_syslog(self):
        m = marker()
        self.assertEqual(self.s.get(f"/search?q={m}")[0], 200)
        b = harness.Browser(self.s)
        b.get("/signin")
        r = b.post_form("/signin", [("csrf_token", b.cookies["gazette_signin"]),
                                    ("name", m), ("password", "wrong password!")],
                        {"Origin": self.s.origin()})
        self.assertEqual(r.status, 403)

        # gazette sends each line before it answers, but the catcher's
        # thread takes them off the socket in its own time: the warning
        # can be in its list before the sign-in's own line. Wait for the
        # search's line, the warning, and the line with the warning's id.
        def arrived():
            got = self.catcher.parsed()
            ids = [EVENT.match(msg)["id"] for _, _, msg in got if EVENT.match(msg) and m in msg]
            lines = [REQUEST.match(msg) for _, _, msg in got if REQUEST.match(msg)]
            return (any(f"q={m}" in x.string for x in lines) and ids and
                    any(x["id"] == ids[0] and x["method"] == "POST" for x in lines))
        self.assertTrue(harness.wait_for(arrived), self.catcher.parsed())
        got = self.catcher.parsed()
        workers = set(self.s.workers_pids())
        page = [(p, pid, REQUEST.match(msg)) for p, pid, msg in got
                if REQUEST.match(msg) and f"q={m}" in msg]
        self.assertEqual(len(page), 1, got)
        self.assertEqual(page[0][0], DAEMON | LOG_INFO)
        self.assertIn(page[0][1], workers)
        self.assertRegex(page[0][2]["id"], NGINX_ID)
        warned = [(p, pid, EVENT.match(msg)) for p, pid, msg in got
                  if EVENT.match(msg) and m in msg]
        self.assertEqual(len(warned), 1, got)
        self.assertEqual(warned[0][0], DAEMON | LOG_WARNING)
        self.assertEqual(warned[0][2]["kind"], "warning")
        posts = [REQUEST.match(msg) for _, _, msg in got if REQUEST.match(msg) and
                 REQUEST.match(msg)["id"] == warned[0][2]["id"]]
        self.assertEqual([(x["method"], x["path"], x["status"]) for x in posts],
                         [("POST", "/signin", "403")])
        parent = [(p, pid) for p, pid, msg in got if msg.startswith("info: listening on")]
        self.assertEqual(parent, [(DAEMON | LOG_INFO, self.s.responder_pid())])
        # Standard error got none of it.
        self.assertNotIn(m, self.s.log())
        self.assertFalse([line for line in self.s.log().splitlines() if LINE.match(line)])

    def test_cgi_error_goes_to_syslog(self):
        db = f"/nonexistent/{marker()}.db"
        env = dict(os.environ, GATEWAY_INTERFACE="CGI/1.1", REQUEST_METHOD="GET",
                   PATH_INFO="/", GAZETTE_CONFIG=self.conf, GAZETTE_DB=db)
        r = harness.run(self.catcher.wrap([harness.BIN]), env=env)
        self.assertIn("Status: 500", r.stdout)
        mine = lambda: [(p, msg) for p, _, msg in self.catcher.parsed() if db in msg]  # noqa: E731
        self.assertTrue(harness.wait_for(mine))
        errs = mine()
        self.assertEqual(len(errs), 1, errs)
        self.assertEqual(errs[0][0], DAEMON | LOG_ERR)
        self.assertTrue(errs[0][1].startswith(f"error: cannot open database {db}"), errs)
        self.assertNotIn(db, r.stderr)


Zz_Log = harness.sanitizer_log_case(lambda: site)


if __name__ == "__main__":
    harness.main(__name__)
