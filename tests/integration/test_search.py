"""test_search.py: /search over HTTP through real nginx and the real
responder, on the five seed articles plus the generated ones: a seed found
by an English word, by its Chinese author and by a two-character Chinese
word, nothing for an absent term; newest first, in pages; marks escaped;
empty, overlong and odd queries answered with a clear page; the search box
in every page's header; drafts never found; CGI mode."""

import html
import os
import re
import sqlite3
import subprocess
import unittest
import urllib.parse

import harness
from harness import GENERATED, SEEDS

site = None
AUTHOR_ZH = "党群服务与组织管理"


def setUpModule():
    global site
    site = harness.Site(workers=2)
    site.seed()
    site.start()


def tearDownModule():
    if site is not None:
        site.finish()


def read_seed(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    author, date = lines[2][len("Author:"):].split("Addtime:")
    return {"title": lines[1].strip(), "author": author.strip(" \u00a0"),
            "date": date.strip(), "text": "\n".join(lines[1:]).lower()}


SEED_INFO = sorted((read_seed(p) for p in SEEDS), key=lambda s: s["date"], reverse=True)
SEED_000 = read_seed([p for p in SEEDS if "/000_" in p][0])


def search(query, extra=""):
    path = "/search?" + urllib.parse.urlencode({"q": query}) + extra
    return site.get(path)


def result_titles(body):
    """The result titles as text (marks removed), in page order."""
    return [html.unescape(re.sub(r"</?mark>", "", t))
            for t in re.findall(r'<h2><a href="/articles/\d+">(.*?)</a></h2>', body)]


def main_part(body):
    return re.search(r"<main.*?</main>", body, re.S).group(0)


class Finds(unittest.TestCase):
    def test_english_word_finds_the_seed(self):
        status, headers, body = search("Vanguard")
        self.assertEqual(status, 200)
        self.assertEqual(result_titles(body), [SEED_000["title"]])
        self.assertIn("<mark>vanguard</mark>", body)
        self.assertIn("1 article matches", body)

    def test_english_word_in_several_seeds_newest_first(self):
        want = [s["title"] for s in SEED_INFO if "epidemic" in s["text"]]
        self.assertGreaterEqual(len(want), 2)
        _, _, body = search("epidemic")
        self.assertEqual(result_titles(body), want)

    def test_chinese_author_finds_the_seed(self):
        _, _, body = search(AUTHOR_ZH)
        self.assertEqual(result_titles(body), [SEED_000["title"]])
        self.assertIn(f"<mark>{AUTHOR_ZH}</mark>", body)

    def test_two_character_chinese_word(self):
        _, _, body = search("组织")
        self.assertEqual(result_titles(body), [SEED_000["title"]])
        self.assertIn("党群服务与<mark>组织</mark>管理", body)
        # 管理 is in both authors (管理员 too): every seed, newest first.
        _, _, body = search("管理")
        self.assertEqual(result_titles(body), [s["title"] for s in SEED_INFO])
        # One character, and two words of two characters at once.
        self.assertEqual(result_titles(search("党")[2]), [SEED_000["title"]])
        self.assertEqual(result_titles(search("组织 服务")[2]), [SEED_000["title"]])

    def test_absent_terms_find_nothing(self):
        for q in ["xyzzyq", "疫情", "党员", "vanguard xyzzyq", "组织 epidemicx"]:
            status, _, body = search(q)
            self.assertEqual(status, 200, q)
            self.assertEqual(result_titles(body), [], q)
            self.assertIn("No articles match", body, q)

    def test_pages_newest_first(self):
        seen = []
        for page in (1, 2, 3):
            status, _, body = search("generated article", "" if page == 1 else f"&page={page}")
            self.assertEqual(status, 200)
            seen.extend(result_titles(body))
            if page < 3:
                self.assertIn(f'href="/search?q=generated%20article&amp;page={page + 1}"', body)
        self.assertEqual(seen, [f"Generated article {i:02d}" for i in reversed(range(GENERATED))])
        self.assertIn(f"{GENERATED} articles match", body)
        self.assertEqual(search("generated article", "&page=4")[0], 404)
        for bad in ["&page=0", "&page=x", "&page=1&page=2"]:
            self.assertEqual(search("generated", bad)[0], 400, bad)


class Escaping(unittest.TestCase):
    def test_marks_around_escaped_text(self):
        _, _, body = search("script")
        part = main_part(body)
        self.assertNotIn("<script", part)
        self.assertIn("&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;", part)
        self.assertEqual(result_titles(body), [harness.XSS_TITLE])
        _, _, body = search("<b>")
        self.assertIn("<mark>&lt;b&gt;</mark>bold&lt;/b&gt; author", main_part(body))

    def test_query_echoed_escaped(self):
        q = '<img src=x onerror=alert(1)> "q'
        status, _, body = search(q)
        self.assertEqual(status, 200)
        self.assertNotIn("<img src=x", body)
        self.assertIn('value="&lt;img src=x onerror=alert(1)&gt; &quot;q"', body)
        self.assertEqual(body.count('name="q"'), 2)   # header and page forms


class OddQueries(unittest.TestCase):
    def assert_clear_page(self, status, body, text, q):
        self.assertEqual(status, 200, q)
        self.assertIn(text, body, q)
        self.assertIn('class="search-form"', body, q)
        self.assertNotIn("Something went wrong", body, q)

    def test_empty_or_missing(self):
        for path in ["/search", "/search?q=", "/search?q=+++", "/search?q=%E3%80%80",
                     "/search?q=%22%22", "/search?q=a&q=b", "/search?page=2"]:
            status, _, body = site.get(path)
            self.assert_clear_page(status, body, "Type a word or two", path)
            self.assertEqual(result_titles(body), [], path)

    def test_overlong_and_too_many(self):
        status, _, body = search("x" * 101)
        self.assert_clear_page(status, body, "too long", "101")
        status, _, body = search("组" * 101)
        self.assert_clear_page(status, body, "too long", "101 CJK")
        status, _, body = search("  " + "x" * 100 + "  ")
        self.assert_clear_page(status, body, "No articles match", "100")
        status, _, body = search("a b c d e f g h i")
        self.assert_clear_page(status, body, "too many words", "9 words")

    def test_fts_syntax_is_literal(self):
        for q in ['"', 'AND', 'OR', 'NOT', 'NEAR(a b)', '*', 'a*', '^party', 'title:x',
                  '{title}: party', '(', ')', '-x', "'", '\\', '%', '_', '" OR "',
                  "' OR 1=1 --", 'party"', 'party AND', 'x" OR "y', '\u00a0\u3000']:
            status, _, body = search(q)
            self.assertEqual(status, 200, q)
            self.assertNotIn("Something went wrong", body, q)
        # Operators are words like any other (and case does not matter).
        found = result_titles(search("party and")[2])
        self.assertGreater(len(found), 0)
        self.assertEqual(result_titles(search("party AND")[2]), found)
        self.assertEqual(result_titles(search("NEAR(party")[2]), [])

    def test_bad_encoding_is_400(self):
        for path in ["/search?q=%ff", "/search?q=%00", "/search?q=%zz"]:
            self.assertEqual(site.get(path)[0], 400, path)


class Page(unittest.TestCase):
    def test_search_box_on_every_page(self):
        with sqlite3.connect(site.db) as db:
            aid = db.execute("SELECT id FROM article LIMIT 1").fetchone()[0]
        for path in ["/", "/articles/", f"/articles/{aid}", "/sections/activities/",
                     "/no-such-page", "/search?q=x", "/signin"]:
            _, _, body = site.get(path)
            self.assertIn('<form class="site-search" role="search" method="get" '
                          'action="/search">', body, path)
            self.assertRegex(body, r'<label class="visually-hidden" for="site-search-q">'
                                   r'[^<]+</label><input type="search" id="site-search-q" '
                                   r'name="q"', path)

    def test_methods_and_headers(self):
        status, headers, body = site.request("HEAD", "/search?q=party")
        self.assertEqual((status, body), (200, ""))
        # Crawlable (robots.txt allows it too), with a canonical URL.
        self.assertNotIn("x-robots-tag", headers)
        _, _, body = site.get("/search?q=%E7%BB%84%E7%BB%87&page=1&x=y")
        self.assertIn(f'<link rel="canonical" href="http://127.0.0.1:{site.port}'
                      '/search?q=%E7%BB%84%E7%BB%87">', body)
        status, headers, _ = site.request("POST", "/search", body=b"")
        self.assertEqual(status, 405)
        self.assertEqual(headers["allow"], "GET, HEAD")

    def test_drafts_are_never_found(self):
        with sqlite3.connect(site.db, timeout=10) as db:
            db.execute("UPDATE article SET status = 'draft' WHERE title = ?",
                       (SEED_000["title"],))
        try:
            self.assertEqual(result_titles(search("vanguard")[2]), [])
            self.assertEqual(result_titles(search("组织")[2]), [])
        finally:
            with sqlite3.connect(site.db, timeout=10) as db:
                db.execute("UPDATE article SET status = 'published' WHERE title = ?",
                           (SEED_000["title"],))
        self.assertEqual(result_titles(search("vanguard")[2]), [SEED_000["title"]])


class CgiMode(unittest.TestCase):
    def test_cgi_search_links_carry_the_script_name(self):
        env = {"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET",
               "PATH_INFO": "/search", "QUERY_STRING": "q=generated",
               "SCRIPT_NAME": "/cgi-bin/gazette", "GAZETTE_DB": site.db,
               "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
               "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
        for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
            if k in os.environ:
                env[k] = os.environ[k]
        r = subprocess.run([harness.BIN], env=env, capture_output=True, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        head, body = r.stdout.decode("utf-8").split("\r\n\r\n", 1)
        self.assertIn("Status: 200 OK", head)
        self.assertIn('action="/cgi-bin/gazette/search"', body)
        self.assertRegex(body, r'<h2><a href="/cgi-bin/gazette/articles/\d+">')
        self.assertIn('href="/cgi-bin/gazette/search?q=generated&amp;page=2"', body)


Zz_Log = harness.sanitizer_log_case(lambda: site)


if __name__ == "__main__":
    harness.main(__name__)
