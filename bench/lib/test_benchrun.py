"""Tests of the helpers of bench/lib/benchrun.py that the benchmarks import: credentials in URLs, free ports, the
process tree from /proc.

Run: python3 -m unittest discover -s bench/lib (./run-tests runs it too).
"""
import base64
import os
import signal
import socket
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchrun  # noqa: E402


class Credentials(unittest.TestCase):
    def test_basic_auth(self):
        self.assertEqual("Basic " + base64.b64encode(b"bench:s3cret").decode(), benchrun.basic_auth("bench", "s3cret"))

    def test_url_with_credentials(self):
        url, headers = benchrun.split_credentials("http://bench:p%40ss@127.0.0.1:5984/db/_all_docs?limit=1")
        self.assertEqual("http://127.0.0.1:5984/db/_all_docs?limit=1", url)
        self.assertEqual({"Authorization": benchrun.basic_auth("bench", "p@ss")}, headers)

    def test_url_without_credentials(self):
        self.assertEqual(("http://127.0.0.1:5984/db", {}), benchrun.split_credentials("http://127.0.0.1:5984/db"))


class Ports(unittest.TestCase):
    def test_free_port(self):
        port = benchrun.find_free_port()
        with socket.socket() as s:
            s.bind(("127.0.0.1", port))

    def test_free_port_with_gap(self):
        port = benchrun.find_free_port(2)
        self.assertLessEqual(port + 2, 65535)
        with socket.socket() as s, socket.socket() as t:
            s.bind(("127.0.0.1", port))
            t.bind(("127.0.0.1", port + 2))


class Processes(unittest.TestCase):
    def test_below(self):
        child = subprocess.Popen(["sh", "-c", "sleep 30 & wait"], start_new_session=True)
        try:
            for _ in range(50):
                procs = benchrun.processes()
                found = benchrun.below(procs, str(os.getpid()))
                if any(procs[p][2].startswith("sleep 30") for p in found):
                    break
                subprocess.run(["sleep", "0.1"])
            self.assertIn(str(child.pid), found)
            self.assertTrue(any(procs[p][2].startswith("sleep 30") for p in found), "the grandchild is below")
        finally:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


if __name__ == "__main__":
    unittest.main()
