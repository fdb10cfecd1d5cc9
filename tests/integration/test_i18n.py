"""test_i18n.py: the interface in English and Simplified Chinese, through
real nginx and the real responder: English by default; Chinese from
Accept-Language on every kind of page (labels, <html lang>, dates); the
switch link and /lang, whose cookie is remembered and beats the header;
/lang never sends a reader to another site; Content-Language and Vary;
the article text shown as stored in both languages."""

import html
import re
import sqlite3
import unittest
import urllib.parse

import harness
from harness import Browser

site = None
ZH = {"Accept-Language": "zh-CN,zh;q=0.9"}
EN = {"Accept-Language": "en-US,en;q=0.9"}
# The seed article of 2020-12-30 (sql/seeds/000_*.txt).
ADMIN, ADMIN_PW = "editor", "a long enough passphrase 42"
SEED_TITLE = "To win the epidemic prevention and control battle, party members should be my first"


def setUpModule():
    global site
    site = harness.Site(workers=2, tls=True)
    site.seed()
    site.add_user(ADMIN, ADMIN_PW)
    site.start()


def tearDownModule():
    if site is not None:
        site.finish()


def html_lang(body):
    m = re.search(r'<html lang="([^"]*)"', body)
    return m.group(1) if m else None


def seed_id():
    with sqlite3.connect(site.db) as db:
        return db.execute("SELECT id FROM article WHERE title = ?", (SEED_TITLE,)).fetchone()[0]


def switch_link(body):
    """The language switch link: (href unescaped, lang, hreflang, label)."""
    m = re.search(r'<a href="(/lang\?[^"]*)" lang="([^"]*)" hreflang="([^"]*)">([^<]*)</a>', body)
    return (html.unescape(m.group(1)), m.group(2), m.group(3), m.group(4)) if m else None


def article_body(body):
    m = re.search(r'<div class="article-body">(.*?)</div>', body, re.S)
    return m.group(1) if m else None


class Default(unittest.TestCase):
    def test_english_without_accept_language(self):
        status, headers, body = site.get("/")
        self.assertEqual(status, 200)
        self.assertEqual(html_lang(body), "en")
        self.assertIn(">Home</a>", body)
        self.assertIn(">All articles</a>", body)
        self.assertIn("Skip to content", body)
        self.assertEqual(headers.get("content-language"), "en")

    def test_english_for_other_languages(self):
        for value in ("fr-FR,fr;q=0.9", "*", "zh;q=0", "garbage;;q=9", "en;q=0, zh;q=0"):
            status, headers, body = site.get("/", headers={"Accept-Language": value})
            self.assertEqual(status, 200, value)
            self.assertEqual(html_lang(body), "en", value)

    def test_chinese_variants(self):
        for value in ("zh", "zh-CN", "zh-Hans", "zh-SG", "zh-TW", "zh-HK", "ZH-cn",
                      "en;q=0.5, zh;q=0.8", "fr, zh;q=0.1"):
            status, headers, body = site.get("/", headers={"Accept-Language": value})
            self.assertEqual(html_lang(body), "zh-CN", value)
            self.assertEqual(headers.get("content-language"), "zh-CN", value)

    def test_overlong_header_is_survived(self):
        value = "fr," * 2000 + "zh"
        status, headers, body = site.get("/", headers={"Accept-Language": value})
        self.assertEqual(status, 200)
        self.assertEqual(html_lang(body), "en")
        status, _, body = site.get("/", headers={"Accept-Language": "zh," + "x" * 3000})
        self.assertEqual(status, 200)
        self.assertEqual(html_lang(body), "zh-CN")


class Chinese(unittest.TestCase):
    def test_home(self):
        status, headers, body = site.get("/", headers=ZH)
        self.assertEqual(status, 200)
        self.assertEqual(html_lang(body), "zh-CN")
        for text in (">首页</a>", ">全部文章</a>", "最新文章", "跳到正文", 'placeholder="搜索"',
                     ">搜索</button>"):
            self.assertIn(text, body)
        self.assertNotIn(">Home</a>", body)
        # Dates as Chinese readers write them, machine-readable as stored.
        self.assertIn('<time datetime="2025-03-25">2025年3月25日</time>', body)

    def test_list_and_pager(self):
        status, _, body = site.get("/articles/", headers=ZH)
        self.assertEqual(status, 200)
        self.assertIn('<time datetime="2020-12-30">2020年12月30日</time>', body)
        self.assertIn(">下一页</a>", body)
        self.assertIn('aria-label="分页"', body)
        status, _, body = site.get("/articles/?page=2", headers=ZH)
        self.assertIn("（第 2 页，共", body)
        self.assertIn(">上一页</a>", body)
        # English for the same pages.
        _, _, body = site.get("/articles/?page=2")
        self.assertIn("(page 2 of", body)
        self.assertIn(">Previous</a>", body)

    def test_article(self):
        aid = seed_id()
        status, _, body = site.get(f"/articles/{aid}", headers=ZH)
        self.assertEqual(status, 200)
        self.assertIn("当前位置：", body)
        self.assertIn("<span>作者：党群服务与组织管理</span>", body)
        self.assertIn('发布时间：<time datetime="2020-12-30">2020年12月30日</time>', body)
        _, _, body = site.get(f"/articles/{aid}")
        self.assertIn("<span>Author: 党群服务与组织管理</span>", body)
        self.assertIn('Addtime: <time datetime="2020-12-30">30 December 2020</time>', body)
        self.assertIn("Now:", body)

    def test_neighbour_labels(self):
        aid = seed_id()
        _, _, body = site.get(f"/articles/{aid}", headers=ZH)
        self.assertTrue("上一篇：" in body or "下一篇：" in body)
        self.assertIn('aria-label="更多文章"', body)

    def test_article_text_as_stored_in_both_languages(self):
        aid = seed_id()
        _, _, en = site.get(f"/articles/{aid}")
        _, _, zh = site.get(f"/articles/{aid}", headers=ZH)
        self.assertIsNotNone(article_body(en))
        self.assertEqual(article_body(en), article_body(zh))
        self.assertIn(f"<h1>{html.escape(SEED_TITLE, quote=True)}</h1>", zh)
        # Section names come from the database and stay as stored.
        self.assertIn(">SERVICE</a>", zh)

    def test_search(self):
        status, _, body = site.get("/search?q=epidemic", headers=ZH)
        self.assertEqual(status, 200)
        self.assertIn("与“epidemic”匹配的文章", body)
        self.assertIn("2020年12月30日", body)
        self.assertIn("<title>搜索：epidemic", body)
        _, _, body = site.get("/search", headers=ZH)
        self.assertIn("输入一两个中文或英文词语", body)
        _, _, body = site.get("/search?q=zzzzqqqq", headers=ZH)
        self.assertIn("没有与“zzzzqqqq”匹配的文章", body)
        _, _, body = site.get("/search?q=epidemic")
        self.assertRegex(body, r"\d+ articles match “epidemic”")

    def test_errors(self):
        status, headers, body = site.get("/no/such/page", headers=ZH)
        self.assertEqual(status, 404)
        self.assertEqual(html_lang(body), "zh-CN")
        self.assertIn("<h1>页面未找到</h1>", body)
        self.assertIn("错误代码 404", body)
        self.assertIn(">返回首页</a>", body)
        self.assertEqual(headers.get("content-language"), "zh-CN")
        status, _, body = site.get("/articles/?page=abc", headers=ZH)
        self.assertEqual(status, 400)
        self.assertIn("<h1>请求无效</h1>", body)
        status, _, body = site.request("DELETE", "/", headers=ZH)
        self.assertEqual(status, 405)
        self.assertIn("不支持此请求方式", body)
        # A request that cannot even be parsed still gets its language.
        status, _, body = site.get("/" + "a" * 1100, headers=ZH)
        self.assertEqual(status, 414)
        self.assertIn("地址过长", body)

    def test_signin_page_and_message(self):
        b = Browser(site)
        r = b.get("/signin", headers=ZH)
        self.assertEqual(r.status, 200)
        self.assertIn("<h1>登录</h1>", r.body)
        self.assertIn(">账号</label>", r.body)
        self.assertIn(">密码</label>", r.body)
        token = re.search(r'name="csrf_token" value="([^"]+)"', r.body).group(1)
        r = b.post_form("/signin", {"csrf_token": token, "name": "nobody", "password": "x"}, ZH)
        self.assertEqual(r.status, 403)
        self.assertIn("账号与密码不匹配", r.body)
        r = b.post_form("/signin", {"csrf_token": token, "name": "", "password": ""}, ZH)
        self.assertEqual(r.status, 400)
        self.assertIn("请输入账号和密码。", r.body)

    def test_no_english_interface_text_left(self):
        """The labels of the chrome, a list and an article are all Chinese."""
        aid = seed_id()
        for path in ("/", "/articles/", f"/articles/{aid}", "/search?q=epidemic", "/nope"):
            _, _, body = site.get(path, headers=ZH)
            chrome = re.sub(r'<main id="main".*</main>', "", body, flags=re.S)
            for english in ("Home", "All articles", "Search", "Skip to content"):
                self.assertNotIn(f">{english}<", chrome, path)


class Admin(unittest.TestCase):
    """The admin's own strings (set only on admin pages) and its messages."""

    def signed_in(self):
        return harness.signed_in(site, ADMIN, ADMIN_PW, ZH)

    def test_dashboard_and_editor_in_chinese(self):
        b = self.signed_in()
        r = b.get("/admin/", headers=ZH)
        self.assertEqual(r.status, 200)
        for text in ("<h1>管理后台</h1>", ">写一篇新文章</a>", ">标题</th>", ">已发布</span>",
                     "最近动态", "登录了", "当前登录 <strong>editor</strong>", ">退出登录</button>"):
            self.assertIn(text, r.body)
        r = b.get("/admin/articles/new", headers=ZH)
        for text in ("<h1>新建文章</h1>", ">发布日期</label>", ">保存</button>", "草稿：仅管理员可见"):
            self.assertIn(text, r.body)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', r.body).group(1)
        r = b.post_form("/admin/articles/new",
                        {"csrf_token": csrf, "title": "", "author": "", "published_on": "2023-02-30",
                         "section": "1", "body": "x", "status": "published", "action": "save"},
                        {"Origin": site.origin(), **ZH})
        self.assertEqual(r.status, 400)
        for text in ("请修改下面标出的 3 处问题", "请填写文章标题。", "请填写作者（个人或部门）。",
                     "请按 YYYY-MM-DD 格式填写真实的日期"):
            self.assertIn(text, r.body)
        # The same in English, as typed.
        r = b.get("/admin/", headers=EN)
        self.assertIn("<h1>Dashboard</h1>", r.body)
        self.assertIn("signed in", r.body)


class Headers(unittest.TestCase):
    def test_content_language_and_vary(self):
        for path in ("/", "/articles/", f"/articles/{seed_id()}", "/search?q=x", "/nope", "/signin"):
            for headers, lang in ((None, "en"), (ZH, "zh-CN")):
                status, h, _ = site.get(path, headers=headers)
                self.assertEqual(h.get("content-language"), lang, (path, status))
                vary = [v.strip().lower() for v in h.get("vary", "").split(",")]
                self.assertIn("accept-language", vary, path)
                self.assertIn("cookie", vary, path)

    def test_etag_differs_by_language(self):
        _, en, _ = site.get("/")
        _, zh, _ = site.get("/", headers=ZH)
        if "etag" in en and "etag" in zh:
            self.assertNotEqual(en["etag"], zh["etag"])


class Switch(unittest.TestCase):
    def test_link_on_every_page(self):
        aid = seed_id()
        for path in ("/", "/articles/?page=2", f"/articles/{aid}", "/search?q=党 支部", "/nope",
                     "/signin"):
            quoted = urllib.parse.quote(path, safe="/?=&")
            _, _, body = site.get(quoted)
            link = switch_link(body)
            self.assertIsNotNone(link, path)
            href, lang, hreflang, label = link
            self.assertEqual((lang, hreflang, label), ("zh-CN", "zh-CN", "中文"), path)
            query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
            self.assertEqual(query["to"], ["zh-CN"])
            self.assertEqual(query["next"], [quoted], path)
            _, _, body = site.get(quoted, headers=ZH)
            href, lang, hreflang, label = switch_link(body)
            self.assertEqual((lang, hreflang, label), ("en", "en", "English"), path)
            self.assertIn("to=en", href)

    def test_switch_is_remembered(self):
        b = Browser(site)
        r = b.get("/articles/?page=2", headers=EN)
        href = switch_link(r.body)[0]
        r = b.get(href, headers=EN)
        self.assertEqual(r.status, 303)
        self.assertEqual(r.headers["location"], "/articles/?page=2")
        self.assertEqual(r.headers.get("cache-control"), "no-store")
        value, attrs = r.cookie("gazette_lang")
        self.assertEqual(value, "zh-CN")
        self.assertEqual(attrs.get("path"), "/")
        self.assertEqual(attrs.get("max-age"), "31536000")
        self.assertEqual(attrs.get("samesite"), "Lax")
        self.assertTrue(attrs.get("httponly"))
        self.assertNotIn("secure", attrs)
        # Later requests whose header says English stay Chinese.
        for path in ("/", "/articles/?page=2", "/nope"):
            r = b.get(path, headers=EN)
            self.assertEqual(html_lang(r.body), "zh-CN", path)
        # And back.
        r = b.get(switch_link(b.get("/", headers=EN).body)[0], headers=EN)
        self.assertEqual(r.status, 303)
        self.assertEqual(r.cookie("gazette_lang")[0], "en")
        r = b.get("/", headers=ZH)
        self.assertEqual(html_lang(r.body), "en")

    def test_secure_cookie_over_https(self):
        b = Browser(site, tls=True)
        r = b.get("/lang?to=zh-CN&next=/")
        self.assertEqual(r.status, 303)
        value, attrs = r.cookie("gazette_lang")
        self.assertEqual(value, "zh-CN")
        self.assertTrue(attrs.get("secure"))

    def test_cookie_beats_header(self):
        _, _, body = site.get("/", headers={"Cookie": "gazette_lang=en", **ZH})
        self.assertEqual(html_lang(body), "en")
        _, _, body = site.get("/", headers={"Cookie": "a=b; gazette_lang=zh-CN", **EN})
        self.assertEqual(html_lang(body), "zh-CN")

    def test_invalid_cookie_is_ignored(self):
        for value in ("fr", "zh", "zh-cn", "EN", "", "zh-CN%00", "<script>"):
            cookie = {"Cookie": f"gazette_lang={value}"}
            _, _, body = site.get("/", headers={**cookie, **ZH})
            self.assertEqual(html_lang(body), "zh-CN", value)
            status, _, body = site.get("/", headers=cookie)
            self.assertEqual(status, 200)
            self.assertEqual(html_lang(body), "en", value)

    def test_next_stays_on_this_site(self):
        for nxt in ("//evil.example", "https://evil.example", "/\\evil", "\\\\evil",
                    "evil.example", "/\r\nSet-Cookie:x=1", "/\tx", "", "javascript:alert(1)"):
            path = "/lang?" + urllib.parse.urlencode({"to": "zh-CN", "next": nxt})
            status, headers, _ = site.get(path)
            self.assertEqual(status, 303, nxt)
            self.assertEqual(headers["location"], "/", nxt)
            self.assertNotIn("x=1", headers.get("set-cookie", ""))
        status, headers, _ = site.get("/lang?to=zh-CN")
        self.assertEqual((status, headers["location"]), (303, "/"))
        # Sent twice: neither is trusted.
        status, headers, _ = site.get("/lang?to=en&next=/articles/&next=//evil.example")
        self.assertEqual((status, headers["location"]), (303, "/"))

    def test_next_keeps_path_and_query(self):
        nxt = "/search?q=%E5%85%9A&page=1"
        status, headers, _ = site.get("/lang?to=en&next=" + urllib.parse.quote(nxt, safe=""))
        self.assertEqual(status, 303)
        self.assertEqual(headers["location"], nxt)

    def test_bad_to(self):
        for query in ("to=fr&next=/", "to=zh&next=/", "to=ZH-CN", "", "to=en&to=zh-CN",
                      "to=zh-CN%00"):
            status, headers, body = site.get("/lang?" + query, headers=ZH)
            self.assertEqual(status, 400, query)
            self.assertIn("text/html", headers["content-type"])
            self.assertIn("<h1>请求无效</h1>", body)
            self.assertNotIn("set-cookie", headers)

    def test_lang_is_read_only(self):
        status, _, _ = site.request("POST", "/lang?to=en", body=b"")
        self.assertEqual(status, 405)
        status, headers, body = site.request("HEAD", "/lang?to=en&next=/articles/")
        self.assertEqual((status, headers["location"]), (303, "/articles/"))


Zz_Log = harness.sanitizer_log_case(lambda: site)


if __name__ == "__main__":
    harness.main(__name__)
