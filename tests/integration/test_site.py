"""test_site.py: the reader site over HTTP through real nginx and the real
responder: every page, pagination, error statuses, escaping, CGI mode, a
database fault, and a SIGKILLed worker being replaced."""

import html
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
import unittest

import harness
from harness import BIN, GENERATED, SEEDS, XSS_TITLE

site = None


def setUpModule():
    global site
    site = harness.Site(workers=2)
    site.seed()
    site.start()


def tearDownModule():
    if site is not None:
        site.finish()


def expected_seed(path):
    """The seed file read independently of the C importer."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    author, date = lines[2][len("Author:"):].split("Addtime:")
    blocks, para = [], []
    for line in lines[3:] + [""]:
        t = line.strip(" \t\u00a0\u3000")
        if t:
            para.append(t)
        elif para:
            blocks.append("\n".join(para))
            para = []
    return {
        "title": lines[1].strip(),
        "author": author.strip(" \u00a0"),
        "date": date.strip(),
        "paragraphs": [b for b in blocks if not re.fullmatch(r"[\w.-]+\.(jpg|png)", b)],
        "photos": [b for b in blocks if re.fullmatch(r"[\w.-]+\.(jpg|png)", b)],
    }


SEED_INFO = [expected_seed(p) for p in SEEDS]
# Newest first, as every list shows them.
SEEDS_NEWEST_FIRST = sorted(SEED_INFO, key=lambda s: s["date"], reverse=True)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def english_date(ymd):
    """A stored YYYY-MM-DD as the English interface shows it (cgi/i18n.c)."""
    y, m, d = (int(x) for x in ymd.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"


def titles_in(body):
    return [html.unescape(t) for t in re.findall(r'<h2><a href="[^"]*">(.*?)</a></h2>', body)]


def article_links(body):
    return re.findall(r'<h2><a href="(/articles/\d+)">', body)


def find_article_id(title):
    with sqlite3.connect(site.db) as db:
        return db.execute("SELECT id FROM article WHERE title = ?", (title,)).fetchone()[0]


class Pages(unittest.TestCase):
    def test_home_lists_latest_seed_articles_in_order(self):
        status, headers, body = site.get("/")
        self.assertEqual(status, 200)
        self.assertIn("text/html", headers["content-type"])
        titles = titles_in(body)
        self.assertEqual(titles[:5], [s["title"] for s in SEEDS_NEWEST_FIRST])
        self.assertIn("党群服务与组织管理", body)
        self.assertRegex(body, r"<title>[^<]+</title>")
        self.assertIn('href="/articles/"', body)

    def test_all_articles_pagination(self):
        total = len(SEEDS) + GENERATED + 1
        pages = (total + 9) // 10
        seen = []
        for page in range(1, pages + 1):
            path = "/articles/" if page == 1 else f"/articles/?page={page}"
            status, _, body = site.get(path)
            self.assertEqual(status, 200, path)
            items = titles_in(body)
            self.assertEqual(len(items), 10 if page < pages else total - 10 * (pages - 1), path)
            seen.extend(items)
            if page < pages:
                self.assertIn(f'href="/articles/?page={page + 1}"', body)
            if page > 1:
                self.assertIn('rel="prev"', body)
        self.assertEqual(len(seen), total)
        self.assertEqual(len(set(seen)), total, "an article appears on two pages")
        self.assertEqual(seen[:5], [s["title"] for s in SEEDS_NEWEST_FIRST])
        # Generated ones are newest first: 25, 24, ... 00, then the XSS one.
        self.assertEqual(seen[5:5 + GENERATED],
                         [f"Generated article {i:02d}" for i in reversed(range(GENERATED))])
        self.assertEqual(site.get(f"/articles/?page={pages + 1}")[0], 404)

    def test_bad_page_values_are_400(self):
        for q in ["page=0", "page=-1", "page=abc", "page=01", "page=", "page=1.5",
                  "page=1&page=2", "page=99999999", "page=%zz", "page=1%00"]:
            status, _, body = site.get("/articles/?" + q)
            self.assertEqual(status, 400, q)
            self.assertIn("Bad request", body)
            self.assertIn('class="site-header"', body, "error pages use the layout")

    def test_section_list_and_breadcrumb(self):
        status, _, body = site.get("/sections/activities/")
        self.assertEqual(status, 200)
        self.assertRegex(body, r'Now:</span> <a href="/">HOME</a>.*<a href="/sections/service/">SERVICE</a>'
                               r'.*<a href="/sections/activities/">Activities</a>')
        self.assertEqual(len(titles_in(body)), 10)
        self.assertIn('href="/sections/activities/?page=2"', body)
        status, _, body = site.get("/sections/activities/?page=4")
        self.assertEqual(status, 200)
        self.assertEqual(site.get("/sections/activities/?page=5")[0], 404)
        # A parent section lists what is below it.
        status, _, body = site.get("/sections/service/")
        self.assertEqual(status, 200)
        self.assertEqual(len(titles_in(body)), 10)
        self.assertEqual(site.get("/sections/no-such-section/")[0], 404)
        status, headers, _ = site.get("/sections/home/")
        self.assertEqual((status, headers.get("location")), (301, "/"))

    def test_every_seed_article_page(self):
        for info in SEED_INFO:
            aid = find_article_id(info["title"])
            status, _, body = site.get(f"/articles/{aid}")
            self.assertEqual(status, 200)
            self.assertIn(f"<h1>{html.escape(info['title'], quote=False)}</h1>".replace("'", "&#39;"), body)
            self.assertIn(f"Author: {info['author']}", body)
            self.assertIn(f"Addtime: <time datetime=\"{info['date']}\">{english_date(info['date'])}</time>",
                          body)
            self.assertRegex(body, r'Now:</span> <a href="/">HOME</a> <span aria-hidden="true">&gt;</span> '
                                   r'<a href="/sections/service/">SERVICE</a> <span aria-hidden="true">&gt;</span> '
                                   r'<a href="/sections/activities/">Activities</a>')
            title_tag = re.search(r"<title>(.*?)</title>", body).group(1)
            self.assertTrue(html.unescape(title_tag).startswith(info["title"]))
            self.assertRegex(body, r'<meta name="description" content="[^"]{20,}">')
            # Paragraphs, in order, each as its own <p>.
            body_html = body.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
            paras = [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", body_html, re.S)
                     if not p.startswith("<img")]
            self.assertEqual(paras, info["paragraphs"])
            imgs = re.findall(r'<img src="(/media/[0-9a-f]{32}\.jpg)" alt="Photo \d+"', body_html)
            self.assertEqual(len(imgs), len(info["photos"]))
            for src in imgs:
                status, headers, _ = site.get(src)
                self.assertEqual(status, 200, src)
                self.assertEqual(headers["content-type"], "image/jpeg")

    def test_previous_and_next_links_follow_date_order(self):
        ids = [find_article_id(s["title"]) for s in SEEDS_NEWEST_FIRST]
        _, _, newest = site.get(f"/articles/{ids[0]}")
        self.assertNotIn('rel="next"', newest)
        self.assertIn(f'rel="prev" href="/articles/{ids[1]}"', newest)
        _, _, middle = site.get(f"/articles/{ids[2]}")
        self.assertIn(f'rel="prev" href="/articles/{ids[3]}"', middle)
        self.assertIn(f'rel="next" href="/articles/{ids[1]}"', middle)

    def test_script_in_title_is_escaped_everywhere(self):
        aid = find_article_id(XSS_TITLE)
        status, _, body = site.get(f"/articles/{aid}")
        self.assertEqual(status, 200)
        self.assertNotIn("<script>", body)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;", body)
        self.assertIn("&lt;b&gt;bold&lt;/b&gt; author", body)
        # Seed bodies are plain text: Markdown-looking links stay text.
        self.assertIn("[x](javascript:alert(3))", body)
        self.assertNotIn('href="javascript:', body)
        last = (len(SEEDS) + GENERATED + 1 + 9) // 10
        _, _, listing = site.get(f"/articles/?page={last}")
        self.assertNotIn("<script>", listing)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", listing)

    def test_static_css_served_by_nginx(self):
        status, headers, body = site.get("/static/gazette.css")
        self.assertEqual(status, 200)
        self.assertIn("text/css", headers["content-type"])
        self.assertIn(".article-list", body)


class Errors(unittest.TestCase):
    def test_request_paths_cannot_forge_log_lines(self):
        # nginx decodes %0a into the path gazette is given; the log line
        # of the request writes it as \x0a, so it starts no line.
        status, _, _ = site.get("/nope%0aFORGED-PATH-LINE%1b[31m")
        self.assertIn(status, (400, 404))
        lines = site.log().splitlines()
        self.assertFalse([line for line in lines if line.startswith("FORGED-PATH-LINE")])
        self.assertTrue([line for line in lines if "\\x0aFORGED-PATH-LINE\\x1b[31m" in line],
                        "the request's line, escaped")

    def test_not_found(self):
        for path in ["/nope", "/articles/999999", "/articles/0", "/articles/01",
                     "/articles/abc", "/articles/1/extra", "/sections/", "/%E4%B8%AD"]:
            status, headers, body = site.get(path)
            self.assertEqual(status, 404, path)
            self.assertIn("Page not found", body)
            self.assertIn('class="site-header"', body)

    def test_method_not_allowed(self):
        for method, path in [("POST", "/"), ("DELETE", "/articles/1"), ("PUT", "/articles/"),
                             ("PATCH", "/sections/activities/")]:
            status, headers, body = site.request(method, path, body=b"" if method != "DELETE" else None)
            self.assertEqual(status, 405, f"{method} {path}")
            self.assertEqual(headers.get("allow"), "GET, HEAD")
            self.assertIn("Method not allowed", body)

    def test_head_has_headers_and_no_body(self):
        status, headers, body = site.request("HEAD", "/articles/")
        _, get_headers, get_body = site.get("/articles/")
        self.assertEqual(status, 200)
        self.assertEqual(body, "")
        self.assertEqual(headers["content-length"], get_headers["content-length"])

    def test_missing_slash_redirects(self):
        status, headers, _ = site.get("/articles?page=2")
        self.assertEqual(status, 301)
        self.assertEqual(headers["location"], "/articles/?page=2")
        self.assertEqual(site.request("POST", "/articles", body=b"")[0], 404)

    def test_overlong_query_and_path(self):
        self.assertEqual(site.get("/articles/?page=1&x=" + "a" * 3000)[0], 414)
        self.assertEqual(site.get("/" + "a" * 1100)[0], 414)

    def test_bad_encoding_in_query(self):
        for q in ["x=%C0%AF", "x=%ED%A0%80", "x=%FF", "x=%", "x=%4"]:
            self.assertEqual(site.get("/?" + q)[0], 400, q)

    def test_database_fault_gives_500_without_internals(self):
        # A copy of the database in which reading one article's body fails at
        # run time (json() of a bad value), as a corrupt page would. The
        # triggers only let the responder prepare its writes to the view.
        broken = os.path.join(site.dir, "broken.db")
        shutil.copy(site.db, broken)
        aid = find_article_id(SEEDS_NEWEST_FIRST[0]["title"])
        with sqlite3.connect(broken) as db:
            cols = ("id, section_id, title, author, published_on, excerpt, status, import_hash, "
                    "created_at, updated_at, source")
            db.executescript(f"""
                ALTER TABLE article RENAME TO article_data;
                CREATE VIEW article AS SELECT {cols},
                    CASE WHEN id = {aid} THEN json('not json') ELSE body END AS body
                    FROM article_data;
                CREATE TRIGGER article_insert INSTEAD OF INSERT ON article BEGIN SELECT 1; END;
                CREATE TRIGGER article_update INSTEAD OF UPDATE ON article BEGIN SELECT 1; END;
                CREATE TRIGGER article_delete INSTEAD OF DELETE ON article BEGIN SELECT 1; END;
            """)
        r = cgi(f"/articles/{aid}", db=broken)
        self.assertEqual(r.returncode, 0, r.stderr)
        head, body = r.stdout.split("\r\n\r\n", 1)
        self.assertTrue(head.startswith("Status: 500"), head)
        self.assertIn("Something went wrong", body)
        self.assertIn('class="site-header"', body)
        self.assertNotIn("json", body.lower())
        self.assertNotIn("sqlite", body.lower())
        self.assertIn("malformed JSON", r.stderr, "the log names the cause")


def cgi(path, query="", method="GET", db=None, script="/cgi-bin/gazette"):
    env = {"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": method, "PATH_INFO": path,
           "QUERY_STRING": query, "SCRIPT_NAME": script, "GAZETTE_DB": db or site.db,
           "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
           "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        if k in os.environ:
            env[k] = os.environ[k]
    r = subprocess.run([BIN], env=env, capture_output=True, timeout=30)
    # Decoded by hand: text mode would turn the header lines' CRLF into LF.
    r.stdout = r.stdout.decode("utf-8")
    r.stderr = r.stderr.decode("utf-8", "replace")
    return r


class CgiMode(unittest.TestCase):
    def test_cgi_article_list(self):
        r = cgi("/articles/", "page=2")
        self.assertEqual(r.returncode, 0, r.stderr)
        head, body = r.stdout.split("\r\n\r\n", 1)
        self.assertIn("Status: 200 OK", head)
        self.assertIn("Content-Type: text/html; charset=utf-8", head)
        self.assertEqual(len(titles_in(body)), 10)
        # Links carry the script name so they work below a CGI path.
        self.assertIn('href="/cgi-bin/gazette/articles/?page=3"', body)
        self.assertRegex(body, r'href="/cgi-bin/gazette/articles/\d+"')

    def test_cgi_errors(self):
        r = cgi("/nope")
        self.assertTrue(r.stdout.startswith("Status: 404"))
        r = cgi("/articles/", "page=zero")
        self.assertTrue(r.stdout.startswith("Status: 400"))
        r = cgi("/", method="DELETE")
        self.assertTrue(r.stdout.startswith("Status: 405"))
        self.assertIn("Allow: GET, HEAD", r.stdout)

    def test_cgi_ignores_arguments(self):
        # An ISINDEX-style query reaches a CGI program as argv words.
        env = {"GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET", "PATH_INFO": "/",
               "QUERY_STRING": "help", "GAZETTE_DB": site.db}
        r = subprocess.run([BIN, "help"], env=env, capture_output=True, timeout=30)
        self.assertTrue(r.stdout.startswith(b"Status: 200"), r.stdout[:200])
        self.assertNotIn(b"usage:", r.stdout)

    def test_cgi_missing_database(self):
        r = cgi("/", db=os.path.join(site.dir, "absent.db"))
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stdout.startswith("Status: 500"))
        self.assertIn("absent.db", r.stderr, "the operator is told which file")


class Workers(unittest.TestCase):
    def test_killed_worker_is_replaced_while_site_answers(self):
        before = site.workers_pids()
        self.assertEqual(len(before), 2, before)
        os.kill(before[0], signal.SIGKILL)
        # The other worker keeps serving at once.
        for _ in range(20):
            self.assertEqual(site.get("/")[0], 200)
        deadline = time.time() + 10
        while time.time() < deadline:
            now = site.workers_pids()
            if len(now) == 2 and before[0] not in now:
                break
            time.sleep(0.1)
        now = site.workers_pids()
        self.assertEqual(len(now), 2, now)
        self.assertNotIn(before[0], now)
        self.assertIn(before[1], now)
        for _ in range(20):
            self.assertEqual(site.get("/articles/")[0], 200)
        self.assertIn("was killed by signal 9", site.log())


class Zz_Log(unittest.TestCase):
    """Runs last: the responder's log must hold no sanitizer report."""

    def test_no_sanitizer_reports(self):
        log = site.log()
        for mark in harness.SANITIZER_MARKS:
            self.assertNotIn(mark, log)
        self.assertIn("listening on", log)


if __name__ == "__main__":
    harness.main(__name__)
