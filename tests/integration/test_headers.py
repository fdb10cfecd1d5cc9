"""test_headers.py: the security headers (Content-Security-Policy without
unsafe-inline, X-Content-Type-Options, X-Frame-Options, Referrer-Policy)
are on every answer exactly once: pages, redirects, the responder's
errors, static files, photos, nginx's own 404, 413, 414 and 502, and
pages from nginx's cache. The values in gazette, tests/site.sh and
docs/nginx.conf agree. /media/ serves image names only, as images."""

import os
import re
import signal
import socket
import subprocess
import time
import unittest

import harness

EXPECTED = {
    "content-security-policy": "default-src 'none'; connect-src 'self'; style-src 'self'; "
                               "img-src 'self'; form-action 'self'; base-uri 'none'; "
                               "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}

site = None
cached = None


def setUpModule():
    global site, cached
    site = harness.Site(workers=2)
    site.seed()
    site.start()
    cached = harness.Site(workers=1, cache=True)
    cached.seed()
    cached.start()


def tearDownModule():
    for s in (site, cached):
        if s is not None:
            s.finish()


def raw(site_, data):
    """Sends bytes DATA as-is; returns (status, [(name, value)...])."""
    with socket.create_connection(("127.0.0.1", site_.port), timeout=10) as s:
        s.sendall(data)
        got = b""
        while b"\r\n\r\n" not in got:
            chunk = s.recv(65536)
            if not chunk:
                break
            got += chunk
    head = got.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    return status, [tuple(h.split(": ", 1)) for h in head[1:] if ": " in h]


class Headers(unittest.TestCase):
    def check(self, header_list, what):
        names = [k.lower() for k, _ in header_list]
        for name, value in EXPECTED.items():
            self.assertEqual(names.count(name), 1, f"{what}: {name} {names.count(name)} times")
            got = [v for k, v in header_list if k.lower() == name][0]
            self.assertEqual(got, value, f"{what}: {name}")

    def test_policy_has_no_unsafe_source(self):
        # The policy a page is actually sent, not only the one expected.
        _, headers, _ = site.exchange("GET", "/")
        csp = dict((k.lower(), v) for k, v in headers)["content-security-policy"]
        self.assertNotIn("unsafe-", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertIn("default-src 'none'", csp)
        self.assertNotIn("script-src", csp, "no script source at all")

    def test_every_responder_answer(self):
        aid = site.query("SELECT id FROM article WHERE status = 'published' LIMIT 1")[0][0]
        cases = [
            ("GET", "/", 200), ("HEAD", "/", 200), ("GET", "/articles/", 200),
            ("GET", f"/articles/{aid}", 200), ("GET", "/search?q=party", 200),
            ("GET", "/feed.xml", 200), ("GET", "/sitemap.xml", 200), ("GET", "/robots.txt", 200),
            ("GET", "/signin", 200), ("GET", "/admin/", 303), ("GET", "/articles", 301),
            ("GET", "/nope", 404), ("GET", "/articles/?page=zero", 400),
            ("DELETE", "/articles/", 405), ("GET", "/lang?to=zh-CN&next=/", 303),
            ("POST", "/signin", 415),
        ]
        for method, path, status in cases:
            got, headers, _ = site.exchange(method, path)
            self.assertEqual(got, status, f"{method} {path}")
            self.check(headers, f"{method} {path}")
        # A 304 too.
        _, headers, _ = site.exchange("GET", "/")
        etag = dict((k.lower(), v) for k, v in headers)["etag"]
        got, headers, _ = site.exchange("GET", "/", {"If-None-Match": etag})
        self.assertEqual(got, 304)
        self.check(headers, "304")

    def test_static_files_and_nginx_errors(self):
        for path, status in (("/static/gazette.css", 200), ("/static/nope.css", 404)):
            got, headers, _ = site.exchange("GET", path)
            self.assertEqual(got, status, path)
            self.check(headers, path)
        # Bigger than client_max_body_size: nginx answers 413 itself.
        got, headers = raw(site, b"POST /signin HTTP/1.1\r\nHost: x\r\n"
                                 b"Content-Length: 20000000\r\n\r\n")
        self.assertEqual(got, 413)
        self.check(headers, "nginx 413")
        got, headers = raw(site, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertEqual(got, 414)
        self.check(headers, "nginx 414")

    def test_photos_are_images_only(self):
        photo = sorted(os.listdir(site.media))[0]
        got, headers, _ = site.exchange("GET", "/media/" + photo)
        self.assertEqual(got, 200)
        self.check(headers, "photo")
        self.assertEqual(dict((k.lower(), v) for k, v in headers)["content-type"], "image/jpeg")
        # Files that are not images, even if one got into the folder, are
        # never served; HTML under an image name goes out as that image
        # type with nosniff, so no browser renders it.
        page = b"<!doctype html><script>alert(1)</script>"
        for name in ("planted.html", "planted.svg", "planted.jpg.html", "planted"):
            with open(os.path.join(site.media, name), "wb") as f:
                f.write(page)
            got, headers, body = site.exchange("GET", "/media/" + name)
            self.assertEqual(got, 404, name)
            self.assertNotIn(b"alert", body)
            self.check(headers, name)
        with open(os.path.join(site.media, "planted.png"), "wb") as f:
            f.write(page)
        got, headers, _ = site.exchange("GET", "/media/planted.png")
        self.assertEqual(got, 200)
        h = dict((k.lower(), v) for k, v in headers)
        self.assertEqual(h["content-type"], "image/png")
        self.assertEqual(h["x-content-type-options"], "nosniff")

    def test_pages_from_nginx_cache(self):
        aid = cached.query("SELECT id FROM article WHERE status = 'published' LIMIT 1")[0][0]
        for path in ("/", f"/articles/{aid}"):
            seen = set()
            for _ in range(3):
                got, headers, _ = cached.exchange("GET", path)
                self.assertEqual(got, 200)
                self.check(headers, f"cached {path}")
                seen.add(dict((k.lower(), v) for k, v in headers).get("x-cache"))
            self.assertIn("HIT", seen, path)
        got, headers, _ = cached.exchange("GET", "/nope")
        self.assertEqual(got, 404)
        self.check(headers, "cached site 404")

    def test_the_three_sources_agree(self):
        # gazette itself, as a CGI program (no nginx in between).
        env = {"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET", "PATH_INFO": "/nope",
               "QUERY_STRING": "", "GAZETTE_DB": site.db, "SERVER_PROTOCOL": "HTTP/1.1",
               "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
            if k in os.environ:
                env[k] = os.environ[k]
        r = subprocess.run([harness.BIN], env=env, capture_output=True, timeout=30)
        head = r.stdout.split(b"\r\n\r\n", 1)[0].decode()
        own = [tuple(line.split(": ", 1)) for line in head.split("\r\n")[1:]]
        self.check(own, "gazette as CGI")
        # docs/nginx.conf's snippet and the hidden list.
        with open(os.path.join(harness.ROOT, "docs", "nginx.conf"), encoding="utf-8") as f:
            conf = f.read()
        snippet = dict((k.lower(), v) for k, v in
                       re.findall(r'^# add_header (\S+) "([^"]*)" always;$', conf, re.M))
        snippet.pop("strict-transport-security")
        self.assertEqual(snippet, EXPECTED)
        hidden = {h.lower() for h in re.findall(r"^# fastcgi_hide_header (\S+);$", conf, re.M)}
        self.assertEqual(hidden, set(EXPECTED))
        # The production config hides gazette's copy wherever it passes
        # to the responder.
        locations = re.findall(r"fastcgi_pass gazette(?:_once)?;", conf)
        self.assertEqual(conf.count("include snippets/gazette-hide-headers.conf;"),
                         len(locations) - 1, "every page location (the key location excepted)")

    # Last (by name): stops the responder.
    def test_zz_nginx_502_when_the_responder_is_down(self):
        pid = site.responder_pid()
        os.kill(pid, signal.SIGTERM)
        deadline = time.time() + 15
        while time.time() < deadline and os.path.exists(f"/proc/{pid}") and \
                open(f"/proc/{pid}/stat").read().split()[2] != "Z":
            time.sleep(0.05)
        got, headers, _ = site.exchange("GET", "/")
        self.assertEqual(got, 502)
        self.check(headers, "nginx 502")


Zz_Log = harness.sanitizer_log_case(lambda: site)

if __name__ == "__main__":
    harness.main(__name__)
