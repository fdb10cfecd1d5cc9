"""test_hostile_oversized.py: requests too large, or too slow, through
real nginx and the real responder: a query and a path past their limits
on every route; a header, the Cookie header and the Accept-Language,
If-None-Match and Range headers made large, and the session cookie among
many others; bodies past each limit of the sign-in, admin and editor forms
(urlencoded and multipart, announced, chunked and not sent); bodies
answered before they are read while other requests share the kept FastCGI
connections; large editor forms with large answers; slow and idle clients,
which must not keep other readers waiting.

hostile.py has the site and what every answer must be."""

import socket

import harness
import hostile
from hostile import (ADMIN, FORM, TIMEOUT, HostileCase, Req, admin_cookie, article_fields,
                     multipart, raw_request, routes, signin_token, urlencoded)

site = AID = ADMIN_COOKIE = None     # set by setUpModule


def setUpModule():
    global site, AID, ADMIN_COOKIE
    site = hostile.start_site()
    AID, ADMIN_COOKIE = hostile.AID, hostile.ADMIN_COOKIE


def tearDownModule():
    if site is not None:
        hostile.print_sent()
        site.finish()


# --- oversized -------------------------------------------------------------

class Oversized(HostileCase):
    def test_query_and_path(self):
        reqs = []
        for path, *_ in routes():
            sep = "&" if "?" in path else "?"
            # The query limit counts the raw query string: its own part,
            # the '&', "x=" and the padding.
            own = len(path.split("?", 1)[1]) + 1 if "?" in path else 0
            pad = 2048 - own - 2
            reqs.append(Req("query of 2048 bytes", path=path + sep + "x=" + "a" * pad,
                            expect=None))
            reqs.append(Req("query of 2049 bytes", path=path + sep + "x=" + "a" * (pad + 1),
                            expect=414))
            reqs.append(Req("query of 9000 bytes", path=path + sep + "x=" + "a" * 9000,
                            expect=414))
            reqs.append(Req("query of 100 kB", path=path + sep + "x=" + "%41" * 33000,
                            expect=414))
            base = path.split("?")[0].rstrip("/")
            reqs.append(Req("path of 1025 bytes", path=base + "/" + "a" * (1024 - len(base)),
                            expect=414))
            reqs.append(Req("path of 9000 bytes", path=base + "/" + "a" * 9000, expect=414))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            if req.what == "query of 2048 bytes":
                self.assertNotEqual(r.status, 414, req.path[:60])

    def test_headers_and_cookies(self):
        junk32 = "; ".join(f"c{i}=v" for i in range(31))
        junk40 = "; ".join(f"c{i}=v" for i in range(40))
        reqs = []
        for path in ["/", "/admin/", "/signin", "/search?q=x"]:
            reqs += [
                Req("a header of 7 kB", path=path, headers={"X-Big": "a" * 7000}),
                Req("a header of 9 kB", path=path, headers={"X-Big": "a" * 9000}, expect=400),
                Req("a header of 100 kB", path=path, headers={"X-Big": "a" * 100000},
                    expect=400),
                Req("200 headers", path=path, headers={f"X-H{i}": "a" * 100 for i in range(200)}),
                Req("400 headers of 100 bytes", path=path,
                    headers={f"X-H{i}": "a" * 100 for i in range(400)}, expect={200, 303, 400}),
                Req("a Cookie of 9 kB", path=path, cookie="a=" + "b" * 9000, expect=400),
                Req("a Cookie of 8 kB", path=path, cookie="a=" + "b" * 8000),
                Req("700 cookies", path=path, cookie="; ".join(f"c{i}=v" for i in range(700))),
                Req("cookies without values", path=path, cookie=";;;=;=x;a;" * 500),
                Req("an Accept-Language of 8 kB", path=path,
                    headers={"Accept-Language": "zh;q=0.5," * 800}),
                Req("odd q-values", path=path,
                    headers={"Accept-Language": "zh;q=NaN, en;q=1e999, *;q=-1, ;q=, ,,,"}),
                Req("an If-None-Match of 8 kB", path=path,
                    headers={"If-None-Match": ", ".join(['"x"'] * 1500)}),
                Req("a bad If-Modified-Since", path=path,
                    headers={"If-Modified-Since": "Sun, 99 Foo 99999 99:99:99 GMT" + "x" * 5000}),
                Req("a language cookie of 8 kB", path=path,
                    cookie="gazette_lang=" + "zh-CN" * 1500),
            ]
        a = admin_cookie()
        reqs += [
            # The session found whatever surrounds it, within the limits of
            # cookie.h: 32 pairs are read, a longer header is ignored whole.
            Req("the session after 7.9 kB", path="/admin/", cookie="a=" + "b" * 7900 + "; " + a,
                expect=200),
            Req("the session as the 32nd pair", path="/admin/", cookie=junk32 + "; " + a,
                expect=200),
            Req("the session as the 41st pair", path="/admin/", cookie=junk40 + "; " + a,
                expect=303),
            Req("the session twice", path="/admin/", cookie=a + "; " + a, expect=303),
            Req("the session quoted", path="/admin/", cookie=f'gazette_session="{ADMIN_COOKIE}"',
                expect=200),
            Req("the session with a NUL", path="/admin/",
                raw=raw_request("GET", b"/admin/", {"Cookie": a.encode() + b"\x00"}),
                expect=400),
            Req("the session with 0x01", path="/admin/",
                raw=raw_request("GET", b"/admin/", {"Cookie": a.encode()[:-1] + b"\x01"}),
                expect=303),
            Req("the session with raw UTF-8", path="/admin/",
                raw=raw_request("GET", b"/admin/", {"Cookie": a.encode() + b"\xff\xfe"}),
                expect=303),
            Req("a Range of 1000 parts", path="/static/gazette.css",
                headers={"Range": "bytes=" + ",".join(f"{i}-{i}" for i in range(1000))},
                expect={200, 206, 416}),
            Req("a Range past the end", path="/static/gazette.css",
                headers={"Range": "bytes=99999999-"}, expect=416),
        ]
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            if req.path == "/admin/" and r.status == 200:
                self.assertIn(f"<strong>{ADMIN}</strong>", r.body, req.what)

    def test_bodies(self):
        token = signin_token()
        big = 10 * 1024 * 1024 + 1
        a = admin_cookie()
        signin = {"Cookie": f"gazette_signin={token}", **FORM}
        over_mib = urlencoded([("csrf_token", token), ("name", "n"), ("password", "p" * (1 << 20))])
        mp_headers, title_body = multipart(article_fields(title="t" * (256 * 1024 + 1)))
        _, text_body = multipart(article_fields(body="b" * (256 * 1024 + 1)))
        _, parts33 = multipart([("f%d" % i, "v") for i in range(33)])
        _, long_header = multipart(article_fields())
        long_header = long_header.replace(b'name="title"',
                                          b'name="title"; x="' + b"y" * 1100 + b'"', 1)
        _, many_lines = multipart(article_fields())
        many_lines = many_lines.replace(b'name="title"\r\n', b'name="title"\r\n'
                                        + b"X-A: 1\r\n" * 9, 1)
        reqs = [
            Req("sign-in: urlencoded over 1 MiB", "POST", "/signin", signin, over_mib,
                expect=413),
            Req("sign-in: 10 MiB + 1", "POST", "/signin", signin, b"a" * big, expect=413),
            Req("sign-in: 10 MiB + 1 announced, not sent", path="/signin",
                raw=raw_request("POST", b"/signin", {**FORM, "Content-Length": str(big)})
                .replace(b"Content-Length: 0\r\n", b""), expect=413),
            Req("sign-in: 65 fields", "POST", "/signin", signin,
                urlencoded([("csrf_token", token)] + [(f"f{i}", "v") for i in range(64)]),
                expect=400),
            Req("sign-in: Content-Length of 20 digits", path="/signin",
                raw=raw_request("POST", b"/signin", {**FORM, "Content-Length": "9" * 20})
                .replace(b"Content-Length: 0\r\n", b""), expect={400, 413}),
            Req("sign-in: negative Content-Length", path="/signin",
                raw=raw_request("POST", b"/signin", {**FORM, "Content-Length": "-1"})
                .replace(b"Content-Length: 0\r\n", b""), expect=400),
            Req("sign-in: two Content-Lengths", path="/signin",
                raw=raw_request("POST", b"/signin", {**FORM, "Content-Length": "1"})
                .replace(b"Content-Length: 0\r\n", b"Content-Length: 2\r\n") + b"ab",
                expect=400),
            Req("sign-in: no Content-Length", path="/signin",
                raw=raw_request("POST", b"/signin", FORM).replace(b"Content-Length: 0\r\n", b""),
                expect=411),
            Req("sign-in: a chunk of 2^64", path="/signin",
                raw=raw_request("POST", b"/signin", {**FORM, "Transfer-Encoding": "chunked"})
                .replace(b"Content-Length: 0\r\n", b"") + b"ffffffffffffffff\r\nab",
                expect={400, 413}),
            Req("sign-in: chunked over 10 MiB", path="/signin",
                raw=raw_request("POST", b"/signin", {**FORM, "Transfer-Encoding": "chunked"})
                .replace(b"Content-Length: 0\r\n", b"") + b"a00001\r\n" + b"a" * 0xa00001
                + b"\r\n0\r\n\r\n", expect=413),
            Req("signout: 10 MiB + 1", "POST", "/admin/signout", {"Cookie": a, **FORM},
                b"a" * big, expect=413),
            Req("delete: 10 MiB + 1", "POST", f"/admin/articles/{AID}/delete",
                {"Cookie": a, **FORM}, b"a" * big, expect=413),
            Req("a GET route: 10 MiB + 1", "POST", "/articles/", FORM, b"a" * big, expect=413),
            Req("a GET route: 1 MiB", "POST", "/articles/", FORM, b"a" * (1 << 20), expect=405),
            Req("editor: a title over 256 KiB", "POST", "/admin/articles/new",
                {"Cookie": a, **mp_headers}, title_body, expect=400),
            Req("editor: a body over 256 KiB", "POST", f"/admin/articles/{AID}/edit",
                {"Cookie": a, **mp_headers}, text_body, expect=400),
            Req("editor: 33 parts", "POST", "/admin/articles/new", {"Cookie": a, **mp_headers},
                parts33, expect=400),
            Req("editor: a part header over 1024 bytes", "POST", "/admin/articles/new",
                {"Cookie": a, **mp_headers}, long_header, expect=400),
            Req("editor: 10 header lines in a part", "POST", "/admin/articles/new",
                {"Cookie": a, **mp_headers}, many_lines, expect=400),
            Req("editor: a boundary of 71 bytes", "POST", "/admin/articles/new",
                {"Cookie": a, "Content-Type": "multipart/form-data; boundary=" + "b" * 71},
                multipart(article_fields(), "b" * 71)[1], expect=400),
        ]
        with self.unchanged():
            results = self.run_checked(reqs)
        by = {req.what: r for req, r in results}
        self.assertIn('id="title-error"', by["editor: a title over 256 KiB"].body)
        self.assertIn('id="body-error"', by["editor: a body over 256 KiB"].body)
        self.assertNotIn('class="site-header"', by["sign-in: 10 MiB + 1"].body,
                         "nginx answers, not the responder")
        # The session lived through all of it.
        self.assertEqual(site.request("GET", "/admin/", {"Cookie": a})[0], 200)

    def test_bodies_answered_unread_among_other_requests(self):
        # Answers given before a body is read (a GET route, a bad query, no
        # route, another content type, a foreign Origin) while other
        # requests share the kept FastCGI connections: the rest of each
        # body must not cost the next request on its connection (it was a
        # 502: the responder closed the connection nginx was reusing).
        body = b"a" * (256 * 1024)
        reqs = []
        for i in range(40):
            reqs += [
                Req("a GET route", "POST", "/articles/", FORM, body, expect=405),
                Req("a bad query", "POST", "/?x=%FF", FORM, body, expect=400),
                Req("no route", "POST", "/no-such-page", FORM, body, expect=404),
                Req("the feed", "PUT", "/feed.xml", FORM, body, expect=405),
                Req("another content type", "POST", "/signin", {"Content-Type": "text/plain"},
                    body, expect=415),
                Req("a foreign Origin", "POST", "/signin",
                    {**FORM, "Origin": "http://evil.example"}, body, expect=403),
                Req("meanwhile", path="/", expect=200),
                Req("meanwhile", path="/articles/", expect=200),
            ]
        with self.unchanged():
            self.run_checked(reqs)

    def test_large_forms_with_large_answers(self):
        # An editor's large body comes back in the answer (the preview and
        # the textarea): once part of such an answer had reached nginx, a
        # worker could wait for the rest of a request nginx no longer sent,
        # and with both workers caught the site stood still until nginx's
        # timeout (it was: 7 in 300 of these hung for good).
        a = admin_cookie()
        reqs = []
        for i in range(30):
            h, body = multipart(article_fields(body="b" * 200001))
            reqs.append(Req("body of 200,001 bytes", "POST", f"/admin/articles/{AID}/edit", h,
                            body, cookie=a, expect=400))
            h, body = multipart(article_fields(body=("p" * 70 + "\n\n") * 1500))
            reqs.append(Req("preview of 108 kB", "POST", "/admin/articles/new", h, body,
                            cookie=a, expect=200))
            reqs.append(Req("meanwhile", path="/articles/", expect=200))
        with self.unchanged():
            self.run_checked(reqs)

    def test_slow_and_idle_clients_do_not_block_the_site(self):
        # A body shorter than its Content-Length, headers that never end
        # and idle connections: nginx holds them, the workers never see
        # them, and other readers are answered meanwhile.
        socks = []
        try:
            for i in range(30):
                s = socket.create_connection(("127.0.0.1", site.port), timeout=TIMEOUT)
                if i % 3 == 0:
                    s.sendall(b"POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: "
                              b"application/x-www-form-urlencoded\r\n"
                              b"Content-Length: 1000\r\n\r\nab")
                elif i % 3 == 1:
                    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                socks.append(s)
            with self.unchanged():
                results = self.run_checked([Req("meanwhile", path=p, expect=200)
                                            for p in ["/", "/articles/", "/search?q=x",
                                                      "/signin", "/feed.xml"] * 4])
            self.assertEqual(len(results), 20)
        finally:
            for s in socks:
                s.close()


# --- last ------------------------------------------------------------------
# Classes of this module, so that they run before tearDownModule stops the
# site; by their names, after every group.

class Zy_Survivors(hostile.Survivors):
    pass


class Zz_Log(harness.sanitizer_log_case(lambda: site)):
    pass


if __name__ == "__main__":
    harness.main(__name__)
