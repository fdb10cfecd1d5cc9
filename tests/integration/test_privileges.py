"""test_privileges.py: the responder never serves as root. Started as root
it needs --user, becomes that user before it opens the database, and gives
it the socket (mode 0660); it refuses unknown users, root itself, a socket
folder every user may write to, a TCP address off loopback, and paths
the user cannot write, each with a message that says what to do. Run as
another user, it cannot change user. The responder is started directly
here, without nginx."""

import os
import pwd
import shutil
import signal
import stat
import subprocess
import tempfile
import time
import unittest

import harness

USER = os.environ.get("SITE_USER", "gazette")
ROOT_RUN = os.geteuid() == 0


def uids(pid):
    """(real, effective, saved) uid and the groups of process PID."""
    with open(f"/proc/{pid}/status") as f:
        lines = dict(line.split(":", 1) for line in f if ":" in line)
    return [int(x) for x in lines["Uid"].split()[:3]], lines["Groups"].split()


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except FileNotFoundError:
        return []


def setUpModule():
    # The account tests/site.sh makes for the same purpose.
    if ROOT_RUN:
        harness.ensure_system_user(USER)


class Responder(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="gazette-priv-")
        self.db = os.path.join(self.dir, "gazette.db")
        self.run_dir = os.path.join(self.dir, "run")
        self.media = os.path.join(self.run_dir, "media")
        os.makedirs(self.media)
        self.sock = os.path.join(self.run_dir, "gazette.sock")
        r = harness.run([harness.BIN, "--db", self.db, "migrate"])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(15)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

    def give_to_user(self):
        u = pwd.getpwnam(USER)
        for path in (self.dir, self.run_dir, self.media, self.db):
            os.chown(path, u.pw_uid, u.pw_gid)

    def serve(self, *extra, prefix=()):
        """Starts `gazette serve`; returns the Popen (stderr piped)."""
        p = subprocess.Popen([*prefix, harness.BIN, "--db", self.db, "serve", "--listen", self.sock,
                              "--media", self.media, "--workers", "2", *extra],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.procs.append(p)
        return p

    def refused(self, *extra, prefix=()):
        """Runs serve and expects it to exit 1 at once; returns stderr."""
        p = self.serve(*extra, prefix=prefix)
        try:
            _, err = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            self.fail(f"serve {extra} did not refuse: it kept running")
        self.assertEqual(p.returncode, 1, err)
        self.assertFalse(os.path.exists(self.sock), "a refused start leaves no socket")
        return err

    def wait_socket(self, p):
        deadline = time.time() + 20
        while time.time() < deadline and not os.path.exists(self.sock):
            if p.poll() is not None:
                self.fail("serve exited: " + p.stderr.read())
            time.sleep(0.05)
        self.assertTrue(os.path.exists(self.sock))
        while time.time() < deadline and len(children(p.pid)) < 2:
            time.sleep(0.05)

    @unittest.skipUnless(ROOT_RUN, "needs root")
    def test_root_without_user_is_refused(self):
        err = self.refused()
        self.assertIn("refusing to serve as root", err)
        self.assertIn("--user", err)

    @unittest.skipUnless(ROOT_RUN, "needs root")
    def test_unknown_user_and_root_are_refused(self):
        self.assertIn("no such user", self.refused("--user", "no-such-user-here"))
        self.assertIn("is root", self.refused("--user", "root"))

    @unittest.skipUnless(ROOT_RUN, "needs root")
    def test_serves_as_the_user_with_a_private_socket(self):
        self.give_to_user()
        u = pwd.getpwnam(USER)
        p = self.serve("--user", USER)
        self.wait_socket(p)
        st = os.stat(self.sock)
        self.assertTrue(stat.S_ISSOCK(st.st_mode))
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o660)
        self.assertEqual((st.st_uid, st.st_gid), (u.pw_uid, u.pw_gid))
        workers = children(p.pid)
        self.assertEqual(len(workers), 2)
        for pid in [p.pid, *workers]:
            ids, groups = uids(pid)
            # Real, effective and saved: no way back to root.
            self.assertEqual(ids, [u.pw_uid] * 3, f"process {pid}")
            self.assertNotIn("0", groups)
        # A new worker (after a crash) is the user too.
        os.kill(workers[0], signal.SIGKILL)
        deadline = time.time() + 10
        while time.time() < deadline and (len(children(p.pid)) < 2 or
                                          workers[0] in children(p.pid)):
            time.sleep(0.05)
        for pid in children(p.pid):
            self.assertEqual(uids(pid)[0], [u.pw_uid] * 3)
        p.send_signal(signal.SIGTERM)
        _, err = p.communicate(timeout=20)
        self.assertEqual(p.returncode, 0, err)
        self.assertIn(f"serving as user {USER}", err)
        self.assertFalse(os.path.exists(self.sock), "the user removes its socket at the stop")

    @unittest.skipUnless(ROOT_RUN, "needs root")
    def test_paths_the_user_cannot_write_are_named(self):
        # The run folder is the user's, the database and its folder are
        # root's: the responder says which path and how to fix it.
        u = pwd.getpwnam(USER)
        for path in (self.run_dir, self.media):
            os.chown(path, u.pw_uid, u.pw_gid)
        os.chmod(self.dir, 0o755)
        err = self.refused("--user", USER)
        self.assertIn(f"is not writable by {USER}", err)
        self.assertIn(self.db, err)
        self.assertIn("chown", err)

    def test_socket_folder_open_to_everyone_is_refused(self):
        os.chmod(self.run_dir, 0o1777)
        args = ("--user", USER) if ROOT_RUN else ()
        if ROOT_RUN:
            self.give_to_user()
        err = self.refused(*args)
        self.assertIn("writable by every user", err)

    def test_tcp_only_on_loopback(self):
        for address in ("0.0.0.0:9000", "192.0.2.1:9000", "[::]:9000", "localhost:9000"):
            p = subprocess.run([harness.BIN, "--db", self.db, "serve", "--listen", address],
                               capture_output=True, text=True, timeout=30)
            self.assertEqual(p.returncode, 1, address)
            self.assertRegex(p.stderr, "not on loopback|expected 127.0.0.1:PORT", address)

    def test_only_root_may_change_user(self):
        # Run as the unprivileged user (from root) or as whoever runs the
        # tests: naming any other user is refused.
        if ROOT_RUN:
            self.give_to_user()
            prefix = ("runuser", "-u", USER, "--")
        else:
            prefix = ()
        err = self.refused("--user", "root", prefix=prefix)
        self.assertIn("only a responder started as root can change user", err)


if __name__ == "__main__":
    harness.main(__name__)
