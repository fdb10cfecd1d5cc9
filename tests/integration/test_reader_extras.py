"""test_reader_extras.py: what Chinese CMS readers expect, through real nginx
and the real responder: the source line (来源) in the byline only when set,
saved through the editor, searchable, escaped; the view counter (views of
an article page counted in each worker and written when the site stops
gracefully, never per view; HEAD, 404 and drafts not counted; shown on the
page and the dashboard); and the ICP filing number (备案号) in the footer,
linked to the register, only when the setting is set."""

import html
import re
import unittest
import urllib.parse

import harness

site = None

ADMIN = "editor"
ADMIN_PW = "correct horse battery staple"
SOURCE = "成都高新医学会"
XSS_SOURCE = '<script>alert("src")</script> & "quotes"'
ICP = "蜀ICP备2024012345号-1"
ICP_LINK = '<a href="https://beian.miit.gov.cn/" rel="noopener">'


def setUpModule():
    global site
    site = harness.Site(workers=2)
    site.seed()
    site.add_user(ADMIN, ADMIN_PW)
    site.start()


def tearDownModule():
    if site is not None:
        site.finish()


def query(sql, args=()):
    return site.query(sql, args)


def execute(sql, args=()):
    site.execute(sql, args)


def article_id(title):
    return query("SELECT id FROM article WHERE title = ?", (title,))[0][0]


def stored_views(aid):
    rows = query("SELECT views FROM article_views WHERE article_id = ?", (aid,))
    return rows[0][0] if rows else None


def restart():
    """A graceful stop (SIGTERM: workers finish, flush, exit) and a start."""
    site.stop()
    site.start()


def byline(body):
    m = re.search(r'<p class="byline">(.*?)</p>', body, re.S)
    assert m, "no byline"
    return m.group(1)


def signed_in():
    return harness.signed_in(site, ADMIN, ADMIN_PW)


def save_source(b, aid, source):
    """Saves article AID through the editor with every field as stored
    but the source; returns the reply."""
    csrf = harness.csrf_of(b.get(f"/admin/articles/{aid}/edit").body)
    section, title, author, date, body, status = query(
        "SELECT section_id, title, author, published_on, body, status FROM article "
        "WHERE id = ?", (aid,))[0]
    return b.post_form(f"/admin/articles/{aid}/edit", [
        ("csrf_token", csrf), ("title", title), ("author", author), ("source", source),
        ("published_on", date), ("section", str(section)), ("body", body),
        ("status", status), ("photo_alt", ""), ("action", "save")])


class Icp(unittest.TestCase):
    def test_footer_shows_the_number_only_when_set(self):
        aid = article_id("Generated article 01")
        for path in ("/", f"/articles/{aid}", "/no/such/page"):
            self.assertNotIn("beian.miit.gov.cn", site.get(path)[2], path)
        site.gazette("setting", "icp_number", ICP)
        restart()
        try:
            for path, want in (("/", 200), (f"/articles/{aid}", 200), ("/search?q=x", 200),
                               ("/no/such/page", 404)):
                status, _, body = site.get(path)
                self.assertEqual(status, want, path)
                footer = re.search(r'<footer class="site-footer">(.*?)</footer>', body, re.S)
                self.assertIsNotNone(footer, path)
                self.assertIn(f"{ICP_LINK}{ICP}</a>", footer.group(1), path)
            # Escaped like any value.
            site.gazette("setting", "icp_number", '<b>备案</b>"')
            restart()
            body = site.get("/")[2]
            self.assertIn(f"{ICP_LINK}&lt;b&gt;备案&lt;/b&gt;&quot;</a>", body)
            self.assertNotIn("<b>备案", body)
        finally:
            site.gazette("setting", "icp_number", "")
            restart()
        self.assertNotIn("beian.miit.gov.cn", site.get("/")[2])


class Source(unittest.TestCase):
    def test_byline_shows_the_source_only_when_set(self):
        aid, other = article_id("Generated article 03"), article_id("Generated article 04")
        b = signed_in()
        self.assertIn('name="source"', b.get(f"/admin/articles/{aid}/edit").body)
        r = save_source(b, aid, SOURCE)
        self.assertEqual(r.status, 303, r.body[:2000])
        self.assertEqual(query("SELECT source FROM article WHERE id = ?", (aid,))[0][0], SOURCE)
        status, _, body = site.get(f"/articles/{aid}")
        self.assertEqual(status, 200)
        self.assertIn(f"<span>Source: {SOURCE}</span>", byline(body))
        self.assertNotIn("Source", byline(site.get(f"/articles/{other}")[2]))
        # The editor shows it back; an empty source removes the line.
        self.assertIn(f'value="{SOURCE}"', b.get(f"/admin/articles/{aid}/edit").body)
        self.assertEqual(save_source(b, aid, "  ").status, 303)
        self.assertNotIn("Source", byline(site.get(f"/articles/{aid}")[2]))

    def test_search_finds_an_article_by_its_source(self):
        aid = article_id("Generated article 05")
        q = "四川省卫生健康委员会宣传处"
        self.assertEqual(save_source(signed_in(), aid, q).status, 303)
        status, _, body = site.get("/search?q=" + urllib.parse.quote("健康委员会宣传"))
        self.assertEqual(status, 200)
        self.assertIn(f'<a href="/articles/{aid}">', body)
        self.assertIn("Source: 四川省卫生<mark>健康委员会宣传</mark>处", body)
        self.assertIn("1 article matches", body)

    def test_hostile_source_is_escaped_everywhere(self):
        aid = article_id("Generated article 06")
        b = signed_in()
        self.assertEqual(save_source(b, aid, XSS_SOURCE).status, 303)
        escaped = html.escape(XSS_SOURCE, quote=True)
        article, edit = site.get(f"/articles/{aid}")[2], b.get(f"/admin/articles/{aid}/edit").body
        search = site.get("/search?q=" + urllib.parse.quote('alert("src")'))[2]
        for body in (article, edit, search):
            self.assertNotIn("<script>alert(", body)
        self.assertIn(escaped, article)
        self.assertIn(f'value="{escaped}"', edit)
        # In the results the query's words are marked, the rest escaped.
        self.assertIn(f'<a href="/articles/{aid}">', search)
        self.assertIn("Source: &lt;script&gt;<mark>", search)
        self.assertEqual(html.unescape(byline(article)).count(XSS_SOURCE), 1)

    def test_too_long_or_control_source_is_refused(self):
        aid = article_id("Generated article 08")
        b = signed_in()
        for bad in ("源" * 201, "bad\x01source"):
            r = save_source(b, aid, bad)
            self.assertEqual(r.status, 400)
            self.assertIn('id="source-error"', r.body)
            self.assertEqual(query("SELECT source FROM article WHERE id = ?", (aid,))[0][0], "")
        self.assertEqual(save_source(b, aid, "源" * 200).status, 303)


class Views(unittest.TestCase):
    def test_views_are_batched_and_written_at_a_graceful_stop(self):
        aid = article_id("Generated article 10")
        draft = article_id("Generated article 11")
        execute("UPDATE article SET status = 'draft' WHERE id = ?", (draft,))
        k = 7
        for _ in range(k):
            self.assertEqual(site.get(f"/articles/{aid}")[0], 200)
        for _ in range(3):
            self.assertEqual(site.request("HEAD", f"/articles/{aid}")[0], 200)
            self.assertEqual(site.get(f"/articles/{draft}")[0], 404)
            self.assertEqual(site.get("/articles/999999")[0], 404)
        # Held by the workers: no write per view.
        self.assertIsNone(stored_views(aid))
        restart()
        self.assertEqual(stored_views(aid), k)
        self.assertIsNone(stored_views(draft))
        self.assertIsNone(stored_views(999999))
        # The page shows the written count (this view is counted after).
        self.assertIn(f"<span>Views: {k}</span>", byline(site.get(f"/articles/{aid}")[2]))
        r = signed_in().get("/admin/")
        self.assertEqual(r.status, 200)
        row = re.search(rf'<tr>(?:(?!</tr>).)*?/admin/articles/{aid}/edit(?:(?!</tr>).)*</tr>',
                        r.body, re.S)
        self.assertIsNotNone(row)
        self.assertIn(f'<td class="views">{k}</td>', row.group(0))
        self.assertIn('<th scope="col">Views</th>', r.body)

    def test_deleting_an_article_deletes_its_count(self):
        aid = article_id("Generated article 12")
        execute("INSERT INTO article_views(article_id, views) VALUES (?, 5)", (aid,))
        b = signed_in()
        page = b.get(f"/admin/articles/{aid}/delete")
        self.assertEqual(page.status, 200)
        r = b.post_form(f"/admin/articles/{aid}/delete", {"csrf_token": harness.csrf_of(page.body)})
        self.assertEqual(r.status, 303, r.body[:400])
        self.assertEqual(query("SELECT count(*) FROM article WHERE id = ?", (aid,))[0][0], 0)
        self.assertIsNone(stored_views(aid))


Zz_Log = harness.sanitizer_log_case(lambda: site)


if __name__ == "__main__":
    harness.main(__name__)
