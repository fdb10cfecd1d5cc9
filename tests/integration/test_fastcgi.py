"""test_fastcgi.py: the responder's FastCGI connections (cgi/fcgi_connections.c),
spoken to directly on its socket with a small FastCGI client, and through
nginx's kept connections: many requests on one connection, idle kept
connections never holding up a request on another, connections closed by
the peer, unread request bodies, the per-worker connection limit, and an
idle worker writing the views it holds."""

import os
import select
import socket
import struct
import threading
import time
import unittest

import harness

site = None

BEGIN, END, PARAMS, STDIN, STDOUT = 1, 3, 4, 5, 6
KEEP_CONN = 1
SLOTS = 64      # FCGI_CONNECTIONS_MAX in cgi/fcgi_connections.h


def setUpModule():
    global site
    # One worker: every connection below is held by the same process, which
    # is what made kept connections hang before fcgi_connections.c.
    site = harness.Site(workers=1)
    site.seed()
    site.start()


def tearDownModule():
    if site is not None:
        site.finish()


def record(kind, content, request_id=1):
    return struct.pack(">BBHHBx", 1, kind, request_id, len(content), 0) + content


def pair(name, value):
    def size(n):
        return bytes([n]) if n < 128 else struct.pack(">I", n | 0x80000000)
    name, value = name.encode(), value.encode()
    return size(len(name)) + size(len(value)) + name + value


class Connection:
    """One FastCGI connection to the responder's socket."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(10)
        self.sock.connect(os.path.join(site.run_dir, "gazette.sock"))

    def send(self, path, method="GET", body=b"", keep=True, query=""):
        params = {"REQUEST_METHOD": method, "DOCUMENT_URI": path, "REQUEST_URI": path,
                  "QUERY_STRING": query, "SERVER_NAME": "localhost", "HTTP_HOST": "localhost",
                  "SERVER_PORT": str(site.port), "REMOTE_ADDR": "127.0.0.1",
                  "CONTENT_LENGTH": str(len(body)) if body else "",
                  "CONTENT_TYPE": "application/x-www-form-urlencoded" if body else ""}
        data = record(BEGIN, struct.pack(">HB5x", 1, KEEP_CONN if keep else 0))
        data += record(PARAMS, b"".join(pair(k, v) for k, v in params.items()))
        data += record(PARAMS, b"")
        for at in range(0, len(body), 65535):
            data += record(STDIN, body[at:at + 65535])
        data += record(STDIN, b"")
        self.sock.sendall(data)

    def _exact(self, n):
        got = b""
        while len(got) < n:
            chunk = self.sock.recv(n - len(got))
            if not chunk:
                raise EOFError("the responder closed the connection")
            got += chunk
        return got

    def reply(self):
        """The status and the stdout bytes of one answer."""
        out = b""
        while True:
            _, kind, _, length, padding = struct.unpack(">BBHHBx", self._exact(8))
            content = self._exact(length + padding)[:length]
            if kind == STDOUT:
                out += content
            elif kind == END:
                head = out.split(b"\r\n\r\n", 1)[0].decode("latin-1")
                status = 200
                for line in head.split("\r\n"):
                    if line.lower().startswith("status:"):
                        status = int(line.split()[1])
                return status, out

    def get(self, path, **kw):
        self.send(path, **kw)
        return self.reply()

    def readable(self, seconds):
        return bool(select.select([self.sock], [], [], seconds)[0])

    def closed_by_peer(self, seconds=5):
        return self.readable(seconds) and self.sock.recv(1) == b""

    def close(self):
        self.sock.close()


class KeptConnections(unittest.TestCase):
    def setUp(self):
        self.open = []

    def tearDown(self):
        for c in self.open:
            c.close()

    def connect(self):
        c = Connection()
        self.open.append(c)
        return c

    def test_many_requests_on_one_connection(self):
        c = self.connect()
        for path in ("/", "/articles/", "/articles/1", "/search", "/feed.xml", "/no-such"):
            status, out = c.get(path)
            self.assertEqual(status, 404 if path == "/no-such" else 200, path)
            self.assertIn(b"\r\n\r\n", out)
        self.assertFalse(c.readable(0.2), "the connection stays open and quiet")

    def test_idle_kept_connections_do_not_hold_up_another(self):
        idle = [self.connect() for _ in range(5)]
        for c in idle:
            self.assertEqual(c.get("/")[0], 200)
        # Every kept connection now waits for a request that never comes;
        # the one worker must still answer on a new connection.
        fresh = self.connect()
        fresh.send("/articles/")
        self.assertTrue(fresh.readable(5), "a new connection was not answered")
        self.assertEqual(fresh.reply()[0], 200)
        # ... and on the old ones, in any order.
        for c in reversed(idle):
            self.assertEqual(c.get("/articles/2")[0], 200)

    def test_connection_without_keep_is_closed_after_its_answer(self):
        c = self.connect()
        self.assertEqual(c.get("/", keep=False)[0], 200)
        self.assertTrue(c.closed_by_peer())

    def test_peer_closing_connections_leaves_the_worker_serving(self):
        pids = site.workers_pids()
        for _ in range(10):
            c = Connection()
            c.get("/")
            c.close()
        half = Connection()
        half.sock.sendall(record(BEGIN, struct.pack(">HB5x", 1, KEEP_CONN)))
        half.close()        # gone in the middle of a request
        self.assertEqual(self.connect().get("/articles/")[0], 200)
        self.assertEqual(site.workers_pids(), pids, "the worker did not die")

    def test_a_body_answered_unread_is_drained(self):
        # A reader page answers a POST with 405 without reading its body;
        # the worker reads the rest before answering, so the same
        # connection carries the next requests (closing it made nginx
        # fail a POST it had already sent there: 502).
        c = self.connect()
        status, _ = c.get("/articles/", method="POST", body=b"x=" + b"y" * 70000)
        self.assertEqual(status, 405)
        self.assertEqual(c.get("/")[0], 200)
        self.assertEqual(c.get("/articles/")[0], 200)

    def test_a_body_past_the_limit_ends_a_kept_connection(self):
        # More than REQUEST_MAX_BODY (which nginx never sends): the worker
        # stops reading, and the leftover must not be taken for the next
        # request, so the connection is closed.
        c = self.connect()
        status, _ = c.get("/articles/", method="POST", body=b"y" * (10 * 1024 * 1024 + 70000))
        self.assertEqual(status, 405)
        self.assertTrue(c.closed_by_peer(), "the connection should be closed")
        self.assertEqual(self.connect().get("/")[0], 200)

    def test_a_worker_holds_at_most_its_slots(self):
        # nginx may hold a few kept connections of its own (up to its
        # keepalive count), so count how many of ours get answered.
        held, waiting = [], None
        for _ in range(SLOTS + 1):
            c = self.connect()
            c.send("/")
            if not c.readable(2):
                waiting = c
                break
            self.assertEqual(c.reply()[0], 200)
            held.append(c)
        self.assertIsNotNone(waiting, "more connections held than the worker's slots")
        self.assertGreaterEqual(len(held), SLOTS - 16)
        # With every slot taken the new connection waits in the backlog
        # (docs/deploy.md says how many nginx may keep); one freed
        # slot lets it in.
        held[0].close()
        self.assertTrue(waiting.readable(5), "a freed slot was not used")
        self.assertEqual(waiting.reply()[0], 200)
        self.assertEqual(held[1].get("/articles/")[0], 200)

    def test_an_idle_worker_writes_the_views_it_holds(self):
        site.import_article("Counted while idle")
        aid = site.query("SELECT id FROM article WHERE title = ?", ("Counted while idle",))[0][0]
        before = site.views(aid)
        self.assertEqual(self.connect().get(f"/articles/{aid}")[0], 200)
        # No other request comes: the worker's wait times out after 10 s
        # and it writes the view then, not at its next request.
        deadline = time.time() + 20
        while time.time() < deadline and site.views(aid) == before:
            time.sleep(0.5)
        self.assertEqual(site.views(aid), before + 1)


class ThroughNginx(unittest.TestCase):
    def test_concurrent_readers_over_kept_connections(self):
        errors, statuses = [], []

        def reader(n):
            for i in range(15):
                try:
                    path = ("/", "/articles/", f"/articles/{1 + (n + i) % 5}", "/search?q=a")[i % 4]
                    statuses.append(site.get(path)[0])
                except Exception as e:      # noqa: BLE001 - any failure is the finding
                    errors.append(repr(e))

        threads = [threading.Thread(target=reader, args=(n,)) for n in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertEqual(errors, [])
        self.assertEqual(statuses, [200] * 600)
        # nginx now keeps idle connections to the one worker; a request
        # after the burst is still answered.
        self.assertEqual(site.get("/articles/")[0], 200)
        self.assertIn("keepalive 16", open(os.path.join(site.run_dir, "nginx.conf")).read())


Zz_Log = harness.sanitizer_log_case(lambda: site)

if __name__ == "__main__":
    harness.main(__name__)
