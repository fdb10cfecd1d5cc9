"""test_deploy.py: docs/nginx.conf's production servers, run as written.
Only its documented placeholders are replaced, by plain text replacement
(the ports, the certificate folder, made here with a self-signed
certificate, the socket, the data folders and the folders nginx writes);
its snippets are cut from its own comments as docs/deploy.md does. nginx's
workers run as www-data and gazette as the unit runs it (user gazette,
group www-data), so the socket's and folders' permissions are tested too.
Checked: plain HTTP answers 301 to https (but certbot's challenge is not
redirected); https speaks HTTP/2 and TLS 1.2 or later only; pages, the
stylesheet and the feed are gzipped when asked and photos never; /static/
and /media/ come from nginx with its cache headers and still load when
gazette is stopped; pages come through FastCGI, and /healthz always from
gazette, never from nginx's page cache; every answer has each security
header (HSTS included) exactly once.

DocsSite is also used by test_install.py, to serve an installed gazette."""

import gzip
import http.client
import os
import re
import shutil
import signal
import sqlite3
import ssl
import stat
import subprocess
import tempfile
import time
import unittest

import harness

DOCS_CONF = os.path.join(harness.ROOT, "docs", "nginx.conf")
DEPLOY_MD = os.path.join(harness.ROOT, "docs", "deploy.md")
UNIT = os.path.join(harness.ROOT, "docs", "gazette.service")
NGINX_USER = "www-data"     # Debian's nginx.conf: "user www-data;"


def unit_settings():
    """User=, Group=, SupplementaryGroups= and UMask= of the unit, which
    the commands and the server here are run with."""
    got = {}
    with open(UNIT, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"(User|Group|SupplementaryGroups|UMask)=(.*)$", line.strip())
            if m:
                got[m.group(1)] = m.group(2)
    return got["User"], got["Group"], got.get("SupplementaryGroups", "").split(), \
        int(got["UMask"], 8)


USER, GROUP, EXTRA_GROUPS, UMASK = unit_settings()
SECURITY = ("strict-transport-security", "content-security-policy", "x-content-type-options",
            "x-frame-options", "referrer-policy")


def ensure_accounts():
    """The system user deploy.md makes (tests/site.sh makes the same one)."""
    if os.geteuid() != 0:
        raise RuntimeError("this test starts nginx as www-data and gazette as its own user: "
                           "run it as root (as make test does)")
    harness.ensure_system_user(USER)


def service_dir(path):
    """A folder as systemd's StateDirectory=/RuntimeDirectory= make it for
    the unit: gazette:www-data, mode 0750."""
    os.makedirs(path, exist_ok=True)
    shutil.chown(path, USER, GROUP)
    os.chmod(path, 0o750)


def clean_env():
    """The environment without any GAZETTE_* variable."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GAZETTE_")}


def as_service(args, **kw):
    """Runs ARGS as the unit runs gazette: its User=, Group=,
    SupplementaryGroups= and UMask= (gazette, www-data, gazette, 077)."""
    return subprocess.run(args, user=USER, group=GROUP, extra_groups=EXTRA_GROUPS, umask=UMASK,
                          capture_output=True, text=True, timeout=120, **kw)


def start_service(args, log_path, **kw):
    """Starts ARGS (gazette serve) as as_service would run it, its output
    into LOG_PATH; returns the Popen."""
    log = open(log_path, "ab")
    try:
        return subprocess.Popen(args, user=USER, group=GROUP, extra_groups=EXTRA_GROUPS,
                                umask=UMASK,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                                **kw)
    finally:
        log.close()


def stop_process(proc, sig=signal.SIGTERM, seconds=20):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(sig)
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def wait_socket(path, proc, seconds=15):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if os.path.exists(path) and stat.S_ISSOCK(os.stat(path).st_mode):
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    return False


class DocsSite:
    """nginx running docs/nginx.conf in folder DIR, on two free loopback
    ports, in front of the socket SOCK; /static/ from SHARE/static, /media/
    from MEDIA."""

    def __init__(self, dir, share, media, sock):
        self.dir = dir
        self.share, self.media, self.sock = share, media, sock
        self.http_port = harness.free_port()
        self.https_port = harness.free_port()
        self.conf_dir = os.path.join(dir, "nginx")
        self.logs = os.path.join(dir, "nginx-logs")
        self.proc = None

    # The placeholders docs/nginx.conf lists in its header, each of which
    # must still be there, and what this test puts instead.
    def replacements(self):
        tls = os.path.join(self.conf_dir, "tls") + "/"
        return [
            ("/etc/letsencrypt/live/news.example.org/", tls),
            ("/run/gazette/gazette.sock", self.sock),
            ("/usr/share/gazette", self.share),
            ("/var/lib/gazette/media", self.media),
            ("/var/cache/nginx/gazette", os.path.join(self.dir, "nginx-cache")),
            ("/var/log/nginx/", self.logs + "/"),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{self.https_port} ssl http2;"),
            ("listen 80;", f"listen 127.0.0.1:{self.http_port};"),
        ]

    def site_conf(self):
        with open(DOCS_CONF, encoding="utf-8") as f:
            conf = f.read()
        for old, new in self.replacements():
            if old not in conf:
                raise AssertionError(f"docs/nginx.conf no longer holds the placeholder {old!r}")
            conf = conf.replace(old, new)
        # "drop this line on a host without IPv6": loopback IPv4 only here.
        return "".join(line for line in conf.splitlines(keepends=True) if "listen [::]" not in line)

    @staticmethod
    def snippets():
        """The two snippets, cut from docs/nginx.conf's comment by the sed
        commands of docs/deploy.md, run as written there."""
        with open(DEPLOY_MD, encoding="utf-8") as f:
            guide = f.read()
        out = []
        for what in ("add_header", "fastcgi_hide_header"):
            command = rf"sed -n 's/^# \({what} .*\)$/\1/p' docs/nginx.conf"
            if command not in guide:
                raise AssertionError(f"docs/deploy.md no longer cuts the snippet with {command}")
            r = subprocess.run(["sh", "-c", command], cwd=harness.ROOT, capture_output=True,
                               text=True, timeout=30)
            if r.returncode != 0 or not r.stdout.strip():
                raise AssertionError(f"{command}: {r.stderr}")
            out.append(r.stdout)
        return out

    def write(self):
        os.makedirs(os.path.join(self.conf_dir, "snippets"), exist_ok=True)
        os.makedirs(os.path.join(self.conf_dir, "tls"), exist_ok=True)
        os.makedirs(self.logs, exist_ok=True)
        tls = os.path.join(self.conf_dir, "tls")
        # certbot's file names: fullchain.pem and privkey.pem.
        r = harness.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                         "-subj", "/CN=news.example.org",
                         "-keyout", os.path.join(tls, "privkey.pem"),
                         "-out", os.path.join(tls, "fullchain.pem")])
        if r.returncode != 0:
            raise RuntimeError("openssl: " + r.stderr)
        headers, hide = self.snippets()
        with open(os.path.join(self.conf_dir, "snippets", "gazette-headers.conf"), "w") as f:
            f.write(headers)
        with open(os.path.join(self.conf_dir, "snippets", "gazette-hide-headers.conf"), "w") as f:
            f.write(hide)
        shutil.copy("/etc/nginx/fastcgi_params", self.conf_dir)
        with open(os.path.join(self.conf_dir, "gazette.conf"), "w", encoding="utf-8") as f:
            f.write(self.site_conf())
        # What Debian's /etc/nginx/nginx.conf provides around conf.d/: the
        # user, mime types and an http block; the rest keeps nginx's files
        # in this folder.
        tmp = os.path.join(self.dir, "nginx-tmp")
        with open(os.path.join(self.conf_dir, "nginx.conf"), "w", encoding="utf-8") as f:
            f.write(f"""user {NGINX_USER} {NGINX_USER};
worker_processes 2;
pid {self.dir}/nginx.pid;
error_log {self.logs}/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log {self.logs}/access.log;
    client_body_temp_path {tmp}/body;
    fastcgi_temp_path {tmp}/fastcgi;
    proxy_temp_path {tmp}/proxy;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {self.conf_dir}/gazette.conf;
}}
""")
        os.makedirs(tmp, exist_ok=True)

    def start(self):
        self.write()
        r = harness.run(["/usr/sbin/nginx", "-t", "-p", self.dir, "-c",
                         os.path.join(self.conf_dir, "nginx.conf")])
        if r.returncode != 0:
            raise RuntimeError("nginx -t refused docs/nginx.conf: " + r.stderr)
        self.proc = subprocess.Popen(
            ["/usr/sbin/nginx", "-p", self.dir, "-c", os.path.join(self.conf_dir, "nginx.conf"),
             "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                self.fetch("GET", "/static/gazette.css")
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError("nginx did not start: " + self.error_log())

    def stop(self):
        stop_process(self.proc, signal.SIGQUIT)

    def error_log(self):
        try:
            with open(os.path.join(self.logs, "error.log"), errors="replace") as f:
                return f.read()[-3000:]
        except FileNotFoundError:
            return ""

    def fetch(self, method, path, headers=None, tls=True):
        """One request over https (certificate not checked) or plain http;
        (status, {lower-case name: [values...]}, body bytes as sent)."""
        if tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            conn = http.client.HTTPSConnection("127.0.0.1", self.https_port, timeout=30,
                                               context=ctx)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
        try:
            headers = headers or {}
            conn.putrequest(method, path, skip_host="Host" in headers,
                            skip_accept_encoding=True)
            for k, v in headers.items():
                conn.putheader(k, v)
            conn.endheaders()
            resp = conn.getresponse()
            body = resp.read()
            got = {}
            for k, v in resp.getheaders():
                got.setdefault(k.lower(), []).append(v)
            return resp.status, got, body
        finally:
            conn.close()


site = None


class Deployed:
    """gazette, seeded, as the unit runs it, behind DocsSite."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="gazette-deploy-")
        os.chmod(self.dir, 0o755)       # www-data and gazette pass through
        self.state = os.path.join(self.dir, "state")
        self.media = os.path.join(self.state, "media")
        self.run_dir = os.path.join(self.dir, "run")
        self.sock = os.path.join(self.run_dir, "gazette.sock")
        self.db = os.path.join(self.state, "gazette.db")
        self.log = os.path.join(self.dir, "gazette.log")
        share = os.path.join(self.dir, "share")
        shutil.copytree(os.path.join(harness.ROOT, "static"), os.path.join(share, "static"))
        for d in (self.state, self.media, self.run_dir):
            service_dir(d)
        self.nginx = DocsSite(self.dir, share, self.media, self.sock)
        self.proc = None

    def gazette(self, *args, **kw):
        r = as_service([harness.BIN, "--db", self.db, "--templates",
                        os.path.join(harness.ROOT, "templates"), *args], env=clean_env(), **kw)
        if r.returncode != 0:
            raise RuntimeError(f"gazette {' '.join(args)}: {r.stderr}")
        return r

    def start(self):
        self.gazette("migrate")
        self.gazette("import", *harness.SEEDS)
        self.proc = start_service([harness.BIN, "--db", self.db, "--templates",
                                   os.path.join(harness.ROOT, "templates"), "serve",
                                   "--listen", self.sock, "--workers", "2"],
                                  self.log, env=clean_env(), cwd=self.dir)
        if not wait_socket(self.sock, self.proc):
            raise RuntimeError("gazette did not start: " + self.read_log())
        self.nginx.start()

    def read_log(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def stop_gazette(self):
        stop_process(self.proc)

    def finish(self):
        self.nginx.stop()
        self.stop_gazette()
        log = self.read_log()
        shutil.rmtree(self.dir, ignore_errors=True)
        found = [m for m in harness.SANITIZER_MARKS if m in log]
        if found:
            raise AssertionError(f"sanitizer report in the responder log: {found}\n{log[-4000:]}")


def setUpModule():
    global site
    ensure_accounts()
    site = Deployed()
    try:
        site.start()
    except Exception:
        site.finish()
        raise


def tearDownModule():
    if site is not None:
        site.finish()


class Deploy(unittest.TestCase):
    def once_each(self, headers, what):
        for name in SECURITY:
            self.assertEqual(len(headers.get(name, [])), 1, f"{what}: {name} {headers.get(name)}")

    def article(self):
        """(id, title) of a published article, read behind the site's back."""
        c = sqlite3.connect(site.db)
        try:
            return c.execute("SELECT id, title FROM article WHERE status = 'published' "
                             "ORDER BY id LIMIT 1").fetchone()
        finally:
            c.close()

    def photo(self):
        names = sorted(n for n in os.listdir(site.media) if n.endswith(".jpg"))
        self.assertTrue(names, "the seeds' photos were imported into the state folder")
        return names[0]

    def test_http_redirects_to_https(self):
        for path in ("/", "/articles/?page=2", "/static/gazette.css"):
            status, headers, _ = site.nginx.fetch("GET", path, {"Host": "news.example.org"},
                                                  tls=False)
            self.assertEqual(status, 301, path)
            self.assertEqual(headers["location"], [f"https://news.example.org{path}"])
        # certbot's HTTP challenge is answered over plain HTTP, not redirected.
        status, _, _ = site.nginx.fetch("GET", "/.well-known/acme-challenge/none", tls=False)
        self.assertEqual(status, 404)

    def test_https_speaks_http2(self):
        r = harness.run(["curl", "--http2", "-k", "-s", "-o", "/dev/null", "-w",
                         "%{http_version} %{http_code}",
                         f"https://127.0.0.1:{site.nginx.https_port}/"])
        self.assertEqual(r.stdout, "2 200", r.stderr)
        # Only TLS 1.2 and 1.3.
        r = harness.run(["curl", "-k", "-s", "-o", "/dev/null", "--tlsv1.1", "--tls-max", "1.1",
                         f"https://127.0.0.1:{site.nginx.https_port}/"])
        self.assertNotEqual(r.returncode, 0, "TLS 1.1 was accepted")

    def test_pages_through_fastcgi(self):
        aid, title = self.article()
        status, headers, body = site.nginx.fetch("GET", "/")
        self.assertEqual(status, 200)
        self.assertTrue(headers["content-type"][0].startswith("text/html"))
        self.assertIn(b"<!DOCTYPE html>", body)
        status, headers, body = site.nginx.fetch("GET", f"/articles/{aid}")
        self.assertEqual(status, 200)
        self.assertIn(title.encode(), body)
        status, _, _ = site.nginx.fetch("GET", "/nope")
        self.assertEqual(status, 404)
        # The health check, which always asks gazette (never the cache).
        status, headers, body = site.nginx.fetch("GET", "/healthz")
        self.assertEqual(status, 200)
        self.assertTrue(body.startswith(b"ok\n"), body)
        self.once_each(headers, "/healthz")

    def test_gzip_for_text_not_images(self):
        aid, _ = self.article()
        gz = {"Accept-Encoding": "gzip"}
        for path in ("/", f"/articles/{aid}", "/static/gazette.css", "/feed.xml"):
            status, headers, body = site.nginx.fetch("GET", path, gz)
            self.assertEqual(status, 200, path)
            self.assertEqual(headers.get("content-encoding"), ["gzip"], path)
            self.assertIn("Accept-Encoding", ", ".join(headers.get("vary", [])), path)
            plain = gzip.decompress(body)
            self.assertTrue(len(plain) > len(body), path)
            # The same bytes as without compression.
            _, _, raw = site.nginx.fetch("GET", path)
            if path.startswith("/static/"):
                self.assertEqual(plain, raw, path)
        status, headers, _ = site.nginx.fetch("GET", "/", {})
        self.assertNotIn("content-encoding", headers, "no gzip unless asked")
        status, headers, body = site.nginx.fetch("GET", "/media/" + self.photo(), gz)
        self.assertEqual(status, 200)
        self.assertNotIn("content-encoding", headers, "photos are not compressed again")
        with open(os.path.join(site.media, self.photo()), "rb") as f:
            self.assertEqual(body, f.read())

    def test_static_and_media_from_nginx(self):
        status, headers, body = site.nginx.fetch("GET", "/static/gazette.css")
        self.assertEqual(status, 200)
        with open(os.path.join(harness.ROOT, "static", "gazette.css"), "rb") as f:
            self.assertEqual(body, f.read())
        self.assertEqual(headers["content-type"], ["text/css"])
        # nginx's own file headers: "expires 1d", Last-Modified, ETag.
        self.assertEqual(headers["cache-control"], ["max-age=86400"])
        self.assertIn("expires", headers)
        self.assertIn("last-modified", headers)
        self.once_each(headers, "/static/")
        status, headers, body = site.nginx.fetch("GET", "/media/" + self.photo())
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], ["image/jpeg"])
        self.assertEqual(headers["cache-control"], ["public, max-age=31536000, immutable"])
        self.once_each(headers, "/media/")
        # Only image names under /media/; nothing there reaches gazette.
        status, headers, _ = site.nginx.fetch("GET", "/media/gazette.db")
        self.assertEqual(status, 404)
        status, _, _ = site.nginx.fetch("GET", "/media/../gazette.db")
        self.assertIn(status, (400, 404))

    def test_security_headers_once(self):
        aid, _ = self.article()
        for path in ("/", f"/articles/{aid}", "/articles/", "/feed.xml", "/signin", "/nope",
                     "/static/gazette.css", "/static/nope.css", "/media/" + self.photo()):
            status, headers, _ = site.nginx.fetch("GET", path)
            self.once_each(headers, path)
            self.assertEqual(headers["strict-transport-security"], ["max-age=31536000"], path)
        # The page cache of the docs serves the second request.
        for _ in range(2):
            status, headers, _ = site.nginx.fetch("GET", "/articles/")
            self.assertEqual(status, 200)
            self.once_each(headers, "/articles/ again")

    # Last (by name): stops gazette; nginx's files do not need it.
    def test_zz_static_and_media_without_gazette(self):
        site.stop_gazette()
        status, headers, _ = site.nginx.fetch("GET", "/")
        self.assertIn(status, (500, 502), "no page without gazette")
        self.once_each(headers, "page without gazette")
        status, _, _ = site.nginx.fetch("GET", "/healthz")
        self.assertEqual(status, 502, "the health check is never answered from a cache")
        status, _, _ = site.nginx.fetch("GET", "/static/gazette.css")
        self.assertEqual(status, 200)
        status, _, _ = site.nginx.fetch("GET", "/media/" + self.photo())
        self.assertEqual(status, 200)
        log = site.read_log()
        for mark in harness.SANITIZER_MARKS:
            self.assertNotIn(mark, log)


if __name__ == "__main__":
    harness.main(__name__)
