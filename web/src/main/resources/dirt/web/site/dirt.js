/* dirt's web site: plain JavaScript against the design document's views. dirt web serves the pages at /PAGE.html
   and passes /db/... on to the database with the viewer's own credentials (/_session signs in), so "db/" is the
   database and "db/_design/dirt/_view/..." are the views. */
'use strict';

var DB = 'db/';
var VIEWS = DB + '_design/dirt/_view/';
var PAGE_SIZE = 25;
var INLINE_LIMIT = 64 * 1024;
var STATUSES = ['passed', 'failed', 'cancelled', 'running', 'waiting'];

function esc(value) {
  return String(value === undefined || value === null ? '' : value)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function param(name) {
  return new URLSearchParams(window.location.search).get(name);
}

function query(params) {
  var parts = [];
  Object.keys(params).forEach(function (key) {
    var value = params[key];
    if (value === undefined) { return; }
    var json = /key$/.test(key) ? JSON.stringify(value) : String(value);
    parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(json));
  });
  return parts.join('&');
}

/* Rejects with an Error that carries the HTTP status and CouchDB's reason when the answer is not 2xx. */
function getJSON(url) {
  return fetch(url, {headers: {Accept: 'application/json'}, credentials: 'same-origin'}).then(function (response) {
    if (response.ok) { return response.json(); }
    return response.json().catch(function () { return {}; }).then(function (body) {
      var error = new Error(url + ': HTTP ' + response.status + (body.reason ? ' \u2014 ' + body.reason : ''));
      error.status = response.status;
      error.reason = body.reason || '';
      throw error;
    });
  });
}

/* Whether an error means the viewer may not read the database (signed out, or not a member). */
function refused(error) {
  return error && (error.status === 401 || error.status === 403);
}

function view(name, params) {
  return getJSON(VIEWS + name + '?' + query(params));
}

function docUrl(id) {
  return DB + encodeURIComponent(id);
}

function attachmentUrl(id, name) {
  return DB + encodeURIComponent(id) + '/' + name.split('/').map(encodeURIComponent).join('/');
}

/* As dirt.task.Task#status and the views: a cancelled task is neither passed nor failed. */
function statusOf(doc) {
  var results = doc.results || {};
  if (doc.completed) {
    return results.cancelled === true ? 'cancelled' : results.success === true ? 'passed' : 'failed';
  }
  return doc.started ? 'running' : 'waiting';
}

var SYMBOLS = {passed: '\u2714', failed: '\u2718', cancelled: '\u2298', running: '\u25B6', waiting: '\u23F8'};

function statusBadge(status) {
  return '<span class="status status-' + esc(status) + '"><span aria-hidden="true">' + SYMBOLS[status] +
    '</span> ' + esc(status) + '</span>';
}

function pad(n) { return n < 10 ? '0' + n : String(n); }

function time(value) {
  if (value === undefined || value === null || value === '') { return ''; }
  var date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (isNaN(date.getTime())) { return esc(value); }
  var text = date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' ' +
    pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
  return '<time datetime="' + esc(date.toISOString()) + '">' + text + '</time>';
}

function duration(started, completed) {
  if (typeof started !== 'number' || typeof completed !== 'number') { return ''; }
  var s = Math.max(0, completed - started);
  if (s < 60) { return (Math.round(s * 10) / 10) + ' s'; }
  if (s < 3600) { return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s'; }
  return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}

function counts(rows) {
  var result = {passed: 0, failed: 0, cancelled: 0, running: 0, waiting: 0, total: 0};
  rows.forEach(function (row) { result[row.key[1]] = row.value; result.total += row.value; });
  return result;
}

/* The statuses a count shows: cancelled only when a task was cancelled, the others always. */
function shownStatuses(c) {
  return STATUSES.filter(function (s) { return s !== 'cancelled' || c[s] > 0; });
}

function countsText(c) {
  return shownStatuses(c).map(function (s) {
    return '<span class="count count-' + s + '">' + c[s] + ' ' + s + '</span>';
  }).join(' <span aria-hidden="true">·</span> ');
}

function bar(c) {
  var label = shownStatuses(c).map(function (s) { return c[s] + ' ' + s; }).join(', ');
  var parts = STATUSES.filter(function (s) { return c[s] > 0; }).map(function (s) {
    return '<span class="bar-part status-' + s + '" data-width="' + esc(100 * c[s] / c.total) + '"></span>';
  }).join('');
  return '<div class="bar" role="img" aria-label="' + esc(label) + '">' + parts + '</div>';
}

/* Sets the widths of the bars' parts from their data-width: the site's CSP allows no style attribute in markup. */
function sizeBars(root) {
  Array.prototype.forEach.call(root.querySelectorAll('.bar-part[data-width]'), function (part) {
    part.style.width = Number(part.getAttribute('data-width')) + '%';
  });
}

/* Replaces the rows of tbody whose HTML changed, keyed by data-id, keeping the others (and their open details). */
function renderRows(tbody, htmlRows, emptyText, columns) {
  var template = document.createElement('tbody');
  template.innerHTML = htmlRows.length ? htmlRows.join('') :
    '<tr class="empty"><td colspan="' + columns + '">' + esc(emptyText) + '</td></tr>';
  var wanted = Array.prototype.slice.call(template.children);
  var existing = {};
  Array.prototype.forEach.call(tbody.children, function (row) { existing[row.getAttribute('data-id')] = row; });
  var kept = [];
  wanted.forEach(function (row) {
    var old = existing[row.getAttribute('data-id')];
    kept.push(old && old.getAttribute('data-html') === row.outerHTML ? old : row);
    if (!(old && old.getAttribute('data-html') === row.outerHTML)) { row.setAttribute('data-html', row.outerHTML); }
  });
  while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
  kept.forEach(function (row) { tbody.appendChild(row); });
  sizeBars(tbody);
}

/* Paging by key: ?after=KEY shows the rows after KEY, ?before=KEY the rows before it (keys are unique). */
function pageQuery(first, last) {
  var after = param('after');
  var before = param('before');
  if (after) { return {params: {startkey: JSON.parse(after), endkey: last, descending: true, skip: 1}, reversed: false}; }
  if (before) { return {params: {startkey: JSON.parse(before), endkey: first, descending: false, skip: 1}, reversed: true}; }
  return {params: {startkey: first, endkey: last, descending: true}, reversed: false};
}

function fetchPage(viewName, first, last) {
  var page = pageQuery(first, last);
  page.params.limit = PAGE_SIZE + 1;
  return view(viewName, page.params).then(function (result) {
    var rows = result.rows;
    var more = rows.length > PAGE_SIZE;
    rows = rows.slice(0, PAGE_SIZE);
    if (page.reversed) { rows.reverse(); }
    var newer = page.reversed ? more : Boolean(param('after'));
    var older = page.reversed ? true : more;
    return {rows: rows, newer: newer, older: older};
  });
}

function pager(page, base) {
  var nav = document.getElementById('pager');
  var links = [];
  var sep = base.indexOf('?') >= 0 ? '&' : '?';
  if (page.newer && page.rows.length) {
    links.push('<a id="newest" href="' + esc(base) + '">Newest</a>');
    links.push('<a id="newer" rel="prev" href="' + esc(base + sep + 'before=' +
      encodeURIComponent(JSON.stringify(page.rows[0].key))) + '">Newer</a>');
  }
  if (page.older && page.rows.length) {
    links.push('<a id="older" rel="next" href="' + esc(base + sep + 'after=' +
      encodeURIComponent(JSON.stringify(page.rows[page.rows.length - 1].key))) + '">Older</a>');
  }
  nav.innerHTML = links.join(' ');
}

function showError(error) {
  var box = document.getElementById('error');
  box.hidden = false;
  box.textContent = 'Could not load: ' + error.message;
}

/* ---------- pages ---------- */

function overview() {
  return fetchPage('records', [{}], []).then(function (page) {
    return Promise.all(page.rows.map(function (row) {
      var id = row.key[1];
      return view('status_counts', {group_level: 2, startkey: [id], endkey: [id, {}]}).then(function (result) {
        var c = counts(result.rows);
        return '<tr data-id="' + esc(id) + '" data-total="' + c.total + '">' +
          '<th scope="row"><a class="record-link" href="record.html?id=' + encodeURIComponent(id) + '">' + esc(id) + '</a></th>' +
          '<td class="description">' + esc(row.value.description) + '</td>' +
          '<td class="created">' + time(row.value.created) + '</td>' +
          '<td class="counts">' + countsText(c) + '</td>' +
          '<td class="progress">' + bar(c) + '</td></tr>';
      });
    })).then(function (rows) {
      renderRows(document.querySelector('#records tbody'), rows, 'No records yet.', 5);
      pager(page, 'index.html');
    });
  });
}

function attachmentList(doc) {
  var earlier = earlierAttempts(doc);
  var names = Object.keys(doc._attachments || {}).filter(function (name) {
    return attemptOfFile(name) === null || !earlier[attemptOfFile(name)];
  });
  if (!names.length) { return ''; }
  var labels = {};
  var links = (doc.results || {}).attach_links;
  (Array.isArray(links) ? links : []).forEach(function (link) {
    if (link && typeof link.id === 'string' && typeof link.name === 'string') { labels[link.id] = link.name; }
  });
  return '<ul class="attachments">' + names.map(function (name) {
    var label = labels[name] ? labels[name] + ' (' + name + ')' : name;
    return '<li><a class="attachment" href="' + esc(attachmentUrl(doc._id, name)) + '" download="' + esc(name) + '">' +
      esc(label) + '</a></li>';
  }).join('') + '</ul>';
}

function inlineOutputs(doc) {
  return ['stdout.txt', 'stderr.txt'].filter(function (name) {
    var a = (doc._attachments || {})[name];
    return a && a.length > 0 && a.length <= INLINE_LIMIT;
  }).map(function (name) {
    return fetch(attachmentUrl(doc._id, name)).then(function (r) { return r.text(); }).then(function (text) {
      return '<details class="output" open><summary>' + esc(name) + '</summary><pre>' + esc(text) + '</pre></details>';
    });
  });
}

/* ---------- attempts: retries, lost runs and their history (README "Failure modes") ---------- */

var OUTCOMES = {failed: 'failed', timed_out: 'timed out', lost: 'lost', handed_back: 'handed back'};

function outcomeLabel(outcome) {
  return Object.prototype.hasOwnProperty.call(OUTCOMES, outcome) ? OUTCOMES[outcome] : String(outcome);
}

/* The runs that did not complete the task, oldest first. */
function historyOf(doc) {
  return (Array.isArray(doc.history) ? doc.history : []).filter(function (entry) {
    return entry !== null && typeof entry === 'object';
  });
}

/* The attempt numbers of the history, as a set: their files are attempt-N/NAME. */
function earlierAttempts(doc) {
  var set = {};
  historyOf(doc).forEach(function (entry) {
    if (typeof entry.attempt === 'number') { set[entry.attempt] = true; }
  });
  return set;
}

/* N for an attachment attempt-N/NAME, else null. */
function attemptOfFile(name) {
  var match = /^attempt-(\d+)\//.exec(name);
  return match ? Number(match[1]) : null;
}

/* "try 2 of 3" while the attempt and the try agree, else "attempt 3" (lost and handed-back runs use no try). */
function tryLabel(attempt, tryNumber, tries) {
  if (tries && tryNumber === attempt) { return 'try ' + tryNumber + ' of ' + tries; }
  return 'attempt ' + attempt + (tries ? ', try ' + tryNumber + ' of ' + tries : '');
}

/* Which run this is, for a task that ran more than once; '' for one that ran (or waits to run) once. */
function attemptText(doc) {
  var entries = historyOf(doc);
  var attempt = typeof doc.attempt === 'number' ? doc.attempt : 0;
  var tries = typeof doc.tries === 'number' && doc.tries > 1 ? doc.tries : 0;
  var failures = entries.filter(function (e) { return e.outcome === 'failed' || e.outcome === 'timed_out'; }).length;
  if (doc.started) {
    return attempt > 1 || entries.length ? tryLabel(attempt, failures + 1, tries) : '';
  }
  return !doc.completed && entries.length ? 'next: ' + tryLabel(attempt + 1, failures + 1, tries) : '';
}

/* Why the task ran again, after the last run that did not complete it. */
function ranAgainText(doc) {
  var entries = historyOf(doc);
  if (!doc.started || !entries.length) { return ''; }
  var last = entries[entries.length - 1];
  return 'ran again after: ' + outcomeLabel(last.outcome) +
    (last.reason ? ' \u2014 ' + last.reason : '');
}

function historyEntry(doc, entry) {
  var files = Object.keys(doc._attachments || {}).filter(function (name) {
    return attemptOfFile(name) === entry.attempt;
  }).map(function (name) {
    return '<li><a class="attachment" href="' + esc(attachmentUrl(doc._id, name)) + '" download="' +
      esc(name.replace(/\//g, '-')) + '">' + esc(name) + '</a></li>';
  }).join('');
  var outcome = Object.prototype.hasOwnProperty.call(OUTCOMES, entry.outcome) ? entry.outcome : 'other';
  return '<li class="attempt-entry" data-attempt="' + esc(entry.attempt) + '" data-outcome="' +
    esc(entry.outcome) + '">' +
    '<strong>attempt ' + esc(entry.attempt) + '</strong> <span class="outcome outcome-' + outcome + '">' +
    esc(outcomeLabel(entry.outcome)) + '</span>' + (entry.node ? ' on ' + esc(entry.node) : '') +
    (entry.started ? ' at ' + time(entry.started) : '') +
    (typeof entry.started === 'number' && typeof entry.ended === 'number'
      ? ' for ' + duration(entry.started, entry.ended) : entry.ended ? ', ended ' + time(entry.ended) : '') +
    (entry.server ? ' <span class="server">server ' + esc(entry.server) + '</span>' : '') +
    (entry.reason ? '<div class="attempt-reason">' + esc(entry.reason) + '</div>' : '') +
    (files ? '<ul class="attachments">' + files + '</ul>' : '') + '</li>';
}

/* The runs before this one, folded: attempt, node, times, outcome, reason and that run's files. */
function historyDetails(doc) {
  var entries = historyOf(doc);
  if (!entries.length) { return ''; }
  var count = entries.length + ' earlier attempt' + (entries.length === 1 ? '' : 's');
  var items = entries.map(function (entry) { return historyEntry(doc, entry); }).join('');
  return '<details class="history"><summary>' + count + '</summary><ol class="attempts">' + items + '</ol></details>';
}

function taskRow(doc) {
  var status = statusOf(doc);
  var results = doc.results || {};
  var reason = status === 'waiting' ? (doc.waiting || 'waiting for a server to start it') : (results.reason || '');
  var attempt = attemptText(doc);
  var again = ranAgainText(doc);
  var retryAt = status === 'waiting' && typeof doc.retry_at === 'number' ? doc.retry_at : null;
  return Promise.all(inlineOutputs(doc)).then(function (outputs) {
    return '<tr data-id="' + esc(doc._id) + '" data-status="' + status + '">' +
      '<th scope="row"><a class="task-link" href="task.html?name=' + encodeURIComponent(doc.name) + '">' + esc(doc.name) + '</a>' +
      (typeof doc.parent === 'string' ? '<div class="parent">run of ' + esc(doc.parent) + ' on ' + esc(doc.on_node || '') +
        '</div>' : '') + '</th>' +
      '<td class="node">' + esc(doc.node || '') +
      (doc.server ? '<div class="server">server ' + esc(doc.server) + '</div>' : '') + '</td>' +
      '<td class="started">' + time(doc.started) + '</td>' +
      '<td class="completed">' + time(doc.completed) + '</td>' +
      '<td class="duration">' + duration(doc.started, doc.completed) + '</td>' +
      '<td class="status-cell">' + statusBadge(status) +
      (attempt ? '<div class="attempt">' + esc(attempt) + '</div>' : '') + '</td>' +
      '<td class="' + (status === 'waiting' ? 'waiting' : 'reason') + '">' + esc(reason) +
      (again ? '<div class="ran-again">' + esc(again) + '</div>' : '') +
      (retryAt ? '<div class="retry-at">runs again at ' + time(retryAt) + '</div>' : '') + '</td>' +
      '<td class="details">' + attachmentList(doc) + historyDetails(doc) + outputs.join('') +
      (doc.results ? '<details class="raw"><summary>raw results</summary><pre>' +
        esc(JSON.stringify(doc.results, null, 2)) + '</pre></details>' : '') + '</td></tr>';
  });
}

/*
 * The record's tasks as a graph when some run after others ("after"): one box per task, coloured by its status, in
 * columns by how many tasks come before it, with an arrow from each task to those that run after it. A broadcast's
 * node runs hang off their parent. Empty when no task of the record names another.
 */
function dependencyGraph(docs) {
  var byId = {};
  docs.forEach(function (doc) { byId[doc._id] = doc; });
  var before = function (doc) {
    var ids = [];
    (Array.isArray(doc.after) ? doc.after : []).forEach(function (entry) {
      docs.forEach(function (other) {
        if (other._id !== doc._id && (other._id === entry || other.name === entry)) { ids.push(other._id); }
      });
    });
    if (typeof doc.parent === 'string' && byId[doc.parent]) { ids.push(doc.parent); }
    return ids;
  };
  if (!docs.some(function (doc) { return before(doc).length > 0; })) { return ''; }
  var depth = {};
  var level = function (id, visiting) {
    if (depth[id] !== undefined) { return depth[id]; }
    if (visiting[id]) { return 0; } // a cycle: serve fails its tasks; draw them anyway
    visiting[id] = true;
    var d = 0;
    before(byId[id]).forEach(function (other) { d = Math.max(d, level(other, visiting) + 1); });
    visiting[id] = false;
    depth[id] = d;
    return d;
  };
  var columns = [];
  docs.forEach(function (doc) {
    var d = level(doc._id, {});
    (columns[d] = columns[d] || []).push(doc._id);
  });
  var W = 180, H = 34, GAP_X = 60, GAP_Y = 14, at = {};
  var rows = 0;
  columns.forEach(function (ids, x) {
    ids.forEach(function (id, y) { at[id] = {x: 8 + x * (W + GAP_X), y: 8 + y * (H + GAP_Y)}; });
    rows = Math.max(rows, ids.length);
  });
  var parts = [];
  docs.forEach(function (doc) {
    before(doc).forEach(function (id) {
      var from = at[id], to = at[doc._id];
      parts.push('<line class="graph-edge" x1="' + (from.x + W) + '" y1="' + (from.y + H / 2) + '" x2="' + (to.x - 2) +
        '" y2="' + (to.y + H / 2) + '" marker-end="url(#arrow)"/>');
    });
  });
  docs.forEach(function (doc) {
    var p = at[doc._id], status = statusOf(doc);
    var label = doc.name + (typeof doc.on_node === 'string' ? ' @ ' + doc.on_node : '');
    parts.push('<g class="graph-task status-' + status + '" data-id="' + esc(doc._id) + '">' +
      '<title>' + esc(doc._id + ': ' + status) + '</title>' +
      '<rect x="' + p.x + '" y="' + p.y + '" width="' + W + '" height="' + H + '" rx="4"/>' +
      '<text x="' + (p.x + 8) + '" y="' + (p.y + H / 2 + 5) + '">' + esc(SYMBOLS[status] + ' ' +
        (label.length > 22 ? label.slice(0, 21) + '\u2026' : label)) + '</text></g>');
  });
  var width = columns.length * (W + GAP_X), height = rows * (H + GAP_Y) + 8;
  return '<svg class="graph" role="img" aria-label="The record\'s tasks and the order they run in" width="' + width +
    '" height="' + height + '" viewBox="0 0 ' + width + ' ' + height + '">' +
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7"' +
    ' orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>' + parts.join('') + '</svg>';
}

function record() {
  var id = param('id') || '';
  document.getElementById('record-id').textContent = id;
  var recordDoc = getJSON(docUrl(id)).then(function (doc) {
    document.getElementById('description').textContent = doc.description || '';
    document.getElementById('created').innerHTML = time(doc.created);
  }, function (error) {
    if (refused(error)) { throw error; }
    document.getElementById('description').textContent = 'No record with this id.';
  });
  var tasks = view('tasks_by_record', {startkey: [id], endkey: [id, {}], include_docs: true, limit: 1000})
    .then(function (result) {
      var docs = result.rows.map(function (row) { return row.doc; }).filter(Boolean);
      return Promise.all(docs.map(taskRow)).then(function (rows) {
        renderRows(document.querySelector('#tasks tbody'), rows, 'This record has no tasks.', 8);
        var c = counts([]);
        c.total = docs.length;
        docs.forEach(function (doc) { c[statusOf(doc)] += 1; });
        document.getElementById('summary').innerHTML = countsText(c) + bar(c);
        sizeBars(document.getElementById('summary'));
        document.getElementById('graph').innerHTML = dependencyGraph(docs);
      });
    });
  return Promise.all([recordDoc, tasks]);
}

function history() {
  var name = param('name') || '';
  document.getElementById('task-name').textContent = name;
  return fetchPage('tasks_by_name', [name, {}], [name]).then(function (page) {
    var rows = page.rows.map(function (row) {
      var v = row.value;
      var reason = v.status === 'waiting' ? (v.waiting || '') : (v.reason || '');
      return '<tr data-id="' + esc(row.id) + '" data-status="' + v.status + '">' +
        '<th scope="row"><a class="record-link" href="record.html?id=' + encodeURIComponent(v.record_id) + '">' +
        esc(v.record_id) + '</a></th>' +
        '<td class="created">' + time(row.key[1]) + '</td>' +
        '<td class="node">' + esc(v.node || '') + '</td>' +
        '<td class="duration">' + duration(v.started, v.completed) + '</td>' +
        '<td class="status-cell">' + statusBadge(v.status) + '</td>' +
        '<td class="reason">' + esc(reason) + '</td></tr>';
    });
    renderRows(document.querySelector('#history tbody'), rows, 'No runs of this task.', 6);
    var trend = page.rows.slice().reverse().map(function (row) {
      var s = row.value.status;
      return '<li class="trend-item status-' + s + '" title="' + esc(row.value.record_id + ': ' + s) + '">' +
        '<span class="visually-hidden">' + esc(row.value.record_id) + ' ' + s + '</span></li>';
    });
    document.getElementById('trend').innerHTML = trend.join('');
    pager(page, 'task.html?name=' + encodeURIComponent(name));
  });
}

function facts(doc) {
  var info = doc.sys_info || {};
  var os = info.os_name ? info.os_name + (info.os_version ? ' ' + info.os_version : '') : (info.platform || '');
  return {arch: info.architecture, cpus: info.cpu_count, os: os, java: info.java_version || info.version_info,
    probed: doc.probed || info.probed_at};
}

/* A node serve cannot reach now (README "Unreachable nodes"): why, since when, and when serve tries it again. */
function unreachableText(doc) {
  var mark = doc.unreachable;
  if (!mark || typeof mark !== 'object') { return ''; }
  return '<div class="unreachable"><span class="state state-unreachable">unreachable</span>' +
    (mark.since ? ' since ' + time(mark.since) : '') + (mark.retry_at ? ', next try ' + time(mark.retry_at) : '') +
    (mark.reason ? '<div class="unreachable-reason">' + esc(mark.reason) + '</div>' : '') + '</div>';
}

/*
 * A node's environment (README "Secrets"): every variable's name, its value only where [nodes] environ_values lists
 * it; the others are stored as null and shown as "(hidden)".
 */
function environText(info) {
  var environ = info.environ;
  if (!environ || typeof environ !== 'object' || Array.isArray(environ)) { return ''; }
  var names = Object.keys(environ).sort();
  if (!names.length) { return ''; }
  var items = names.map(function (name) {
    var value = environ[name];
    return '<li data-name="' + esc(name) + '"><code>' + esc(name) + '</code> ' +
      (value === null || value === undefined ? '<span class="hidden-value">(hidden)</span>' :
        '<code>' + esc(value) + '</code>') + '</li>';
  });
  return '<details class="environ"><summary>environment (' + names.length + ')</summary><ul>' + items.join('') +
    '</ul></details>';
}

/* Why a node takes no new work although it is enabled (README "Node health"): quarantined, with the evidence, or its disk is full. */
function healthText(doc) {
  var parts = [];
  var q = doc.quarantined;
  if (q && typeof q === 'object') {
    var evidence = Array.isArray(q.evidence) ? q.evidence : [];
    var items = evidence.map(function (e) {
      return '<li><a href="task.html?name=' + encodeURIComponent(e.name) + '">' + esc(e.name) + '</a> ' +
        esc(e.task) + ' failed here ' + time(e.failed) + ', passed on ' +
        esc((Array.isArray(e.passed_on) ? e.passed_on : []).join(', ')) + '</li>';
    });
    parts.push('<div class="quarantined"><span class="state state-quarantined">quarantined</span>' +
      (q.since ? ' since ' + time(q.since) : '') + '<div class="quarantine-reason">' + esc(q.reason) + '</div>' +
      (items.length ? '<details class="evidence"><summary>evidence (' + items.length + ')</summary><ul>' +
        items.join('') + '</ul></details>' : '') +
      '<div class="hint">dirt nodes release ' + esc(doc.name) + '</div></div>');
  }
  var full = doc.disk_full;
  if (full && typeof full === 'object') {
    parts.push('<div class="disk-full"><span class="state state-disk-full">disk full</span>' +
      '<div class="disk-full-reason">' + esc(full.reason) + '</div></div>');
  }
  return parts.join('');
}

/* What changed in the node's facts between probes, newest first (README "Node health"). */
function driftText(doc) {
  var changes = Array.isArray(doc.facts_changed) ? doc.facts_changed.slice().reverse() : [];
  if (!changes.length) { return ''; }
  var items = changes.map(function (c) {
    return '<li data-what="' + esc(c.what) + '">' + time(c.when) + ' <code>' + esc(c.what) + '</code>: ' +
      '<code>' + esc(JSON.stringify(c.from === undefined ? null : c.from)) + '</code> \u2192 <code>' +
      esc(JSON.stringify(c.to === undefined ? null : c.to)) + '</code></li>';
  });
  return '<details class="drift"' + (changes[0].when > Date.now() / 1000 - 86400 ? ' open' : '') +
    '><summary>facts changed (' + changes.length + ')</summary><ul>' + items.join('') + '</ul></details>';
}

/* A small line chart of one figure over the node's recent samples; numbers only reach the SVG. */
function sparkline(label, samples, pick, max, format) {
  var points = samples.map(function (s) { return [Number(s[0]), pick(s)]; })
    .filter(function (p) { return isFinite(p[0]) && typeof p[1] === 'number' && isFinite(p[1]); });
  if (points.length === 0) { return ''; }
  var w = 80, h = 20;
  var t0 = points[0][0], t1 = points[points.length - 1][0];
  var top = max || Math.max.apply(null, points.map(function (p) { return p[1]; })) || 1;
  var path = points.map(function (p, i) {
    var x = t1 === t0 ? w : (p[0] - t0) / (t1 - t0) * w;
    var y = h - Math.min(1, Math.max(0, p[1] / top)) * (h - 2) - 1;
    return (i ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1);
  }).join(' ');
  var last = points[points.length - 1][1];
  return '<div class="spark" data-figure="' + esc(label) + '"><span class="spark-label">' + esc(label) + '</span> ' +
    '<svg width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h + '" role="img" aria-label="' +
    esc(label + ' over the last samples, now ' + format(last)) + '"><path d="' + path + '"/></svg> ' +
    '<span class="spark-now">' + esc(format(last)) + '</span></div>';
}

function bytes(n) {
  var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  var i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i ? n.toFixed(1) : String(n)) + ' ' + units[i];
}

/* Load, memory in use and free disk of the node's work folder, as serve sampled them (README "Node health"). */
function resourcesText(doc) {
  var r = doc.resources;
  if (!r || !Array.isArray(r.samples) || !r.samples.length) { return ''; }
  var samples = r.samples.filter(Array.isArray);
  var memTotal = Number(r.mem_total);
  return sparkline('load', samples, function (s) { return s[1]; }, 0, function (v) { return v.toFixed(2); }) +
    (memTotal > 0 ? sparkline('memory used', samples, function (s) {
      return typeof s[2] === 'number' ? (memTotal - s[2]) / memTotal * 100 : null;
    }, 100, function (v) { return v.toFixed(0) + ' %'; }) : '') +
    sparkline('disk free', samples, function (s) { return s[3]; }, Number(r.disk_total) || 0, bytes);
}

function nodes() {
  var since = Math.floor(Date.now() / 1000) - 86400;
  return view('nodes', {include_docs: true, limit: 1000}).then(function (result) {
    return Promise.all(result.rows.filter(function (row) { return row.doc; }).map(function (row) {
      var doc = row.doc;
      var name = row.key;
      return Promise.all([
        view('running_by_node', {startkey: [name], endkey: [name, {}], limit: 100}),
        view('outcomes_by_node', {startkey: [name, since], endkey: [name, {}], reduce: true, group: false})
      ]).then(function (answers) {
        var running = answers[0];
        var outcomes = answers[1].rows.length ? answers[1].rows[0].value : [0, 0];
        var f = facts(doc);
        var tasks = running.rows.map(function (r) {
          return '<li><a href="record.html?id=' + encodeURIComponent(r.value.record_id) + '">' +
            esc(r.value.record_id) + '</a> ' + esc(r.value.name) + '</li>';
        }).join('');
        var enabled = doc.enabled !== false;
        var unreachable = unreachableText(doc);
        var health = healthText(doc);
        var state = !enabled ? 'disabled' : doc.quarantined ? 'quarantined' : doc.disk_full ? 'disk full' :
          unreachable ? 'unreachable' : 'enabled';
        return '<tr id="node-' + esc(name) + '" data-id="' + esc(doc._id) + '" data-enabled="' + enabled +
          '" data-state="' + esc(state) + '"' + (unreachable ? ' data-unreachable="true"' : '') + '>' +
          '<th scope="row">' + esc(name) + environText(doc.sys_info || {}) + '</th>' +
          '<td class="enabled">' + (enabled && health ? '' : '<span class="state state-' +
          (enabled ? 'enabled' : 'disabled') + '">' + (enabled ? 'enabled' : 'disabled') + '</span>') + health +
          unreachable + '</td>' +
          '<td class="slots">' + esc(doc.slots === undefined ? f.cpus : doc.slots) + '</td>' +
          '<td class="architecture">' + esc(f.arch) + '</td>' +
          '<td class="cpu_count">' + esc(f.cpus) + '</td>' +
          '<td class="os">' + esc(f.os) + '</td>' +
          '<td class="java">' + esc(f.java) + '</td>' +
          '<td class="probed">' + time(f.probed) + driftText(doc) + '</td>' +
          '<td class="running"><span class="running-count">' + running.rows.length + '</span>' +
          (tasks ? '<ul>' + tasks + '</ul>' : '') + '</td>' +
          '<td class="resources">' + resourcesText(doc) + '</td>' +
          '<td class="outcomes"><span class="passed-count">' + esc(Number(outcomes[0]) || 0) + ' passed</span>, ' +
          '<span class="failed-count">' + esc(Number(outcomes[1]) || 0) + ' failed</span></td></tr>';
      });
    })).then(function (rows) {
      renderRows(document.querySelector('#nodes tbody'), rows, 'No nodes yet: add one with dirt updatenodes.', 11);
    });
  });
}

function every(seconds) {
  if (seconds >= 3600 && seconds % 3600 === 0) { return 'every ' + seconds / 3600 + ' h'; }
  if (seconds >= 60 && seconds % 60 === 0) { return 'every ' + seconds / 60 + ' min'; }
  return 'every ' + seconds + ' s';
}

function schedules() {
  return view('schedules', {limit: 1000}).then(function (result) {
    var rows = result.rows.map(function (row) {
      var v = row.value;
      var when = v.crontime !== null ? v.crontime + (v.timezone ? ' (' + v.timezone + ')' : '') :
        (v.frequency !== null ? every(v.frequency) + ' after the last run ends' : '');
      var next = v.next_run !== null ? time(v.next_run) :
        (v.enabled && v.frequency !== null && v.last_record ? 'after the last run ends' : '');
      if (v.queued !== null) { next += ' <span class="queued">(one run queued)</span>'; }
      var status = v.last_status && SYMBOLS[v.last_status] ? statusBadge(v.last_status) : esc(v.last_status || '');
      var skipped = v.last_skipped ? time(v.last_skipped.run) + ' ' + esc(v.last_skipped.reason) : '';
      return '<tr data-id="' + esc(row.id) + '" data-enabled="' + v.enabled + '"' +
        (v.last_status ? ' data-status="' + esc(v.last_status) + '"' : '') + '>' +
        '<th scope="row">' + esc(row.key) + (v.description ? '<div class="description">' + esc(v.description) +
        '</div>' : '') + '</th>' +
        '<td class="when">' + esc(when) + '</td>' +
        '<td class="enabled"><span class="state state-' + (v.enabled ? 'enabled' : 'disabled') + '">' +
        (v.enabled ? 'enabled' : 'disabled') + '</span></td>' +
        '<td class="next-run">' + next + '</td>' +
        '<td class="last-run">' + (v.last_record ? '<a class="record-link" href="record.html?id=' +
        encodeURIComponent(v.last_record) + '">' + esc(v.last_record) + '</a>' : 'not yet') + '</td>' +
        '<td class="status-cell">' + status + '</td>' +
        '<td class="skipped">' + skipped + '</td></tr>';
    });
    renderRows(document.querySelector('#schedules tbody'), rows,
      'No schedules yet: add a [[schedule]] section to settings.toml and run dirt serve.', 7);
  });
}

/* ---------- live updates and start-up ---------- */

function follow(reload) {
  var live = document.getElementById('live');
  var busy = false;
  var again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    reload().catch(showError).then(function () {
      busy = false;
      if (again) { again = false; refresh(); }
    });
  }
  function poll(since) {
    getJSON(DB + '_changes?feed=longpoll&timeout=25000&since=' + encodeURIComponent(
        typeof since === 'string' ? since : JSON.stringify(since))).then(function (changes) {
      live.textContent = 'live';
      live.className = 'live live-on';
      if (changes.results && changes.results.length) { refresh(); }
      poll(changes.last_seq);
    }, function () {
      live.textContent = 'reconnecting…';
      live.className = 'live live-off';
      setTimeout(function () { poll(since); }, 3000);
    });
  }
  getJSON(DB).then(function (info) { poll(info.update_seq); }, function () { setTimeout(function () { follow(reload); }, 3000); });
}

/* ---------- signing in (CouchDB's cookie session, through /_session) ---------- */

/* Shows "signed in as NAME · sign out" in the header when a session exists. */
function showSession() {
  return getJSON('_session').then(function (session) {
    var name = session.userCtx && session.userCtx.name;
    if (!name) { return null; }
    document.getElementById('session-name').textContent = name;
    document.getElementById('session').hidden = false;
    return name;
  }, function () { return null; });
}

function signOut() {
  fetch('_session', {method: 'DELETE', headers: {Accept: 'application/json'}, credentials: 'same-origin'})
    .then(function () { window.location.reload(); }, showError);
}

/* The database refused the viewer: the sign-in form, saying why. */
function askToSignIn(error, name) {
  var form = document.getElementById('sign-in');
  document.body.classList.add('needs-sign-in');
  document.body.setAttribute('data-loaded', 'sign-in');
  document.getElementById('live').textContent = 'not signed in';
  document.getElementById('sign-in-why').textContent = name
    ? 'You are signed in as ' + name + ', who may not read this database (' + (error.reason || 'HTTP ' + error.status) +
      '). Sign in as someone who may, or ask an admin to add you to the database\u2019s members.'
    : 'This database is not open to anonymous readers: sign in with your CouchDB name and password.';
  form.hidden = false;
  document.getElementById('sign-in-name').focus();
}

function signIn(event) {
  event.preventDefault();
  var message = document.getElementById('sign-in-error');
  var button = document.getElementById('sign-in-submit');
  message.hidden = true;
  button.disabled = true;
  fetch('_session', {method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'},
    body: JSON.stringify({name: document.getElementById('sign-in-name').value,
      password: document.getElementById('sign-in-password').value})
  }).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (response.ok) { window.location.reload(); return; }
      throw new Error(body.reason || 'HTTP ' + response.status);
    });
  }).catch(function (error) {
    button.disabled = false;
    message.textContent = 'Sign-in failed: ' + error.message;
    message.hidden = false;
  });
}

function start() {
  var page = document.body.getAttribute('data-page');
  var load = {overview: overview, record: record, history: history, nodes: nodes, schedules: schedules}[page];
  document.getElementById('sign-in').addEventListener('submit', signIn);
  document.getElementById('sign-out').addEventListener('click', signOut);
  var session = showSession();
  getJSON(DB + '_design/dirt').then(function (design) {
    var project = (design.dirt && design.dirt.project) || 'dirt';
    document.getElementById('project-name').textContent = project;
    document.title = document.title.replace(/^dirt\b/, project);
  }).catch(function () {});
  load().then(null, function (error) {
    if (refused(error)) {
      return session.then(function (name) { askToSignIn(error, name); throw error; });
    }
    showError(error);
  }).then(function () {
    document.body.setAttribute('data-loaded', 'true');
    follow(load);
  }, function () {});
}

document.addEventListener('DOMContentLoaded', start);
