"""test_feeds.py: what machines read, over HTTP through nginx: the Atom
feeds (site and section) parsed by a real feed parser (Debian's
python3-feedparser) without error and listing the newest articles in the
lists' order, the sitemap, robots.txt, and the pages' links to the feed."""
import html
import json
import re
import sqlite3
import sys
import unittest
import xml.etree.ElementTree as ET

import harness
from harness import XSS_TITLE

try:
    import feedparser
except ImportError:
    # Debian's package is for Debian's python3; a python3 from elsewhere
    # on PATH finds it here.
    sys.path.append("/usr/lib/python3/dist-packages")
    import feedparser

site = None
FEED_ENTRIES = 20


def setUpModule():
    global site
    site = harness.Site(workers=2)
    site.seed()
    site.start()


def tearDownModule():
    if site is not None:
        site.finish()


def list_ids(path):
    """Article ids on a list page, in order."""
    status, _, body = site.get(path)
    assert status == 200, (path, status)
    return [int(i) for i in re.findall(r'<h2><a href="/articles/(\d+)">', body)]


def newest_ids(path, count):
    ids, page = [], 1
    while len(ids) < count:
        got = list_ids(path + (f"?page={page}" if page > 1 else ""))
        if not got:
            break
        ids += got
        page += 1
    return ids[:count]


class Feeds(unittest.TestCase):
    def fetch(self, path):
        status, headers, body = site.get(path)
        self.assertEqual(status, 200, path)
        self.assertEqual(headers["content-type"], "application/atom+xml; charset=utf-8")
        feed = feedparser.parse(body.encode("utf-8"))
        self.assertFalse(feed.bozo, f"{path}: {feed.get('bozo_exception')}")
        self.assertEqual(feed.version, "atom10")
        return feed, body

    def entry_ids(self, feed):
        return [int(e.link.rsplit("/", 1)[1]) for e in feed.entries]

    def test_site_feed_lists_the_newest_articles(self):
        feed, _ = self.fetch("/feed.xml")
        self.assertEqual(len(feed.entries), FEED_ENTRIES)
        self.assertEqual(self.entry_ids(feed), newest_ids("/articles/", FEED_ENTRIES))
        base = site.origin()
        self.assertEqual(feed.feed.link, base + "/")
        for e in feed.entries:
            self.assertTrue(e.link.startswith(base + "/articles/"), e.link)
            self.assertEqual(e.id, e.link)
            self.assertTrue(e.title and e.author and e.updated and e.published)
            self.assertTrue(e.content[0].value, e.link)
        # Each entry's title is the title its page shows.
        status, _, page = site.get(feed.entries[0].link[len(base):])
        self.assertEqual(status, 200)
        h1 = re.search(r"<h1>(.*?)</h1>", page).group(1)
        self.assertEqual(html.unescape(h1), feed.entries[0].title)

    def test_section_feed(self):
        feed, _ = self.fetch("/sections/activities/feed.xml")
        self.assertEqual(self.entry_ids(feed),
                         newest_ids("/sections/activities/", FEED_ENTRIES))
        self.assertTrue(feed.feed.title.startswith("Activities"))
        status, _, _ = site.get("/sections/no-such-section/feed.xml")
        self.assertEqual(status, 404)
        # The root section's feed is the site's.
        root, _ = self.fetch("/sections/home/feed.xml")
        self.assertEqual(self.entry_ids(root), self.entry_ids(self.fetch("/feed.xml")[0]))

    def test_markup_in_titles_is_text(self):
        # The XSS seed (dated 2018) is the oldest article: make it the
        # newest, so the feed holds it, then put the date back.
        with sqlite3.connect(site.db) as db:
            old = db.execute("SELECT published_on FROM article WHERE title = ?",
                             (XSS_TITLE,)).fetchone()[0]
            db.execute("UPDATE article SET published_on = '2100-01-01' WHERE title = ?",
                       (XSS_TITLE,))
        try:
            feed, body = self.fetch("/feed.xml")
            self.assertEqual(feed.entries[0].title, XSS_TITLE)
            self.assertNotIn("<script>", body)
            self.assertIn("&lt;script&gt;", body)
            # The body's script was dropped by cmark, then the HTML escaped.
            self.assertNotIn("alert(2)</script>", feed.entries[0].content[0].value)
        finally:
            with sqlite3.connect(site.db) as db:
                db.execute("UPDATE article SET published_on = ? WHERE title = ?",
                           (old, XSS_TITLE))

    def test_photos_resolve_against_the_site(self):
        feed, body = self.fetch("/feed.xml")
        self.assertIn(f'xml:base="{site.origin()}/"', body)
        photos = [e for e in feed.entries if "/media/" in e.content[0].value]
        self.assertTrue(photos, "a seed article with photos is among the newest")
        # The feed says /media/NAME; a feed reader resolves it against
        # xml:base, as feedparser did here.
        src = re.search(r'src="([^"]+)"', photos[0].content[0].value).group(1)
        self.assertTrue(src.startswith(site.origin() + "/media/"), src)
        status, headers, _ = site.get(src[len(site.origin()):])
        self.assertEqual(status, 200, src)
        self.assertEqual(headers["content-type"], "image/jpeg")

    def test_pages_link_to_their_feed(self):
        _, _, home = site.get("/")
        self.assertIn('<link rel="alternate" type="application/atom+xml"', home)
        self.assertIn('href="/feed.xml"', home)


class Discovery(unittest.TestCase):
    def test_sitemap_lists_every_published_article(self):
        status, headers, body = site.get("/sitemap.xml")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "application/xml; charset=utf-8")
        ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        root = ET.fromstring(body.encode("utf-8"))
        locs = [u.find("s:loc", ns).text for u in root.findall("s:url", ns)]
        base = site.origin()
        self.assertIn(base + "/", locs)
        self.assertIn(base + "/sections/activities/", locs)
        articles = {int(l.rsplit("/", 1)[1]) for l in locs if "/articles/" in l and l[-1] != "/"}
        status, _, all_page = site.get("/articles/")
        total = int(re.search(r"(\d+) articles, newest first", all_page).group(1))
        self.assertEqual(len(articles), total)
        self.assertEqual(articles, set(newest_ids("/articles/", total)))

    def test_robots(self):
        status, headers, body = site.get("/robots.txt")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"].startswith("text/plain"))
        self.assertIn("Disallow: /admin/\n", body)
        self.assertIn("Disallow: /signin\n", body)
        self.assertNotIn("search", body)     # search pages may be crawled
        self.assertIn(f"Sitemap: {site.origin()}/sitemap.xml\n", body)

    def test_canonical_links(self):
        o = site.origin()
        for path, want in (("/", "/"), ("/articles/", "/articles/"),
                           ("/articles/?page=2", "/articles/?page=2"),
                           ("/articles/?page=1", "/articles/"),
                           ("/articles/?page=2&utm_source=x", "/articles/?page=2"),
                           ("/sections/activities/", "/sections/activities/"),
                           ("/articles/1?x=1", "/articles/1"),
                           ("/search?q=party", "/search?q=party"),
                           ("/search?q=Generated&page=2", "/search?q=Generated&amp;page=2")):
            status, _, body = site.get(path)
            self.assertEqual(status, 200, path)
            links = re.findall(r'<link rel="canonical" href="([^"]*)">', body)
            self.assertEqual(links, [o + want], path)
        # Error pages name no canonical URL.
        self.assertNotIn('rel="canonical"', site.get("/articles/999999")[2])

    def meta_of(self, aid):
        status, _, body = site.get(f"/articles/{aid}")
        self.assertEqual(status, 200)
        og = {html.unescape(k): html.unescape(v) for k, v in
              re.findall(r'<meta property="([^"]+)" content="([^"]*)">', body)}
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
        self.assertEqual(len(scripts), 1)
        return og, json.loads(scripts[0]), body

    def test_open_graph_and_json_ld(self):
        # A seed with photos: the first one is the preview image.
        aid = max(int(x) for x in re.findall(r'href="/articles/(\d+)"', site.get("/")[2]))
        for a in range(1, 6):
            if 'src="/media/' in site.get(f"/articles/{a}")[2]:
                aid = a
                break
        og, ld, body = self.meta_of(aid)
        title = html.unescape(re.search(r"<h1>(.*?)</h1>", body, re.S).group(1))
        url = f"{site.origin()}/articles/{aid}"
        self.assertEqual(og["og:type"], "article")
        self.assertEqual(og["og:title"], title)
        self.assertEqual(og["og:url"], url)
        self.assertTrue(og["og:image"].startswith(site.origin() + "/media/"))
        self.assertEqual(site.get(og["og:image"][len(site.origin()):])[0], 200)
        self.assertRegex(og["article:published_time"], r"^\d{4}-\d\d-\d\d$")
        self.assertEqual(ld["@context"], "https://schema.org")
        self.assertEqual(ld["@type"], "NewsArticle")
        self.assertEqual(ld["headline"], title)
        self.assertEqual(ld["mainEntityOfPage"], url)
        self.assertEqual(ld["datePublished"], og["article:published_time"])
        self.assertRegex(ld["dateModified"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertEqual(ld["image"], [og["og:image"]])
        self.assertTrue(ld["author"][0]["name"])
        self.assertTrue(ld["publisher"]["name"])
        self.assertTrue(ld["description"])

    def test_json_ld_escapes_markup(self):
        db = sqlite3.connect(site.db)
        aid = db.execute("SELECT id FROM article WHERE title = ?", (XSS_TITLE,)).fetchone()[0]
        db.close()
        og, ld, body = self.meta_of(aid)
        self.assertEqual(ld["headline"], XSS_TITLE)
        self.assertEqual(ld["author"][0]["name"], "<b>bold</b> author")
        self.assertEqual(og["og:title"], XSS_TITLE)
        head = body[:body.index("</head>")]
        self.assertNotIn("<script>", head)
        self.assertNotIn("<b>", head)
        self.assertNotIn("image", ld)    # no photo, no image

    def test_site_url_setting_wins(self):
        # Set before a worker starts: a restart of the pool reads it.
        site.gazette("setting", "site_url", "https://news.example.org/")
        try:
            site.stop()
            site.start()
            _, _, body = site.get("/robots.txt")
            self.assertIn("Sitemap: https://news.example.org/sitemap.xml", body)
            feed = feedparser.parse(site.get("/feed.xml")[2].encode())
            self.assertTrue(feed.entries[0].link.startswith("https://news.example.org/articles/"))
        finally:
            site.gazette("setting", "site_url", "")
            site.stop()
            site.start()


if __name__ == "__main__":
    harness.main("__main__")
