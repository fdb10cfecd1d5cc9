"""test_hostile_request_line.py: hostile request lines through real nginx
and the real responder. Every route of docs/urls.md (public and admin,
signed in and not) gets invalid UTF-8, NUL, CR/LF, over-long values, SQL
injection and XSS strings in every query parameter, and raw bytes in its
query and path; every route prefix and /static/ and /media/ get path
traversal (plain, encoded, double-encoded, overlong), odd Host headers and
request targets; every route gets wrong, malformed, TRACE and CONNECT
methods, and HEAD must be GET without a body.

hostile.py has the payloads, the site and what every answer must be;
test_hostile_oversized.py makes the same parts too large."""

import html
import re
import secrets
import urllib.parse

import harness
import hostile
from hostile import (BAD_ESCAPES, CONTROL, HOSTILE, LONG, SQLI, XSS, HostileCase, Req,
                     admin_cookie, q, raw_request, routes)

site = AID = MEDIA = None     # set by setUpModule


def setUpModule():
    global site, AID, MEDIA
    site = hostile.start_site()
    AID, MEDIA = hostile.AID, hostile.MEDIA


def tearDownModule():
    if site is not None:
        hostile.print_sent()
        site.finish()


# --- query parameters ------------------------------------------------------

PARAMS = ["page", "q", "to", "next", "signed_out", "saved", "deleted", "utm_source"]


def with_query(path, extra):
    return path + ("&" if "?" in path else "?") + extra


def variants():
    """(what, cookie, index of the status) for each route: every route as a
    reader; the admin and the sign-in form signed in too."""
    return [("signed out", None, 1), ("signed in", admin_cookie(), 2)]


def needs_session(path):
    return path.startswith("/admin/") or path.startswith("/signin")


class QueryParameters(HostileCase):
    def test_invalid_encodings_are_400_on_every_route(self):
        reqs = []
        for path, _out, _in, reads in routes():
            for what, cookie, _i in variants():
                if cookie and not needs_session(path):
                    continue
                for param in PARAMS:
                    for bad in BAD_ESCAPES if param in reads or param == "utm_source" \
                            else BAD_ESCAPES[:3]:
                        reqs.append(Req(f"{param}={bad} {what}",
                                        path=with_query(path, f"{param}={bad}"),
                                        cookie=cookie, expect=400))
                # An invalid name, and a bad value after a good one.
                for bad in ["%FF", "%C0%AF", "a%00", "%zz"]:
                    reqs.append(Req(f"name {bad} {what}", path=with_query(path, f"{bad}=1"),
                                    cookie=cookie, expect=400))
                    reqs.append(Req(f"second pair {bad} {what}",
                                    path=with_query(path, f"utm=1&x={bad}"), cookie=cookie,
                                    expect=400))
        with self.unchanged():
            results = self.run_checked(reqs)
        # The responder's error page, not nginx's.
        for req, r in results:
            self.assertIn('class="site-header"', r.body, req.what)
            self.assertEqual(r.headers.get("cache-control"), "no-store", req.what)

    def test_raw_bytes_in_the_query_and_path(self):
        # Bytes a browser would escape, sent raw: invalid UTF-8 is the
        # responder's 400; NUL and a bare CR are nginx's 400.
        reqs = []
        for path, *_ in routes():
            for bad in [b"\xff", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80"]:
                target = path.encode() + (b"&" if b"?" in path.encode() else b"?") + b"q=" + bad
                reqs.append(Req(f"raw {bad!r} in the query", path=path,
                                raw=raw_request("GET", target), expect=400))
                reqs.append(Req(f"raw {bad!r} in the path", path=path,
                                raw=raw_request("GET", path.split("?")[0].encode() + bad),
                                expect=400))
            for bad in [b"\x00", b"\r", b"\x7f\x00"]:
                reqs.append(Req(f"raw {bad!r} in the query", path=path,
                                raw=raw_request("GET", path.encode() + b"?x=a" + bad + b"b"),
                                expect=400))
            reqs.append(Req("raw NUL in the path", path=path,
                            raw=raw_request("GET", path.split("?")[0].encode() + b"\x00x"),
                            expect=400))
        with self.unchanged():
            self.run_checked(reqs)

    def expected(self, path, status, reads, param, signed):
        if path.startswith("/admin/") and not signed:
            return 303      # the session is checked before the page's own values
        if param == "page" and "page" in reads:
            return 400      # never a well-formed page number
        if param == "to" and path.startswith("/lang"):
            return 400      # `to` given twice
        return status

    def test_hostile_values_in_every_parameter(self):
        reqs = []
        for path, out_status, in_status, reads in routes():
            for what, cookie, i in variants():
                if cookie and not needs_session(path):
                    continue
                status = (out_status, in_status)[i - 1]
                for param in PARAMS:
                    # Every value for the parameters the route reads and for
                    # an unknown one; a few for the rest, which it ignores.
                    full = param in reads or param == "utm_source"
                    for value in HOSTILE if full else [SQLI[0], XSS[1], CONTROL[0], LONG]:
                        reqs.append(Req(f"{param}={value[:40]!r} {what}",
                                        path=with_query(path, f"{param}={q(value)}"),
                                        cookie=cookie,
                                        expect=self.expected(path, status, reads, param,
                                                             cookie is not None)))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            # Reflected values come back escaped (the check above) and
            # whole: the search box and the sign-in form's hidden next.
            if req.path.startswith("/search?q=") and req.headers.get("Cookie") is None:
                value = urllib.parse.unquote(req.path[len("/search?q="):])
                if value.strip() and len(value.strip()) <= 100 and value.isprintable():
                    self.assertIn(f'name="q" value="{html.escape(value.strip())}"'
                                  .replace("&#x27;", "&#39;"), r.body, req.what)

    def test_repeated_and_many_parameters(self):
        reqs = [
            Req("64 pairs", path="/?" + "&".join(f"a{i}=1" for i in range(64)), expect=200),
            Req("65 pairs", path="/?" + "&".join(f"a{i}=1" for i in range(65)), expect=400),
            Req("65 empty pieces are skipped", path="/?" + "&" * 65 + "a=1", expect=200),
            Req("page twice", path="/articles/?page=1&page=1", expect=400),
            Req("page empty", path="/articles/?page=", expect=400),
            Req("page huge", path="/articles/?page=" + "9" * 40, expect=400),
            Req("page negative", path="/articles/?page=-1", expect=400),
            Req("page with spaces", path="/articles/?page=+1", expect=400),
            Req("page hex", path="/articles/?page=0x10", expect=400),
            Req("page past the end", path="/articles/?page=1000000", expect=404),
            Req("q twice", path="/search?q=a&q=b", expect=200),
            Req("q of 8 words and more", path="/search?q=" + "+".join(["ab"] * 30), expect=200),
            Req("q of 600 quotes", path="/search?q=" + "%22" * 600, expect=200),
            Req("q of FTS5 syntax", path="/search?q=" + q('NEAR("a" "b", 2) AND title:* OR ^x'),
                expect=200),
            Req("to twice", path="/lang?to=en&to=zh-CN", expect=400),
            Req("to in another case", path="/lang?to=EN", expect=400),
            Req("next twice", path="/lang?to=en&next=/a&next=//evil.example", expect=303),
            Req("1000 params over the limit", path="/?" + "&".join("a=1" for _ in range(500)),
                expect=400),
        ]
        with self.unchanged():
            results = self.run_checked(reqs)
        self.assertEqual(dict((req.what, r.headers.get("location")) for req, r in results)
                         ["next twice"], "/")


# --- paths -----------------------------------------------------------------

# One level up, spelled every way a traversal has been tried: plain,
# percent-encoded (either case), double-encoded, with backslashes, with
# ';' path parameters, overlong UTF-8 and %u forms, extra dots and slashes.
UP = ["../", "..%2f", "..%2F", "%2e%2e/", "%2e%2e%2f", "%2E%2E%2F", ".%2e/", "%2e./",
      "%252e%252e%252f", "%252e%252e/", "..%252f", "..\\", "..%5c", "%2e%2e%5c", "..%255c",
      "..;/", "..%3b/", ";/../", "..%00/", "..%c0%af", "%c0%ae%c0%ae/", "..%e0%80%af",
      "....//", "..//", ".../", "%2e%2e%2e/", "..%u2215", "%uff0e%uff0e/", "..%2f%2f", "/..%2f"]


class Paths(HostileCase):
    def traversal_requests(self, prefixes, targets):
        reqs = []
        for prefix in prefixes:
            for up in UP:
                for depth, names in targets.items():
                    for name in names:
                        reqs.append(Req(f"{up} x{depth}", path=prefix + up * depth + name))
        return reqs

    def test_traversal_from_static_and_media(self):
        # static/ is the repository's; media/ is run/media/ in the site's
        # folder: run/ holds nginx.conf, logs/ and a planted secret, the
        # site's folder the database and another secret.
        targets = {1: ["hostile-secret.txt", "nginx.conf", "Makefile", "README.md",
                       "logs/gazette.log", "media-private/hostile-secret.txt"],
                   2: ["hostile-secret.txt", "gazette.db", "run/nginx.conf", "tests/site.sh",
                       ".git/config"],
                   3: ["gazette.db", "run/hostile-secret.txt"],
                   9: ["etc/passwd"]}
        prefixes = ["/static/", "/media/", f"/media/{MEDIA}/", "/static/gazette.css/"]
        reqs = self.traversal_requests(prefixes, targets)
        # The alias pitfalls: a prefix without its slash, a sibling folder
        # with the same start, the folder itself, and encoded separators.
        for p in ["/static..", "/media..", "/static", "/media", "/static.", "/media-private",
                  "/media%2f..", "/static%2f..", "/media/.", "/media/..", "/static/..",
                  "/media/%2e", "/media/%2e%2e", "//media/../..", "/./media/../../"]:
            for name in ["/hostile-secret.txt", "/../hostile-secret.txt", "/../../gazette.db",
                         "-private/hostile-secret.txt", "/"]:
                reqs.append(Req("alias", path=p + name))
        for p in ["/media/", "/static/"]:
            for name in ["%2fetc%2fpasswd", "/etc/passwd", "%2f%2fetc/passwd", "file:///etc/passwd",
                         "~root", f"{MEDIA}%00.png", f"{MEDIA}%2500", f"{MEDIA}::$DATA",
                         "..", ".%2e", "%2e%2e", "%252e%252e", "\\..\\..\\gazette.db",
                         "..%5c..%5cgazette.db", f"{MEDIA}/..%2f..%2f..%2fgazette.db"]:
                reqs.append(Req("special", path=p + name))
        with self.unchanged():
            results = self.run_checked(reqs)
        # What was served at all is a file of those folders (check()) or a
        # page of the responder; never a listing of a folder.
        for req, r in results:
            self.assertNotIn("Index of /", r.body, req.path)

    def test_traversal_on_every_route_prefix(self):
        prefixes = ["/", "/articles/", f"/articles/{AID}/", "/sections/", "/sections/service/",
                    "/sections/service/feed.xml/", "/search/", "/lang/", "/signin/", "/feed.xml/",
                    "/sitemap.xml/", "/robots.txt/", "/admin/", "/admin/articles/",
                    f"/admin/articles/{AID}/", "/_gazette/", "/no-such/"]
        targets = {1: ["hostile-secret.txt"], 2: ["gazette.db", "hostile-secret.txt"],
                   9: ["etc/passwd"]}
        reqs = self.traversal_requests(prefixes, targets)
        # Signed in, the admin prefixes answer for themselves (not 303).
        for up in UP:
            for prefix in ["/admin/", f"/admin/articles/{AID}/"]:
                reqs.append(Req(f"{up} signed in", path=prefix + up * 2 + "gazette.db",
                                cookie=admin_cookie()))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            # The responder never reads a file for a path: any 200 is one of
            # its pages (a traversal that nginx normalised to a route).
            if r.status == 200:
                self.assertNotIn("accept-ranges", r.headers, req.path)
                self.assertTrue('class="site-header"' in r.body or r.body.startswith("<?xml")
                                or r.body.startswith("User-agent"), req.path)

    def test_invalid_utf8_and_nul_in_every_route_prefix(self):
        reqs = []
        for path, *_ in routes() + [("/static/gazette.css",), (f"/media/{MEDIA}",)]:
            base = path.split("?")[0]
            for bad in ["%C3%28", "%FF", "%C0%AF", "%ED%A0%80", "%00", "%E2%82"]:
                for spot in [base + bad, base.rstrip("/") + "/" + bad + "/x", bad + base]:
                    if not spot.startswith("/"):
                        spot = "/" + spot
                    # The responder's 400 (invalid UTF-8), nginx's 400 (NUL),
                    # or a 404 of a file that is not there.
                    reqs.append(Req(f"{bad} in the path", path=spot, expect={400, 404}))
            for cookie in [None, admin_cookie()]:
                reqs.append(Req("CR/LF in the path", path=base + "%0D%0AX-Injected:%201",
                                cookie=cookie, expect={303, 404}))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            if r.status == 400 and "%00" not in req.path:
                self.assertIn('class="site-header"', r.body,
                              f"{req.path}: invalid UTF-8 is the responder's 400")

    def test_host_header_and_request_target_forms(self):
        reqs = [
            Req("absolute-form target to another host", path="/",
                raw=raw_request("GET", b"http://evil.example/articles"), expect=301),
            Req("Host of another site", path="/articles",
                raw=b"GET /articles HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                expect=301),
            Req("Host with a path", path="/articles",
                raw=b"GET /articles HTTP/1.1\r\nHost: evil.example/x\r\nConnection: close\r\n\r\n",
                expect={301, 400}),
            Req("Host with CR", path="/", raw=b"GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n",
                expect=400),
            Req("two Host headers", path="/",
                raw=b"GET /articles HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n"
                    b"Connection: close\r\n\r\n", expect=400),
            Req("no Host, HTTP/1.1", path="/", raw=b"GET /articles HTTP/1.1\r\n\r\n", expect=400),
            Req("HTTP/1.0 without Host", path="/",
                raw=b"GET /articles HTTP/1.0\r\n\r\n", expect=301),
            Req("asterisk target", path="*", raw=raw_request("GET", b"*"), expect=400),
            Req("encoded slashes before a route", path="/%2F%2Fevil.example/../articles",
                expect=301),
            Req("dot segments into the admin", path="/articles/../admin/", expect=303),
            Req("an admin path with a backslash", path="/admin\\..\\signin", expect=404),
        ]
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            if r.status == 301:
                self.assertEqual(r.headers["location"], "/articles/", req.what)


# --- methods ---------------------------------------------------------------

ALLOW = {"/signin": "GET, HEAD, POST", "/admin/": "GET, HEAD", "/admin/signout": "POST",
         "/admin/articles/new": "GET, HEAD, POST"}
WRONG = ["PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "MKCOL", "FOO"]


class Methods(HostileCase):
    def allow_of(self, path):
        base = path.split("?")[0]
        if re.fullmatch(r"/admin/articles/\d+/(edit|delete)", base):
            return "GET, HEAD, POST"
        return ALLOW.get(base, "GET, HEAD")

    def test_wrong_methods_signed_out(self):
        reqs = []
        for path, out_status, _in, _reads in routes():
            base = path.split("?")[0]
            for m in WRONG + ["POST"]:
                if base.startswith("/admin/"):
                    # Documented: without a session every admin path and
                    # method is the sign-in redirect (the admin is not mapped).
                    expect = 303
                elif base in ("/articles", "/no-such-page"):
                    expect = 404       # no route (a form never posts to a redirect)
                elif m == "POST" and base == "/signin":
                    expect = 415       # the route, with no form at all
                else:
                    expect = 405
                reqs.append(Req(m, method=m, path=path, body=b"", expect=expect,
                                headers={"X-HTTP-Method-Override": "GET"}))
        for path in ["/static/gazette.css", f"/media/{MEDIA}"]:
            for m in WRONG + ["POST"]:
                reqs.append(Req(f"{m} on nginx's files", method=m, path=path, body=b"",
                                expect=405))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            if r.status == 405 and not req.path.startswith(("/static/", "/media/")):
                self.assertEqual(r.headers.get("allow"), self.allow_of(req.path), req.path)
                self.assertEqual(r.headers.get("cache-control"), "no-store", req.path)
            if r.status == 303:
                self.assertTrue(r.headers["location"].startswith("/signin"), req.path)

    def test_wrong_methods_signed_in(self):
        reqs = []
        admin = ["/admin/", "/admin/signout", "/admin/articles/new", f"/admin/articles/{AID}/edit",
                 f"/admin/articles/{AID}/delete", "/admin/no-such-page", "/signin"]
        for path in admin:
            for m in WRONG + ["GET", "HEAD", "POST"]:
                if path == "/admin/no-such-page":
                    expect = 404
                elif m in ("GET", "HEAD"):
                    expect = 405 if path == "/admin/signout" else {200, 303}
                elif m == "POST":
                    if path == "/admin/":
                        expect = 405
                    else:
                        continue    # the CSRF group's
                else:
                    expect = 405
                reqs.append(Req(f"{m} signed in", method=m, path=path, body=None if m in
                                ("GET", "HEAD") else b"", cookie=admin_cookie(), expect=expect))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            if r.status == 405:
                self.assertEqual(r.headers.get("allow"), self.allow_of(req.path), req.path)
                self.assertEqual(r.headers.get("x-frame-options"), "DENY", req.path)
        self.assertIsNotNone(site.query("SELECT 1 FROM article WHERE id = ?", (AID,)))

    def test_trace_connect_and_malformed_methods(self):
        reqs = []
        marker = "hostile-trace-" + secrets.token_hex(8)
        for path, *_ in routes() + [("/static/gazette.css",), (f"/media/{MEDIA}",)]:
            for m in ["TRACE", "CONNECT"]:
                # nginx refuses both itself; TRACE must not echo the request.
                reqs.append(Req(m, method=m, path=path, cookie=f"marker={marker}",
                                headers={"X-Marker": marker}, expect=405))
            for raw_method in [b"get", b"G\xc3\xa9T", b"GET\x00", b"PO ST", b"X" * 5000]:
                # nginx refuses what is not a method token; a long one
                # reaches the responder, which treats it as any other
                # method (405, 404, or the admin's sign-in redirect).
                reqs.append(Req(f"method {raw_method[:20]!r}", path=path,
                                raw=raw_request("X", path.encode()).replace(b"X", raw_method, 1),
                                expect={303, 400, 404, 405, 414}))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            self.assertNotIn(marker, r.body, f"{req.what}: the request was echoed")

    def test_head_is_get_without_a_body(self):
        reqs = []
        for path, *_ in routes():
            reqs.append(Req("GET", path=path))
            reqs.append(Req("HEAD", method="HEAD", path=path))
        with self.unchanged():
            results = self.run_checked(reqs)
        got = {}
        for req, r in results:
            got.setdefault(req.path, {})[req.method] = r
        for path, answers in got.items():
            self.assertEqual(answers["HEAD"].status, answers["GET"].status, path)
            self.assertEqual(answers["HEAD"].data, b"", path)


# --- last ------------------------------------------------------------------
# Classes of this module, so that they run before tearDownModule stops the
# site; by their names, after every group.

class Zy_Survivors(hostile.Survivors):
    pass


class Zz_Log(harness.sanitizer_log_case(lambda: site)):
    pass


if __name__ == "__main__":
    harness.main(__name__)
