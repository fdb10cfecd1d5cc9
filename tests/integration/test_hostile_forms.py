"""test_hostile_forms.py: every field of the sign-in form and of the
article editor, and the delete and sign-out forms, through real nginx and
the real responder: invalid UTF-8, NUL, CR/LF, over-long values, SQL
injection and XSS strings, urlencoded and multipart; forged tokens in the
field; hostile photo names and contents; broken multipart structure and
content types. Nothing may be stored: a wrong sign-in only counts a
failure (signin_failure), the names typed come back escaped and cannot
forge a line of the responder's log, and hostile editor values are
previewed or refused.

hostile.py has the payloads, the site and what every answer must be."""

import html
import re
import time
import urllib.parse

import harness
import hostile
from hostile import (ADMIN, ADMIN_PW, BAD_BYTES, BAD_ESCAPES, BOUNDARY, CONTROL, FORM,
                     HOSTILE, SQLI, XSS, HostileCase, Req, admin_cookie, article_fields,
                     multipart, raw_request, same_site, signin_token, urlencoded)

site = AID = ADMIN_CSRF = None     # set by setUpModule


def setUpModule():
    global site, AID, ADMIN_CSRF
    site = hostile.start_site()
    AID, ADMIN_CSRF = hostile.AID, hostile.ADMIN_CSRF


def tearDownModule():
    if site is not None:
        hostile.print_sent()
        site.finish()


# --- the sign-in form ------------------------------------------------------

class SignInForm(HostileCase):
    """Every field of the sign-in form, urlencoded and multipart. A valid
    form token with a wrong name or password counts a failure (legitimate:
    signin_failure), so each case comes from its own address and name."""

    _n = [0]

    def source(self):
        self._n[0] += 1
        return f"127.0.1.{1 + self._n[0] // 15}"

    def test_invalid_encodings_in_every_field(self):
        token = signin_token()
        cookie = f"gazette_signin={token}"
        good = {"csrf_token": token, "name": "nobody-here", "password": "a wrong password",
                "next": "/admin/"}
        reqs = []
        for field in good:
            for bad in BAD_ESCAPES:
                pairs = [(k, bad.encode() if k == field else v) for k, v in good.items()]
                reqs.append(Req(f"{field}={bad} urlencoded", "POST", "/signin", FORM,
                                urlencoded(pairs), cookie=cookie, expect=400))
            for bad in BAD_BYTES + [b"\xff\xfe raw"]:
                pairs = [(k, bad if k == field else v) for k, v in good.items()]
                reqs.append(Req(f"{field}={bad!r} raw in urlencoded", "POST", "/signin", FORM,
                                                urlencoded(pairs), cookie=cookie, expect=400))
                h, body = multipart([(k, bad if k == field else v) for k, v in good.items()])
                reqs.append(Req(f"{field}={bad!r} multipart", "POST", "/signin", h, body,
                                cookie=cookie, expect=400))
        # Names of fields that do not decode either.
        for bad in BAD_ESCAPES[:6]:
            reqs.append(Req(f"field name {bad}", "POST", "/signin", FORM,
                            bad.encode() + b"=1&" + urlencoded(good.items()), cookie=cookie,
                            expect=400))
        with self.unchanged():       # refused before any failure is counted
            self.run_checked(reqs)

    def test_hostile_values_in_every_field(self):
        token = signin_token()
        cookie = f"gazette_signin={token}"
        reqs = []
        forged = "FORGED-LINE"
        # Names over 64 bytes are cut to 64 (user_store.h), between
        # characters: the last two would otherwise be cut inside one.
        names = HOSTILE + ["x" * 300000, "editor\x00", f"forged\n{forged} account editor signed in",
                           "editor ", " editor", "EDITOR", "editor%00", "../../etc/passwd",
                           "a" * 63 + "中", "中" * 30]
        for value in names:
            if "\x00" in value:
                continue     # the invalid-encoding test's
            reqs.append(Req(f"name={value[:40]!r}", "POST", "/signin", FORM,
                            urlencoded([("csrf_token", token), ("name", value),
                                        ("password", "a wrong password")]),
                            cookie=cookie, source=self.source(), expect=403))
        for i, value in enumerate([SQLI[0], SQLI[4], XSS[0], "\r\n", "p" * 2000, "p" * 300000,
                                   ADMIN_PW + "\x00", ADMIN_PW.upper()]):
            if "\x00" in value:
                continue
            reqs.append(Req(f"password={value[:40]!r}", "POST", "/signin", FORM,
                            urlencoded([("csrf_token", token), ("name", f"pw-probe-{i}"),
                                        ("password", value)]),
                            cookie=cookie, source=self.source(), expect=403))
        for value in SQLI[:3] + XSS[:4] + CONTROL[:2] + ["x" * 300000]:
            reqs.append(Req(f"csrf_token={value[:40]!r}", "POST", "/signin", FORM,
                            urlencoded([("csrf_token", value), ("name", ADMIN),
                                        ("password", ADMIN_PW)]),
                            cookie=cookie, source=self.source(), expect=403))
        for i, value in enumerate(["/\"><script>alert(1)</script>", "/'><svg onload=alert(1)>",
                                   "//evil.example", "/" + XSS[3], "/x" * 600]):
            reqs.append(Req(f"next={value[:40]!r}", "POST", "/signin", FORM,
                            urlencoded([("csrf_token", token), ("name", f"next-probe-{i}"),
                                        ("password", "wrong"), ("next", value)]),
                            cookie=cookie, source=self.source(), expect=403))
        # The same through multipart, for the fields a form types into.
        for i, value in enumerate(SQLI[:2] + XSS[:2] + CONTROL[:1]):
            h, body = multipart([("csrf_token", token), ("name", value + f" mp{i}"),
                                 ("password", "wrong")])
            reqs.append(Req(f"multipart name={value[:40]!r}", "POST", "/signin", h, body,
                            cookie=cookie, source=self.source(), expect=403))
        self.addCleanup(site.execute, "DELETE FROM signin_failure")
        with self.unchanged(failures=True):
            results = self.run_checked(reqs)
        for req, r in results:
            self.assertIsNone(r.cookie("gazette_session"), req.what)
            self.assertEqual(r.headers.get("cache-control"), "no-store", req.what)
            if req.what.startswith("name="):
                self.assertIn("That account name and password do not match", r.body, req.what)
                # The name typed is shown back, escaped, cut to 64 bytes.
                m = re.search(r'<input id="name" name="name" [^>]*?value="([^"]*)"', r.body)
                self.assertTrue(m, req.what)
                typed = urllib.parse.parse_qs(req.body.decode())["name"][0]
                if typed.isprintable():
                    cut = typed.encode()[:64].decode("utf-8", "ignore")
                    self.assertEqual(html.unescape(m.group(1)), cut, req.what)
            if req.what.startswith("next="):
                value = urllib.parse.parse_qs(req.body.decode())["next"][0]
                hidden = re.findall(r'<input type="hidden" name="next" value="([^"]*)">', r.body)
                self.assertEqual([html.unescape(h) for h in hidden],
                                 [value] if same_site(value) else [], req.what)
        # Failures were counted against the names and addresses typed, and
        # nothing else: no account is blocked by them.
        for scope, key, n, *_ in site.query("SELECT * FROM signin_failure"):
            self.assertLessEqual(n, 15, (scope, key))
            if scope == "addr":
                self.assertTrue(key.startswith("127.0.1."), key)
        # The log names what was typed on one line, escaped: a line break in
        # a name cannot forge a line of the operator's log.
        time.sleep(0.2)
        log = site.log().splitlines()
        self.assertFalse([line for line in log if line.startswith(forged)], "a forged log line")
        self.assertTrue([line for line in log if f"forged\\x0a{forged}" in line],
                        "the failed sign-in with a line break is not in the log")

    def test_origin_with_control_bytes_is_logged_escaped(self):
        token = signin_token()
        raw = raw_request("POST", b"/signin", {**FORM, "Cookie": f"gazette_signin={token}",
                                               "Origin": b"http://evil\x1b[31m.example\x01"},
                          urlencoded([("csrf_token", token), ("name", ADMIN),
                                      ("password", ADMIN_PW)]))
        with self.unchanged():
            (req, r), = self.run_checked([Req("Origin with ESC", "POST", "/signin", raw=raw,
                                              expect=403)])
        time.sleep(0.2)
        self.assertNotIn("\x1b[31m", site.log())
        self.assertIn("http://evil\\x1b[31m.example\\x01", site.log())


# --- the article form ------------------------------------------------------

TEXT_FIELDS = ["title", "author", "source", "published_on", "section", "body", "status",
               "photo_alt", "action"]


class ArticleForm(HostileCase):
    """Every field of the editor, signed in with the right token. Nothing
    may be stored: hostile values are previewed (which stores nothing
    without a photo) or refused, and no photo is a valid image."""

    def expect_for(self, field, value):
        controls = any(ord(c) < 0x20 or ord(c) == 0x7f for c in value)
        if field in ("published_on", "section", "status"):
            return 400
        if field == "action":
            return 200          # anything but "save" is a preview
        if field in ("title", "author", "body") and value.strip() == "":
            return 400          # required (the body of a published article)
        if field == "body":
            return 400 if any(ord(c) < 0x20 and c not in "\r\n\t" or ord(c) == 0x7f
                              for c in value) else 200
        limit = {"title": 300, "author": 120, "source": 200, "photo_alt": 300}[field]
        if controls or len(value.strip()) > limit:
            return 400
        return 200

    def forms(self):
        return ["/admin/articles/new", f"/admin/articles/{AID}/edit"]

    def test_invalid_encodings_in_every_field(self):
        reqs = []
        for path in self.forms():
            for field in TEXT_FIELDS + ["csrf_token"]:
                for bad in BAD_BYTES:
                    h, body = multipart(article_fields(**{field: bad}))
                    reqs.append(Req(f"{field}={bad!r}", "POST", path, h, body,
                                    cookie=admin_cookie(), expect=400))
                for bad in BAD_ESCAPES[:7]:
                    pairs = [(k, bad.encode() if k == field else v)
                             for k, v in article_fields(photo=None)]
                    reqs.append(Req(f"{field}={bad} urlencoded", "POST", path, FORM,
                                    urlencoded(pairs), cookie=admin_cookie(), expect=400))
        with self.unchanged():
            self.run_checked(reqs)

    def test_hostile_text_in_every_field(self):
        reqs = []
        values = HOSTILE + ["  ", "save ", "SAVE", "t" * 301, "长" * 301, ""]
        for path in self.forms():
            for field in TEXT_FIELDS:
                for value in values:
                    h, body = multipart(article_fields(**{field: value}))
                    reqs.append(Req(f"{field}={value[:40]!r}", "POST", path, h, body,
                                    cookie=admin_cookie(), expect=self.expect_for(field, value)))
            for value in SQLI[:4] + XSS[:4] + CONTROL[:2] + ["A" * 200000, ADMIN_CSRF + " ",
                                                             ADMIN_CSRF.lower()]:
                h, body = multipart(article_fields(csrf_token=value))
                reqs.append(Req(f"csrf_token={value[:40]!r}", "POST", path, h, body,
                                cookie=admin_cookie(), expect=403))
            # A body of 200,001 bytes is one too many (docs/admin-guide.md).
            h, body = multipart(article_fields(body="b" * 200001))
            reqs.append(Req("body of 200,001 bytes", "POST", path, h, body, cookie=admin_cookie(),
                            expect=400))
            # All fields hostile at once.
            h, body = multipart(article_fields(title=XSS[1], author=SQLI[3], source=XSS[3],
                                               body=XSS[0] + "\n\n" + XSS[5], photo_alt=XSS[2],
                                               action=SQLI[0]))
            reqs.append(Req("every field at once", "POST", path, h, body, cookie=admin_cookie(),
                            expect=200))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            self.assertEqual(r.headers.get("x-frame-options"), "DENY", req.what)
            if r.status == 200:
                self.assertIn('<section class="preview"', r.body, req.what)
            if r.status == 400:
                self.assertIn("field-error", r.body, req.what)

    def test_hostile_photo_parts(self):
        reqs = []
        names = ["../../gazette.db", "..\\..\\x.png", "/etc/passwd", "x.png\x00.php", "a\r\nb.png",
                 "\xff\xfe.png", SQLI[3] + ".png", XSS[1] + ".png", "%2e%2e%2fx.png",
                 "x" * 300 + ".png", "", ".png", "con.png", "x.php", "x.svg", "x.html"]
        contents = [b"not an image at all\n" * 10, b"<svg xmlns='http://www.w3.org/2000/svg' "
                    b"onload='alert(1)'/>", b"<?php system($_GET['c']); ?>",
                    b"<!DOCTYPE html><script>alert(1)</script>",
                    b"\x7fELF\x02\x01\x01" + b"\0" * 64,
                    b"%PDF-1.4\n%\xe2\xe3\n", b"MZ\x90\x00" + b"\0" * 60]
        for path in self.forms():
            for name in names:
                for content in contents[:2]:
                    raw_name = name.encode("latin-1") if "\xff" in name else name.encode()
                    h, body = multipart(article_fields(photo=(raw_name, content, "image/png")))
                    reqs.append(Req(f"photo name {name[:30]!r}", "POST", path, h, body,
                                    cookie=admin_cookie(), expect={400, 415}))
            for content in contents:
                for name in ["photo.png", "photo.gif", "photo.jpg", "photo.svg", "photo"]:
                    h, body = multipart(article_fields(photo=(name, content, "image/png"),
                                                       action="save"))
                    reqs.append(Req(f"photo content {content[:12]!r} as {name}", "POST", path, h,
                                    body, cookie=admin_cookie(), expect={400, 415}))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            # A name the multipart parser already refuses (a raw line break
            # or byte in the part's header) is its plain 400; else the form
            # comes back with the photo's message.
            if r.status == 415 or "Bad request" not in r.body:
                self.assertIn('id="photo-error"', r.body, req.what)

    def test_hostile_multipart_structure(self):
        a = admin_cookie()
        h, good = multipart(article_fields())
        b = BOUNDARY.encode()
        cases = [
            ("the token twice, right then wrong",
             multipart(article_fields() + [("csrf_token", "A" * 43)])[1], 403),
            ("the token twice, wrong then right",
             multipart([("csrf_token", "A" * 43)] + article_fields())[1], 403),
            ("a quote in a field name", good.replace(b'name="title"', b'name="ti\\"tle"', 1),
             {200, 400}),
            ("a field name with CR/LF", good.replace(b'name="title"', b'name="ti\r\ntle"', 1), 400),
            ("a field name with NUL", good.replace(b'name="title"', b'name="ti\x00tle"', 1), 400),
            ("a field name of invalid UTF-8",
             good.replace(b'name="title"', b'name="\xff"', 1), 400),
            ("RFC 2231 name*", good.replace(b'name="title"', b"name*=UTF-8''title", 1), {200, 400}),
            ("a part without headers", good.replace(b"Content-Disposition: form-data; "
                                                    b'name="title"\r\n', b"", 1), 400),
            ("a base64 part", good.replace(b'name="body"\r\n', b'name="body"\r\n'
                                           b"Content-Transfer-Encoding: base64\r\n", 1),
             {200, 400}),
            ("a nested multipart", good.replace(b'name="body"\r\n', b'name="body"\r\nContent-Type: '
                                                b"multipart/mixed; boundary=" + b + b"\r\n", 1),
             {200, 400}),
            # Not a delimiter (one must end the line): text of the body.
            ("the boundary inside a value", good.replace(b"A paragraph.", b"--" + b + b"x", 1),
             {200, 400}),
            ("bytes after the closing delimiter", good + b"\x00" * 1000 + b"--" + b + b"--\r\n",
             {200, 400}),
            ("the closing delimiter first", b"--" + b + b"--\r\n" + good, {400, 403}),
            ("only a preamble", b"x" * 1000, 400),
        ]
        reqs = [Req(what, "POST", path, h, body, cookie=a, expect=expect)
                for path in self.forms() for what, body, expect in cases]
        for ct in ["multipart/form-data; boundary=\"" + BOUNDARY + "\"; boundary=x",
                   "multipart/form-data; boundary=\x00", "multipart/form-data; charset=\xff",
                   "text/html", "application/json", "multipart/mixed; boundary=" + BOUNDARY,
                   "application/x-www-form-urlencoded; boundary=" + BOUNDARY]:
            ct_bytes = ct.encode("latin-1")
            if b"\r" in ct_bytes or b"\x00" in ct_bytes:
                raw = raw_request("POST", b"/admin/articles/new",
                                  {"Cookie": a, "Content-Type": ct_bytes}, good)
                reqs.append(Req(f"Content-Type {ct!r}", "POST", "/admin/articles/new", raw=raw,
                                expect={400, 403, 415}))
            else:
                reqs.append(Req(f"Content-Type {ct!r}", "POST", "/admin/articles/new",
                                {"Content-Type": ct}, good, cookie=a, expect={400, 403, 415}))
        with self.unchanged():
            self.run_checked(reqs)

    def test_delete_and_signout_forms(self):
        a = admin_cookie()
        reqs = []
        for path in [f"/admin/articles/{AID}/delete", "/admin/signout"]:
            for bad in BAD_ESCAPES:
                # The right token, but a field that does not decode: the
                # whole form is refused, nothing is deleted, nobody signed out.
                reqs.append(Req(f"right token and x={bad}", "POST", path, FORM,
                                urlencoded([("csrf_token", ADMIN_CSRF), ("x", bad.encode())]),
                                cookie=a, expect=400))
            for value in SQLI[:5] + XSS[:5]:
                reqs.append(Req(f"token {value[:30]!r}", "POST", path, FORM,
                                urlencoded([("csrf_token", value), ("id", "1 OR 1=1")]),
                                cookie=a, expect=403))
        # Ids the router does not take, or that name no article, with the
        # right token.
        for aid in ["0", "01", "-1", "1%20OR%201=1", "9" * 16, "999999999", "1e3", "1.0",
                    f"{AID}%00", f"{AID};x", f"{AID}%2f..%2f0"]:
            reqs.append(Req(f"delete id {aid}", "POST", f"/admin/articles/{aid}/delete", FORM,
                            urlencoded([("csrf_token", ADMIN_CSRF)]), cookie=a,
                            expect={400, 404}))
        with self.unchanged():
            self.run_checked(reqs)
        self.assertEqual(site.request("GET", "/admin/", {"Cookie": a})[0], 200,
                         "the session survived")


# --- last ------------------------------------------------------------------
# Classes of this module, so that they run before tearDownModule stops the
# site; by their names, after every group.

class Zy_Survivors(hostile.Survivors):
    pass


class Zz_Log(harness.sanitizer_log_case(lambda: site)):
    pass


if __name__ == "__main__":
    harness.main(__name__)
