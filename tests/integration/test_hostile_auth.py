"""test_hostile_auth.py: attacks on signing in and on the admin's session,
through real nginx and the real responder: `next` pointing off-site (on
/lang, the sign-in form and its POST, and the admin's redirect to it); a
session fixated (a token the attacker chose, a planted session of another
account, a signed-out cookie, malformed and doubled session cookies);
forged CSRF tokens on every admin POST and on sign-in; and 1,000 sign-ins
with wrong passwords against the limits of docs/admin-guide.md.

hostile.py has the payloads, the site and what every answer must be;
test_admin.py covers the ordinary CSRF, Origin and next cases."""

import base64
import hashlib
import html
import re
import secrets
import time
import urllib.parse

import harness
import hostile
from hostile import (ADMIN, ADMIN_PW, FORM, OTHER, OTHER_PW, SQLI, THREADS, TIMEOUT, VICTIM,
                     VICTIM_PW, XSS, HostileCase, Req, admin_cookie, article_fields, multipart,
                     q, same_site, signin_token, urlencoded)

site = AID = ADMIN_COOKIE = ADMIN_CSRF = START_PIDS = None     # set by setUpModule


def setUpModule():
    global site, AID, ADMIN_COOKIE, ADMIN_CSRF, START_PIDS
    site = hostile.start_site()
    AID, ADMIN_COOKIE = hostile.AID, hostile.ADMIN_COOKIE
    ADMIN_CSRF, START_PIDS = hostile.ADMIN_CSRF, hostile.START_PIDS


def tearDownModule():
    if site is not None:
        hostile.print_sent()
        site.finish()


# --- next ------------------------------------------------------------------

NEXT_PAYLOADS = [
    "//evil.example", "///evil.example", "////evil.example", "/\\evil.example",
    "\\\\evil.example", "\\/evil.example", "/\\/evil.example", "https://evil.example",
    "http:evil.example", "https:/evil.example", "//evil.example/%2e%2e", "javascript:alert(1)",
    "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "/\t/evil.example",
    "/\r\n/evil.example", "/\r\nLocation: https://evil.example", "\r\nSet-Cookie: x=y",
    " //evil.example", "\t//evil.example", "%2F%2Fevil.example", "%2f%2fevil.example",
    "/%2F%2Fevil.example", "//%65vil.example", "\uff0f\uff0fevil.example", "/\u3000/evil.example",
    "http://127.0.0.1@evil.example", "@evil.example", "evil.example", "", "/" + "a" * 1100,
    "/\x0b/evil.example", "/\x7f/evil.example", "/admin/\r\nX-Injected: 1",
    "/%0d%0aX-Injected:%201", "/admin/?a=b#\"><script>alert(1)</script>",
]


class OffSiteNext(HostileCase):
    def test_lang_and_signin_form(self):
        reqs = []
        for value in NEXT_PAYLOADS:
            reqs.append(Req(f"/lang next={value[:40]!r}", path=f"/lang?to=zh-CN&next={q(value)}",
                            expect=303))
            reqs.append(Req(f"/signin next={value[:40]!r}", path=f"/signin?next={q(value)}",
                            expect=200))
            reqs.append(Req(f"/signin next={value[:40]!r} signed in",
                            path=f"/signin?next={q(value)}", cookie=admin_cookie(), expect=303))
            # Double-encoded, the way a second redirect would carry it.
            reqs.append(Req(f"/lang next={value[:40]!r} twice encoded",
                            path=f"/lang?to=en&next={q(q(value))}", expect=303))
        for bad in ["%00", "%FF", "%C0%AF", "/%C0%AF/evil.example", "%2F%00%2Fevil.example"]:
            reqs.append(Req(f"/lang next={bad}", path=f"/lang?to=en&next={bad}", expect=400))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            value = urllib.parse.parse_qs(urllib.parse.urlsplit(req.path).query,
                                          keep_blank_values=True).get("next", [""])[0]
            if req.path.startswith("/lang") and r.status == 303:
                loc = r.headers["location"].encode("latin-1").decode("utf-8")
                self.assertEqual(loc, value if same_site(value) else "/", req.what)
            elif r.status == 200:
                hidden = re.findall(r'<input type="hidden" name="next" value="([^"]*)">', r.body)
                self.assertEqual([html.unescape(h) for h in hidden],
                                 [value] if same_site(value) else [], req.what)
            elif r.status == 303:
                self.assertEqual(r.headers["location"], "/admin/", req.what)

    def test_signin_post_redirects_on_site_only(self):
        reqs = []
        token = signin_token()
        for i, value in enumerate(NEXT_PAYLOADS):
            reqs.append(Req(f"sign-in next={value[:40]!r}", "POST", "/signin", FORM,
                            urlencoded([("csrf_token", token), ("name", ADMIN),
                                        ("password", ADMIN_PW), ("next", value)]),
                            cookie=f"gazette_signin={token}", source=f"127.0.2.{1 + i}",
                            expect=303))
        n = len(reqs)
        with self.unchanged(sessions=n, audit=[(ADMIN, "signed in")] * n):
            results = self.run_checked(reqs)
        for req, r in results:
            value = urllib.parse.parse_qs(req.body.decode(), keep_blank_values=True)["next"][0]
            loc = r.headers["location"].encode("latin-1").decode("utf-8")
            self.assertEqual(loc, value if same_site(value) else "/admin/", req.what)
            self.assertIsNotNone(r.cookie("gazette_session"), req.what)

    def test_signin_redirect_of_the_admin_carries_an_encoded_path(self):
        reqs = []
        for path in ["/admin//evil.example", "/admin/%2F%2Fevil.example", "/admin/..%2f..%2f",
                     "/admin/\\evil.example", "/admin/x?next=//evil.example",
                     "/admin/x?%0d%0aX-Injected:%201", "/admin/" + "%E4%B8%AD" * 100]:
            reqs.append(Req("admin redirect", path=path, expect={303, 400}))
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            if r.status == 303:
                loc = r.headers["location"]
                self.assertTrue(loc.startswith("/signin?next=%2Fadmin%2F"), (req.path, loc))
                self.assertRegex(loc, r"^[A-Za-z0-9%/?=._~-]+$", req.path)


# --- sessions --------------------------------------------------------------

def token_hash(cookie):
    """What the session table keeps for a cookie (BLAKE2b-256 of the token)."""
    raw = base64.urlsafe_b64decode(cookie + "=")
    return hashlib.blake2b(raw, digest_size=32).digest()


def session_exists(cookie):
    return bool(site.query("SELECT 1 FROM session WHERE token_hash = ?", (token_hash(cookie),)))


def sign_in_with(cookie_header, name=ADMIN, password=ADMIN_PW, source=None):
    """Fetches a sign-in form token, then POSTs the form as a browser that
    holds COOKIE_HEADER's cookies (None: none) besides the token's would."""
    token = signin_token(source)
    cookie_header = f"{cookie_header}; gazette_signin={token}" if cookie_header else \
        f"gazette_signin={token}"
    return harness.Reply(*site.exchange(
        "POST", "/signin", {**FORM, "Cookie": cookie_header},
        urlencoded([("csrf_token", token), ("name", name), ("password", password)]),
        source=source, timeout=TIMEOUT))


class RawValue(str):
    """A form value already percent-escaped (possibly malformed on purpose)."""


def fresh_token():
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


class SessionFixation(HostileCase):
    def admin_status(self, cookie):
        return site.request("GET", "/admin/", {"Cookie": f"gazette_session={cookie}"})[0]

    def test_a_chosen_token_is_never_the_session(self):
        chosen = fresh_token()
        with self.unchanged(sessions=1, audit=[(ADMIN, "signed in")]):
            # The attacker's token opens nothing, before or after the sign-in.
            self.assertEqual(self.admin_status(chosen), 303)
            r = site.request("GET", "/signin", {"Cookie": f"gazette_session={chosen}"})
            self.assertEqual(r[0], 200, "a chosen token counted as signed in")
            r = sign_in_with(f"gazette_session={chosen}")
            self.assertEqual(r.status, 303)
            new = r.cookie("gazette_session")[0]
            self.assertNotEqual(new, chosen)
            self.assertNotIn(chosen, "".join(r.set_cookies).replace(new, ""))
            self.assertEqual(r.cookie("gazette_signin")[1].get("max-age"), "0",
                             "the sign-in token is not cleared")
            self.assertFalse(session_exists(chosen))
            self.assertTrue(session_exists(new))
            self.assertEqual(self.admin_status(chosen), 303)
            self.assertEqual(self.admin_status(new), 200)
            # A session is read from its cookie only, never from the URL.
            self.assertEqual(site.request("GET", f"/admin/?gazette_session={new}")[0], 303)

    def test_a_planted_session_of_another_account_ends_at_sign_in(self):
        with self.unchanged(sessions=1, audit=[(OTHER, "signed in"), (ADMIN, "signed in")]):
            r = sign_in_with(None, OTHER, OTHER_PW)
            planted = r.cookie("gazette_session")[0]
            self.assertEqual(self.admin_status(planted), 200)
            # The victim's browser holds the attacker's session and signs in.
            r = sign_in_with(f"gazette_session={planted}")
            self.assertEqual(r.status, 303)
            mine = r.cookie("gazette_session")[0]
            self.assertNotEqual(mine, planted)
            self.assertFalse(session_exists(planted), "the planted session lives on")
            self.assertEqual(self.admin_status(planted), 303)
            page = site.request("GET", "/admin/", {"Cookie": f"gazette_session={mine}"})[2]
            self.assertIn(f"<strong>{ADMIN}</strong>", page)

    def test_a_signed_out_cookie_opens_and_changes_nothing(self):
        with self.unchanged(sessions=0, audit=[(ADMIN, "signed in"), (ADMIN, "signed out")]):
            r = sign_in_with(None)
            cookie = r.cookie("gazette_session")[0]
            c = f"gazette_session={cookie}"
            csrf = harness.csrf_of(site.request("GET", "/admin/", {"Cookie": c})[2])
            r = site.request("POST", "/admin/signout", {**FORM, "Cookie": c},
                             urlencoded([("csrf_token", csrf)]))
            self.assertEqual(r[0], 303)
            self.assertFalse(session_exists(cookie))
            h, body = multipart(article_fields(csrf_token=csrf, action="save",
                                               title="Sneaked in after sign-out"))
            reqs = [Req("GET /admin/", path="/admin/", cookie=c, expect=303),
                    Req("GET the editor", path="/admin/articles/new", cookie=c, expect=303),
                    Req("save an article", "POST", "/admin/articles/new", h, body, cookie=c,
                        expect=303),
                    Req("save an edit", "POST", f"/admin/articles/{AID}/edit", h, body, cookie=c,
                        expect=303),
                    Req("delete", "POST", f"/admin/articles/{AID}/delete", FORM,
                        urlencoded([("csrf_token", csrf)]), cookie=c, expect=303),
                    Req("sign out again", "POST", "/admin/signout", FORM,
                        urlencoded([("csrf_token", csrf)]), cookie=c, expect=303),
                    Req("the sign-in form", path="/signin", cookie=c, expect=200)]
            for req, r in self.run_checked(reqs):
                if r.status == 303:
                    self.assertTrue(r.headers["location"].startswith("/signin"), req.what)

    def test_malformed_and_doubled_session_cookies(self):
        a = ADMIN_COOKIE
        cases = [
            ("two session cookies, right first",
             f"gazette_session={a}; gazette_session={fresh_token()}"),
            ("two session cookies, right last",
             f"gazette_session={fresh_token()}; gazette_session={a}"),
            ("another name's case", f"Gazette_Session={a}"),
            ("the token with a trailing byte", f"gazette_session={a}A"),
            ("the token cut by one", f"gazette_session={a[:-1]}"),
            ("the token in another base64 alphabet",
             f"gazette_session={a.replace('-', '+').replace('_', '/')}"
             if ("-" in a or "_" in a) else f"gazette_session={a.swapcase()}"),
            ("the token swapped case", f"gazette_session={a.swapcase()}"),
            ("the token percent-encoded",
             "gazette_session=" + "".join(f"%{ord(c):02X}" for c in a)),
            ("the CSRF token as the session", f"gazette_session={ADMIN_CSRF}"),
            ("SQL in the cookie", "gazette_session=' OR '1'='1"),
            ("43 bytes of SQL", "gazette_session=" + ("'OR''='" * 7)[:43]),
            ("a padded token", f"gazette_session={a}="),
        ]
        reqs = [Req(what, path="/admin/", cookie=c, expect=303) for what, c in cases]
        with self.unchanged():
            self.run_checked(reqs)


# --- CSRF ------------------------------------------------------------------

class ForgedCsrf(HostileCase):
    """test_admin.py covers a missing, empty, wrong, cut, lengthened and
    another session's token, and foreign Origins; here: hostile token
    values, the token where it does not count, and the token of a session
    that has ended, on every admin POST and on sign-in."""

    def admin_posts(self, token_fields, extra_path="", cookie=None):
        """One POST to each admin POST route, with TOKEN_FIELDS [(name,
        value)] as its token part: VALUE a str, or RawValue (percent-escaped
        text, sent as such in a urlencoded form, decoded to raw bytes in a
        multipart one). [(path, headers, body, cookie)]."""
        c = cookie or admin_cookie()
        out = []
        for path in ["/admin/articles/new", f"/admin/articles/{AID}/edit"]:
            fields = [(k, urllib.parse.unquote_to_bytes(v) if isinstance(v, RawValue) else v)
                      for k, v in token_fields]
            h, body = multipart(fields + article_fields(csrf_token=None, action="save",
                                                        title="Forged article"))
            out.append((path + extra_path, h, body, c))
        fields = [(k, v.encode() if isinstance(v, RawValue) else v) for k, v in token_fields]
        for path in [f"/admin/articles/{AID}/delete", "/admin/signout"]:
            out.append((path + extra_path, FORM, urlencoded(fields), c))
        return out

    def test_forged_tokens_on_every_admin_post(self):
        s = ADMIN_CSRF
        other_session = sign_in_with(None, OTHER, OTHER_PW).cookie("gazette_session")[0]
        ended = sign_in_with(None).cookie("gazette_session")[0]
        ended_csrf = harness.csrf_of(site.request(
            "GET", "/admin/", {"Cookie": f"gazette_session={ended}"})[2])
        r = site.request("POST", "/admin/signout", {**FORM, "Cookie": f"gazette_session={ended}"},
                         urlencoded([("csrf_token", ended_csrf)]))
        self.assertEqual(r[0], 303)
        cases = [
            ("SQL", [("csrf_token", SQLI[0])], 403),
            ("SQL of 43 bytes", [("csrf_token", ("' OR 1=1 --" * 4)[:43])], 403),
            ("XSS", [("csrf_token", XSS[1])], 403),
            ("200 kB", [("csrf_token", "A" * 200000)], 403),
            ("CR/LF after the token", [("csrf_token", s + "\r\n")], 403),
            ("a space after the token", [("csrf_token", s + " ")], 403),
            ("the token in lower case", [("csrf_token", s.lower())], 403),
            ("the token with padding", [("csrf_token", s + "=")], 403),
            ("twice, right then wrong", [("csrf_token", s), ("csrf_token", "A" * 43)], 403),
            ("twice, both right", [("csrf_token", s), ("csrf_token", s)], 403),
            ("under another name", [("CSRF_TOKEN", s)], 403),
            ("as an array", [("csrf_token[]", s)], 403),
            ("the session cookie's value", [("csrf_token", ADMIN_COOKIE)], 403),
            ("a sign-in form token", [("csrf_token", signin_token())], 403),
            ("an ended session's token", [("csrf_token", ended_csrf)], 403),
            ("a NUL", [("csrf_token", RawValue(q(s) + "%00"))], 400),
            ("invalid UTF-8", [("csrf_token", RawValue(q(s) + "%C0%AF"))], 400),
        ]
        reqs = []
        for what, fields, expect in cases:
            for path, h, body, c in self.admin_posts(fields):
                reqs.append(Req(what, "POST", path, h, body, cookie=c, expect=expect))
        # The right token, but in the query string, not the form.
        for path, h, body, c in self.admin_posts([], extra_path=f"?csrf_token={s}"):
            reqs.append(Req("the token in the query string", "POST", path, h, body, cookie=c,
                            expect=403))
        # This session's token with another account's session: a token is
        # bound to its session.
        for path, h, body, c in self.admin_posts([("csrf_token", s)],
                                                 cookie=f"gazette_session={other_session}"):
            reqs.append(Req("this token, another session", "POST", path, h, body, cookie=c,
                            expect=403))
        with self.unchanged():
            self.run_checked(reqs)
        self.assertEqual(site.request("GET", "/admin/", {"Cookie": admin_cookie()})[0], 200)
        self.assertTrue(session_exists(other_session), "a forged sign-out ended a session")

    def test_forged_tokens_on_sign_in(self):
        token = signin_token()
        t2 = signin_token()
        right = [("name", ADMIN), ("password", ADMIN_PW)]
        cases = [
            ("no sign-in cookie", [("csrf_token", token)] + right, ""),
            ("two sign-in cookies", [("csrf_token", token)] + right,
             f"gazette_signin={token}; gazette_signin={t2}"),
            ("the token twice", [("csrf_token", token), ("csrf_token", token)] + right,
             f"gazette_signin={token}"),
            ("the token in lower case", [("csrf_token", token.lower())] + right,
             f"gazette_signin={token}"),
            ("another form's token", [("csrf_token", t2)] + right, f"gazette_signin={token}"),
            ("a session's CSRF token", [("csrf_token", ADMIN_CSRF)] + right,
             f"gazette_signin={token}"),
            ("SQL as token and cookie", [("csrf_token", "' OR 1=1 --")] + right,
             "gazette_signin=' OR 1=1 --"),
            ("XSS as token and cookie", [("csrf_token", "<script>")] + right,
             "gazette_signin=<script>"),
            ("a token of 42 bytes", [("csrf_token", token[:-1])] + right,
             f"gazette_signin={token[:-1]}"),
            ("a token of 44 bytes", [("csrf_token", token + "A")] + right,
             f"gazette_signin={token}A"),
        ]
        reqs = [Req(what, "POST", "/signin", FORM, urlencoded(fields), cookie=c, expect=403)
                for what, fields, c in cases]
        reqs.append(Req("the token in the query string", "POST", f"/signin?csrf_token={token}",
                        FORM, urlencoded(right), cookie=f"gazette_signin={token}", expect=403))
        h, body = multipart([("csrf_token", token + "\x00")] + right)
        reqs.append(Req("a NUL after the token", "POST", "/signin", h, body,
                        cookie=f"gazette_signin={token}", expect=400))
        # Refused before the password is looked at: no session, no audit,
        # and no failure counted against the account.
        with self.unchanged():
            results = self.run_checked(reqs)
        for req, r in results:
            self.assertIsNone(r.cookie("gazette_session"), req.what)


# --- 1,000 sign-ins --------------------------------------------------------

class SignInFlood(HostileCase):
    """1,000 sign-ins with wrong passwords: 500 from one address at many
    names, 500 spread over 100 addresses at one account. docs/admin-guide.md: 20
    failures block an address, 5 an account name, for 15 minutes, even for
    the right password (429 with Retry-After)."""

    def attempt(self, what, name, password, source, token):
        return Req(what, "POST", "/signin", FORM,
                   urlencoded([("csrf_token", token), ("name", name), ("password", password)]),
                   cookie=f"gazette_signin={token}", source=source, expect={403, 429})

    def test_1000_wrong_passwords(self):
        token = signin_token()
        one = "127.0.3.1"
        spread = [f"127.0.4.{i}" for i in range(1, 101)]
        flood = [self.attempt("one address", VICTIM if i % 10 == 0 else f"guess-{i}",
                              f"wrong guess {i}", one, token) for i in range(500)]
        flood += [self.attempt("spread", VICTIM, f"wrong guess {i}", spread[i % 100], token)
                  for i in range(500)]
        self.assertEqual(len(flood), 1000)
        now = time.time()
        self.addCleanup(site.execute, "DELETE FROM signin_failure")
        with self.unchanged(sessions=2, audit=[(ADMIN, "signed in"), (VICTIM, "signed in")],
                            failures=True):
            results = self.run_checked(flood)
            one_403 = sum(r.status == 403 for req, r in results[:500])
            spread_victim = sum(r.status == 403 for req, r in results[500:])
            # Limits hold to within the requests a worker had already let
            # through when another recorded the failure that reached them.
            self.assertGreaterEqual(one_403, 20)
            self.assertLessEqual(one_403, 20 + THREADS)
            victim_403 = sum(r.status == 403 for req, r in results
                             if urllib.parse.parse_qs(req.body.decode())["name"][0] == VICTIM)
            self.assertGreaterEqual(victim_403, 5)
            self.assertLessEqual(victim_403, 5 + THREADS)
            self.assertLessEqual(spread_victim, 5 + THREADS)
            for req, r in results:
                self.assertIsNone(r.cookie("gazette_session"), req.what)
                if r.status == 429:
                    wait = int(r.headers["retry-after"])
                    self.assertTrue(0 < wait <= 900, wait)
                    self.assertIn("Too many failed sign-ins", r.body)
            rows = {(s, k): (n, until) for s, k, n, _, until in
                    site.query("SELECT * FROM signin_failure")}
            self.assertGreaterEqual(rows[("addr", one)][0], 20)
            self.assertGreater(rows[("addr", one)][1], now)
            self.assertGreaterEqual(rows[("user", VICTIM)][0], 5)
            self.assertGreater(rows[("user", VICTIM)][1], now)
            for addr in spread:
                self.assertLess(rows.get(("addr", addr), (0, 0))[0], 20, addr)

            # The lockout: the right password from a fresh address is 429 too.
            r = sign_in_with(None, VICTIM, VICTIM_PW, source="127.0.3.200")
            self.assertEqual(r.status, 429)
            self.assertTrue(0 < int(r.headers["retry-after"]) <= 900)
            self.assertIsNone(r.cookie("gazette_session"))
            # The blocked address cannot sign anyone in, ...
            r = sign_in_with(None, ADMIN, ADMIN_PW, source=one)
            self.assertEqual(r.status, 429)
            # ... but another account from another address can.
            r = sign_in_with(None, ADMIN, ADMIN_PW, source="127.0.3.201")
            self.assertEqual(r.status, 303)
            # When the 15 minutes are over, the right password works.
            site.execute("UPDATE signin_failure SET window_start = window_start - 1000, "
                         "blocked_until = ? WHERE scope = 'user' AND key = ?",
                         (int(time.time()) - 1, VICTIM))
            r = sign_in_with(None, VICTIM, VICTIM_PW, source="127.0.3.202")
            self.assertEqual(r.status, 303)
            self.assertFalse(site.query("SELECT 1 FROM signin_failure WHERE scope = 'user' "
                                        "AND key = ?", (VICTIM,)), "the count was not cleared")
        self.assertEqual(site.workers_pids(), START_PIDS)


# --- last ------------------------------------------------------------------
# Classes of this module, so that they run before tearDownModule stops the
# site; by their names, after every group.

class Zy_Survivors(hostile.Survivors):
    pass


class Zz_Log(harness.sanitizer_log_case(lambda: site)):
    pass


if __name__ == "__main__":
    harness.main(__name__)
