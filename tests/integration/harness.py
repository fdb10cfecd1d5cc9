"""harness.py: what the integration tests share: a temporary site (database
seeded with the demo articles plus generated ones, nginx and the responder
started by tests/site.sh on a free loopback port), HTTP helpers, and a
result printer that ends with one 'N passed, N failed' line."""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import unittest

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


class Site:
    """A database in a temporary folder, served by nginx + gazette."""

    def __init__(self, workers=2):
        self.dir = tempfile.mkdtemp(prefix="gazette-it-")
        self.run_dir = os.path.join(self.dir, "run")
        self.db = os.path.join(self.dir, "gazette.db")
        self.media = os.path.join(self.run_dir, "media")
        self.port = free_port()
        self.workers = workers

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

    def request(self, method, path, headers=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if body is not None:
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            data = resp.read()
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data.decode("utf-8", "replace")
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)


SANITIZER_MARKS = ("AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer",
                   "runtime error:")


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
