"""test_install.py: `make install` into a temporary DESTDIR, for PREFIX=/usr
and PREFIX=/usr/local, of the binary under test (INSTALL_BIN, no build).
Checked: the layout (program, templates, static files, SQL, the config,
the systemd unit with the right ExecStart, the state folder), the modes
and owners deploy.md relies on, that docs/gazette.conf documents every key
cgi/config.c knows, that systemd-analyze accepts the unit, and then the
installed program itself, run with no --config, --templates or --db and
no GAZETTE_* variable, as the unit runs it (user gazette, group www-data):
check-config says ok, migrate, import of the seeds, adduser, and serve
behind docs/nginx.conf's servers, whose pages come from the installed
templates and whose database and photos are in the state folder named by
the installed config. A second install keeps an edited config; uninstall
removes what install put except the config and the state folder."""

import filecmp
import grp
import os
import pwd
import re
import shutil
import sqlite3
import stat
import tempfile
import unittest

import harness
import test_deploy
from test_deploy import DocsSite, as_service, clean_env, service_dir, start_service, \
    stop_process, wait_socket

TMP = None
USR = None          # DESTDIR of `make install PREFIX=/usr`
LOCAL = None        # DESTDIR of `make install PREFIX=/usr/local`
MARK = '<meta name="generator" content="installed-templates">'


def make(*args):
    return harness.run(["make", "--no-print-directory", "-C", harness.ROOT, *args])


def install(destdir, prefix):
    r = make("install", f"DESTDIR={destdir}", f"PREFIX={prefix}", f"INSTALL_BIN={harness.BIN}")
    if r.returncode != 0:
        raise RuntimeError("make install failed: " + r.stdout + r.stderr)
    return r


def config_keys():
    """The keys cgi/config.c accepts (its keys[] table)."""
    with open(os.path.join(harness.ROOT, "cgi", "config.c"), encoding="utf-8") as f:
        src = f.read()
    table = re.search(r"static const char \*const keys\[\] = \{(.*?)\};", src, re.S).group(1)
    return re.findall(r'"([a-z_]+)"', table)


def setUpModule():
    global TMP, USR, LOCAL
    test_deploy.ensure_accounts()
    TMP = tempfile.mkdtemp(prefix="gazette-install-")
    os.chmod(TMP, 0o755)                # the service user and nginx pass through
    USR = os.path.join(TMP, "usr-root")
    LOCAL = os.path.join(TMP, "local-root")
    install(USR, "/usr")
    install(LOCAL, "/usr/local")


def tearDownModule():
    if TMP:
        shutil.rmtree(TMP, ignore_errors=True)


def owner(path):
    st = os.stat(path)
    return pwd.getpwuid(st.st_uid).pw_name, grp.getgrgid(st.st_gid).gr_name, \
        stat.S_IMODE(st.st_mode)


class Install(unittest.TestCase):
    def check_layout(self, root, prefix, etc, unitdir):
        p = lambda *parts: os.path.join(root, *[x.lstrip("/") for x in parts])  # noqa: E731
        binary = p(prefix, "bin/gazette")
        self.assertTrue(os.access(binary, os.X_OK), binary)
        self.assertTrue(filecmp.cmp(binary, harness.BIN, shallow=False), "the binary under test")
        share = p(prefix, "share/gazette")
        want = sorted(f for f in os.listdir(os.path.join(harness.ROOT, "templates"))
                      if f.endswith(".tpl"))
        self.assertEqual(sorted(os.listdir(os.path.join(share, "templates"))), want)
        self.assertEqual(sorted(os.listdir(os.path.join(share, "static"))),
                         sorted(os.listdir(os.path.join(harness.ROOT, "static"))))
        self.assertEqual(sorted(os.listdir(os.path.join(share, "sql"))),
                         sorted(f for f in os.listdir(os.path.join(harness.ROOT, "sql"))
                                if f.endswith(".sql")))
        for f in ("templates/layout.tpl", "static/gazette.css", "sql/001_initial.sql"):
            self.assertEqual(owner(os.path.join(share, f))[2], 0o644, f)
        conf = p(etc, "gazette/gazette.conf")
        self.assertEqual(owner(conf), ("root", "gazette", 0o640), conf)
        with open(conf, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("\nstate_dir = /var/lib/gazette\n", text)
        self.assertIn("\nlisten = /run/gazette/gazette.sock\n", text)
        self.assertIn(f"\n# templates = {prefix}/share/gazette/templates\n", text)
        with open(os.path.join(share, "gazette.conf.sample"), encoding="utf-8") as f:
            self.assertEqual(f.read(), text, "the sample kept for comparison")
        unit = p(unitdir, "gazette.service")
        self.assertEqual(owner(unit)[2], 0o644)
        with open(unit, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(re.findall(r"^ExecStart=.*$", text, re.M),
                         [f"ExecStart={prefix}/bin/gazette serve"])
        self.assertIn(f"{etc}/gazette/gazette.conf", text)
        for line in ("User=gazette", "Group=www-data", "RuntimeDirectory=gazette",
                     "StateDirectory=gazette gazette/media", "ProtectSystem=strict",
                     "ReadWritePaths=/var/lib/gazette", "NoNewPrivileges=yes",
                     "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure"):
            self.assertIn("\n" + line + "\n", text)
        for d in ("var/lib/gazette", "var/lib/gazette/media"):
            self.assertEqual(owner(os.path.join(root, d)), ("gazette", "www-data", 0o750), d)
        return binary

    def test_layout_prefix_usr(self):
        self.check_layout(USR, "/usr", "/etc", "/usr/lib/systemd/system")

    def test_layout_prefix_usr_local(self):
        binary = self.check_layout(LOCAL, "/usr/local", "/usr/local/etc",
                                   "/usr/local/lib/systemd/system")
        # The installed program finds that config and its templates itself.
        r = harness.run([binary, "check-config"], env=clean_env())
        conf = os.path.join(LOCAL, "usr/local/etc/gazette/gazette.conf")
        self.assertEqual(r.stdout.splitlines()[0], f"{conf}: read, no problems in the file",
                         r.stdout + r.stderr)
        tpl = re.search(r"^  templates +(.*)$", r.stdout, re.M).group(1)
        self.assertEqual(os.path.realpath(tpl),
                         os.path.join(LOCAL, "usr/local/share/gazette/templates"))

    def test_sample_documents_every_key(self):
        with open(os.path.join(harness.ROOT, "docs", "gazette.conf"), encoding="utf-8") as f:
            text = f.read()
        keys = config_keys()
        self.assertGreaterEqual(len(keys), 14)
        for key in keys:
            # An explanation ("# key: ...") and a value or example line.
            self.assertRegex(text, rf"(?m)^# {key}: ", key)
            self.assertRegex(text, rf"(?m)^(# )?{key} = \S", key)
        # The sample itself is a valid config file (check-config reads it).
        r = harness.run([harness.BIN, "--config", os.path.join(harness.ROOT, "docs", "gazette.conf"),
                         "--state-dir", TMP, "--listen", os.path.join(TMP, "x.sock"),
                         "check-config"], env=clean_env())
        self.assertIn("read, no problems in the file", r.stdout, r.stdout + r.stderr)

    def test_systemd_analyze_verify(self):
        # verify also checks that ExecStart names an executable: the copy
        # checked points it into DESTDIR; nothing else changes.
        with open(os.path.join(USR, "usr/lib/systemd/system/gazette.service")) as f:
            text = f.read()
        d = os.path.join(TMP, "unit-check")
        os.makedirs(d, exist_ok=True)
        unit = os.path.join(d, "gazette.service")
        with open(unit, "w") as f:
            f.write(text.replace("ExecStart=/usr/bin/gazette",
                                 f"ExecStart={USR}/usr/bin/gazette"))
        r = harness.run(["systemd-analyze", "verify", unit])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr.strip(), "", "no warnings")
        r = harness.run(["systemd-analyze", "security", "--offline=yes", unit])
        level = re.search(r"Overall exposure level for gazette.service: ([0-9.]+) (\w+)", r.stdout)
        self.assertIsNotNone(level, r.stdout[-2000:] + r.stderr)
        self.assertLessEqual(float(level.group(1)), 2.0, r.stdout)

    def test_installed_site(self):
        """The installed program as deploy.md runs it, with only the
        config's state_dir and listen edited (an install of its own)."""
        root = os.path.join(TMP, "site-root")
        install(root, "/usr")
        binary = os.path.join(root, "usr/bin/gazette")
        conf = os.path.join(root, "etc/gazette/gazette.conf")
        share = os.path.join(root, "usr/share/gazette")
        state = os.path.join(TMP, "state")
        run_dir = os.path.join(TMP, "run")     # systemd's RuntimeDirectory=
        sock = os.path.join(run_dir, "gazette.sock")
        for d in (state, os.path.join(state, "media"), run_dir):
            service_dir(d)
        with open(conf, encoding="utf-8") as f:
            text = f.read()
        text = text.replace("\nstate_dir = /var/lib/gazette\n", f"\nstate_dir = {state}\n")
        text = text.replace("\nlisten = /run/gazette/gazette.sock\n", f"\nlisten = {sock}\n")
        with open(conf, "w", encoding="utf-8") as f:
            f.write(text)
        # Proof that pages come from the installed templates.
        layout = os.path.join(share, "templates", "layout.tpl")
        with open(layout, encoding="utf-8") as f:
            tpl = f.read()
        with open(layout, "w", encoding="utf-8") as f:
            f.write(tpl.replace("<head>\n", "<head>\n" + MARK + "\n", 1))
        env = clean_env()

        def gazette(*args, **kw):
            r = as_service([binary, *args], env=env, cwd="/", **kw)
            self.assertEqual(r.returncode, 0, f"gazette {' '.join(args)}: {r.stdout}{r.stderr}")
            for mark in harness.SANITIZER_MARKS:
                self.assertNotIn(mark, r.stderr)
            return r

        r = gazette("check-config")
        self.assertEqual(r.stdout.splitlines()[0], f"{conf}: read, no problems in the file")
        self.assertEqual(r.stdout.splitlines()[-1], "ok", r.stdout)
        gazette("migrate")
        r = gazette("import", *harness.SEEDS)
        self.assertIn(f"{len(harness.SEEDS)} added", r.stdout + r.stderr)
        gazette("adduser", "editor", input="a long enough password\n")
        self.assertIn("editor", gazette("users").stdout)
        db = os.path.join(state, "gazette.db")
        self.assertTrue(os.path.isfile(db))
        self.assertEqual(owner(db)[0], "gazette")
        self.assertEqual(owner(db)[2] & 0o077, 0, "umask 077: the database is gazette's alone")
        photos = sorted(n for n in os.listdir(os.path.join(state, "media")) if n.endswith(".jpg"))
        self.assertTrue(photos, "photos imported into the state folder")
        self.assertEqual(owner(os.path.join(state, "media", photos[0]))[2], 0o644)

        log = os.path.join(TMP, "serve.log")
        proc = start_service([binary, "serve", "--workers", "2"], log, env=env, cwd="/")
        nginx = DocsSite(TMP, share, os.path.join(state, "media"), sock)
        try:
            self.assertTrue(wait_socket(sock, proc), open(log).read())
            self.assertEqual(owner(sock), ("gazette", "www-data", 0o660))
            nginx.start()
            status, _, body = nginx.fetch("GET", "/")
            self.assertEqual(status, 200)
            self.assertIn(MARK.encode(), body)
            c = sqlite3.connect(db)
            try:
                aid, title = c.execute("SELECT id, title FROM article WHERE status = "
                                       "'published' ORDER BY id LIMIT 1").fetchone()
            finally:
                c.close()
            status, _, body = nginx.fetch("GET", f"/articles/{aid}")
            self.assertEqual(status, 200)
            self.assertIn(title.encode(), body)
            self.assertIn(MARK.encode(), body)
            status, headers, _ = nginx.fetch("GET", "/static/gazette.css")
            self.assertEqual(status, 200)
            status, headers, _ = nginx.fetch("GET", "/media/" + photos[0])
            self.assertEqual((status, headers["content-type"]), (200, ["image/jpeg"]))
        finally:
            nginx.stop()
            stop_process(proc)
        with open(log, errors="replace") as f:
            served = f.read()
        self.assertEqual(proc.returncode, 0, served[-2000:])
        for mark in harness.SANITIZER_MARKS:
            self.assertNotIn(mark, served)
        self.assertFalse(os.path.exists(sock), "the socket is removed at stop")

    def test_reinstall_keeps_config_and_uninstall(self):
        conf = os.path.join(LOCAL, "usr/local/etc/gazette/gazette.conf")
        with open(conf, "a", encoding="utf-8") as f:
            f.write("site_name = Edited by the operator\n")
        with open(conf, "rb") as f:
            edited = f.read()
        r = install(LOCAL, "/usr/local")
        self.assertIn("keeping", r.stdout)
        with open(conf, "rb") as f:
            self.assertEqual(f.read(), edited, "the second install left the config alone")
        self.assertEqual(owner(conf), ("root", "gazette", 0o640))
        # A state folder with data in it, as a site would have.
        with open(os.path.join(LOCAL, "var/lib/gazette/gazette.db"), "w") as f:
            f.write("data")
        r = make("uninstall", f"DESTDIR={LOCAL}", "PREFIX=/usr/local")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        for gone in ("usr/local/bin/gazette", "usr/local/share/gazette",
                     "usr/local/lib/systemd/system/gazette.service"):
            self.assertFalse(os.path.lexists(os.path.join(LOCAL, gone)), gone)
        with open(conf, "rb") as f:
            self.assertEqual(f.read(), edited, "uninstall keeps the config")
        self.assertTrue(os.path.isfile(os.path.join(LOCAL, "var/lib/gazette/gazette.db")))
        self.assertTrue(os.path.isdir(os.path.join(LOCAL, "var/lib/gazette/media")))
        # Everything else install made is gone: only empty folders remain.
        left = [os.path.relpath(os.path.join(d, f), LOCAL)
                for d, _, files in os.walk(LOCAL) for f in files]
        self.assertEqual(sorted(left), ["usr/local/etc/gazette/gazette.conf",
                                        "var/lib/gazette/gazette.db"])


if __name__ == "__main__":
    harness.main(__name__)
