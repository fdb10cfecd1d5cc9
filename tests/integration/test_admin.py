"""test_admin.py: the admin over HTTP through real nginx and the real
responder: signing in and out, sessions (cookie flags over http and https,
rotation, idle and absolute expiry), throttling, CSRF and Origin checks on
every POST route, the article editor (validation, photos, malformed
multipart, hostile text in every field), the dashboard, and the account
commands."""

import base64
import hashlib
import html
import json
import os
import re
import time
import unittest
import urllib.parse

import harness
from editor_posts import png
from harness import ROOT, Browser

site = None

ADMIN = "editor"
ADMIN_PW = "correct horse battery staple"
SIGNIN_WRONG = "That account name and password do not match. Please try again."
ACTIVITIES = "3"    # the section id of Activities in a fresh database
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")

SQLI = "'); DROP TABLE article;--"
SCRIPT = "<script>alert(1)</script>"
IMG = "\"><img src=x onerror=alert(1)>"
CHINESE = "党群服务与组织管理：活动报道「测试」"
MIXED = "Robert'); DROP TABLE article;-- <script>alert(1)</script> 中文 & \"quotes\" 'single'"
PAYLOADS = [SQLI, SCRIPT, IMG, CHINESE, MIXED]


def setUpModule():
    global site
    site = harness.Site(workers=2, tls=True)
    site.seed()
    site.add_user(ADMIN, ADMIN_PW)
    site.start()


def tearDownModule():
    if site is not None:
        site.finish()


# --- the database, read and changed behind the site's back -------------

def query(sql, args=()):
    return site.query(sql, args)


def execute(sql, args=()):
    site.execute(sql, args)


def token_hash(cookie):
    """What the session table keeps for a cookie: BLAKE2b-256 of the raw token."""
    raw = base64.urlsafe_b64decode(cookie + "=")
    assert len(raw) == 32
    return hashlib.blake2b(raw, digest_size=32).digest()


def session_row(cookie):
    rows = query("SELECT user_id, created_at, last_seen FROM session WHERE token_hash = ?",
                 (token_hash(cookie),))
    return rows[0] if rows else None


def user_id(name):
    return query("SELECT id FROM user WHERE name = ?", (name,))[0][0]


def audit_count():
    return query("SELECT count(*) FROM audit_log")[0][0]


def last_audit():
    return query("SELECT user_name, action, article_id, detail FROM audit_log "
                 "ORDER BY id DESC LIMIT 1")[0]


def article_row(aid):
    rows = query("SELECT title, author, published_on, section_id, body, status, updated_at "
                 "FROM article WHERE id = ?", (aid,))
    return rows[0] if rows else None


def newest_article_id():
    return query("SELECT max(id) FROM article")[0][0]


def snapshot():
    """Everything a refused form must leave as it was."""
    return {
        "articles": query("SELECT id, section_id, title, author, published_on, body, status, "
                          "updated_at FROM article ORDER BY id"),
        "media": query("SELECT name FROM media ORDER BY name"),
        "files": sorted(os.listdir(site.media)),
        "audit": audit_count(),
        "sessions": query("SELECT token_hash FROM session ORDER BY token_hash"),
    }


# --- bytes of small valid images ----------------------------------------
# png(seed), a 1x1 PNG whose pixel (and so whose hash) depends on SEED,
# comes from editor_posts, shared with the suites that post under faults.

def jpeg(tag):
    """A seed photo with TAG after its end marker: still a JPEG, but one the
    importer did not already store."""
    with open(os.path.join(ROOT, "sql", "seeds", "004_47b76614c58ea80e", "1.jpg"), "rb") as f:
        return f.read() + tag.encode()


_seq = [int(time.time()) & 0xffff]


def unique():
    _seq[0] += 1
    return _seq[0]


# --- forms --------------------------------------------------------------

multipart = harness.multipart
BOUNDARY = harness.MULTIPART_BOUNDARY


def article_fields(csrf, photo=None, **over):
    """The editor's fields in the order a browser sends them. PHOTO:
    (filename, bytes) or None for "no file chosen". A value of None in
    OVER leaves that field out."""
    values = {"csrf_token": csrf, "title": "An article", "author": "Test desk",
              "published_on": "2099-01-01", "section": ACTIVITIES,
              "body": "A paragraph.\n\nAnother one.", "status": "published",
              "photo_alt": "", "action": "save"}
    values.update(over)
    fields = []
    for name in ("csrf_token", "title", "author", "published_on", "section", "body",
                 "status", "photo", "photo_alt", "action"):
        if name == "photo":
            if photo is None:
                fields.append(("photo", ("", b"", "application/octet-stream")))
            else:
                ctype = "image/png" if photo[0].endswith(".png") else "image/jpeg"
                fields.append(("photo", (photo[0], photo[1], ctype)))
        elif values.get(name) is not None:
            fields.append((name, values[name]))
    return fields


def post_multipart(b, path, fields, headers=None):
    ctype, body = multipart(fields)
    h = {"Content-Type": ctype}
    h.update(headers or {})
    return b.request("POST", path, h, body)


def post_article(b, path, csrf, photo=None, headers=None, **over):
    return post_multipart(b, path, article_fields(csrf, photo, **over), headers)


def csrf_tokens(body):
    return re.findall(r'<input type="hidden" name="csrf_token" value="([^"]*)">', body)


def csrf_of(body):
    tokens = csrf_tokens(body)
    assert tokens and len(set(tokens)) == 1, tokens
    return tokens[0]


def titles_in(body):
    return [html.unescape(t) for t in re.findall(r'<h2><a href="[^"]*">(.*?)</a></h2>', body)]


def dashboard_rows(body):
    """The dashboard's article table as {id: {title, status, date, author, href}}
    (the views column is test_reader_extras' concern)."""
    rows = {}
    tbody = re.search(r"<tbody>(.*?)</tbody>", body, re.S).group(1)
    for tr in re.findall(r"<tr>(.*?)</tr>", tbody, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        title, status, date, author, _views, actions = cells
        aid = int(re.fullmatch(r'<a href="/admin/articles/(\d+)/edit">Edit</a> '
                               r'<a href="/admin/articles/\1/delete">Delete</a>', actions).group(1))
        link = re.fullmatch(r'<a href="([^"]*)">(.*)</a>', title, re.S)
        rows[aid] = {"title": html.unescape(link.group(2) if link else title),
                     "status": re.fullmatch(r'<span class="status status-\w+">(\w+)</span>',
                                            status).group(1),
                     "date": date, "author": html.unescape(author),
                     "href": link.group(1) if link else None}
    return rows


def next_of(location):
    """The next= path of a /signin?next=... redirect, decoded."""
    parts = urllib.parse.urlsplit(location)
    assert parts.path == "/signin", location
    return urllib.parse.parse_qs(parts.query)["next"][0]


# --- signing in -----------------------------------------------------------

def sign_in(b, name=ADMIN, password=ADMIN_PW, next=None, headers=None):
    """GETs the form (for its token cookie), then POSTs it as typed."""
    path = "/signin" if next is None else "/signin?next=" + urllib.parse.quote(next, safe="")
    r = b.get(path)
    assert r.status == 200, (path, r.status, r.headers.get("location"))
    token = b.cookies["gazette_signin"]
    assert csrf_of(r.body) == token
    fields = [("csrf_token", token), ("name", name), ("password", password)]
    if next is not None:
        fields.append(("next", next))
    return b.post_form("/signin", fields, headers)


def signed_in(name=ADMIN, password=ADMIN_PW, **kw):
    b = Browser(site, **kw)
    r = sign_in(b, name, password)
    assert r.status == 303, (r.status, r.body[:400])
    assert "gazette_session" in b.cookies
    return b


def admin_csrf(b):
    r = b.get("/admin/")
    assert r.status == 200, r.status
    return csrf_of(r.body)


def create_article(test, b, **over):
    """Saves an article through the editor; returns its id."""
    before = newest_article_id()
    r = post_article(b, "/admin/articles/new", admin_csrf(b), **over)
    test.assertEqual(r.status, 303, r.body[:2000])
    aid = newest_article_id()
    test.assertGreater(aid, before)
    return aid


class AdminCase(unittest.TestCase):
    def assertPrivate(self, r, what=""):
        self.assertEqual(r.headers.get("cache-control"), "no-store", what)
        self.assertEqual(r.headers.get("x-frame-options"), "DENY", what)

    def assertSignInRedirect(self, r, path, what=""):
        """R sends the browser to the sign-in form, which brings it back to
        PATH afterwards. PATH None: to the form alone (sign-out without a
        session has nothing to come back to: it only takes POST)."""
        self.assertEqual(r.status, 303, what or path)
        if path is None:
            self.assertEqual(r.headers["location"], "/signin", what)
        else:
            self.assertEqual(next_of(r.headers["location"]), path, what or path)
        self.assertPrivate(r, what or path)

    def assertNoRawMarkup(self, body, where):
        # An article page's one script is its JSON-LD: it must parse, and
        # hold no '<' (the engine writes \u003c), so it cannot end early.
        for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S):
            self.assertNotIn("<", data, where)
            json.loads(data)
        body = re.sub(r'<script type="application/ld\+json">.*?</script>', "", body, flags=re.S)
        low = body.lower()
        self.assertNotIn("<script", low, where)
        self.assertNotIn("<img src=x", low, where)
        self.assertNotIn('"><img', low, where)
        self.assertNotIn("onerror=alert(1)>", low, where)
        self.assertNotIn('href="javascript:', low, where)


# --- without a session ----------------------------------------------------

class WithoutSession(AdminCase):
    def test_admin_paths_redirect_to_signin_with_next(self):
        b = Browser(site)
        for path in ["/admin/", "/admin/?page=2", "/admin/articles/new", "/admin/articles/1/edit",
                     "/admin/articles/1/delete", "/admin/nope", "/admin/nope/deeper?x=1&y=%C3%A9",
                     "/admin/articles/999999/edit"]:
            r = b.get(path)
            self.assertSignInRedirect(r, path)
            self.assertTrue(r.headers["location"].startswith("/signin?next=%2Fadmin%2F"),
                            r.headers["location"])
        # Methods a path does not take are no way around it either.
        for method, path in [("POST", "/admin/"), ("PUT", "/admin/articles/new"),
                             ("DELETE", "/admin/articles/1/edit"), ("PATCH", "/admin/nope")]:
            r = b.request(method, path, body=b"")
            self.assertSignInRedirect(r, path, f"{method} {path}")
        # A made-up or malformed session cookie is no session.
        for cookie in ["gazette_session=" + "A" * 43, "gazette_session=short",
                       "gazette_session=" + "!" * 43]:
            r = b.request("GET", "/admin/", {"Cookie": cookie})
            self.assertSignInRedirect(r, "/admin/", cookie)

    def test_posts_without_session_redirect_and_change_nothing(self):
        b = Browser(site)
        before = snapshot()
        aid = query("SELECT min(id) FROM article")[0][0]
        for path in ["/admin/articles/new", f"/admin/articles/{aid}/edit"]:
            r = post_article(b, path, "x" * 43, title="Sneaked in", photo=("a.png", png(unique())))
            self.assertSignInRedirect(r, path)
        r = b.post_form(f"/admin/articles/{aid}/delete", {"csrf_token": "x" * 43})
        self.assertSignInRedirect(r, f"/admin/articles/{aid}/delete")
        r = b.post_form("/admin/signout", {"csrf_token": "x" * 43})
        self.assertSignInRedirect(r, None, "sign-out without a session")
        self.assertEqual(snapshot(), before)
        self.assertEqual(site.get(f"/articles/{aid}")[0], 200)

    def test_signin_form(self):
        b = Browser(site)
        r = b.get("/signin?next=%2Fadmin%2Farticles%2Fnew")
        self.assertEqual(r.status, 200)
        self.assertPrivate(r)
        token = b.cookies["gazette_signin"]
        self.assertRegex(token, TOKEN_RE)
        self.assertEqual(csrf_of(r.body), token)
        self.assertIn('name="name"', r.body)
        self.assertIn('name="password" type="password"', r.body)
        self.assertIn('<input type="hidden" name="next" value="/admin/articles/new">', r.body)
        # The same browser keeps its token; another browser gets another.
        self.assertEqual(csrf_of(b.get("/signin").body), token)
        self.assertNotEqual(Browser(site).get("/signin").cookie("gazette_signin")[0], token)
        # A next that leaves the site is not carried in the form.
        for bad in ["//evil.example", "https://evil.example", "/\\evil.example"]:
            r = b.get("/signin?next=" + urllib.parse.quote(bad, safe=""))
            self.assertEqual(r.status, 200)
            self.assertNotIn('name="next"', r.body, bad)


# --- signing in -----------------------------------------------------------

class SignIn(AdminCase):
    def test_next_is_followed_for_same_site_paths(self):
        # The whole round trip a browser makes.
        b = Browser(site)
        r = b.get("/admin/articles/new")
        self.assertSignInRedirect(r, "/admin/articles/new")
        r = b.get(r.headers["location"])
        self.assertEqual(r.status, 200)
        m = re.search(r'<input type="hidden" name="next" value="([^"]*)">', r.body)
        self.assertEqual(html.unescape(m.group(1)), "/admin/articles/new")
        r = b.post_form("/signin", {"csrf_token": b.cookies["gazette_signin"], "name": ADMIN,
                                    "password": ADMIN_PW, "next": "/admin/articles/new"})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.headers["location"], "/admin/articles/new")
        self.assertPrivate(r)
        r = b.get("/admin/articles/new")
        self.assertEqual(r.status, 200)
        self.assertIn("New article", r.body)
        # A path with a query is kept whole.
        r = sign_in(Browser(site), next="/admin/?page=1")
        self.assertEqual((r.status, r.headers["location"]), (303, "/admin/?page=1"))

    def test_next_to_another_site_goes_to_dashboard(self):
        for bad in ["//evil.example", "https://evil.example", "/\\evil.example",
                    "//evil.example/admin/", "evil.example", "javascript:alert(1)", ""]:
            r = sign_in(Browser(site), next=bad)
            self.assertEqual(r.status, 303, bad)
            self.assertEqual(r.headers["location"], "/admin/", bad)

    def test_signed_in_browser_skips_the_form(self):
        b = signed_in()
        r = b.get("/signin")
        self.assertEqual((r.status, r.headers.get("location")), (303, "/admin/"))
        r = b.get("/admin/")
        self.assertEqual(r.status, 200)
        self.assertIn(f"Signed in as <strong>{ADMIN}</strong>", r.body)
        self.assertPrivate(r)

    def test_wrong_password_and_unknown_user_get_the_same_answer(self):
        b = Browser(site, source="127.0.0.9")
        b.get("/signin")
        token = b.cookies["gazette_signin"]
        answers = {}
        for name, pw in [(ADMIN, "not the password at all"), ("nobody-here", ADMIN_PW),
                         ("no such user!", ADMIN_PW)]:
            r = b.post_form("/signin", {"csrf_token": token, "name": name, "password": pw})
            self.assertEqual(r.status, 403, name)
            self.assertNotIn("gazette_session", b.cookies)
            self.assertIsNone(r.cookie("gazette_session"))
            self.assertIn('<p class="form-error" role="alert" id="signin-error">'
                          f'{html.escape(SIGNIN_WRONG)}</p>', r.body)
            self.assertPrivate(r)
            # The page differs only by the name typed back into the form.
            answers[name] = r.body.replace(f'value="{html.escape(name)}"', 'value="NAME"')
        bodies = list(answers.values())
        self.assertEqual(bodies[0], bodies[1])
        self.assertEqual(bodies[0], bodies[2])
        execute("DELETE FROM signin_failure WHERE key IN (?, ?, ?, ?)",
                (ADMIN, "nobody-here", "no such user!", "127.0.0.9"))

    def test_empty_fields_are_400(self):
        b = Browser(site)
        b.get("/signin")
        r = b.post_form("/signin", {"csrf_token": b.cookies["gazette_signin"], "name": ADMIN,
                                    "password": ""})
        self.assertEqual(r.status, 400)
        self.assertIn("Please enter your account name and password.", r.body)
        self.assertNotIn("gazette_session", b.cookies)

    def test_signin_csrf(self):
        before = snapshot()
        b = Browser(site)
        b.get("/signin")
        token = b.cookies["gazette_signin"]
        other = Browser(site)
        other.get("/signin")
        cases = [
            ("no token field", b, {"name": ADMIN, "password": ADMIN_PW}),
            ("empty token", b, {"csrf_token": "", "name": ADMIN, "password": ADMIN_PW}),
            ("wrong token", b, {"csrf_token": "A" * 43, "name": ADMIN, "password": ADMIN_PW}),
            ("another browser's token", b, {"csrf_token": other.cookies["gazette_signin"],
                                            "name": ADMIN, "password": ADMIN_PW}),
            ("token without its cookie", Browser(site), {"csrf_token": token, "name": ADMIN,
                                                         "password": ADMIN_PW}),
        ]
        for what, client, fields in cases:
            r = client.post_form("/signin", fields)
            self.assertEqual(r.status, 403, what)
            self.assertIsNone(r.cookie("gazette_session"), what)
        self.assertEqual(snapshot(), before)

    def test_signin_origin(self):
        for origin in ["http://evil.example", "null", f"http://127.0.0.1:{site.port + 1}",
                       f"https://127.0.0.1:{site.port}", f"http://evil.example:{site.port}"]:
            r = sign_in(Browser(site), headers={"Origin": origin})
            self.assertEqual(r.status, 403, origin)
            self.assertIsNone(r.cookie("gazette_session"), origin)
        r = sign_in(Browser(site), headers={"Origin": site.origin()})
        self.assertEqual(r.status, 303)

    def test_signin_is_audited(self):
        n = audit_count()
        signed_in()
        self.assertEqual(audit_count(), n + 1)
        self.assertEqual(last_audit()[:2], (ADMIN, "signed in"))


# --- cookies and sessions -------------------------------------------------

class Cookies(AdminCase):
    def check_flags(self, attrs, secure, what):
        self.assertEqual(attrs.get("path"), "/", what)
        self.assertIs(attrs.get("httponly"), True, what)
        self.assertEqual(attrs.get("samesite"), "Strict", what)
        if secure:
            self.assertIs(attrs.get("secure"), True, what)
        else:
            self.assertNotIn("secure", attrs, what)

    def flow(self, tls):
        b = Browser(site, tls=tls)
        r = b.get("/signin")
        self.assertEqual(r.status, 200)
        value, attrs = r.cookie("gazette_signin")
        self.assertRegex(value, TOKEN_RE)
        self.check_flags(attrs, tls, "signin cookie")
        r = b.post_form("/signin", {"csrf_token": value, "name": ADMIN, "password": ADMIN_PW},
                        {"Origin": site.origin(tls)})
        self.assertEqual(r.status, 303)
        session, attrs = r.cookie("gazette_session")
        self.assertRegex(session, TOKEN_RE)
        self.check_flags(attrs, tls, "session cookie")
        self.assertEqual(attrs.get("max-age"), "43200")
        cleared, attrs = r.cookie("gazette_signin")
        self.assertEqual((cleared, attrs.get("max-age")), ("", "0"))
        self.check_flags(attrs, tls, "cleared signin cookie")
        r = b.get("/admin/")
        self.assertEqual(r.status, 200)
        r = b.post_form("/admin/signout", {"csrf_token": csrf_of(r.body)}, {"Origin": site.origin(tls)})
        self.assertEqual(r.status, 303)
        cleared, attrs = r.cookie("gazette_session")
        self.assertEqual((cleared, attrs.get("max-age")), ("", "0"))
        self.check_flags(attrs, tls, "cleared session cookie")

    def test_cookie_flags_over_http(self):
        self.flow(tls=False)

    def test_cookie_flags_over_https_are_secure(self):
        self.flow(tls=True)

    def test_session_token_is_stored_hashed(self):
        b = signed_in()
        cookie = b.cookies["gazette_session"]
        uid, created, seen = session_row(cookie)
        self.assertEqual(uid, user_id(ADMIN))
        self.assertLess(abs(created - time.time()), 60)
        raw = base64.urlsafe_b64decode(cookie + "=")
        for (h,) in query("SELECT token_hash FROM session"):
            self.assertNotEqual(h, raw)
            self.assertNotIn(cookie.encode(), h)
        # The CSRF token is not the cookie, and differs between sessions.
        token = admin_csrf(b)
        self.assertRegex(token, TOKEN_RE)
        self.assertNotEqual(token, cookie)
        self.assertNotEqual(admin_csrf(signed_in()), token)

    def test_csrf_token_is_the_same_on_every_page_of_a_session(self):
        b = signed_in()
        aid = query("SELECT min(id) FROM article")[0][0]
        seen = set()
        for path in ["/admin/", "/admin/articles/new", f"/admin/articles/{aid}/edit",
                     f"/admin/articles/{aid}/delete", "/admin/?page=1"]:
            r = b.get(path)
            self.assertEqual(r.status, 200, path)
            self.assertPrivate(r, path)
            tokens = csrf_tokens(r.body)
            self.assertGreaterEqual(len(tokens), 1, path)
            seen.update(tokens)
        self.assertEqual(len(seen), 1, seen)

    def test_session_rotates_at_signin(self):
        # A browser holding a session (perhaps one an attacker planted) signs
        # in: the old token ends, a new one is issued.
        old = signed_in()
        old_cookie = old.cookies["gazette_session"]
        self.assertIsNotNone(session_row(old_cookie))
        fresh = Browser(site)
        fresh.get("/signin")
        token = fresh.cookies["gazette_signin"]
        r = Browser(site).request(
            "POST", "/signin",
            {"Content-Type": "application/x-www-form-urlencoded",
             "Cookie": f"gazette_session={old_cookie}; gazette_signin={token}"},
            urllib.parse.urlencode({"csrf_token": token, "name": ADMIN,
                                    "password": ADMIN_PW}).encode())
        self.assertEqual(r.status, 303)
        new_cookie = r.cookie("gazette_session")[0]
        self.assertRegex(new_cookie, TOKEN_RE)
        self.assertNotEqual(new_cookie, old_cookie)
        self.assertIsNone(session_row(old_cookie), "the old session still exists")
        self.assertIsNotNone(session_row(new_cookie))
        self.assertSignInRedirect(old.get("/admin/"), "/admin/")
        r = site.request("GET", "/admin/", {"Cookie": f"gazette_session={new_cookie}"})
        self.assertEqual(r[0], 200)

    def test_idle_expiry(self):
        b = signed_in()
        cookie = b.cookies["gazette_session"]
        h = token_hash(cookie)
        now = int(time.time())
        # Nearly two hours idle: still valid, and the request refreshes the clock.
        execute("UPDATE session SET last_seen = ? WHERE token_hash = ?", (now - 7000, h))
        self.assertEqual(b.get("/admin/").status, 200)
        self.assertGreaterEqual(session_row(cookie)[2], now - 5)
        # Over two hours idle: gone.
        execute("UPDATE session SET last_seen = ? WHERE token_hash = ?", (now - 7300, h))
        self.assertSignInRedirect(b.get("/admin/"), "/admin/")
        self.assertIsNone(session_row(cookie))
        self.assertSignInRedirect(b.get("/admin/articles/new"), "/admin/articles/new")

    def test_absolute_expiry(self):
        b = signed_in()
        cookie = b.cookies["gazette_session"]
        h = token_hash(cookie)
        now = int(time.time())
        # Active a moment ago, but signed in eleven hours ago: valid.
        execute("UPDATE session SET created_at = ?, last_seen = ? WHERE token_hash = ?",
                (now - 11 * 3600, now - 30, h))
        self.assertEqual(b.get("/admin/").status, 200)
        # Active a moment ago, but signed in over twelve hours ago: gone.
        execute("UPDATE session SET created_at = ?, last_seen = ? WHERE token_hash = ?",
                (now - 12 * 3600 - 60, now - 30, h))
        self.assertSignInRedirect(b.get("/admin/"), "/admin/")
        self.assertIsNone(session_row(cookie))

    def test_signout_ends_the_session_on_the_server(self):
        b = signed_in()
        cookie = b.cookies["gazette_session"]
        csrf = admin_csrf(b)
        n = audit_count()
        r = b.post_form("/admin/signout", {"csrf_token": csrf})
        self.assertEqual(r.status, 303)
        self.assertEqual(r.headers["location"], "/signin?signed_out=1")
        self.assertPrivate(r)
        self.assertEqual(r.cookie("gazette_session")[1].get("max-age"), "0")
        self.assertNotIn("gazette_session", b.cookies)
        self.assertIsNone(session_row(cookie))
        self.assertEqual(audit_count(), n + 1)
        self.assertEqual(last_audit()[:2], (ADMIN, "signed out"))
        r = b.get("/signin?signed_out=1")
        self.assertEqual(r.status, 200)
        self.assertIn("You have signed out.", r.body)
        # The old cookie, replayed, opens nothing.
        replay = {"Cookie": f"gazette_session={cookie}"}
        self.assertSignInRedirect(raw_request("GET", "/admin/", replay), "/admin/")
        r = raw_request("POST", "/admin/signout",
                  dict(replay, **{"Content-Type": "application/x-www-form-urlencoded"}),
                  urllib.parse.urlencode({"csrf_token": csrf}).encode())
        self.assertSignInRedirect(r, None, "sign-out replayed")
        self.assertEqual(audit_count(), n + 1)


def raw_request(method, path, headers=None, body=None):
    """One request without a cookie jar, as a harness.Reply."""
    return harness.Reply(*site.exchange(method, path, headers, body))


# --- throttling -----------------------------------------------------------

class Throttling(AdminCase):
    def test_per_account(self):
        name, pw = "throttled", "a long enough password"
        site.add_user(name, pw)
        a = Browser(site, source="127.0.0.2")
        a.get("/signin")
        token = a.cookies["gazette_signin"]
        try:
            for i in range(5):
                r = a.post_form("/signin", {"csrf_token": token, "name": name,
                                            "password": f"wrong guess {i}"})
                self.assertEqual(r.status, 403, i)
            failures, blocked = query("SELECT failures, blocked_until FROM signin_failure "
                                      "WHERE scope = 'user' AND key = ?", (name,))[0]
            self.assertEqual(failures, 5)
            self.assertGreater(blocked, time.time())
            # The right password no longer helps, from this address or another.
            for client in [a, Browser(site, source="127.0.0.3")]:
                r = sign_in(client, name, pw)
                self.assertEqual(r.status, 429)
                self.assertTrue(r.headers["retry-after"].isdigit(), r.headers["retry-after"])
                self.assertTrue(0 < int(r.headers["retry-after"]) <= 900, r.headers["retry-after"])
                self.assertIn("Too many failed sign-ins", r.body)
                self.assertIsNone(r.cookie("gazette_session"))
                self.assertPrivate(r)
            # Another account from the same address is not blocked.
            self.assertEqual(sign_in(Browser(site, source="127.0.0.2")).status, 303)
            # Once the block ends the account signs in, and its count is cleared.
            execute("UPDATE signin_failure SET window_start = window_start - 1000, "
                    "blocked_until = ? WHERE scope = 'user' AND key = ?",
                    (int(time.time()) - 1, name))
            self.assertEqual(sign_in(Browser(site, source="127.0.0.2"), name, pw).status, 303)
            self.assertEqual(query("SELECT count(*) FROM signin_failure WHERE scope = 'user' "
                                   "AND key = ?", (name,))[0][0], 0)
        finally:
            execute("DELETE FROM signin_failure WHERE key IN (?, '127.0.0.2', '127.0.0.3')",
                    (name,))

    def test_per_address(self):
        a = Browser(site, source="127.0.0.4")
        a.get("/signin")
        token = a.cookies["gazette_signin"]
        try:
            # Twenty guesses, each at another name (none reaches the account limit).
            for i in range(20):
                r = a.post_form("/signin", {"csrf_token": token, "name": f"guess{i:02d}",
                                            "password": "a guess at a password"})
                self.assertEqual(r.status, 403, i)
                self.assertIn(html.escape(SIGNIN_WRONG), r.body)
            failures, blocked = query("SELECT failures, blocked_until FROM signin_failure "
                                      "WHERE scope = 'addr' AND key = '127.0.0.4'")[0]
            self.assertEqual(failures, 20)
            self.assertGreater(blocked, time.time())
            r = sign_in(a)
            self.assertEqual(r.status, 429)
            self.assertTrue(0 < int(r.headers["retry-after"]) <= 900, r.headers["retry-after"])
            self.assertIsNone(r.cookie("gazette_session"))
            # The account itself is fine from elsewhere.
            self.assertEqual(sign_in(Browser(site, source="127.0.0.5")).status, 303)
            # A success does not clear the address's count.
            r = sign_in(Browser(site, source="127.0.0.4"))
            self.assertEqual(r.status, 429)
        finally:
            execute("DELETE FROM signin_failure WHERE key = '127.0.0.4' OR key LIKE 'guess%'")


# --- CSRF and Origin on every POST route ----------------------------------

class Csrf(AdminCase):
    def setUp(self):
        self.b = signed_in()
        self.csrf = admin_csrf(self.b)
        self.aid = create_article(self, self.b, title=f"CSRF target {unique()}",
                                  published_on="2099-02-01")

    def attempts(self, token):
        """One POST to each route, with TOKEN (None: no token field)."""
        aid = self.aid
        yield "new", post_article(self.b, "/admin/articles/new", token,
                                  title="Forged article", photo=("forged.png", png(unique())))
        yield "edit", post_article(self.b, f"/admin/articles/{aid}/edit", token,
                                   title="Forged title", status="draft")
        fields = {} if token is None else {"csrf_token": token}
        yield "delete", self.b.post_form(f"/admin/articles/{aid}/delete", fields)
        yield "signout", self.b.post_form("/admin/signout", fields)
        # The delete route with a multipart body is checked the same way.
        yield "delete (multipart)", post_multipart(
            self.b, f"/admin/articles/{aid}/delete",
            [] if token is None else [("csrf_token", token)])

    def test_missing_or_wrong_token_is_403_and_changes_nothing(self):
        other = admin_csrf(signed_in())
        before = snapshot()
        for what, token in [("missing", None), ("empty", ""), ("wrong", "A" * 43),
                            ("another session's", other),
                            ("the session cookie itself", self.b.cookies["gazette_session"]),
                            ("too long", self.csrf + "A"), ("truncated", self.csrf[:-1])]:
            for route, r in self.attempts(token):
                self.assertEqual(r.status, 403, f"{route} with {what} token")
        self.assertEqual(snapshot(), before)
        self.assertEqual(site.get(f"/articles/{self.aid}")[0], 200)
        self.assertEqual(self.b.get("/admin/").status, 200, "the session survived")

    def test_foreign_origin_is_403_even_with_the_right_token(self):
        before = snapshot()
        for origin in ["http://evil.example", "null", f"http://127.0.0.1:{site.port + 1}",
                       f"https://127.0.0.1:{site.port}", f"http://localhost.evil.example:{site.port}",
                       f"http://127.0.0.1:{site.port}.evil.example"]:
            h = {"Origin": origin}
            aid = self.aid
            for route, r in [
                    ("new", post_article(self.b, "/admin/articles/new", self.csrf, headers=h,
                                         title="Cross-site article")),
                    ("edit", post_article(self.b, f"/admin/articles/{aid}/edit", self.csrf,
                                          headers=h, title="Cross-site title")),
                    ("delete", self.b.post_form(f"/admin/articles/{aid}/delete",
                                                {"csrf_token": self.csrf}, h)),
                    ("signout", self.b.post_form("/admin/signout", {"csrf_token": self.csrf}, h))]:
                self.assertEqual(r.status, 403, f"{route} from {origin}")
        self.assertEqual(snapshot(), before)

    def test_own_origin_is_accepted(self):
        h = {"Origin": site.origin()}
        r = post_article(self.b, "/admin/articles/new", self.csrf, headers=h,
                         title=f"Same-origin article {unique()}", published_on="2099-02-02")
        self.assertEqual(r.status, 303)
        new_id = newest_article_id()
        r = post_article(self.b, f"/admin/articles/{self.aid}/edit", self.csrf, headers=h,
                         title="Same-origin edit", published_on="2099-02-01")
        self.assertEqual(r.status, 303)
        self.assertEqual(article_row(self.aid)[0], "Same-origin edit")
        for aid in (self.aid, new_id):
            r = self.b.post_form(f"/admin/articles/{aid}/delete", {"csrf_token": self.csrf}, h)
            self.assertEqual(r.status, 303)
            self.assertIsNone(article_row(aid))
        r = self.b.post_form("/admin/signout", {"csrf_token": self.csrf}, h)
        self.assertEqual((r.status, r.headers["location"]), (303, "/signin?signed_out=1"))

    def tearDown(self):
        if article_row(self.aid) is not None:
            r = self.b.post_form(f"/admin/articles/{self.aid}/delete", {"csrf_token": self.csrf})
            self.assertEqual(r.status, 303)


# --- the article editor ---------------------------------------------------

class Editor(AdminCase):
    @classmethod
    def setUpClass(cls):
        cls.b = signed_in()
        cls.csrf = admin_csrf(cls.b)

    def test_full_flow_create_list_view_edit_unpublish_delete(self):
        b, csrf = self.b, self.csrf
        r = b.get("/admin/articles/new")
        self.assertEqual(r.status, 200)
        self.assertPrivate(r)
        self.assertIn('enctype="multipart/form-data"', r.body)
        self.assertEqual(csrf_of(r.body), csrf)
        self.assertIn(f'<option value="{ACTIVITIES}"', r.body)

        title = f"Flow article {unique()}"
        photo = png(unique())
        body = "First paragraph with **bold** words.\n\nSecond paragraph."
        r = post_article(b, "/admin/articles/new", csrf, photo=("flow-photo.png", photo),
                         title=title, author="Flow desk", published_on="2099-12-31",
                         body=body, photo_alt="A red square")
        self.assertEqual(r.status, 303, r.body[:2000])
        self.assertEqual(r.headers["location"], "/admin/?saved=published")
        self.assertPrivate(r)
        aid = newest_article_id()
        row = article_row(aid)
        self.assertEqual(row[:4], (title, "Flow desk", "2099-12-31", int(ACTIVITIES)))
        self.assertEqual(row[5], "published")
        m = re.fullmatch(re.escape(body) + r"\n\n!\[A red square\]\(/media/([0-9a-f]{32}\.png)\)\n",
                         row[4])
        self.assertTrue(m, row[4])
        media = m.group(1)
        self.assertEqual(query("SELECT mime_type, bytes FROM media WHERE name = ?", (media,)),
                         [("image/png", len(photo))])
        with open(os.path.join(site.media, media), "rb") as f:
            self.assertEqual(f.read(), photo)
        self.assertEqual(last_audit(), (ADMIN, "published", aid, title))

        # Public: at the top of the lists, and its own page with the photo.
        for path in ["/articles/", "/"]:
            status, _, page = site.get(path)
            self.assertEqual(titles_in(page)[0], title, path)
            self.assertIn(f'href="/articles/{aid}"', page)
        status, _, page = site.get(f"/articles/{aid}")
        self.assertEqual(status, 200)
        self.assertIn(f"<h1>{title}</h1>", page)
        self.assertIn("<strong>bold</strong>", page)
        self.assertIn(f'<img src="/media/{media}" alt="A red square"', page)
        status, headers, _ = site.get(f"/media/{media}")
        self.assertEqual((status, headers["content-type"]), (200, "image/png"))
        self.assertEqual(site.exchange("GET", f"/media/{media}")[2], photo)

        # The dashboard lists it, published, linked, with its actions.
        r = b.get("/admin/?saved=published")
        self.assertIn("The article was saved and is now on the site.", r.body)
        self.assertEqual(dashboard_rows(r.body)[aid],
                         {"title": title, "status": "Published", "date": "2099-12-31",
                          "author": "Flow desk", "href": f"/articles/{aid}"})

        # Edit: the form holds the stored values.
        r = b.get(f"/admin/articles/{aid}/edit")
        self.assertEqual(r.status, 200)
        self.assertPrivate(r)
        self.assertEqual(harness.input_value(r.body, "title"), title)
        self.assertEqual(harness.input_value(r.body, "author"), "Flow desk")
        self.assertEqual(harness.input_value(r.body, "published_on"), "2099-12-31")
        self.assertEqual(harness.textarea_value(r.body), row[4])
        self.assertIn(f'action="/admin/articles/{aid}/edit"', r.body)
        self.assertIn(f'href="/admin/articles/{aid}/delete"', r.body)
        self.assertIn('value="published" checked', r.body)

        # Change the title and unpublish: gone from the public site.
        title2 = title + " (revised)"
        r = post_article(b, f"/admin/articles/{aid}/edit", csrf, title=title2, author="Flow desk",
                         published_on="2099-12-31", body=row[4], status="draft")
        self.assertEqual((r.status, r.headers.get("location")), (303, "/admin/?saved=draft"))
        self.assertEqual(newest_article_id(), aid, "an edit made a new article")
        self.assertEqual(article_row(aid)[0], title2)
        self.assertEqual(article_row(aid)[5], "draft")
        self.assertEqual(last_audit(), (ADMIN, "unpublished", aid, title2))
        self.assertEqual(site.get(f"/articles/{aid}")[0], 404)
        for path in ["/articles/", "/", "/sections/activities/"]:
            page = site.get(path)[2]
            self.assertNotIn(title, page, path)
            self.assertNotIn(f'href="/articles/{aid}"', page, path)
        r = b.get("/admin/?saved=draft")
        self.assertIn("The draft was saved.", r.body)
        self.assertEqual(dashboard_rows(r.body)[aid]["status"], "Draft")
        self.assertEqual(dashboard_rows(r.body)[aid]["title"], title2)
        self.assertIsNone(dashboard_rows(r.body)[aid]["href"], "a draft links to no public page")
        self.assertEqual(b.get(f"/admin/articles/{aid}/edit").status, 200)

        # Publish again, then an edit that keeps the status is an update.
        r = post_article(b, f"/admin/articles/{aid}/edit", csrf, title=title2, author="Flow desk",
                         published_on="2099-12-31", body=row[4], status="published")
        self.assertEqual(r.status, 303)
        self.assertEqual(last_audit()[1], "published")
        self.assertEqual(site.get(f"/articles/{aid}")[0], 200)
        r = post_article(b, f"/admin/articles/{aid}/edit", csrf, title=title2, author="Other desk",
                         published_on="2099-12-31", body=row[4], status="published")
        self.assertEqual(r.status, 303)
        self.assertEqual(last_audit()[1], "updated")
        self.assertIn("Author: Other desk", site.get(f"/articles/{aid}")[2])

        # Delete: a confirmation page, then the POST.
        r = b.get(f"/admin/articles/{aid}/delete")
        self.assertEqual(r.status, 200)
        self.assertPrivate(r)
        self.assertIn(html.escape(title2, quote=False), r.body)
        self.assertIn(f'<form method="post" action="/admin/articles/{aid}/delete">', r.body)
        self.assertEqual(csrf_of(r.body), csrf)
        self.assertIsNotNone(article_row(aid), "GET deleted the article")
        r = b.post_form(f"/admin/articles/{aid}/delete", {"csrf_token": csrf})
        self.assertEqual((r.status, r.headers.get("location")), (303, "/admin/?deleted=1"))
        self.assertIsNone(article_row(aid))
        self.assertEqual(last_audit(), (ADMIN, "deleted", aid, title2))
        self.assertEqual(site.get(f"/articles/{aid}")[0], 404)
        for path in ["/articles/", "/", "/sections/activities/"]:
            self.assertNotIn(f'href="/articles/{aid}"', site.get(path)[2], path)
        r = b.get("/admin/?deleted=1")
        self.assertIn("The article was deleted.", r.body)
        self.assertNotIn(aid, dashboard_rows(r.body))
        self.assertIn(f"<strong>{ADMIN}</strong> deleted “{title2}”", r.body)
        self.assertEqual(b.get(f"/admin/articles/{aid}/edit").status, 404)
        self.assertEqual(b.get(f"/admin/articles/{aid}/delete").status, 404)
        self.assertEqual(b.post_form(f"/admin/articles/{aid}/delete",
                                     {"csrf_token": csrf}).status, 404)
        # The photo stays: other articles may show it.
        self.assertEqual(site.get(f"/media/{media}")[0], 200)

    def test_jpeg_photo(self):
        photo = jpeg(f"gazette test {unique()}")
        aid = create_article(self, self.b, photo=("Photo 1.JPEG", photo), published_on="2099-03-01",
                             title=f"JPEG article {unique()}", photo_alt="Members at the meeting")
        m = re.search(r'<img src="(/media/[0-9a-f]{32}\.jpg)" alt="Members at the meeting"',
                      site.get(f"/articles/{aid}")[2])
        self.assertTrue(m)
        status, headers, _ = site.get(m.group(1))
        self.assertEqual((status, headers["content-type"]), (200, "image/jpeg"))
        self.assertEqual(site.exchange("GET", m.group(1))[2], photo)

    def test_preview_renders_and_stores_nothing(self):
        before = snapshot()
        r = post_article(self.b, "/admin/articles/new", self.csrf, action="preview",
                         title="Previewed title",
                         body="Some *emphasis* and a [link](https://example.org).\n\n<b>raw</b> html")
        self.assertEqual(r.status, 200)
        self.assertPrivate(r)
        m = re.search(r'<section class="preview".*?</section>', r.body, re.S)
        self.assertTrue(m, "no preview section")
        preview = m.group(0)
        self.assertIn("<h1>Previewed title</h1>", preview)
        self.assertIn("<em>emphasis</em>", preview)
        self.assertIn('<a href="https://example.org">link</a>', preview)
        self.assertNotIn("<b>raw</b>", preview)
        self.assertEqual(harness.input_value(r.body, "title"), "Previewed title")
        self.assertEqual(snapshot(), before)

    def test_invalid_fields_reshow_the_form_with_a_message_each(self):
        long_title = "t" * 301
        cases = [
            ({"title": ""}, "title"),
            ({"title": "   "}, "title"),
            ({"title": long_title}, "title"),
            ({"title": "长" * 301}, "title"),
            ({"title": "tab\tinside"}, "title"),
            ({"author": ""}, "author"),
            ({"author": "a" * 121}, "author"),
            ({"published_on": "2026-02-30"}, "date"),
            ({"published_on": "2025-02-29"}, "date"),
            ({"published_on": "2026-13-01"}, "date"),
            ({"published_on": "2026-1-01"}, "date"),
            ({"published_on": "yesterday"}, "date"),
            ({"published_on": ""}, "date"),
            ({"section": "9999"}, "section"),
            ({"section": "abc"}, "section"),
            ({"section": "0"}, "section"),
            ({"section": "-3"}, "section"),
            ({"status": "secret"}, "status"),
            ({"status": None}, "status"),
            ({"body": "   \n\n  "}, "body"),
        ]
        before = snapshot()
        typed = {"title": "Kept <title> & \"quotes\"", "author": "Kept author",
                 "published_on": "2099-04-01", "body": "Kept body\nsecond line"}
        for over, field in cases:
            fields = dict(typed, **over)
            r = post_article(self.b, "/admin/articles/new", self.csrf, **fields)
            what = f"{over} -> {field}"
            self.assertEqual(r.status, 400, what)
            self.assertPrivate(r, what)
            self.assertIn(f'<span class="field-error" id="{field}-error">', r.body, what)
            self.assertEqual(len(re.findall(r'class="field-error"', r.body)), 1, what)
            self.assertIn("Please correct the 1 problem(s)", r.body, what)
            # What was typed comes back (the template's HTML escaper shows
            # a tab as a space).
            for name in ("title", "author", "published_on"):
                self.assertEqual(harness.input_value(r.body, name),
                                 fields[name].strip().replace("\t", " "), what)
            self.assertEqual(harness.textarea_value(r.body), fields["body"], what)
            self.assertEqual(csrf_of(r.body), self.csrf)
        # Several at once: one message each.
        r = post_article(self.b, "/admin/articles/new", self.csrf, title="", author="",
                         published_on="2026-02-30", section="9999", status="maybe")
        self.assertEqual(r.status, 400)
        for field in ("title", "author", "date", "section", "status"):
            self.assertIn(f'id="{field}-error"', r.body, field)
        self.assertIn("Please correct the 5 problem(s)", r.body)
        # An edit is refused the same way and leaves the article as it was.
        aid = query("SELECT min(id) FROM article")[0][0]
        r = post_article(self.b, f"/admin/articles/{aid}/edit", self.csrf, title="",
                         published_on="2026-02-30")
        self.assertEqual(r.status, 400)
        self.assertIn(f'action="/admin/articles/{aid}/edit"', r.body)
        self.assertEqual(snapshot(), before)

    def test_limits_count_characters_not_bytes(self):
        title, author = "长" * 300, "作" * 120
        aid = create_article(self, self.b, title=title, author=author, status="draft",
                             body="", published_on="2099-04-02")
        row = article_row(aid)
        self.assertEqual((row[0], row[1], row[4], row[5]), (title, author, "", "draft"))
        self.assertEqual(last_audit(), (ADMIN, "created a draft", aid, title))

    def test_dashboard_shows_drafts(self):
        b = signed_in()
        title = f"Draft only admins see {unique()}"
        aid = create_article(self, b, title=title, status="draft", published_on="2099-05-01")
        self.assertEqual(site.get(f"/articles/{aid}")[0], 404)
        self.assertNotIn(title, site.get("/articles/")[2])
        self.assertNotIn(title, site.get("/sections/activities/")[2])
        r = b.get("/admin/")
        self.assertEqual(r.status, 200)
        rows = dashboard_rows(r.body)
        self.assertEqual(rows[aid], {"title": title, "status": "Draft", "date": "2099-05-01",
                                     "author": "Test desk", "href": None})
        total = query("SELECT count(*) FROM article")[0][0]
        self.assertIn(f"Articles ({total})", r.body)
        self.assertEqual(len(rows), min(total, 50))
        published = query("SELECT id FROM article WHERE status = 'published' LIMIT 1")[0][0]
        if published in rows:
            self.assertEqual(rows[published]["status"], "Published")
        # Recent activity, newest first.
        m = re.search(r'<section class="admin-activity".*?</section>', r.body, re.S)
        self.assertTrue(m)
        self.assertRegex(m.group(0), rf"<strong>{ADMIN}</strong> created a draft “{re.escape(title)}”")
        self.assertIn(f"<strong>{ADMIN}</strong> signed in", m.group(0))
        self.assertLess(m.group(0).index("created a draft"), m.group(0).index("signed in"))
        self.assertNotIn(title, site.get("/")[2])

    def test_hostile_text_is_stored_verbatim_and_shown_escaped(self):
        for i, p in enumerate(PAYLOADS):
            with self.subTest(payload=p):
                self.check_payload(p, f"2099-06-{i + 1:02d}")
        # Nothing was dropped.
        self.assertGreater(query("SELECT count(*) FROM article")[0][0], 30)

    def check_payload(self, p, date):
        b, csrf = self.b, self.csrf
        body = f"{p}\n\nSecond paragraph: {p} [x](javascript:alert(3))"
        photo = png(unique())
        fields = dict(title=p, author=p, body=body, photo_alt=p, published_on=date)

        # Refused (bad date): every field comes back as typed, escaped.
        before = query("SELECT count(*) FROM media")[0][0]
        r = post_article(b, "/admin/articles/new", csrf, **dict(fields, published_on="2026-02-30"))
        self.assertEqual(r.status, 400)
        self.assertNoRawMarkup(r.body, "re-shown form")
        for name in ("title", "author", "photo_alt"):
            self.assertEqual(harness.input_value(r.body, name), p, name)
        self.assertEqual(harness.textarea_value(r.body), body)
        self.assertEqual(query("SELECT count(*) FROM media")[0][0], before)

        # Preview.
        r = post_article(b, "/admin/articles/new", csrf, action="preview", **fields)
        self.assertEqual(r.status, 200)
        self.assertNoRawMarkup(r.body, "preview")
        h1 = re.search(r'<section class="preview".*?<h1>(.*?)</h1>', r.body, re.S).group(1)
        self.assertEqual(html.unescape(h1), p)
        self.assertEqual(harness.input_value(r.body, "title"), p)

        # Saved: stored exactly as typed.
        aid = create_article(self, b, photo=("hostile.png", photo), **fields)
        title, author, _, _, stored_body, status, _ = article_row(aid)
        self.assertEqual((title, author, status), (p, p, "published"))
        self.assertTrue(stored_body.startswith(body + "\n\n!["), stored_body)
        self.assertRegex(stored_body, r"\]\(/media/[0-9a-f]{32}\.png\)\n$")
        self.assertEqual(query("SELECT count(*) FROM article WHERE title = ?", (p,))[0][0], 1)
        self.assertEqual(last_audit()[3], p)

        # The public page.
        status, _, page = site.get(f"/articles/{aid}")
        self.assertEqual(status, 200)
        self.assertNoRawMarkup(page, "article page")
        h1 = re.search(r'<article class="article">\s*<h1>(.*?)</h1>', page).group(1)
        self.assertEqual(html.unescape(h1), p)
        byline = re.search(r'<span>Author: (.*?)</span>', page).group(1)
        self.assertEqual(html.unescape(byline), p)
        self.assertTrue(html.unescape(re.search(r"<title>(.*?)</title>", page).group(1)).startswith(p))
        alt = re.search(r'<img src="/media/[0-9a-f]{32}\.png" alt="([^"]*)"', page)
        self.assertTrue(alt, "no photo")
        self.assertEqual(html.unescape(alt.group(1)), p, "the photo description")
        if p in (SQLI, CHINESE):
            article_body = page.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
            first = re.search(r"<p>(.*?)</p>", article_body, re.S).group(1)
            self.assertEqual(html.unescape(first), p)
        # The lists.
        listing = site.get("/articles/")[2]
        self.assertNoRawMarkup(listing, "list")
        self.assertIn(p, titles_in(listing))
        # The dashboard and the edit form.
        r = b.get("/admin/")
        self.assertNoRawMarkup(r.body, "dashboard")
        row = dashboard_rows(r.body)[aid]
        self.assertEqual((row["title"], row["author"]), (p, p))
        r = b.get(f"/admin/articles/{aid}/edit")
        self.assertNoRawMarkup(r.body, "edit form")
        self.assertEqual(harness.input_value(r.body, "title"), p)
        self.assertEqual(harness.input_value(r.body, "author"), p)
        self.assertEqual(harness.textarea_value(r.body), stored_body)
        r = b.get(f"/admin/articles/{aid}/delete")
        self.assertNoRawMarkup(r.body, "delete page")
        # The tables are all still there.
        self.assertEqual(len(query("SELECT name FROM sqlite_master WHERE name IN "
                                   "('article', 'user', 'session', 'media')")), 4)


# --- photos and malformed multipart ---------------------------------------

class SameRendering(AdminCase):
    """Imported seed bodies and bodies written in the editor go through one
    renderer: the same Markdown gives the same article HTML either way, and
    saving a seed article unchanged leaves its page as it was."""

    @staticmethod
    def article_body(aid):
        r = Browser(site).get(f"/articles/{aid}")
        assert r.status == 200, (aid, r.status)
        m = re.search(r'<div class="article-body">(.*?)</div>', r.body, re.S)
        assert m, aid
        return m.group(1)

    def test_seed_and_editor_bodies_render_alike(self):
        b = signed_in()
        for seed_id in (row[0] for row in query(
                "SELECT id FROM article WHERE import_hash IS NOT NULL "
                "AND title NOT LIKE 'Generated%' ORDER BY id")):
            seed_html = self.article_body(seed_id)
            form = b.get(f"/admin/articles/{seed_id}/edit")
            self.assertEqual(form.status, 200)
            markdown = harness.textarea_value(form.body)
            self.assertEqual(markdown, article_row(seed_id)[4])
            # The same Markdown typed into the editor as a new article.
            aid = create_article(self, b, title=f"Copy of {seed_id}", body=markdown)
            self.assertEqual(self.article_body(aid), seed_html, seed_id)
            # The seed article saved through the editor, unchanged.
            csrf = csrf_of(form.body)
            r = post_article(b, f"/admin/articles/{seed_id}/edit", csrf,
                             title=harness.input_value(form.body, "title"),
                             author=harness.input_value(form.body, "author"),
                             published_on=harness.input_value(form.body, "published_on"),
                             section=str(article_row(seed_id)[3]),
                             body=markdown)
            self.assertEqual(r.status, 303, r.body[:1000])
            self.assertEqual(self.article_body(seed_id), seed_html, seed_id)
            self.assertEqual(article_row(seed_id)[4], markdown)
            r = b.post_form(f"/admin/articles/{aid}/delete", {"csrf_token": csrf})
            self.assertEqual(r.status, 303)


class Uploads(AdminCase):
    @classmethod
    def setUpClass(cls):
        cls.b = signed_in()
        cls.csrf = admin_csrf(cls.b)

    def refused(self, r, status, what, form=True):
        self.assertEqual(r.status, status, f"{what}: {r.body[:300]}")
        if form:
            self.assertIn('<span class="field-error" id="photo-error">', r.body, what)
            self.assertEqual(harness.input_value(r.body, "title"), "Photo test", what)

    def test_bad_photos_are_refused_and_nothing_is_stored(self):
        before = snapshot()
        fields = dict(title="Photo test", published_on="2099-07-01")
        cases = [
            ("text named .png", ("notes.png", b"just some text, not an image\n" * 10), 415),
            ("PNG named .jpg", ("picture.jpg", png(unique())), 415),
            ("JPEG named .png", ("picture.png", jpeg(f"x{unique()}")), 415),
            ("HTML named .gif", ("page.gif", b"<!DOCTYPE html><html><script>alert(1)</script></html>"), 415),
            ("path in name", ("../../evil.png", png(unique())), 400),
            ("absolute path", ("/etc/evil.png", png(unique())), 400),
            ("dots", ("..", png(unique())), 400),
            ("backslash path", ("..\\..\\evil.png", png(unique())), 400),
            ("windows path", ("C:\\photos\\a.png", png(unique())), 400),
            ("tab in name", ("evil\t.png", png(unique())), 400),
            ("empty file", ("empty.png", b""), 400),
        ]
        for what, photo, status in cases:
            r = post_article(self.b, "/admin/articles/new", self.csrf, photo=photo, **fields)
            self.refused(r, status, what)
            self.assertPrivate(r, what)
            # Nothing is added to the body either.
            self.assertNotIn("/media/", harness.textarea_value(r.body), what)
            # Preview refuses the same way.
            r = post_article(self.b, "/admin/articles/new", self.csrf, photo=photo,
                             action="preview", **fields)
            self.refused(r, status, what + " (preview)")
        self.assertEqual(snapshot(), before)

    def test_control_character_in_file_name_is_400(self):
        before = snapshot()
        r = post_article(self.b, "/admin/articles/new", self.csrf,
                         photo=("evil\x01.png", png(unique())), title="Photo test")
        self.assertEqual(r.status, 400)
        self.assertEqual(snapshot(), before)

    def test_photo_over_8_mib_is_413(self):
        before = snapshot()
        big = png(unique()) + b"\0" * (8 * 1024 * 1024 + 1)
        r = post_article(self.b, "/admin/articles/new", self.csrf, photo=("big.png", big),
                         title="Photo test", published_on="2099-07-02")
        self.refused(r, 413, "over 8 MiB")
        self.assertIn("larger than 8 MB", r.body)
        self.assertEqual(harness.input_value(r.body, "author"), "Test desk")
        self.assertEqual(snapshot(), before)

    def test_body_over_10_mib_is_413_from_nginx(self):
        before = snapshot()
        limit = 10 * 1024 * 1024
        # Exactly the limit reaches the responder, which refuses the photo
        # (over 8 MiB) but shows the form again ...
        _, base = multipart(article_fields(self.csrf, ("big.png", b""), title="Photo test"))
        head = png(unique())
        photo = head + b"\0" * (limit - len(base) - len(head))
        fields = article_fields(self.csrf, ("big.png", photo), title="Photo test")
        ctype, body = multipart(fields)
        self.assertEqual(len(body), limit)
        r = self.b.request("POST", "/admin/articles/new", {"Content-Type": ctype}, body)
        self.refused(r, 413, "exactly 10 MiB")
        # ... one byte more is refused by nginx before the responder sees it.
        fields[-2] = ("photo_alt", "x")
        ctype, body = multipart(fields)
        self.assertEqual(len(body), limit + 1)
        r = self.b.request("POST", "/admin/articles/new", {"Content-Type": ctype}, body)
        self.assertEqual(r.status, 413)
        self.assertNotIn('class="site-header"', r.body, "nginx answers, not the responder")
        self.assertIn("413", r.body)
        self.assertEqual(snapshot(), before)

    def test_malformed_multipart_is_400(self):
        before = snapshot()
        ctype, body = multipart(article_fields(self.csrf, ("ok.png", png(unique())),
                                               title="Photo test"))
        cases = [
            ("no boundary", "multipart/form-data", body),
            ("empty boundary", "multipart/form-data; boundary=", body),
            ("other boundary", "multipart/form-data; boundary=somethingelse", body),
            ("two boundaries", ctype + "; boundary=x", body),
            ("truncated", ctype, body[:-len(f"--{BOUNDARY}--\r\n")]),
            ("cut inside the photo", ctype, body[:len(body) // 2]),
            ("closing delimiter missing its dashes", ctype, body[:-4] + b"\r\n"),
            ("LF line ends", ctype, body.replace(b"\r\n", b"\n")),
            ("empty body", ctype, b""),
            ("part without a name", ctype, body.replace(b'form-data; name="title"', b"form-data")),
            ("invalid UTF-8 in a text field", ctype,
             body.replace(b"Photo test", b"Photo \xff\xfe test")),
            ("NUL in a text field", ctype, body.replace(b"Photo test", b"Photo\x00test")),
        ]
        for what, ct, data in cases:
            r = self.b.request("POST", "/admin/articles/new", {"Content-Type": ct}, data)
            self.assertEqual(r.status, 400, what)
            self.assertIn("Bad request", r.body, what)
        # Another content type altogether.
        r = self.b.request("POST", "/admin/articles/new", {"Content-Type": "text/plain"}, b"title=x")
        self.assertEqual(r.status, 415)
        self.assertEqual(snapshot(), before)
        self.assertEqual(self.b.get("/admin/").status, 200, "the session survived")

    def test_duplicate_fields_are_not_guessed_between(self):
        before = snapshot()
        fields = article_fields(self.csrf, None, title="First title")
        fields.insert(2, ("title", "Second title"))
        r = post_multipart(self.b, "/admin/articles/new", fields)
        self.assertEqual(r.status, 400)
        self.assertIn('id="title-error"', r.body)
        self.assertEqual(snapshot(), before)

    def test_same_photo_twice_is_stored_once(self):
        photo = png(unique())
        a = create_article(self, self.b, photo=("one.png", photo), title=f"Twice A {unique()}",
                           published_on="2099-07-03")
        files = sorted(os.listdir(site.media))
        b = create_article(self, self.b, photo=("two.png", photo), title=f"Twice B {unique()}",
                           published_on="2099-07-03")
        self.assertEqual(sorted(os.listdir(site.media)), files)
        names = [re.search(r"/media/([0-9a-f]{32}\.png)", article_row(i)[4]).group(1) for i in (a, b)]
        self.assertEqual(names[0], names[1])
        self.assertEqual(query("SELECT count(*) FROM media WHERE name = ?", (names[0],))[0][0], 1)


# --- admin responses are private ------------------------------------------

class Private(AdminCase):
    def test_admin_error_pages_are_private_too(self):
        b = signed_in()
        csrf = admin_csrf(b)
        cases = [
            ("404 unknown admin page", b.get("/admin/nope"), 404),
            ("404 no such article", b.get("/admin/articles/999999/edit"), 404),
            ("400 bad page", b.get("/admin/?page=zero"), 400),
            ("405 wrong method", b.request("PUT", "/admin/", body=b""), 405),
            ("403 wrong token", b.post_form("/admin/signout", {"csrf_token": "A" * 43}), 403),
            ("400 malformed multipart", b.request("POST", "/admin/articles/new",
                                                  {"Content-Type": "multipart/form-data"}, b"x"), 400),
        ]
        for what, r, status in cases:
            self.assertEqual(r.status, status, what)
            self.assertPrivate(r, what)
        self.assertEqual(csrf, admin_csrf(b))


# --- accounts -------------------------------------------------------------

class Accounts(AdminCase):
    def test_adduser_reads_the_password_from_stdin_and_refuses_short_ones(self):
        r = site.add_user("shorty", "123456789", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("too short", r.stderr)
        self.assertNotIn("shorty", site.gazette("users").stdout)
        r = site.gazette("adduser", "shorty", input="", check=False)
        self.assertEqual(r.returncode, 1, "no password on stdin")
        r = site.add_user("bad name!", "a long enough password", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(site.add_user("shorty", "0123456789", check=False).returncode, 0)
        r = site.add_user("shorty", "0123456789 again", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("already exists", r.stderr)
        # Ten characters, thirty bytes: long enough.
        self.assertEqual(site.add_user("hanzi", "密码是十个汉字长度够", check=False).returncode, 0)
        self.assertEqual(site.add_user("hanzi2", "九个汉字不够长度的", check=False).returncode, 1)
        users = site.gazette("users").stdout
        self.assertRegex(users, r"(?m)^shorty\tcreated \d{4}-\d\d-\d\d\t0 open sessions$")
        self.assertRegex(users, r"(?m)^hanzi\t")
        self.assertNotIn("hanzi2", users)
        self.assertEqual(sign_in(Browser(site), "shorty", "0123456789").status, 303)
        self.assertEqual(sign_in(Browser(site), "hanzi", "密码是十个汉字长度够").status, 303)
        self.assertRegex(site.gazette("users").stdout, r"(?m)^shorty\t.*\t1 open session$")

    def test_passwd_ends_every_session(self):
        name, old_pw, new_pw = "rotator", "the first password", "the second password"
        site.add_user(name, old_pw)
        b1, b2 = signed_in(name, old_pw), signed_in(name, old_pw)
        self.assertRegex(site.gazette("users").stdout, rf"(?m)^{name}\t.*\t2 open sessions$")
        r = site.gazette("passwd", name, input=new_pw + "\n", check=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        for b in (b1, b2):
            self.assertSignInRedirect(b.get("/admin/"), "/admin/")
        self.assertEqual(query("SELECT count(*) FROM session WHERE user_id = ?",
                               (user_id(name),))[0][0], 0)
        r = sign_in(Browser(site, source="127.0.0.6"), name, old_pw)
        self.assertEqual(r.status, 403)
        self.assertEqual(sign_in(Browser(site), name, new_pw).status, 303)
        self.assertEqual(site.gazette("passwd", name, input="short\n", check=False).returncode, 1)
        self.assertEqual(site.gazette("passwd", "no-such-account", input=new_pw + "\n",
                                      check=False).returncode, 1)
        execute("DELETE FROM signin_failure WHERE key IN (?, '127.0.0.6')", (name,))

    def test_deluser_ends_every_session(self):
        name, pw = "leaver", "a password to leave with"
        site.add_user(name, pw)
        uid = user_id(name)
        b = signed_in(name, pw)
        self.assertEqual(b.get("/admin/").status, 200)
        r = site.gazette("deluser", name, check=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertSignInRedirect(b.get("/admin/"), "/admin/")
        self.assertEqual(query("SELECT count(*) FROM session WHERE user_id = ?", (uid,))[0][0], 0)
        r = sign_in(Browser(site, source="127.0.0.7"), name, pw)
        self.assertEqual(r.status, 403)
        self.assertIn(html.escape(SIGNIN_WRONG), r.body)
        self.assertNotRegex(site.gazette("users").stdout, rf"(?m)^{name}\t")
        self.assertEqual(site.gazette("deluser", name, check=False).returncode, 1)
        execute("DELETE FROM signin_failure WHERE key IN (?, '127.0.0.7')", (name,))


Zz_Log = harness.sanitizer_log_case(lambda: site)


if __name__ == "__main__":
    harness.main(__name__)
