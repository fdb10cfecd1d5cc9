"""test_lifecycle.py: the responder's process life: SIGTERM under load lets
in-flight requests finish and leaves nothing behind; SIGHUP reloads
templates without a restart, and refuses a broken one, keeping the
previous templates in every worker, old and new."""

import http.client
import os
import shutil
import signal
import threading
import time
import unittest

import harness

site = None
templates = None


def setUpModule():
    global site, templates
    site = harness.Site(workers=2)
    site.seed()
    templates = os.path.join(site.dir, "templates")
    shutil.copytree(os.path.join(harness.ROOT, "templates"), templates)
    site.start(templates=templates)


def tearDownModule():
    if site is not None:
        site.finish()


class Lifecycle(unittest.TestCase):
    def replace_workers(self):
        """SIGKILLs every worker and waits for the pool to start new ones."""
        old = site.workers_pids()
        for pid in old:
            os.kill(pid, signal.SIGKILL)
        self.assertTrue(harness.wait_for(lambda: len(site.workers_pids()) == 2 and
                                 not set(old) & set(site.workers_pids())))
        self.assertTrue(harness.wait_for(lambda: site.get("/")[0] == 200))

    # Named so that it runs first: the stop test ends the responder.
    def test_1_sighup_reloads_templates(self):
        layout = os.path.join(templates, "layout.tpl")
        with open(layout, encoding="utf-8") as f:
            text = f.read()
        self.assertNotIn("Reloaded footer", site.get("/")[2])
        with open(layout, "w", encoding="utf-8") as f:
            f.write(text.replace("<p>{{SITE_NAME}}</p>", "<p>{{SITE_NAME}} · Reloaded footer</p>"))
        later = time.time() + 5    # a different mtime even on coarse clocks
        os.utime(layout, (later, later))
        os.kill(site.responder_pid(), signal.SIGHUP)
        # Every worker reloads: several requests in a row all see the change.
        self.assertTrue(harness.wait_for(lambda: all("Reloaded footer" in site.get("/")[2]
                                             for _ in range(6))))
        self.assertIn("templates reloaded", site.log())
        # A worker started after the reload starts from the parent's copy,
        # which must be the new one too.
        self.replace_workers()
        for _ in range(6):
            self.assertIn("Reloaded footer", site.get("/")[2])

    def test_2_sighup_refuses_a_broken_template(self):
        layout = os.path.join(templates, "layout.tpl")
        with open(layout, encoding="utf-8") as f:
            good = f.read()
        before = site.get("/")
        self.assertEqual(before[0], 200)
        try:
            # An unclosed section: ctemplate cannot parse it.
            with open(layout, "w", encoding="utf-8") as f:
                f.write(good.replace("<p>{{SITE_NAME}}", "{{#NEVER_CLOSED}}<p>Broken {{SITE_NAME}}"))
            later = time.time() + 10
            os.utime(layout, (later, later))
            log_before = len(site.log())
            os.kill(site.responder_pid(), signal.SIGHUP)
            self.assertTrue(harness.wait_for(lambda: "templates not reloaded" in site.log()[log_before:]))
            log = site.log()[log_before:]
            self.assertIn("layout.tpl", log, "the operator is told which file")
            self.assertNotIn("reloading templates in every worker", log,
                             "the parent refused before signalling the workers")
            # Every worker still serves the previous templates ...
            for _ in range(6):
                status, _, body = site.get("/")
                self.assertEqual(status, 200)
                self.assertIn("Reloaded footer", body)
                self.assertNotIn("Broken", body)
            # ... and so do workers started after the refusal: they start
            # from the parent's copy, not from the broken file.
            self.replace_workers()
            for _ in range(6):
                status, _, body = site.get("/articles/")
                self.assertEqual(status, 200)
                self.assertIn("Reloaded footer", body)
        finally:
            with open(layout, "w", encoding="utf-8") as f:
                f.write(good.replace("Reloaded footer", "Mended footer"))
            later = time.time() + 20
            os.utime(layout, (later, later))
        # Once mended, the next SIGHUP takes it.
        os.kill(site.responder_pid(), signal.SIGHUP)
        self.assertTrue(harness.wait_for(lambda: all("Mended footer" in site.get("/")[2]
                                             for _ in range(6))))

    def test_3_sigterm_under_load_finishes_in_flight_requests(self):
        workers = site.workers_pids()
        self.assertEqual(len(workers), 2)
        results, errors = [], []
        stop = threading.Event()

        def load():
            while not stop.is_set():
                conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
                try:
                    conn.request("GET", "/articles/")
                    r = conn.getresponse()
                    body = r.read()    # raises on a body cut short
                    results.append((r.status, len(body), int(r.getheader("Content-Length", "-1"))))
                except ConnectionRefusedError:
                    return
                except Exception as e:     # noqa: BLE001 - any other failure is the finding
                    errors.append(repr(e))
                finally:
                    conn.close()

        threads = [threading.Thread(target=load) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        pid = site.responder_pid()
        os.kill(pid, signal.SIGTERM)
        stopped = harness.wait_for(lambda: not os.path.exists(f"/proc/{pid}") or
                           open(f"/proc/{pid}/stat").read().split()[2] == "Z", 15)
        time.sleep(0.3)
        stop.set()
        for t in threads:
            t.join(15)
        self.assertTrue(stopped, "the responder did not exit after SIGTERM")
        self.assertEqual(errors, [])
        ok = [r for r in results if r[0] == 200]
        self.assertGreater(len(ok), 20, "the load ran")
        # Every 200 is complete; after the stop nginx answers 502 (no upstream).
        for status, got, declared in results:
            self.assertIn(status, (200, 502))
            if status == 200:
                self.assertEqual(got, declared)
        for w in workers:
            self.assertFalse(os.path.exists(f"/proc/{w}/status") and
                             "zombie" not in open(f"/proc/{w}/status").read(),
                             f"worker {w} outlived the stop")
        self.assertFalse(os.path.exists(os.path.join(site.run_dir, "gazette.sock")))
        log = site.log()
        self.assertIn("stopping: waiting for", log)
        self.assertIn("stopped", log)
        self.assertNotIn("killing them", log, "workers needed SIGKILL")


if __name__ == "__main__":
    harness.main(__name__)
