"""harness.py: what the integration tests share: a temporary site (database
seeded with the demo articles plus generated ones, nginx and the responder
started by tests/site.sh on a free loopback port, optionally with an https
listener too), HTTP helpers, a Browser with a cookie jar, and a result
printer that ends with one 'N passed, N failed' line."""

import html
import http.client
import os
import pwd
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.path.abspath(os.environ.get("GAZETTE_BIN", os.path.join(ROOT, "build", "gazette")))
SEEDS = sorted(os.path.join(ROOT, "sql", "seeds", f)
               for f in os.listdir(os.path.join(ROOT, "sql", "seeds")) if f.endswith(".txt"))
XSS_TITLE = "<script>alert(1)</script> & \"quotes\""
GENERATED = 26


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=60, **kw)


def write_seed(path, title, date, author="Generator", crumb="HOME > SERVICE >Activities",
               body="A generated paragraph.\n\nA second one."):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"Now:{crumb}\n{title}\nAuthor:{author}\u00a0\u00a0Addtime:{date}\n\n{body}\n")


def db_rows(path, sql, args=()):
    """Rows of SQL in the SQLite database at PATH (another process may
    hold it: a generous busy timeout)."""
    c = sqlite3.connect(path, timeout=30)
    try:
        return c.execute(sql, args).fetchall()
    finally:
        c.close()


def ensure_system_user(name):
    """Makes system user NAME (with its group) unless it exists, as
    tests/site.sh does for the user the responder serves as. Root only."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--user-group", "--no-create-home",
                        "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name],
                       check=True)


class Site:
    """A database in a temporary folder, served by nginx + gazette."""

    def __init__(self, workers=2, tls=False, cache=False):
        self.dir = tempfile.mkdtemp(prefix="gazette-it-")
        self.run_dir = os.path.join(self.dir, "run")
        self.db = os.path.join(self.dir, "gazette.db")
        self.media = os.path.join(self.run_dir, "media")
        self.port = free_port()
        # tls: nginx also listens for https here (site.sh SITE_TLS_PORT),
        # with a throw-away self-signed certificate.
        self.tls_port = free_port() if tls else None
        self.workers = workers
        # cache: nginx's page cache in front (site.sh SITE_CACHE), as
        # docs/nginx.conf sets it up, with an X-Cache header to see it.
        self.cache = cache

    def gazette(self, *args, check=True, **kw):
        r = run([BIN, "--db", self.db, *args], **kw)
        if check and r.returncode != 0:
            raise RuntimeError(f"gazette {' '.join(args)} failed: {r.stderr}")
        return r

    def seed(self):
        self.gazette("migrate")
        self.gazette("import", "--media", self.media, *SEEDS)
        gen = os.path.join(self.dir, "generated")
        os.makedirs(gen)
        files = []
        for i in range(GENERATED):
            p = os.path.join(gen, f"gen_{i:02d}.txt")
            # Older than every seed article, one per day, so order is known.
            write_seed(p, f"Generated article {i:02d}", f"2019-01-{i + 1:02d}")
            files.append(p)
        p = os.path.join(gen, "xss.txt")
        write_seed(p, XSS_TITLE, "2018-06-01", author="<b>bold</b> author",
                   body="Body with <script>alert(2)</script> and [x](javascript:alert(3)).")
        files.append(p)
        self.gazette("import", "--media", self.media, *files)

    def start(self, templates=None):
        env = dict(os.environ)
        if templates:
            env["GAZETTE_TEMPLATES"] = templates
        if self.tls_port:
            env["SITE_TLS_PORT"] = str(self.tls_port)
        if self.cache:
            env["SITE_CACHE"] = "1"
        r = run([os.path.join(ROOT, "tests", "site.sh"), "start", self.run_dir,
                 str(self.port), self.db, BIN, str(self.workers)], env=env)
        if r.returncode != 0:
            raise RuntimeError("site did not start: " + r.stderr + r.stdout)

    def stop(self):
        run([os.path.join(ROOT, "tests", "site.sh"), "stop", self.run_dir])

    def log(self):
        try:
            with open(os.path.join(self.run_dir, "logs", "gazette.log"), encoding="utf-8",
                      errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def responder_pid(self):
        with open(os.path.join(self.run_dir, "gazette.pid")) as f:
            return int(f.read())

    def workers_pids(self):
        pid = self.responder_pid()
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                return sorted(int(x) for x in f.read().split())
        except FileNotFoundError:
            return []

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def finish(self):
        """Stops the site, removes its folder, and fails if the responder's
        log holds a sanitizer report (read after the stop, so that reports
        made at exit count too). For tearDownModule."""
        self.stop()
        log = self.log()
        self.cleanup()
        found = [m for m in SANITIZER_MARKS if m in log]
        if found:
            raise AssertionError(f"sanitizer report in the responder log: {found}\n{log[-4000:]}")

    def query(self, sql, args=()):
        """Rows of SQL, read from the database behind the site's back."""
        return db_rows(self.db, sql, args)

    def execute(self, sql, args=()):
        """Runs SQL on the database behind the site's back, committed."""
        c = sqlite3.connect(self.db, timeout=10)
        try:
            c.execute(sql, args)
            c.commit()
        finally:
            c.close()

    def import_article(self, title, date="2031-01-01"):
        """`gazette import` of one generated article, as a writer outside
        the responder would add it."""
        path = os.path.join(self.dir, f"new-{time.time_ns()}.txt")
        write_seed(path, title, date)
        self.gazette("import", "--media", self.media, path)

    def views(self, aid):
        """Article AID's written view count (0 before its first flush)."""
        rows = self.query("SELECT views FROM article_views WHERE article_id = ?", (aid,))
        return rows[0][0] if rows else 0

    def add_user(self, name, password, check=True):
        """`gazette adduser NAME` with PASSWORD on standard input."""
        return self.gazette("adduser", name, input=password + "\n", check=check)

    def origin(self, tls=False):
        """What a browser sends as Origin for a page of this site."""
        return f"https://127.0.0.1:{self.tls_port}" if tls else f"http://127.0.0.1:{self.port}"

    def exchange(self, method, path, headers=None, body=None, tls=False, source=None,
                 timeout=30):
        """One request; returns (status, [(header, value)...] in the order
        sent, body bytes). TLS: over the https listener (the certificate is
        not checked). SOURCE: the loopback address to connect from (such as
        127.0.0.2), which nginx hands on as REMOTE_ADDR."""
        src = (source, 0) if source else None
        if tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            conn = http.client.HTTPSConnection("127.0.0.1", self.tls_port, timeout=timeout,
                                               source_address=src, context=ctx)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout,
                                              source_address=src)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            try:
                conn.endheaders(body)
            except (BrokenPipeError, ConnectionResetError):
                # A server may answer (413) and close before reading all of
                # a large body; its answer is still there to read.
                pass
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, resp.getheaders(), data
        finally:
            conn.close()

    def request(self, method, path, headers=None, body=None, **kw):
        status, headers, data = self.exchange(method, path, headers, body, **kw)
        return status, {k.lower(): v for k, v in headers}, data.decode("utf-8", "replace")

    def get(self, path, **kw):
        return self.request("GET", path, **kw)


class Reply:
    """One answer as a Browser saw it."""

    def __init__(self, status, header_list, data):
        self.status = status
        self.header_list = header_list
        self.headers = {k.lower(): v for k, v in header_list}
        self.data = data
        self.body = data.decode("utf-8", "replace")
        self.set_cookies = [v for k, v in header_list if k.lower() == "set-cookie"]

    def cookie(self, name):
        """The Set-Cookie line for NAME parsed as (value, {attribute: value});
        attribute names in lower case, flags map to True. None if not set."""
        for line in self.set_cookies:
            first, *attrs = [a.strip() for a in line.split(";")]
            n, _, v = first.partition("=")
            if n == name:
                parsed = {}
                for a in attrs:
                    k, eq, val = a.partition("=")
                    parsed[k.lower()] = val if eq else True
                return v, parsed
        return None


class Browser:
    """A client with a cookie jar for one site, as a browser would be: it
    sends back the cookies the site set (and forgets those cleared with
    Max-Age=0 or an empty value). Redirects are not followed."""

    def __init__(self, site, tls=False, source=None):
        self.site = site
        self.tls = tls
        self.source = source
        self.cookies = {}

    def request(self, method, path, headers=None, body=None):
        h = dict(headers or {})
        if self.cookies and "Cookie" not in h:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        r = Reply(*self.site.exchange(method, path, h, body, tls=self.tls, source=self.source))
        for line in r.set_cookies:
            first, *attrs = [a.strip() for a in line.split(";")]
            name, _, value = first.partition("=")
            gone = any(a.lower() == "max-age=0" for a in attrs) or value == ""
            if gone:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return r

    def get(self, path, headers=None):
        return self.request("GET", path, headers)

    def post_form(self, path, fields, headers=None):
        """POSTs FIELDS ([(name, value)...] or a dict) urlencoded."""
        items = fields.items() if isinstance(fields, dict) else fields
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        return self.request("POST", path, h, urllib.parse.urlencode(list(items)).encode())


MULTIPART_BOUNDARY = "----gazetteTestBoundary7MA4YWxkTrZu0gW"


def multipart(fields, boundary=MULTIPART_BOUNDARY):
    """FIELDS: [(name, text) or (name, (filename, bytes[, content type]))]
    as a browser sends them; a file without a content type is image/png,
    or application/octet-stream when no file was chosen (no filename).
    Returns (content type, body)."""
    out = []
    for name, value in fields:
        if isinstance(value, tuple):
            filename, data = value[0], value[1]
            ctype = value[2] if len(value) > 2 else \
                "image/png" if filename else "application/octet-stream"
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                       f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'.encode() +
                       data + b"\r\n")
        else:
            out.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                       f'\r\n\r\n'.encode() + value.encode() + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(out)


def input_value(body, name):
    """The value of the form's <input> NAME, unescaped."""
    m = re.search(rf'<input id="{name}" name="{name}" [^>]*?value="([^"]*)"', body)
    assert m, f"no input {name}"
    return html.unescape(m.group(1))


def textarea_value(body):
    """The editor's body <textarea>, unescaped."""
    m = re.search(r'<textarea id="body" [^>]*>(.*?)</textarea>', body, re.S)
    assert m, "no body textarea"
    return html.unescape(m.group(1))


def wait_for(pred, seconds=10):
    """Polls PRED until it holds or SECONDS pass; its last answer."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if pred():
            return True
        time.sleep(0.05)
    return pred()


def csrf_of(body):
    """The one CSRF token of a page's forms."""
    tokens = set(re.findall(r'<input type="hidden" name="csrf_token" value="([^"]*)">', body))
    assert len(tokens) == 1, tokens
    return tokens.pop()


def signed_in(site, name, password, headers=None):
    """A Browser signed in to SITE as NAME (the form fetched first, for its
    token cookie, then posted as a browser would)."""
    b = Browser(site)
    r = b.get("/signin", headers)
    assert r.status == 200, r.status
    h = {"Origin": site.origin(), **(headers or {})}
    r = b.post_form("/signin", [("csrf_token", b.cookies["gazette_signin"]),
                                ("name", name), ("password", password)], h)
    assert r.status == 303, (r.status, r.body[:400])
    return b


def admin_save(site, b, path, **fields):
    """Posts the editor form at PATH (new or edit) as Browser B, with
    FIELDS over defaults; the save must succeed (303)."""
    r = b.get(path)
    assert r.status == 200, r.status
    values = {"csrf_token": csrf_of(r.body), "title": "t", "author": "Cache desk",
              "source": "", "published_on": "2032-02-02", "section": "", "body": "Body.",
              "status": "published", "photo_alt": "", "action": "save"}
    sec = re.search(r'<option value="(\d+)"[^>]*>[^<]*Activities', r.body)
    values["section"] = sec.group(1) if sec else "1"
    values.update(fields)
    r = b.post_form(path, values, {"Origin": site.origin()})
    assert r.status == 303, (r.status, r.body[:500])
    return r


SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer",
                   "runtime error:")


def sanitizer_log_case(get_site):
    """A test case that runs last (by its name) in a module and fails when
    the responder's log already holds a sanitizer report, while the site
    still runs; Site.finish checks again after the stop."""
    class Zz_Log(unittest.TestCase):
        def test_no_sanitizer_reports(self):
            log = get_site().log()
            for mark in SANITIZER_MARKS:
                self.assertNotIn(mark, log)
    # unittest runs a module's tearDownModule before a class of another
    # module: as harness's, this class ran after the site was gone and
    # read an empty log. It belongs to the module that asked for it.
    Zz_Log.__module__ = get_site.__module__
    return Zz_Log


class CountingResult(unittest.TextTestResult):
    pass


def main(module_name):
    """Runs the tests of MODULE_NAME and prints 'N passed, N failed'."""
    suite = unittest.defaultTestLoader.loadTestsFromName(module_name)
    result = unittest.TextTestRunner(verbosity=2, resultclass=CountingResult,
                                     stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = max(0, result.testsRun - failed - len(result.skipped))
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed or result.skipped else 0)
