#!/usr/bin/env python3
"""Helper of bench/site-bench: loads records and tasks, warms the views, uploads the timing page, reads results.

  site_bench.py load DBURL RECORDS      records r0000001..., every 10th with 3 tasks, _bulk_docs in batches of 5,000
  site_bench.py warm DBURL              queries each view of _design/dirt once and prints how long each took
  site_bench.py page DBURL RUNS HTML    uploads the timing page as the attachment bench/bench.html
  site_bench.py result DBURL SECONDS    waits for the document bench-result and prints median, max and slow requests
"""
import json
import statistics
import sys
import time
import urllib.request

BATCH = 5000
VIEWS = [  # (view, query): the queries the overview makes, so that each view index is built
    ("records", "descending=true&limit=26"),
    ("status_counts", "group_level=2&limit=1"),
    ("tasks_by_record", "limit=1"),
    ("tasks_by_name", "limit=1"),
    ("nodes", "limit=1"),
    ("running_by_node", "limit=1"),
]


def request(method, url, body=None, content_type="application/json", timeout=3600):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


def docs(records):
    for i in range(1, records + 1):
        rid = "r%07d" % i
        yield {"_id": rid, "type": "record", "description": "revision %d" % i, "created": 1_600_000_000 + i}
        if i % 10 == 0:
            for n, name in enumerate(["compile_hello", "examples.simple", "unit_tests"]):
                task = {"_id": "%s-t%d" % (rid, n), "type": "task", "record_id": rid, "name": name,
                        "created": 1_600_000_000 + i, "kwargs": {}, "requires": []}
                if n < 2:
                    task.update(node="node-a", started=1_600_000_001 + i, completed=1_600_000_003 + i,
                                results={"success": n == 0 or i % 20 != 0, "attach_links": []})
                yield task


def load(db, records):
    started = time.monotonic()
    batch, total = [], 0
    for doc in docs(records):
        batch.append(doc)
        if len(batch) == BATCH:
            total += post(db, batch)
            batch = []
    if batch:
        total += post(db, batch)
    print("loaded %d documents (%d records) in %.1f s" % (total, records, time.monotonic() - started))


def post(db, batch):
    results = request("POST", db + "/_bulk_docs", {"docs": batch})
    errors = [r for r in results if "error" in r]
    if errors:
        sys.exit("site-bench: _bulk_docs failed for %d documents, first: %s" % (len(errors), errors[0]))
    return len(batch)


def warm(db):
    total = 0.0
    for view, params in VIEWS:
        started = time.monotonic()
        request("GET", "%s/_design/dirt/_view/%s?%s" % (db, view, params))
        took = time.monotonic() - started
        total += took
        print("  view %-16s first query %7.1f s" % (view, took))
    print("views warmed in %.1f s" % total)


def page(db, runs, html_path):
    html = open(html_path, encoding="utf-8").read().replace("__RUNS__", str(int(runs)))
    request("PUT", db + "/bench/bench.html", html.encode(), "text/html")


def result(db, seconds):
    deadline = time.monotonic() + float(seconds)
    while True:
        try:
            doc = request("GET", db + "/bench-result", timeout=10)
            break
        except urllib.error.HTTPError as e:
            if e.code != 404 or time.monotonic() > deadline:
                sys.exit("site-bench: no result from the timing page after %s s (%s)" % (seconds, e))
            time.sleep(0.5)
    if doc.get("error"):
        sys.exit("site-bench: the timing page failed: " + doc["error"])
    times = doc["runs"]
    print("overview first page until body[data-loaded=true], %d runs (ms): %s"
          % (len(times), " ".join("%.0f" % t for t in times)))
    print("median %.0f ms, max %.0f ms" % (statistics.median(times), max(times)))
    print("slowest requests of the slowest run (ms, from the page's start):")
    for r in doc["slowest"]:
        print("  %7.0f  %7.0f ms  %s" % (r["start"], r["duration"], r["name"]))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    {"load": lambda: load(args[0], int(args[1])), "warm": lambda: warm(args[0]),
     "page": lambda: page(*args), "result": lambda: result(*args)}[command]()
