"""test_config.py: the config file (cgi/config.c, docs/gazette.conf).
Good files: check-config says ok and shows each value; bad files: every
command refuses with FILE:LINE and what is wrong, and serve never starts;
flags over environment over file; the disk checks of check-config; the
sample documents every key and parses. Then a site served with a config:
its site name and ICP number win over the database's, it offers only the
languages listed (the first is the default), and its photo size limit is
what editors are told and what is enforced."""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

import harness
from editor_posts import png
from harness import multipart
from test_admin import article_fields, jpeg

site = None
SITE_NAME = "Config Branch 配置"
ICP = "蜀ICP备00000001号"


def setUpModule():
    global site
    site = harness.Site(workers=1)
    site.seed()
    conf = os.path.join(site.dir, "site.conf")
    with open(conf, "w", encoding="utf-8") as f:
        f.write(f"site_name = {SITE_NAME}\nicp_number = {ICP}\n"
                "languages = zh-CN\nupload_max = 16K\n")
    os.environ["GAZETTE_CONFIG"] = conf
    try:
        site.start()
    finally:
        del os.environ["GAZETTE_CONFIG"]


def tearDownModule():
    if site is not None:
        site.finish()


def gazette(*args, env=None, cwd=None):
    """The binary with ARGS and no GAZETTE_* variables but those in ENV."""
    e = {k: v for k, v in os.environ.items() if not k.startswith("GAZETTE_")}
    e.update(env or {})
    return subprocess.run([harness.BIN, *args], capture_output=True, text=True,
                          timeout=60, env=e, cwd=cwd)


def get(path, headers=None):
    """One GET to the site as a Reply."""
    return harness.Reply(*site.exchange("GET", path, headers))


def config_keys():
    """The keys cgi/config.c knows, read from its table."""
    with open(os.path.join(harness.ROOT, "cgi", "config.c"), encoding="utf-8") as f:
        src = f.read()
    table = re.search(r"keys\[\] = \{(.*?)NULL", src, re.S).group(1)
    return re.findall(r'"([a-z_]+)"', table)


class ConfigFiles(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="gazette-conf-")
        self.state = os.path.join(self.dir, "state")
        os.mkdir(self.state)

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, text, name="gazette.conf"):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(text.encode() if isinstance(text, str) else text)
        return path

    def settings(self, out):
        """check-config's settings block as a dict."""
        block = out.split("settings:\n", 1)[1].split("checks:\n", 1)[0]
        return dict(line.strip().split(None, 1) for line in block.splitlines())

    def test_good_file(self):
        path = self.write(
            "# a complete file\n\n"
            f"state_dir = {self.state}\n"
            f"listen = {self.dir}/g.sock\n"
            "workers = 3\nuser = nobody\npage_cache = off\nlog = stderr\n"
            "site_name = Branch news 新闻\nsite_url = https://news.example.org/\n"
            f"icp_number = {ICP}\nlanguages = zh-CN en\nupload_max = 2M\n")
        old = os.umask(0o022)
        try:
            r = gazette("--config", path, "migrate")
        finally:
            os.umask(old)
        self.assertEqual(r.returncode, 0, r.stderr)
        # A new database holds password hashes: its owner's only, even
        # under a permissive umask.
        self.assertEqual(os.stat(os.path.join(self.state, "gazette.db")).st_mode & 0o777, 0o600)
        r = gazette("--config", path, "check-config")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn(f"{path}: read, no problems in the file", r.stdout)
        self.assertTrue(r.stdout.rstrip().endswith("ok"), r.stdout)
        s = self.settings(r.stdout)
        self.assertEqual(s["db"], f"{self.state}/gazette.db")
        self.assertEqual(s["media"], f"{self.state}/media")
        self.assertEqual(s["listen"], f"{self.dir}/g.sock")
        self.assertEqual(s["workers"], "3")
        self.assertEqual(s["user"], "nobody")
        self.assertEqual(s["page_cache"], "off")
        self.assertEqual(s["site_name"], "Branch news 新闻")
        self.assertEqual(s["site_url"], "https://news.example.org")
        self.assertEqual(s["icp_number"], ICP)
        self.assertEqual(s["languages"], "zh-CN en")
        self.assertEqual(s["upload_max"], str(2 * 1024 * 1024))
        self.assertIn("database: schema version", r.stdout)
        self.assertIn("templates: all parse", r.stdout)

    BAD = [
        ("colour = blue\n", ":1: unknown key 'colour'"),
        ("workers = 2\n\nworkers = 4\n", ":3: workers is set twice (first on line 1)"),
        ("state_dir = var/lib/gazette\n", ":1: state_dir: 'var/lib/gazette' is not an absolute path"),
        ("workers = 0\n", ":1: workers: '0' is not a number from 1 to 64"),
        ("upload_max = 20M\n", ":1: upload_max: '20M' is not a number from 16384 to 8388608"),
        ("languages = fr\n", ":1: languages: 'fr' is not a language gazette has (en, zh-CN)"),
        ("site_url = news.example.org\n", ":1: site_url: 'news.example.org' must start with https://"),
        ("listen = 127.0.0.1:99999\n", ":1: listen: '127.0.0.1:99999' has no port from 1 to 65535"),
        ("page_cache = sometimes\n", ":1: page_cache: 'sometimes' is neither on nor off"),
        ("# fine\nsite_name = \xff\n", ":2: site_name: not valid UTF-8 text"),
        ("workers: 4\n", ":1: expected 'key = value', found 'workers: 4'"),
    ]

    def test_bad_files_refused_by_every_command(self):
        for text, want in self.BAD:
            with self.subTest(text=text):
                path = self.write(text.encode("latin-1"))
                for args in (["check-config"], ["migrate"], ["stats"],
                             ["serve", "--listen", f"{self.dir}/bad.sock"]):
                    r = gazette("--config", path, *args, cwd=self.dir)
                    self.assertEqual(r.returncode, 1, (args, r.stderr))
                    self.assertIn(path + want, r.stderr, args)
                    self.assertIn(f"{path} has 1 problem (see above)", r.stderr)
                self.assertFalse(os.path.exists(f"{self.dir}/bad.sock"), "serve started")
                self.assertFalse(os.path.exists(f"{self.dir}/gazette.db"), "migrate ran")

    def test_several_problems_all_told(self):
        path = self.write("a = 1\nworkers = x\nlog = journal\n")
        r = gazette("--config", path, "check-config")
        self.assertEqual(r.returncode, 1)
        for line in (":1: unknown key 'a'", ":2: workers: 'x'", ":3: log: 'journal'"):
            self.assertIn(path + line, r.stderr)
        self.assertIn("has 3 problems", r.stderr)

    def test_missing_file(self):
        for args, env in ((["--config", "/nonexistent/g.conf"], {}),
                          ([], {"GAZETTE_CONFIG": "/nonexistent/g.conf"})):
            r = gazette(*args, "check-config", env=env)
            self.assertEqual(r.returncode, 1)
            self.assertIn("cannot read the config file /nonexistent/g.conf: "
                          "No such file or directory", r.stderr)

    def test_flags_over_environment_over_file(self):
        other = os.path.join(self.dir, "other")
        path = self.write(f"state_dir = {self.state}\nworkers = 3\npage_cache = on\n"
                          f"db = {self.dir}/file.db\n")
        env_path = self.write("workers = 5\n", "env.conf")
        s = self.settings(gazette("--config", path, "check-config").stdout)
        self.assertEqual((s["db"], s["workers"], s["page_cache"]), (f"{self.dir}/file.db", "3", "on"))
        self.assertEqual(s["media"], f"{self.dir}/media")
        s = self.settings(gazette("--config", path, "check-config",
                                  env={"GAZETTE_DB": f"{self.dir}/env.db",
                                       "GAZETTE_PAGE_CACHE": "off"}).stdout)
        self.assertEqual((s["db"], s["page_cache"]), (f"{self.dir}/env.db", "off"))
        s = self.settings(gazette("--config", path, "--db", f"{self.dir}/flag.db",
                                  "--workers", "2", "--no-page-cache", "check-config",
                                  env={"GAZETTE_DB": f"{self.dir}/env.db"}).stdout)
        self.assertEqual((s["db"], s["workers"], s["page_cache"]),
                         (f"{self.dir}/flag.db", "2", "off"))
        # --state-dir moves the database and media with it.
        s = self.settings(gazette("--config", path, "--state-dir", other, "check-config").stdout)
        self.assertEqual((s["db"], s["media"]), (f"{other}/gazette.db", f"{other}/media"))
        # --config wins over $GAZETTE_CONFIG.
        s = self.settings(gazette("check-config", env={"GAZETTE_CONFIG": env_path}).stdout)
        self.assertEqual(s["workers"], "5")
        s = self.settings(gazette("--config", path, "check-config",
                                  env={"GAZETTE_CONFIG": env_path}).stdout)
        self.assertEqual(s["workers"], "3")

    def test_disk_checks(self):
        empty = os.path.join(self.dir, "empty")
        os.mkdir(empty)
        path = self.write(f"state_dir = {self.state}\ntemplates = {empty}\n"
                          f"listen = {self.dir}/missing/g.sock\nuser = no-such-user-here\n")
        r = gazette("--config", path, "check-config")
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"templates in {empty} do not all parse", r.stdout)
        self.assertIn(f"socket: folder {self.dir}/missing is not there yet", r.stdout)
        self.assertIn("user no-such-user-here does not exist", r.stdout)
        self.assertTrue(r.stdout.rstrip().endswith("2 problems"), r.stdout)
        # A database newer than the binary.
        path = self.write(f"state_dir = {self.state}\n")
        self.assertEqual(gazette("--config", path, "migrate").returncode, 0)
        c = sqlite3.connect(os.path.join(self.state, "gazette.db"))
        c.execute("PRAGMA user_version = 999")
        c.close()
        r = gazette("--config", path, "check-config")
        self.assertEqual(r.returncode, 1)
        self.assertIn("has schema version 999, newer than this binary knows", r.stdout)
        # A state folder that is not there.
        path = self.write(f"state_dir = {self.dir}/nowhere\n")
        r = gazette("--config", path, "check-config")
        self.assertEqual(r.returncode, 1)
        self.assertIn(f"database folder {self.dir}/nowhere does not exist", r.stdout)

    def test_sample_documents_every_key(self):
        sample = os.path.join(harness.ROOT, "docs", "gazette.conf")
        with open(sample, encoding="utf-8") as f:
            text = f.read()
        for key in config_keys():
            self.assertRegex(text, rf"(?m)^#? ?{key} = ", f"{key} is not in the sample")
        r = gazette("--config", sample, "check-config")
        self.assertIn(f"{sample}: read, no problems in the file", r.stdout, r.stderr)
        # Every commented-out key line is a valid value too: uncommented,
        # the file still parses.
        lines = [re.sub(r"^# ?(?=[a-z_]+ = )", "", l) for l in text.splitlines()]
        seen, out = set(), []
        for l in lines:
            m = re.match(r"([a-z_]+) = ", l)
            if m and m.group(1) in seen:
                continue
            if m:
                seen.add(m.group(1))
            out.append(l)
        path = self.write("\n".join(out) + "\n", "uncommented.conf")
        r = gazette("--config", path, "check-config")
        self.assertIn(f"{path}: read, no problems in the file", r.stdout, r.stderr)


class ServedWithConfig(unittest.TestCase):
    def test_site_name_and_icp_from_config(self):
        site.gazette("setting", "site_name", "Database name")
        r = get("/")
        self.assertEqual(r.status, 200)
        self.assertIn(f"<title>{SITE_NAME}</title>", r.body)
        self.assertNotIn("Database name", r.body)
        self.assertIn(ICP, r.body)
        # The command says the file wins, so the change is not a mystery.
        r = harness.run([harness.BIN, "--db", site.db, "setting", "site_name", "X"],
                        env={**os.environ, "GAZETTE_CONFIG": os.path.join(site.dir, "site.conf")})
        self.assertEqual(r.returncode, 0)
        self.assertIn("sets site_name, which the site shows instead", r.stderr)

    def test_one_language(self):
        for accept in (None, "en", "en-GB,en;q=0.9", "zh-CN"):
            h = {"Accept-Language": accept} if accept else {}
            r = get("/articles/", h)
            self.assertEqual(r.status, 200)
            self.assertIn('<html lang="zh-CN">', r.body, accept)
            self.assertNotIn("lang-switch", r.body)
        r = get("/articles/", {"Cookie": "gazette_lang=en"})
        self.assertIn('<html lang="zh-CN">', r.body)
        self.assertEqual(get("/lang?to=en&next=/").status, 400)
        self.assertEqual(get("/lang?to=zh-CN&next=/").status, 303)

    def test_photo_limit(self):
        site.add_user("conf-editor", "a long enough password")
        b = harness.signed_in(site, "conf-editor", "a long enough password")
        r = b.get("/admin/articles/new")
        self.assertEqual(r.status, 200)
        self.assertIn("16 KB", r.body)          # the label says the limit
        big = jpeg("x" * 20000)
        self.assertGreater(len(big), 16 * 1024)
        ctype, body = multipart(article_fields(harness.csrf_of(r.body), ("big.jpg", big),
                                               title="Too big a photo"))
        r = b.request("POST", "/admin/articles/new",
                      {"Content-Type": ctype, "Origin": site.origin()}, body)
        self.assertEqual(r.status, 413)
        self.assertIn("照片大于 16 KB", r.body)
        self.assertEqual(site.query("SELECT count(*) FROM article WHERE title = ?",
                                    ("Too big a photo",))[0][0], 0)
        ctype, body = multipart(article_fields(harness.csrf_of(r.body), ("small.png", png(7)),
                                               title="Small photo"))
        r = b.request("POST", "/admin/articles/new",
                      {"Content-Type": ctype, "Origin": site.origin()}, body)
        self.assertEqual(r.status, 303, r.body[:400])


Zz_Log = harness.sanitizer_log_case(lambda: site)

if __name__ == "__main__":
    harness.main(__name__)
