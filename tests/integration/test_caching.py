"""test_caching.py: HTTP caching over real nginx and the real responder.

Without nginx's cache: every public page and feed has Cache-Control, an
ETag and Last-Modified; a repeated conditional GET (If-None-Match or
If-Modified-Since) gets 304 with no body; a publish changes the ETag, so
the old one gets the new page; the languages have different ETags; error,
admin and sign-in answers are never cacheable.

With nginx's fastcgi_cache set up as docs/nginx.conf says (a second site):
a second request is a cache HIT; a publish (from the admin or from the
command line), an edit, a delete or a changed setting is visible on the
very next request; signed-in requests bypass the cache and admin pages are
never stored; the cache-key location is not reachable from outside; views
of pages served from the cache are still counted."""

import re
import time
import unittest

import harness

plain = None
cached = None
ADMIN, ADMIN_PW = "editor", "caching test password"
PAGES = ["/", "/articles/", "/sections/activities/", "/articles/1", "/search?q=party"]


def setUpModule():
    global plain, cached
    plain = harness.Site(workers=2)
    plain.seed()
    plain.start()
    plain.add_user(ADMIN, ADMIN_PW)
    cached = harness.Site(workers=2, cache=True)
    cached.seed()
    cached.start()
    cached.add_user(ADMIN, ADMIN_PW)


def tearDownModule():
    for s in (plain, cached):
        if s is not None:
            s.finish()


def signed_in(site):
    return harness.signed_in(site, ADMIN, ADMIN_PW)


class Validators(unittest.TestCase):
    def test_public_pages_carry_validators(self):
        for path in PAGES:
            status, h, _ = plain.get(path)
            self.assertEqual(status, 200, path)
            self.assertEqual(h.get("cache-control"), "public, no-cache", path)
            self.assertRegex(h.get("etag", ""), r'^"[0-9a-f]{32}"$', path)
            self.assertRegex(h.get("last-modified", ""),
                             r"^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$", path)
            self.assertIn("accept-language", h.get("vary", "").lower(), path)

    def test_feeds_and_robots(self):
        for path in ("/feed.xml", "/sections/activities/feed.xml", "/sitemap.xml"):
            status, h, _ = plain.get(path)
            self.assertEqual((status, h.get("cache-control")), (200, "public, max-age=300"), path)
            self.assertIn("etag", h, path)
        status, h, _ = plain.get("/robots.txt")
        self.assertEqual(h.get("cache-control"), "public, max-age=86400")

    def test_repeated_conditional_get_is_304(self):
        for path in PAGES + ["/feed.xml"]:
            _, h, body = plain.get(path)
            for method in ("GET", "HEAD"):
                status, h2, data = plain.exchange(method, path,
                                                  {"If-None-Match": h["etag"]})
                h2 = {k.lower(): v for k, v in h2}
                self.assertEqual(status, 304, (method, path))
                self.assertEqual(data, b"", path)
                self.assertEqual(h2.get("etag"), h["etag"], path)
                self.assertEqual(h2.get("cache-control"), h["cache-control"], path)
            # The weak form and a list with it match too (RFC 9110 weak comparison).
            for inm in ("W/" + h["etag"], '"other", ' + h["etag"], "*"):
                status, _, _ = plain.get(path, headers={"If-None-Match": inm})
                self.assertEqual(status, 304, (path, inm))
            status, _, again = plain.get(path, headers={"If-None-Match": '"other"'})
            self.assertEqual((status, again), (200, body), path)

    def test_if_modified_since(self):
        _, h, _ = plain.get("/articles/")
        lm = h["last-modified"]
        self.assertEqual(plain.get("/articles/", headers={"If-Modified-Since": lm})[0], 304)
        t = time.mktime(time.strptime(lm, "%a, %d %b %Y %H:%M:%S GMT")) - time.timezone
        older = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(t - 60))
        self.assertEqual(plain.get("/articles/", headers={"If-Modified-Since": older})[0], 200)
        # If-None-Match decides alone when both are sent.
        status, _, _ = plain.get("/articles/", headers={"If-Modified-Since": lm,
                                                        "If-None-Match": '"other"'})
        self.assertEqual(status, 200)
        for junk in ("yesterday", "Sunday, 06-Nov-94 08:49:37 GMT", "x" * 5000):
            self.assertEqual(plain.get("/articles/", headers={"If-Modified-Since": junk})[0],
                             200, junk[:40])

    def test_publish_changes_the_etag(self):
        _, h, _ = plain.get("/")
        plain.import_article("Validators see this new article")
        status, h2, body = plain.get("/", headers={"If-None-Match": h["etag"]})
        self.assertEqual(status, 200)
        self.assertIn("Validators see this new article", body)
        self.assertNotEqual(h2["etag"], h["etag"])

    def test_languages_have_their_own_etags(self):
        _, en, _ = plain.get("/articles/1")
        _, zh, _ = plain.get("/articles/1", headers={"Accept-Language": "zh-CN"})
        self.assertNotEqual(en["etag"], zh["etag"])
        status, _, _ = plain.get("/articles/1", headers={"Accept-Language": "zh-CN",
                                                         "If-None-Match": en["etag"]})
        self.assertEqual(status, 200)

    def test_errors_are_not_cacheable(self):
        for path in ("/articles/999999", "/no/such/page", "/articles/?page=0",
                     "/articles/?page=99999"):
            status, h, _ = plain.get(path, headers={"If-None-Match": "*"})
            self.assertIn(status, (400, 404), path)
            self.assertEqual(h.get("cache-control"), "no-store", path)
            self.assertNotIn("etag", h, path)

    def test_admin_and_signin_are_never_cacheable(self):
        b = signed_in(plain)
        for path in ("/admin/", "/admin/articles/new"):
            r = b.request("GET", path, {"If-None-Match": "*"})
            self.assertEqual(r.status, 200, path)
            self.assertEqual(r.headers.get("cache-control"), "no-store", path)
            self.assertNotIn("etag", r.headers, path)
        status, h, _ = plain.get("/signin", headers={"If-None-Match": "*"})
        self.assertEqual((status, h.get("cache-control")), (200, "no-store"))
        self.assertNotIn("etag", h)

    def test_setting_change_seen_without_restart(self):
        plain.gazette("setting", "site_name", "Renamed by the caching test")
        try:
            _, _, body = plain.get("/articles/")
            self.assertIn("Renamed by the caching test", body)
        finally:
            plain.gazette("setting", "site_name", "Gazette")


class NginxCache(unittest.TestCase):
    def assertCache(self, path, want, headers=None):
        status, h, body = cached.get(path, headers=headers)
        self.assertEqual(status, 200, path)
        self.assertEqual(h.get("x-cache"), want, path)
        return body

    def test_second_request_is_a_hit(self):
        for path in PAGES:
            cached.get(path)
            self.assertCache(path, "HIT")

    def test_publish_from_the_command_line_is_seen_next(self):
        cached.get("/")
        self.assertCache("/", "HIT")
        cached.import_article("Seen at once after an import")
        body = self.assertCache("/", "MISS")
        self.assertIn("Seen at once after an import", body)
        self.assertCache("/", "HIT")

    def test_admin_publish_edit_delete_seen_next(self):
        b = signed_in(cached)
        for path in ("/", "/articles/"):
            cached.get(path)
            self.assertCache(path, "HIT")
        harness.admin_save(cached, b, "/admin/articles/new", title="Published through the admin")
        aid = int(re.search(r"/articles/(\d+)",
                            cached.get("/")[2]).group(1))
        for path in ("/", "/articles/", f"/articles/{aid}"):
            self.assertIn("Published through the admin", cached.get(path)[2], path)
        self.assertCache(f"/articles/{aid}", "HIT")
        harness.admin_save(cached, b, f"/admin/articles/{aid}/edit", title="Edited through the admin")
        body = self.assertCache(f"/articles/{aid}", "MISS")
        self.assertIn("Edited through the admin", body)
        self.assertNotIn("Published through the admin", cached.get("/")[2])
        r = b.get(f"/admin/articles/{aid}/delete")
        r = b.post_form(f"/admin/articles/{aid}/delete", {"csrf_token": harness.csrf_of(r.body)},
                        {"Origin": cached.origin()})
        self.assertEqual(r.status, 303)
        self.assertEqual(cached.get(f"/articles/{aid}")[0], 404)
        self.assertNotIn("Edited through the admin", cached.get("/")[2])

    def test_signed_in_requests_bypass_and_admin_is_never_stored(self):
        b = signed_in(cached)
        cached.get("/articles/")
        r = b.get("/articles/")
        self.assertEqual(r.headers.get("x-cache"), "BYPASS")
        for _ in range(2):
            r = b.get("/admin/")
            self.assertEqual(r.status, 200)
            self.assertNotIn("x-cache", r.headers)
        # Without the session cookie, the admin is still a redirect.
        status, h, _ = cached.get("/admin/")
        self.assertEqual(status, 303)

    def test_languages_are_kept_apart(self):
        cached.get("/articles/")
        self.assertCache("/articles/", "HIT")
        zh = cached.get("/articles/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
        self.assertIn('lang="zh-CN"', zh[2])
        again = cached.get("/articles/", headers={"Accept-Language": "zh-CN,zh;q=0.9"})
        self.assertEqual(again[1].get("x-cache"), "HIT")
        self.assertIn('lang="zh-CN"', again[2])
        self.assertIn('lang="en"', cached.get("/articles/")[2])

    def test_setting_change_seen_next(self):
        cached.get("/")
        cached.gazette("setting", "site_name", "Renamed behind the cache")
        try:
            self.assertIn("Renamed behind the cache", cached.get("/")[2])
        finally:
            cached.gazette("setting", "site_name", "Gazette")

    def test_cache_key_location_is_internal(self):
        # nginx's internal location, and gazette itself behind a server
        # without it: the key is only given to nginx's own auth_request.
        for s in (cached, plain):
            for path in ("/_gazette/cache-key", "/_gazette/cache-key?x=1"):
                status, h, _ = s.get(path)
                self.assertEqual(status, 404, path)
                self.assertNotIn("x-gazette-cache-key", h)

    def test_conditional_get_through_the_cache(self):
        cached.get("/articles/2")
        _, h, _ = cached.get("/articles/2")
        status, _, data = cached.exchange("GET", "/articles/2", {"If-None-Match": h["etag"]})
        self.assertEqual((status, data), (304, b""))

    def test_views_counted_on_cache_hits(self):
        aid = 3
        # A graceful stop writes every worker's pending views.
        cached.stop()
        before = cached.views(aid)
        cached.start()
        hits = 0
        try:
            for _ in range(12):
                status, h, _ = cached.get(f"/articles/{aid}")
                hits += h.get("x-cache") == "HIT"
            for _ in range(3):      # HEAD is not a view, cached or not
                cached.exchange("HEAD", f"/articles/{aid}")
            self.assertGreaterEqual(hits, 11)
        finally:
            cached.stop()
        try:
            self.assertEqual(cached.views(aid) - before, 12)
        finally:
            cached.start()


Zz_Log = harness.sanitizer_log_case(lambda: plain)
Zz_LogCached = harness.sanitizer_log_case(lambda: cached)

if __name__ == "__main__":
    harness.main(__name__)
