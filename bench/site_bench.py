#!/usr/bin/env python3
"""Helper of bench/site-bench: loading records and tasks, warming the views, opening the database to anonymous
readers, and timing the site's overview in headless Chromium through chromedriver (WebDriver over HTTP, python's
standard library only; HTTP to the database with bench/lib/benchrun.py's call).

  site_bench.py load DBURL RECORDS     records r0000001..., every 10th with 3 tasks, _bulk_docs in batches of 5,000
  site_bench.py warm DBURL             queries each view of _design/dirt once and prints how long each took
  site_bench.py open DBURL             _security with no members: anyone may read the database without signing in
  site_bench.py queries DBURL SITEDB ROUNDS
                                       the overview's queries (records, then status_counts per row), one at a time,
                                       ROUNDS times, at the database directly and through dirt web (SITEDB: the
                                       site's /db/); prints the median per query and the sum per page of each
  site_bench.py time DRIVER SITE RUNS PROFILE
                                       loads SITE (the overview) RUNS times in headless Chromium driven by the
                                       chromedriver at DRIVER; prints each run, the median and max and the slowest
                                       requests of the slowest run

DBURL may carry credentials (http://user:password@127.0.0.1:5984/db): they are sent as HTTP Basic authentication.
"""
import concurrent.futures
import json
import os
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from benchrun import call  # noqa: E402

BATCH = 5000
VIEWS = [  # (view, query): each view of _design/dirt once, so that every index is built before the timed loads
    ("records", "descending=true&limit=26"),
    ("status_counts", "group_level=2&limit=1"),
    ("tasks_by_record", "limit=1"),
    ("tasks_by_name", "limit=1"),
    ("nodes", "limit=1"),
    ("running_by_node", "limit=1"),
    ("outcomes_by_node", "limit=1"),
    ("runs_by_node", "limit=1"),
    ("completed_by_hour", "limit=1"),
    ("schedules", "limit=1"),
]
LOAD_TIMEOUT_S = 120  # one overview load gives up after this long
WARM_TIMEOUT_S = 3600  # building the views gives up after this long


def fail(message):
    sys.exit("site-bench: " + message)


def request(method, url, body=None, timeout=3600):
    """The JSON answer to method url with the JSON body (benchrun.call)."""
    return call(url, body, method, timeout)


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
    batch, total, posts = [], 0, 0
    for doc in docs(records):
        batch.append(doc)
        if len(batch) == BATCH:
            total += post(db, batch)
            posts += 1
            batch = []
    if batch:
        total += post(db, batch)
        posts += 1
    print("loaded %d documents (%d records) with %d _bulk_docs POSTs in %.1f s"
          % (total, records, posts, time.monotonic() - started))


def post(db, batch):
    results = request("POST", db + "/_bulk_docs", {"docs": batch})
    errors = [r for r in results if "error" in r]
    if errors:
        fail("_bulk_docs failed for %d documents, first: %s" % (len(errors), errors[0]))
    return len(batch)


def warm(db):
    """Queries each view once. CouchDB builds all views of a design document together on the first query; pouchdb
    builds each view on its own first query. A query that times out (CouchDB answers 500 timeout) is asked again,
    for at most WARM_TIMEOUT_S in all."""
    total = 0.0
    deadline = time.monotonic() + WARM_TIMEOUT_S
    for view, params in VIEWS:
        started = time.monotonic()
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                fail("the views were not built after %d s (view %s)" % (WARM_TIMEOUT_S, view))
            try:
                request("GET", "%s/_design/dirt/_view/%s?%s" % (db, view, params), timeout=left)
                break
            except urllib.error.HTTPError as e:
                if e.code < 500:
                    fail("view %s: HTTP %d %s" % (view, e.code, e.read()[:300]))
                time.sleep(1)
            except (TimeoutError, urllib.error.URLError):
                time.sleep(1)
        took = time.monotonic() - started
        total += took
        print("  view %-16s first query %7.1f s" % (view, took))
    print("views warmed in %.1f s" % total)


def open_to_readers(db):
    request("PUT", db + "/_security",
            {"admins": {"names": [], "roles": []}, "members": {"names": [], "roles": []}})
    print("the database is readable without signing in (_security with no members)")


def overview_queries(db):
    """The paths (after the database) of the overview's first page: the records query, then one status_counts query
    per record shown, as the site's dirt.js asks them."""
    def q(params):
        return urllib.parse.urlencode({k: json.dumps(v) if k.endswith("key") else v for k, v in params.items()})
    first = "_design/dirt/_view/records?" + q({"descending": "true", "limit": 26, "startkey": [{}], "endkey": []})
    rows = request("GET", "%s/%s" % (db, first))["rows"][:25]
    return [first] + ["_design/dirt/_view/status_counts?" + q(
        {"group_level": 2, "startkey": [row["key"][1]], "endkey": [row["key"][1], {}]}) for row in rows]


def timed_get(url):
    started = time.monotonic()
    request("GET", url, timeout=60)
    return (time.monotonic() - started) * 1000


def queries(db, site_db, rounds):
    """The page's queries one at a time (the server's time per query), then as the page asks them: the records
    query, then its status_counts queries all at once, at most 6 in flight (Chromium's limit per host)."""
    paths = overview_queries(db)
    for label, base in [("at the database directly", db), ("through dirt web", site_db.rstrip("/"))]:
        timings = [[timed_get("%s/%s" % (base, path)) for path in paths] for _ in range(int(rounds))]
        per_query = [statistics.median(t[i] for t in timings) for i in range(len(paths))]
        pages = []
        with concurrent.futures.ThreadPoolExecutor(6) as pool:
            for _ in range(int(rounds)):
                started = time.monotonic()
                timed_get("%s/%s" % (base, paths[0]))
                list(pool.map(lambda path: timed_get("%s/%s" % (base, path)), paths[1:]))
                pages.append((time.monotonic() - started) * 1000)
        print("  %-24s one at a time: median %.1f ms per query (records %.1f ms, status_counts max %.1f ms);"
              " the page's %d queries 6 at a time: median %.0f ms, max %.0f ms of %d rounds"
              % (label, statistics.median(per_query), per_query[0], max(per_query[1:] or [0]), len(paths),
                 statistics.median(pages), max(pages), len(pages)))


# ---------- WebDriver (chromedriver), W3C protocol over HTTP ----------

# Runs in every page before its own scripts: notes performance.now() (ms since the navigation started) at the moment
# the site sets body[data-loaded] (MutationObserver callbacks run right after the setAttribute, before painting).
OBSERVER = """
(function () {
  var observer = new MutationObserver(function () {
    var body = document.body;
    var state = body && body.getAttribute('data-loaded');
    if (state && window.__siteBench === undefined) {
      window.__siteBench = {state: state, at: performance.now()};
      observer.disconnect();
    }
  });
  observer.observe(document, {subtree: true, attributes: true, attributeFilter: ['data-loaded']});
})();
"""

RESULT = """
if (window.__siteBench === undefined) { return null; }
var nav = performance.getEntriesByType('navigation')[0];
return {state: window.__siteBench.state, at: window.__siteBench.at,
  dom: nav ? nav.domContentLoadedEventEnd : null,
  requests: performance.getEntriesByType('resource').map(function (e) {
    return {name: e.name.replace(location.origin, ''), start: e.startTime, duration: e.duration};
  })};
"""


def load_average():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


class DriverError(Exception):
    pass


class Driver:
    def __init__(self, url):
        self.url = url.rstrip("/")
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:
                return json.loads(response.read() or b"null").get("value")
        except urllib.error.HTTPError as e:
            value = json.loads(e.read() or b"{}").get("value", {})
            raise DriverError("chromedriver %s %s: %s: %s"
                              % (method, path, value.get("error"), value.get("message", "")[:400])) from None

    def start(self, profile):
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-breakpad", "--disable-crash-reporter",
                "--window-size=1280,900", "--user-data-dir=" + profile]
        value = self.call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "pageLoadStrategy": "none", "goog:chromeOptions": {"args": args}}}}, 120)
        self.session = "/session/" + value["sessionId"]
        return value["capabilities"].get("browserVersion", "?")

    def cdp(self, cmd, params):
        return self.call("POST", self.session + "/goog/cdp/execute", {"cmd": cmd, "params": params})

    def navigate(self, url):
        self.call("POST", self.session + "/url", {"url": url})

    def script(self, source):
        return self.call("POST", self.session + "/execute/sync", {"script": source, "args": []})

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", self.session, timeout=30)
            except BaseException:  # chromedriver is stopped by site-bench's cleanup anyway
                pass
            self.session = None


def time_overview(driver_url, site, runs, profile):
    runs = int(runs)
    driver = Driver(driver_url)
    try:
        version = driver.start(profile)
        driver.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": OBSERVER})
        print("page %s in headless Chromium %s, %d loads, each in a new navigation of the one tab (the first"
              " with a cold cache); load average %s" % (site, version, runs, load_average()))
        results = []
        for run in range(runs):
            driver.navigate("%s?bench=%d" % (site, run))
            deadline = time.monotonic() + LOAD_TIMEOUT_S
            while True:
                try:
                    result = driver.script(RESULT)
                except DriverError as e:  # e.g. asked while the old document was going away: ask again
                    result, error = None, e
                else:
                    error = None
                if result is not None:
                    break
                if time.monotonic() > deadline:
                    fail("run %d: body[data-loaded] not set after %d s%s"
                         % (run + 1, LOAD_TIMEOUT_S, " (last: %s)" % error if error else ""))
                time.sleep(0.05)
            if result["state"] != "true":
                fail("run %d: the page ended with data-loaded=%s, not true (for 'sign-in': the database is not open"
                     " to anonymous readers)" % (run + 1, result["state"]))
            results.append(result)
            driver.navigate("about:blank")  # ends the page's longpoll before the next load
    finally:
        driver.quit()
    print("load average after the runs: %s" % load_average())
    times = [r["at"] for r in results]
    print("%s until body[data-loaded=true], from the navigation's start, %d runs (ms): %s"
          % (site.rsplit("/", 1)[-1], len(times), " ".join("%.0f" % t for t in times)))
    print("median %.0f ms, max %.0f ms" % (statistics.median(times), max(times)))
    print("of which until DOMContentLoaded (the page, its script and style sheet, before any query) (ms): %s"
          % " ".join("%.0f" % (r["dom"] or 0) for r in results))
    slowest = max(results, key=lambda r: r["at"])
    print("slowest run: %.0f ms, DOMContentLoaded at %.0f ms, %d requests; its 5 slowest (start, duration, path):"
          % (slowest["at"], slowest["dom"] or 0, len(slowest["requests"])))
    for r in sorted(slowest["requests"], key=lambda r: -r["duration"])[:5]:
        print("  %7.0f  %7.0f ms  %s" % (r["start"], r["duration"], urllib.parse.unquote(r["name"])))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    try:
        {"load": lambda: load(args[0], int(args[1])),
         "warm": lambda: warm(args[0]),
         "open": lambda: open_to_readers(args[0]),
         "queries": lambda: queries(*args),
         "time": lambda: time_overview(*args)}[command]()
    except DriverError as e:
        fail(str(e))
