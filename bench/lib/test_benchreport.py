"""Tests of bench/lib/benchreport.py: the figures serve-bench printed, reported again from the files its run left.

testdata/serve-bench-n40 is what `bench/serve-bench -n 40 -s 2 -w 10 --keep` left in its temporary folder (only the
files the report reads), and serve-bench.out what it printed; testdata/serve-bench-latency5 the same for
`bench/serve-bench --latency 5 -s 2 -w 5 --keep`. Both were recorded with the heredoc Python that benchreport.py
replaced, so these tests hold the report to the lines the scripts printed before. The failover report is tested on
small runs built here.

Run: python3 -m unittest discover -s bench/lib (./run-tests runs it too).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = os.path.join(HERE, "benchreport.py")
RUN = os.path.join(HERE, "testdata", "serve-bench-n40")
LATENCY_RUN = os.path.join(HERE, "testdata", "serve-bench-latency5")


def report(*args, cwd=None):
    """benchreport.py ARGS... as the scripts call it: (exit code, stdout lines)."""
    done = subprocess.run([sys.executable, REPORT] + list(args), cwd=cwd, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout.splitlines()


def times(name):
    with open(os.path.join(RUN, name + ".times")) as f:
        return f.read().split()


def printed(run, name):
    with open(os.path.join(run, name)) as f:
        return f.read().splitlines()


class RecordedServeBenchTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="benchreport-test-")
        self.rows = os.path.join(self.tmp, "rows")
        self.addCleanup(shutil.rmtree, self.tmp)

    def batch(self, prefix, label):
        return report("batch", os.path.join(RUN, prefix + ".docs.json"), times(prefix)[0], label, "40", self.rows,
                      os.path.join(RUN, prefix + ".requests"))

    def test_command_batch_prints_the_recorded_completion_start_and_run_times(self):
        status, lines = self.batch("bench-cmd", "dirt serve, command")
        self.assertEqual(0, status)
        self.assertEqual(["  dirt serve, command: 40/40 completed in 4.20 s; started after the POST: median 1980 ms,"
                          " p95 3873 ms, last 4096 ms; run (started->completed): median 171 ms, p95 751 ms; per node:"
                          " bench-a 20, bench-b 20"], lines)

    def test_every_batch_line_is_the_one_the_run_printed(self):
        _, command = self.batch("bench-cmd", "dirt serve, command")
        _, java = self.batch("bench-java", "dirt serve, Java task")
        recorded = printed(RUN, "serve-bench.out")
        for line in command + java:
            self.assertIn(line, recorded)

    def test_batch_with_fewer_tasks_than_posted_is_incomplete_and_exits_3(self):
        status, lines = report("batch", os.path.join(RUN, "bench-cmd.docs.json"), times("bench-cmd")[0],
                               "dirt serve, command", "41", self.rows, os.path.join(RUN, "bench-cmd.requests"))
        self.assertEqual(3, status)
        self.assertTrue(lines[0].startswith("  dirt serve, command (INCOMPLETE: 40 of 41): 40/41 completed in 4.20 s"),
                        lines[0])

    def test_parallel_joblog_counts_each_job_once(self):
        t0, t1 = times("parallel")
        status, lines = report("parallel", os.path.join(RUN, "parallel.joblog"), t0, t1, "40", self.rows)
        self.assertEqual(0, status)
        self.assertEqual(["  GNU parallel: 40/40 jobs, last ended 5.11 s after start (5.14 s until parallel exited);"
                          " job runtime: median 194 ms, p95 1963 ms; per node: bench-a 21, bench-b 19; failed: 0;"
                          " joblog lines: 42"], lines)

    def test_cpu_breakdown_is_the_recorded_one(self):
        t0, t1 = times("bench-cmd")
        wall = "%.2f" % ((int(t1) - int(t0)) / 1000)
        status, lines = report("cpu", os.path.join(RUN, "bench-cmd.cpu0.json"),
                               os.path.join(RUN, "bench-cmd.cpu1.json"), wall, "dirt serve, command")
        self.assertEqual(0, status)
        cores = os.cpu_count()   # the run had 2; the line says how many this machine has
        self.assertEqual(["  dirt serve, command: CPU seconds in 5.0 s of wall time (%d cores = %.1f s): serve 1.2,"
                          " pouchdb 0.8, nodes 0.5; whole machine 12.5, so everything else (this script, other users)"
                          " 10.0" % (cores, cores * float(wall))], lines)

    def test_cpu_breakdown_adds_the_part_measured_by_bash(self):
        t0, t1 = times("parallel")
        with open(os.path.join(RUN, "parallel.time")) as f:
            user, system = map(float, f.read().split())
        status, lines = report("cpu", os.path.join(RUN, "parallel.cpu0.json"), os.path.join(RUN, "parallel.cpu1.json"),
                               "%.2f" % ((int(t1) - int(t0)) / 1000), "GNU parallel", "parallel and its ssh",
                               str(user + system))
        self.assertEqual(0, status)
        self.assertIn(": serve 0.1, nodes 1.2, parallel and its ssh 1.5; whole machine 11.4, so everything else"
                      " (this script, other users) 8.6", lines[0])

    def test_rows_and_table_are_the_recorded_ones(self):
        self.batch("bench-cmd", "dirt serve, command")
        self.batch("bench-java", "dirt serve, Java task")
        t0, t1 = times("parallel")
        report("parallel", os.path.join(RUN, "parallel.joblog"), t0, t1, "40", self.rows)
        with open(self.rows) as ours, open(os.path.join(RUN, "rows")) as recorded:
            self.assertEqual(recorded.read(), ours.read())
        status, lines = report("table", self.rows)
        self.assertEqual(0, status)
        self.assertEqual([
            "method                  N  tasks/s  median ms  p95 ms  requests/task  writes/task",
            "---------------------  --  -------  ---------  ------  -------------  -----------",
            "dirt serve, command    40      9.5       2054    4006            n/a          n/a",
            "dirt serve, Java task  40      6.1       3450    6525            n/a          n/a",
            "GNU parallel (ssh)     40      7.8       3877    5075              -            -",
        ], lines)
        self.assertEqual(lines, [line for line in printed(RUN, "serve-bench.out") if line in lines])

    def test_latency_lines_and_table_are_the_recorded_ones(self):
        lines = []
        for prefix, label in (("bench-lat-cmd", "latency, command"), ("bench-lat-java", "latency, Java task")):
            status, out = report("latency", os.path.join(LATENCY_RUN, prefix + ".latency.json"), label, self.rows,
                                 os.path.join(LATENCY_RUN, prefix + ".requests"))
            self.assertEqual(0, status)
            lines += out
        self.assertEqual("  latency, command: 5 tasks one at a time; POST -> result seen in _changes: median 105 ms,"
                         " p95 148 ms, min 68, max 148; of which POST -> started median 17 ms (p95 41), started ->"
                         " completed median 73 ms (p95 93), completed -> seen median 13 ms; per node: bench-a 3,"
                         " bench-b 2", lines[0])
        self.assertEqual("  latency, command, each POST -> seen in ms: 117 148 80 105 68", lines[1])
        _, table = report("table", self.rows)
        recorded = printed(LATENCY_RUN, "serve-bench-latency.out")
        for line in lines + table:
            self.assertIn(line, recorded)

    def test_requests_per_task_leave_out_the_scripts_own(self):
        before = {"requests": 100, "GET": 50, "POST": 40, "PUT": 5, "DELETE": 5, "bulk_docs": 30, "docs_written": 90,
                  "docs_read": 60}
        after = {"requests": 221, "GET": 91, "POST": 110, "PUT": 15, "DELETE": 5, "bulk_docs": 91, "docs_written": 291,
                 "docs_read": 160}
        own = {"requests": 20, "POST": 10, "bulk_docs": 1, "docs_written": 41, "docs_read": 40}
        paths = []
        for name, counters in (("before", before), ("after", after), ("own", own)):
            paths.append(os.path.join(self.tmp, name + ".json"))
            with open(paths[-1], "w") as f:
                json.dump(counters, f)
        row = os.path.join(self.tmp, "requests")
        status, lines = report("requests", *paths, "40", "dirt serve, command", row)
        self.assertEqual(0, status)
        self.assertEqual(["  dirt serve, command: CouchDB requests per task 2.50 (GET 1.00, POST 1.50, PUT 0.25,"
                          " DELETE 0.00); writes per task 1.75 (_bulk_docs 1.50, PUT 0.25, DELETE 0.00; other POSTs,"
                          " reads by keys, 0.00); documents written per task 4.00, read 1.50; in all 100 requests for"
                          " 40 tasks, leaving out this script's 21"], lines)
        with open(row) as f:
            self.assertEqual("2.50\t1.75\n", f.read())

    def test_unknown_command_or_wrong_arguments_exit_2_with_the_usage(self):
        self.assertEqual(2, report("nonsense")[0])
        self.assertEqual(2, report("table")[0])


# ---- failover-bench, on runs built here

T_POST = 1000.0


class FailoverRun:
    """A failover-bench temporary folder: tasks.json, runs/log, events.jsonl, inflight-*.json, s1/s2.out."""

    def __init__(self, folder):
        self.folder = folder
        self.docs, self.log, self.events = [], [], []
        os.makedirs(os.path.join(folder, "runs"))

    def task(self, n, node, started, completed=None, server="s2@host:2", success=True, history=(), attempt=1):
        doc = {"_id": "fo-t%06d" % n, "type": "task", "node": node, "server": server, "attempt": attempt,
               "started": started, "history": list(history)}
        if completed is not None:
            doc.update(completed=completed, results={"success": success, "reason": None if success else "exit 1"})
        self.docs.append(doc)
        return self

    def ran(self, n, node, start, end=None, pid=None, overlap=False):
        pid = pid or str(100 + len(self.log))
        self.log.append("start fo-t%06d %s %s %d%s" % (n, pid, node, start * 1e9, " overlap" if overlap else ""))
        if end is not None:
            self.log.append("end fo-t%06d %s %s %d" % (n, pid, node, end * 1e9))
        return self

    def mark(self, t, node, unreachable):
        self.events.append({"t": t, "node": node, "unreachable": unreachable})
        return self

    def write(self, inflight_s1=(), inflight_node=()):
        with open(os.path.join(self.folder, "tasks.json"), "w") as f:
            json.dump({"rows": [{"id": d["_id"], "doc": d} for d in self.docs]}, f)
        with open(os.path.join(self.folder, "runs", "log"), "w") as f:
            f.write("".join(line + "\n" for line in self.log))
        with open(os.path.join(self.folder, "events.jsonl"), "w") as f:
            f.write("".join(json.dumps(e) + "\n" for e in self.events))
        for name, ids, t in (("inflight-s1.json", inflight_s1, 1009.9), ("inflight-node.json", inflight_node, 1019.9)):
            with open(os.path.join(self.folder, name), "w") as f:
                json.dump({"t": t, "ids": list(ids)}, f)
        with open(os.path.join(self.folder, "s2.out"), "w") as f:
            f.write("00:17:16.100 node bench-a is unreachable, tried again at 1970-01-01T00:17:16.000Z: refused\n")


def lost(server, node, started, ended, attempt=1):
    return {"attempt": attempt, "server": server, "node": node, "started": started, "ended": ended, "outcome": "lost",
            "reason": "its run was lost"}


def failover_report(folder, count):
    # s1 killed at 1010 s, bench-a at 1020 s and back at 1040 s, the last task at 1050 s
    return report("failover", folder, str(count), "2", "1000000", "1010000", "", "1020000", "1040000", "1050000", "0")


class FailoverReportTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="benchreport-test-")
        self.addCleanup(shutil.rmtree, self.tmp)
        self.run_ = (FailoverRun(self.tmp)
                     .task(1, "bench-b", 1001, 1003).ran(1, "bench-b", 1001, 1003)
                     # on s1 when it was killed: its result lost, run again by s2
                     .task(2, "bench-b", 1013, 1015, attempt=2,
                           history=[lost("s1@host:1", "bench-a", 1008, 1012)])
                     .ran(2, "bench-a", 1008, 1009.5).ran(2, "bench-b", 1013, 1015)
                     # on bench-a when it was killed: run again on bench-b
                     .task(3, "bench-b", 1025, 1027, attempt=2, history=[lost("s2@host:2", "bench-a", 1019, 1022)])
                     .ran(3, "bench-a", 1019).ran(3, "bench-b", 1025, 1027)
                     .task(4, "bench-a", 1045, 1047).ran(4, "bench-a", 1045, 1047)
                     .mark(1021.5, "bench-a", {"since": 1021.0, "retry_at": 1036.0, "reason": "refused"})
                     .mark(1041.0, "bench-a", None))

    def test_a_run_where_lost_tasks_ran_again_one_at_a_time_passes(self):
        self.run_.write(inflight_s1=["fo-t000002"], inflight_node=["fo-t000003"])
        status, lines = failover_report(self.tmp, 4)
        self.assertEqual(0, status, "\n".join(lines))
        self.assertEqual("failover-bench: 4 tasks, 2 slots per node on bench-a and bench-b, servers s1 and s2",
                         lines[0])
        self.assertIn("  completed 4 of 4; wall time from the POST to the last completed: 47.0 s", lines)
        self.assertIn("  re-ran: 2 task(s) with a history entry \"lost\" (2 entries): node kill 1, server kill 1",
                      lines)
        self.assertIn("  server kill (s1, kill -9 at 10.0 s): 1 task(s) running on it just before the kill, 1 lost with"
                      " it (history)", lines)
        self.assertIn("    from the kill: marked lost median 2.0 s, max 2.0 s; started again median 3.0 s, max 3.0 s;"
                      " completed median 5.0 s, max 5.0 s", lines)
        self.assertIn("  bench-a's sshd started again 20.0 s after its kill; the mark went 1.0 s after that (21.0 s"
                      " after the kill)", lines)
        self.assertIn("  failures of bench-a noted by serve: 1, each with its next check: s2 16.0 s after the kill",
                      lines)
        self.assertIn("    ran to the end once: 3; twice, after a lost run (its result was lost with its server): 1;"
                      " never: 0; more often than its lost runs explain: 0", lines)
        self.assertIn("    two runs of one task at the same time: 0 by the lock, 0 by the times", lines)
        self.assertEqual("PASSED: every task completed once and passed; no task ran twice at the same time", lines[-1])

    def test_a_task_run_again_while_its_first_run_lives_is_a_problem(self):
        self.run_.ran(1, "bench-a", 1002, 1004, overlap=True).write()
        status, lines = failover_report(self.tmp, 4)
        self.assertEqual(1, status)
        self.assertIn("    two runs of one task at the same time: 1 by the lock, 1 by the times", lines)
        self.assertIn("      fo-t000001: run on bench-b 1.000-3.000, next on bench-a from 2.000", lines)
        self.assertIn("      fo-t000001: run on bench-a at 2.000 found the task's lock taken", lines)
        self.assertEqual("PROBLEMS: a task ran twice at the same time; 1 task(s) ran to the end more often than lost"
                         " runs explain: fo-t000001", lines[-1])

    def test_failed_and_missing_tasks_are_problems(self):
        self.run_.task(5, "bench-b", 1030, 1031, success=False).ran(5, "bench-b", 1030, 1031)
        self.run_.task(6, "bench-b", 1049).ran(6, "bench-b", 1049).write()
        status, lines = failover_report(self.tmp, 6)
        self.assertEqual(1, status)
        self.assertIn("  completed 5 of 6 (INCOMPLETE); wall time from the POST to the last completed: 47.0 s", lines)
        self.assertIn("  failed: 1", lines)
        self.assertTrue(lines[-1].startswith("PROBLEMS: 1 task(s) not completed; 1 task(s) failed"), lines[-1])


if __name__ == "__main__":
    unittest.main()
