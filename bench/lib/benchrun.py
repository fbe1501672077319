#!/usr/bin/env python3
"""bench/lib/benchrun.py — the live parts of bench/serve-bench and bench/failover-bench that are easier in Python:
free ports, CPU snapshots from /proc, the documents they post, polling the database, killing a node's processes.
bench/site_bench.py, bench/backlog-bench and bench/agent-bench import its HTTP, port and /proc helpers (call,
basic_auth, find_free_port, processes, below).

What a run prints as figures is in benchreport.py beside this file; this one talks to the database server and looks
at processes. Python standard library only.

Usage: python3 bench/lib/benchrun.py COMMAND ARGS...  (see COMMANDS below; 2 for a bad command line)
"""
import base64
import json
import os
import signal
import socket
import sys
import threading

import benchcli
import time
import urllib.parse
import urllib.request


# ---- HTTP

def basic_auth(user, password):
    """The Authorization header's value that logs in as user with password (HTTP Basic)."""
    return "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()


def split_credentials(url):
    """(url without its user:password, the headers that send them as HTTP Basic authentication: {} when it has
    none). urllib does not log in with the user:password of a URL."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, {}
    host = parts.hostname + (":%d" % parts.port if parts.port else "")
    url = urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return url, {"Authorization": basic_auth(urllib.parse.unquote(parts.username),
                                             urllib.parse.unquote(parts.password or ""))}


def call(url, body=None, method=None, timeout=30):
    """The JSON answer to a request; body is sent as JSON (a POST unless method says otherwise). The user:password of
    a URL is sent as basic authentication (split_credentials)."""
    url, headers = split_credentials(url)
    headers["Accept"] = "application/json"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data, headers, method=method)
    with urllib.request.urlopen(request, timeout=timeout) as answer:
        return json.load(answer)


def couch_stats(server):
    """CouchDB's request and document counters, from one GET of /_node/_local/_stats/couchdb."""
    stats = call(server + "/_node/_local/_stats/couchdb")
    values = {"requests": stats["httpd"]["requests"]["value"],
              "bulk_docs": stats["httpd"]["bulk_requests"]["value"],
              "docs_written": stats["document_writes"]["value"],
              "docs_read": stats["database_reads"]["value"]}
    for method, counter in stats["httpd_request_methods"].items():
        values[method] = counter["value"]
    return values


def couch_counters(server, out):
    """CouchDB's counters now, into the JSON file out (for benchreport.py requests and idle)."""
    json.dump(couch_stats(server), open(out, "w"))
    return 0


def task_docs(db, keys):
    """The documents of keys (an empty dict for one that is missing), from one _all_docs POST."""
    return [row.get("doc") or {} for row in call(db + "/_all_docs?include_docs=true", {"keys": keys})["rows"]]


# ---- the machine

def find_free_port(gap=0):
    """A free loopback port; with gap, one whose port+gap is free too (CouchDB binds both). None when it finds none
    in 100 tries."""
    gap = int(gap)
    for _ in range(100):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
            if not gap:
                return port
            if port + gap > 65535:
                continue
            with socket.socket() as t:
                try:
                    t.bind(("127.0.0.1", port + gap))
                except OSError:
                    continue
            return port
    return None


def free_port(gap="0"):
    """Prints a free loopback port (find_free_port); exits 1 when it finds none."""
    port = find_free_port(gap)
    if port is None:
        return 1
    print(port)
    return 0


def processes():
    """pid -> (ppid, CPU seconds: utime+stime+cutime+cstime, command line), from /proc."""
    hz = os.sysconf("SC_CLK_TCK")
    procs = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = open("/proc/%s/stat" % pid).read()
            cmdline = open("/proc/%s/cmdline" % pid, "rb").read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        procs[pid] = (fields[1], sum(int(f) for f in fields[11:15]) / hz, cmdline)
    return procs


def below(procs, root):
    """The pids under root in procs (from processes()), at any depth."""
    found, todo = set(), [root]
    while todo:
        parent = todo.pop()
        for pid, (ppid, _, _) in procs.items():
            if ppid == parent and pid not in found:
                found.add(pid)
                todo.append(pid)
    return found


def cpu_snapshot(out, tmp, serve, couch, couch_name, *started):
    """CPU seconds used so far (own + reaped children) by dirt serve, the database server and apart from it its
    JavaScript engine (CouchDB's couchjs, which runs validate_doc_update on every write and the views' map functions;
    pouchdb-server runs them in its own process), the processes on the nodes (sshd sessions, agents and what
    they ran; the sshds are among started, the pids the script started) and ssh clients (GNU parallel's), and by the
    whole machine, into the JSON file out (for benchreport.py cpu)."""
    hz = os.sysconf("SC_CLK_TCK")
    procs = processes()
    nodes = set()
    for pid in started:
        if pid in procs and "sshd" in procs[pid][2]:
            nodes |= {pid} | below(procs, pid)
    nodes |= {pid for pid, (_, _, cmd) in procs.items() if tmp + "/nodes/" in cmd}   # agents that left their session
    clients = {pid for pid, (_, _, cmd) in procs.items() if cmd.startswith("ssh") and tmp + "/" in cmd} - nodes
    cpu = lambda pids: round(sum(procs[p][1] for p in pids if p in procs), 2)
    busy = sum(int(f) for i, f in enumerate(open("/proc/stat").readline().split()[1:]) if i not in (3, 4)) / hz
    javascript = {pid for pid in below(procs, couch) if "couchjs" in procs[pid][2]}
    json.dump({"serve": cpu({serve}), couch_name: cpu(({couch} | below(procs, couch)) - javascript),
               "its JavaScript": cpu(javascript), "nodes": cpu(nodes),
               "ssh clients": cpu(clients),
               "machine": busy}, open(out, "w"))
    return 0


def kill_tree(root, marker, me):
    """SIGKILL to root and every process under it or whose command line holds marker, frozen with SIGSTOP first so
    that nothing escapes; never me (the calling script) or this process. Prints "COUNT EPOCH_MS_OF_THE_KILLS"."""
    me = {me, str(os.getpid())}
    victims = set()
    for _ in range(20):
        procs = processes()
        found = {root} | {pid for pid, (_, _, cmd) in procs.items() if marker in cmd}
        found |= set().union(*(below(procs, pid) for pid in list(found)))
        found = {pid for pid in found - me if pid in procs}
        if found <= victims:
            break
        for pid in found - victims:
            try:
                os.kill(int(pid), signal.SIGSTOP)
            except OSError:
                pass
        victims |= found
    killed_at = int(time.time() * 1000)
    for pid in victims:
        try:
            os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass
    print(len(victims), killed_at)
    return 0


# ---- posting tasks

def check_bulk(bench, answer_file):
    """Exits with a message when the _bulk_docs answer in answer_file says a document was not stored."""
    bad = [r for r in json.load(open(answer_file)) if not r.get("ok")]
    if bad:
        sys.exit("%s: %d document(s) not stored, e.g. %s" % (bench, len(bad), bad[0]))
    return 0


def serve_batch(prefix, count, kind, t0_ms):
    """Prints the _bulk_docs body of a record prefix and count tasks prefix-tNNNNNN of kind (command: `true`; java:
    examples.simple), created at t0_ms."""
    count, created = int(count), int(t0_ms) / 1000.0
    docs = [{"_id": prefix, "type": "record", "description": "serve-bench: %d %s tasks" % (count, kind),
             "created": created}]
    for i in range(1, count + 1):
        task = {"_id": "%s-t%06d" % (prefix, i), "type": "task", "record_id": prefix, "created": created}
        if kind == "command":
            task.update({"name": "noop", "command": "true"})
        else:
            task.update({"name": "examples.simple"})
        docs.append(task)
    json.dump({"docs": docs}, sys.stdout)
    return 0


def failover_batch(count, base, t0_ms, template):
    """Prints the _bulk_docs body of the record "fo" and count tasks fo-tNNNNNN; each runs template with its
    `sleep SECONDS` set to base to 2*base seconds."""
    count, base, created = int(count), int(base), int(t0_ms) / 1000.0
    docs = [{"_id": "fo", "type": "record", "description": "failover-bench: %d tasks" % count, "created": created}]
    for i in range(1, count + 1):
        seconds = "%.1f" % (base * (1 + (i % 11) / 10.0))   # D to 2*D
        docs.append({"_id": "fo-t%06d" % i, "type": "task", "record_id": "fo", "name": "sleep", "created": created,
                     "command": template.replace("sleep SECONDS", "sleep " + seconds)})
    json.dump({"docs": docs}, sys.stdout)
    return 0


# ---- serve-bench: waiting for tasks

def count_completed(docs_file):
    """Prints "completed total" for the tasks of an _all_docs answer with include_docs."""
    rows = json.load(open(docs_file))["rows"]
    print(sum(1 for r in rows if "completed" in (r.get("doc") or {})), len(rows))
    return 0


def add_post(own_file, count):
    """Adds the batch's _bulk_docs POST (a record and count tasks) to the script's own requests in own_file."""
    own = json.load(open(own_file))
    n = int(count)
    own.update(requests=own["requests"] + 1, POST=own["POST"] + 1, bulk_docs=1, docs_written=n + 1)
    json.dump(own, open(own_file, "w"))
    return 0


def wait_batch(tmp, db, prefix, count, seconds, serve):
    """Waits (bounded by seconds) until the tasks prefix-t000001.. are completed, polling every 0.5 s with an
    _all_docs POST of the keys still open, so the polling itself loads the server little. Notes its own requests in
    tmp/PREFIX.own.json, to be left out of CouchDB's counts. Exits with a message when serve exits or time runs out."""
    count, seconds, serve = int(count), float(seconds), int(serve)
    open_ids = ["%s-t%06d" % (prefix, i) for i in range(1, count + 1)]
    deadline = time.time() + seconds
    own = {"requests": 0, "POST": 0, "docs_read": 0}
    while open_ids:
        try:
            own["requests"] += 1
            own["POST"] += 1
            own["docs_read"] += len(open_ids)
            rows = call(db + "/_all_docs?include_docs=true", {"keys": open_ids})["rows"]
            open_ids = [row["key"] for row in rows if "completed" not in (row.get("doc") or {})]
        except OSError as e:
            print("serve-bench: polling %s failed: %s" % (db, e), file=sys.stderr)
        if not open_ids:
            break
        if time.time() >= deadline:
            sys.exit("serve-bench: gave up after %.0f s: %d of %d tasks of %s not completed" % (seconds, len(open_ids),
                     count, prefix))
        try:
            os.kill(serve, 0)
        except OSError:
            sys.exit("serve-bench: dirt serve exited")
        time.sleep(0.5)
    json.dump(own, open("%s/%s.own.json" % (tmp, prefix), "w"))
    return 0


def latency(tmp, db, prefix, kind, count, seconds, serve):
    """Posts count tasks of kind one at a time, each in a _bulk_docs POST of its own once the one before it completed,
    and times each from just before its POST until its completed revision arrives on a continuous `_changes` feed
    (include_docs) that this script opened before the first POST, as a user's client following the database would
    see it. Writes tmp/PREFIX.latency.json (for benchreport.py latency) and tmp/PREFIX.own.json (its own requests)."""
    count, seconds, serve = int(count), float(seconds), int(serve)
    own = {"requests": 0, "GET": 0, "POST": 0, "bulk_docs": 0, "docs_written": 0, "docs_read": 0}

    def ask(path, body=None, method="GET", timeout=30):
        own["requests"] += 1
        own[method] += 1
        return call(db + path, body, method, timeout)

    feed = CompletedFeed(db, ask("")["update_seq"])
    own["requests"] += 1
    own["GET"] += 1
    results = []
    try:
        for i in range(1, count + 1):
            task = {"_id": "%s-t%06d" % (prefix, i), "type": "task", "record_id": prefix}
            task.update({"name": "noop", "command": "true"} if kind == "command" else {"name": "examples.simple"})
            t0 = time.time()
            task["created"] = t0
            answer = ask("/_bulk_docs", {"docs": [task]}, "POST")
            own["bulk_docs"] += 1
            own["docs_written"] += 1
            if not answer[0].get("ok"):
                sys.exit("serve-bench: %s not stored: %s" % (task["_id"], answer))
            seen, doc = feed.completed(task["_id"], t0 + seconds, serve)
            results.append({"id": task["_id"], "post": t0, "seen": seen, "started": doc.get("started"),
                            "completed": doc["completed"], "success": (doc.get("results") or {}).get("success"),
                            "reason": (doc.get("results") or {}).get("reason"), "node": doc.get("node")})
    finally:
        own["docs_read"] += feed.close()
    json.dump(own, open("%s/%s.own.json" % (tmp, prefix), "w"))
    json.dump(results, open("%s/%s.latency.json" % (tmp, prefix), "w"))
    return 0


class CompletedFeed:
    """A continuous `_changes` feed with documents, read on a thread of its own: when each document first arrived with
    `completed`. One request, however many tasks."""

    def __init__(self, db, since):
        url, headers = split_credentials(db + "/_changes?feed=continuous&include_docs=true&heartbeat=5000&since="
                                         + urllib.parse.quote(str(since), safe=""))
        self.answer = urllib.request.urlopen(urllib.request.Request(url, None, headers), timeout=60)
        self.seen = {}
        self.rows = 0
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            for line in self.answer:
                if not line.strip():
                    continue
                at = time.time()
                row = json.loads(line)
                doc = row.get("doc") or {}
                with self.arrived:
                    self.rows += 1
                    if "completed" in doc and row.get("id") not in self.seen:
                        self.seen[row["id"]] = (at, doc)
                        self.arrived.notify_all()
        except (OSError, ValueError):
            pass

    def completed(self, task_id, deadline, serve):
        """(time seen, document) of the task's completed revision; exits when serve exits or the deadline passes."""
        with self.arrived:
            while task_id not in self.seen:
                if time.time() >= deadline:
                    sys.exit("serve-bench: gave up waiting: %s not completed" % task_id)
                try:
                    os.kill(serve, 0)
                except OSError:
                    sys.exit("serve-bench: dirt serve exited")
                self.arrived.wait(min(1.0, max(0.0, deadline - time.time())))
            return self.seen[task_id]

    def close(self):
        """Closes the feed; the rows it read (documents read for this script)."""
        self.answer.close()
        return self.rows


# ---- failover-bench: watching the tasks and nodes

def replace(path, text):
    with open(path + ".new", "w") as out:
        out.write(text)
    os.replace(path + ".new", path)


def monitor(db, count, tmp):
    """Runs until killed: polls the tasks every 0.5 s and the node documents every 0.25 s. Keeps tmp/progress
    ("completed running running-on-s1") and tmp/marks ("bench-a 0|1 bench-b 0|1": marked unreachable), and appends
    each change of a node's `unreachable` mark to tmp/events.jsonl with the time it saw it."""
    ids = ["fo-t%06d" % i for i in range(1, int(count) + 1)]
    marks, tick = {}, 0
    with open(tmp + "/events.jsonl", "a") as events:
        while True:
            try:
                for doc in task_docs(db, ["node:bench-a", "node:bench-b"]):
                    name, mark = doc.get("name"), doc.get("unreachable")
                    if name and mark != marks.get(name, None):
                        events.write(json.dumps({"t": time.time(), "node": name, "unreachable": mark}) + "\n")
                        events.flush()
                        marks[name] = mark
                replace(tmp + "/marks", " ".join("%s %d" % (n, 1 if marks.get(n) else 0)
                                                 for n in ("bench-a", "bench-b")))
                if tick % 2 == 0:
                    tasks = task_docs(db, ids)
                    done = sum(1 for d in tasks if "completed" in d)
                    running = [d for d in tasks if "started" in d and "completed" not in d]
                    on_s1 = sum(1 for d in running if str(d.get("server", "")).startswith("s1@"))
                    replace(tmp + "/progress", "%d %d %d\n" % (done, len(running), on_s1))
            except Exception as e:
                print("failover-bench: monitor: %s" % e, file=sys.stderr)
            tick += 1
            time.sleep(0.25)


def running(db, count, path, field, prefix):
    """The tasks fo-t000001.. running now whose field (server or node) starts with prefix, with the time, into the
    JSON file path; prints how many."""
    t = time.time()
    keys = ["fo-t%06d" % i for i in range(1, int(count) + 1)]
    docs = [d for d in task_docs(db, keys) if "started" in d and "completed" not in d]
    held = sorted(d["_id"] for d in docs if str(d.get(field, "")).startswith(prefix))
    json.dump({"t": t, "ids": held}, open(path, "w"))
    print(len(held))
    return 0


COMMANDS = {
    "free-port": (free_port, "[GAP]"),
    "cpu-snapshot": (cpu_snapshot, "OUT TMP SERVE_PID COUCH_PID COUCH_NAME [STARTED_PID...]"),
    "couch-counters": (couch_counters, "SERVER OUT"),
    "kill-tree": (kill_tree, "ROOT_PID MARKER MY_PID"),
    "check-bulk": (check_bulk, "BENCH ANSWER_JSON"),
    "serve-batch": (serve_batch, "PREFIX COUNT command|java T0_MS"),
    "failover-batch": (failover_batch, "COUNT SECONDS T0_MS TEMPLATE"),
    "count-completed": (count_completed, "DOCS_JSON"),
    "add-post": (add_post, "OWN_JSON COUNT"),
    "wait-batch": (wait_batch, "TMP DB PREFIX COUNT SECONDS SERVE_PID"),
    "latency": (latency, "TMP DB PREFIX command|java COUNT SECONDS SERVE_PID"),
    "monitor": (monitor, "DB COUNT TMP"),
    "running": (running, "DB COUNT OUT FIELD PREFIX"),
}


def main(argv):
    """Runs COMMAND ARGS... (argv without the program) and returns its exit code."""
    return benchcli.run("benchrun.py", COMMANDS, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
