"""test_page_cache.py: the workers' own page cache (cgi/page_cache.h),
over real nginx without nginx's cache, with 2 workers.

The cache is used (the log marks answers it gave with " cached"); a page
read before a change is new on the very next request to every worker
after `gazette import`, `gazette setting`, an admin edit, an unpublish and
a view-count flush; deep list pages (found through keyset anchors,
cgi/list_anchors.h) hold the right articles before and after writes;
languages and query strings are never mixed; GET,
HEAD and conditional GETs answer the same with the cache as without it
(the same site restarted with GAZETTE_PAGE_CACHE=off); views are counted
on cache hits."""

import concurrent.futures
import os
import re
import unittest

import harness
from harness import admin_save

ADMIN, ADMIN_PW = "editor", "page cache test password"

site = None
PAGES = ["/", "/articles/", "/articles/?page=2", "/sections/activities/", "/articles/1",
         "/search?q=party", "/feed.xml", "/sitemap.xml", "/robots.txt"]
# Every request of a round goes out 4 at a time: both workers serve some.
ROUND = 12


def setUpModule():
    global site
    site = harness.Site(workers=2)
    site.seed()
    site.start()
    site.add_user(ADMIN, ADMIN_PW)


def tearDownModule():
    if site is not None:
        site.finish()


def many(path, n=ROUND, headers=None):
    """N GETs of PATH, 4 at a time: [(status, headers, body)...]."""
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        return list(pool.map(lambda _: site.get(path, headers=headers), range(n)))


def cached_lines(path):
    """Request lines of GETs of PATH answered from a worker's page cache."""
    return len(re.findall(rf" request id=\S+ method=GET path={re.escape(path)} status=200 "
                          r"ms=[0-9.]+ cache=hit$", site.log(), re.M))


def comparable(headers):
    """Headers that must not differ between two answers of the same page."""
    return sorted((k.lower(), v) for k, v in headers if k.lower() not in ("date", "last-modified"))


def restart(page_cache):
    site.stop()
    if page_cache:
        os.environ.pop("GAZETTE_PAGE_CACHE", None)
    else:
        os.environ["GAZETTE_PAGE_CACHE"] = "off"
    try:
        site.start()
    finally:
        os.environ.pop("GAZETTE_PAGE_CACHE", None)


class PageCache(unittest.TestCase):
    def test_cache_is_used(self):
        before = cached_lines("/articles/")
        many("/articles/")
        # At most one miss per worker.
        self.assertGreaterEqual(cached_lines("/articles/") - before, ROUND - 2)

    def test_import_seen_on_every_worker(self):
        many("/articles/")
        many("/")
        site.import_article("Imported behind the page cache")
        for path in ("/articles/", "/"):
            for status, _, body in many(path):
                self.assertEqual(status, 200)
                self.assertIn("Imported behind the page cache", body, path)

    def test_setting_seen_on_every_worker(self):
        many("/articles/1")
        site.gazette("setting", "site_name", "Renamed behind the page cache")
        try:
            for _, _, body in many("/articles/1"):
                self.assertIn("Renamed behind the page cache", body)
        finally:
            site.gazette("setting", "site_name", "Gazette")
        for _, _, body in many("/articles/1"):
            self.assertNotIn("Renamed behind the page cache", body)

    def test_admin_edit_and_unpublish_seen_on_every_worker(self):
        b = harness.signed_in(site, ADMIN, ADMIN_PW)
        admin_save(site, b, "/admin/articles/new", title="Page cache draft test")
        aid = site.query("SELECT id FROM article WHERE title = ?",
                         ("Page cache draft test",))[0][0]
        for status, _, body in many(f"/articles/{aid}"):
            self.assertEqual(status, 200)
        many("/articles/")
        admin_save(site, b, f"/admin/articles/{aid}/edit", title="Page cache edited title")
        for status, _, body in many(f"/articles/{aid}"):
            self.assertEqual(status, 200)
            self.assertIn("Page cache edited title", body)
        admin_save(site, b, f"/admin/articles/{aid}/edit", title="Page cache edited title",
                   status="draft")
        for status, _, body in many(f"/articles/{aid}"):
            self.assertEqual(status, 404)
            self.assertNotIn("Page cache edited title", body)
        for _, _, body in many("/articles/"):
            self.assertNotIn("Page cache edited title", body)

    def test_deep_list_pages_follow_writes(self):
        # 1,200 old articles: pages past 50 start from an anchor.
        section = site.query("SELECT id FROM section WHERE slug = 'activities'")[0][0]
        site.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200) "
            "INSERT INTO article(section_id, title, author, published_on, body, excerpt, "
            "status, created_at, updated_at) SELECT ?, printf('Deep %04d', i), 'A', "
            "date('2001-01-01', '+' || (i / 3) || ' days'), 'Body', 'Body', 'published', 0, 0 "
            "FROM n", (section,))

        def check(paths):
            for path, offset in paths:
                want = [t for (t,) in site.query(
                    "SELECT title FROM article WHERE status = 'published' "
                    "ORDER BY published_on DESC, id DESC LIMIT 10 OFFSET ?", (offset,))]
                self.assertEqual(len(want), 10)
                for status, _, body in many(path):
                    self.assertEqual(status, 200, path)
                    found = re.findall(r"Deep \d{4}|Generated article \d\d", body)
                    self.assertEqual([t for t in found if t in want], want, path)

        paths = [("/articles/?page=%d" % p, (p - 1) * 10) for p in (51, 52, 99, 120)]
        check(paths)
        # Three older ones go and two newer ones come: every deep page moves.
        site.execute("DELETE FROM article WHERE title IN ('Deep 1200', 'Deep 1199', 'Deep 1198')")
        site.import_article("Deep list newcomer 1")
        site.import_article("Deep list newcomer 2")
        check(paths)

    def test_view_count_flush_seen(self):
        aid = 4
        many(f"/articles/{aid}")
        # A flush is a commit on another connection: set a count no page
        # shows otherwise.
        site.execute("INSERT INTO article_views(article_id, views) VALUES (?, 987654) "
                      "ON CONFLICT(article_id) DO UPDATE SET views = 987654", (aid,))
        for _, _, body in many(f"/articles/{aid}"):
            self.assertIn("987654", body)

    def test_own_flush_seen(self):
        """A worker's own flush (100 views) clears its cache too: after
        enough views every worker shows a higher count than before."""
        aid = 5

        def shown():
            return {int(re.search(r"<span>[^<]*?(\d+)</span></p>", b).group(1))
                    for _, _, b in many(f"/articles/{aid}", n=4)}
        start = max(shown())
        many(f"/articles/{aid}", n=260)
        self.assertGreater(min(shown()), start)

    def test_languages_and_queries_never_mixed(self):
        zh = {"Accept-Language": "zh-CN,zh;q=0.9"}
        cookie_zh = {"Cookie": "gazette_lang=zh-CN", "Accept-Language": "en"}
        for _ in range(3):
            for status, h, body in many("/articles/", n=4, headers=zh):
                self.assertIn('lang="zh-CN"', body)
                self.assertEqual(h.get("content-language"), "zh-CN")
            for status, h, body in many("/articles/", n=4, headers=cookie_zh):
                self.assertIn('lang="zh-CN"', body)
            for status, h, body in many("/articles/", n=4):
                self.assertIn('lang="en"', body)
                self.assertEqual(h.get("content-language"), "en")
        one = many("/articles/", n=4)[0][2]
        two = many("/articles/?page=2", n=4)
        for status, _, body in two:
            self.assertEqual(status, 200)
            self.assertNotEqual(body, one)
        # A bad query is still refused, cached neighbours or not.
        self.assertEqual(site.get("/articles/?page=0")[0], 400)

    def test_same_answers_with_and_without_the_cache(self):
        def answers():
            out = {}
            for path in PAGES:
                if path.startswith("/articles/1"):
                    continue    # its view count moves with every GET
                first = site.exchange("GET", path)
                for _ in range(3):
                    again = site.exchange("GET", path)
                    self.assertEqual((again[0], comparable(again[1]), again[2]),
                                     (first[0], comparable(first[1]), first[2]), path)
                etag = dict((k.lower(), v) for k, v in first[1])["etag"]
                head = site.exchange("HEAD", path)
                cond = site.exchange("GET", path, {"If-None-Match": etag})
                cond_head = site.exchange("HEAD", path, {"If-None-Match": etag})
                stale = site.exchange("GET", path, {"If-None-Match": '"0000"'})
                self.assertEqual(head[2], b"")
                self.assertEqual((cond[0], cond[2]), (304, b""), path)
                self.assertEqual(cond_head[0], 304, path)
                self.assertEqual(stale[2], first[2], path)
                out[path] = [(a[0], comparable(a[1]), a[2])
                             for a in (first, head, cond, cond_head, stale)]
            return out

        with_cache = answers()
        restart(page_cache=False)
        try:
            marks = len(re.findall(r" cache=hit$", site.log(), re.M))
            without = answers()
            self.assertEqual(len(re.findall(r" cache=hit$", site.log(), re.M)), marks)
        finally:
            restart(page_cache=True)
        for path in with_cache:
            self.assertEqual(with_cache[path], without[path], path)

    def test_views_counted_on_hits(self):
        aid = 3
        site.stop()     # a graceful stop writes every worker's pending views
        before = site.views(aid)
        site.start()
        hits = cached_lines(f"/articles/{aid}")
        try:
            many(f"/articles/{aid}", n=20)
            for _ in range(3):      # HEAD is not a view, cached or not
                site.exchange("HEAD", f"/articles/{aid}")
            self.assertGreaterEqual(cached_lines(f"/articles/{aid}") - hits, 18)
        finally:
            site.stop()
        try:
            self.assertEqual(site.views(aid) - before, 20)
        finally:
            site.start()


Zz_Log = harness.sanitizer_log_case(lambda: site)

if __name__ == "__main__":
    harness.main(__name__)
