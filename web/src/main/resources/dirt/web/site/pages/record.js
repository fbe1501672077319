/* A record: its tasks with their results, files, earlier attempts and outputs, and their graph when some run after others. */
import {html, join, pageUrl, render} from '../lib/html.js';
import {attachmentText, attachmentUrl, docUrl, getJSON, param, refused, view} from '../lib/couch.js';
import {SYMBOLS, bar, bytes, counts, countsText, duration, renderRows, sizeBars, start, statusBadge, statusOf,
  time} from '../lib/ui.js';

const INLINE_LIMIT = 64 * 1024;
const OUTCOMES = {failed: 'failed', timed_out: 'timed out', lost: 'lost', handed_back: 'handed back'};

function outcomeLabel(outcome) {
  return Object.prototype.hasOwnProperty.call(OUTCOMES, outcome) ? OUTCOMES[outcome] : String(outcome);
}

/* The runs that did not complete the task, oldest first. */
function historyOf(doc) {
  return (Array.isArray(doc.history) ? doc.history : []).filter((entry) => entry !== null && typeof entry === 'object');
}

/* The attempt numbers of the history, as a set: their files are attempt-N/NAME. */
function earlierAttempts(doc) {
  const set = {};
  historyOf(doc).forEach((entry) => { if (typeof entry.attempt === 'number') { set[entry.attempt] = true; } });
  return set;
}

/* N for an attachment attempt-N/NAME, else null. */
function attemptOfFile(name) {
  const match = /^attempt-(\d+)\//.exec(name);
  return match ? Number(match[1]) : null;
}

/* A task's file: a download (never opened as a page of the site; the proxy also sandboxes it). */
function fileLink(doc, name, label, download) {
  return html`<li><a class="attachment" href="${attachmentUrl(doc._id, name)}" download="${download}">${label}</a></li>`;
}

function attachmentList(doc) {
  const earlier = earlierAttempts(doc);
  const names = Object.keys(doc._attachments || {}).filter((name) =>
    attemptOfFile(name) === null || !earlier[attemptOfFile(name)]);
  if (!names.length) { return ''; }
  const labels = {};
  const links = (doc.results || {}).attach_links;
  (Array.isArray(links) ? links : []).forEach((link) => {
    if (link && typeof link.id === 'string' && typeof link.name === 'string') { labels[link.id] = link.name; }
  });
  return html`<ul class="attachments">${names.map((name) =>
    fileLink(doc, name, labels[name] ? labels[name] + ' (' + name + ')' : name, name))}</ul>`;
}

/* Files that the retention policy removed (files_pruned, written by 'dirt prune' and serve): how many, when. */
function prunedFiles(doc) {
  const pruned = doc.files_pruned;
  if (!pruned || typeof pruned !== 'object') { return ''; }
  const count = typeof pruned.files === 'number' ? pruned.files + ' file' + (pruned.files === 1 ? '' : 's') : 'the files';
  const size = typeof pruned.bytes === 'number' ? ' (' + bytes(pruned.bytes) + ')' : '';
  return html`<p class="files-pruned">${count}${size} removed ${time(pruned.at)} by the retention policy
([retention] keep_passed_files); the results stay</p>`;
}

function inlineOutputs(doc) {
  return ['stdout.txt', 'stderr.txt'].filter((name) => {
    const a = (doc._attachments || {})[name];
    return a && a.length > 0 && a.length <= INLINE_LIMIT;
  }).map((name) => attachmentText(doc._id, name).then((text) =>
    html`<details class="output" open><summary>${name}</summary><pre>${text}</pre></details>`));
}

/* "try 2 of 3" while the attempt and the try agree, else "attempt 3" (lost and handed-back runs use no try). */
function tryLabel(attempt, tryNumber, tries) {
  if (tries && tryNumber === attempt) { return 'try ' + tryNumber + ' of ' + tries; }
  return 'attempt ' + attempt + (tries ? ', try ' + tryNumber + ' of ' + tries : '');
}

/* Which run this is, for a task that ran more than once; '' for one that ran (or waits to run) once. */
function attemptText(doc) {
  const entries = historyOf(doc);
  const attempt = typeof doc.attempt === 'number' ? doc.attempt : 0;
  const tries = typeof doc.tries === 'number' && doc.tries > 1 ? doc.tries : 0;
  const failures = entries.filter((e) => e.outcome === 'failed' || e.outcome === 'timed_out').length;
  if (doc.started) {
    return attempt > 1 || entries.length ? tryLabel(attempt, failures + 1, tries) : '';
  }
  return !doc.completed && entries.length ? 'next: ' + tryLabel(attempt + 1, failures + 1, tries) : '';
}

/* Why the task ran again, after the last run that did not complete it. */
function ranAgainText(doc) {
  const entries = historyOf(doc);
  if (!doc.started || !entries.length) { return ''; }
  const last = entries[entries.length - 1];
  return 'ran again after: ' + outcomeLabel(last.outcome) + (last.reason ? ' \u2014 ' + last.reason : '');
}

function historyEntry(doc, entry) {
  const files = Object.keys(doc._attachments || {}).filter((name) => attemptOfFile(name) === entry.attempt)
    .map((name) => fileLink(doc, name, name, name.replace(/\//g, '-')));
  const outcome = Object.prototype.hasOwnProperty.call(OUTCOMES, entry.outcome) ? entry.outcome : 'other';
  const took = typeof entry.started === 'number' && typeof entry.ended === 'number'
    ? ' for ' + duration(entry.started, entry.ended) : entry.ended ? html`, ended ${time(entry.ended)}` : '';
  return html`<li class="attempt-entry" data-attempt="${entry.attempt}" data-outcome="${entry.outcome}"><strong>attempt ${
    entry.attempt}</strong> <span class="outcome outcome-${outcome}">${outcomeLabel(entry.outcome)}</span>${
    entry.node ? ' on ' + entry.node : ''}${entry.started ? html` at ${time(entry.started)}` : ''}${took}${
    entry.server ? html` <span class="server">server ${entry.server}</span>` : ''}${
    entry.reason ? html`<div class="attempt-reason">${entry.reason}</div>` : ''}${
    files.length ? html`<ul class="attachments">${files}</ul>` : ''}</li>`;
}

/* The runs before this one, folded: attempt, node, times, outcome, reason and that run's files. */
function historyDetails(doc) {
  const entries = historyOf(doc);
  if (!entries.length) { return ''; }
  const count = entries.length + ' earlier attempt' + (entries.length === 1 ? '' : 's');
  return html`<details class="history"><summary>${count}</summary><ol class="attempts">${
    entries.map((entry) => historyEntry(doc, entry))}</ol></details>`;
}

function taskRow(doc) {
  const status = statusOf(doc);
  const results = doc.results || {};
  const reason = status === 'waiting' ? (doc.waiting || 'waiting for a server to start it') : (results.reason || '');
  const attempt = attemptText(doc);
  const again = ranAgainText(doc);
  const retryAt = status === 'waiting' && typeof doc.retry_at === 'number' ? doc.retry_at : null;
  return Promise.all(inlineOutputs(doc)).then((outputs) => html`<tr id="task-${doc._id}" data-id="${doc._id}" data-status="${status}">
<th scope="row"><a class="task-link" href="${pageUrl('task.html', {name: doc.name})}">${doc.name}</a>${
  typeof doc.parent === 'string' ? html`<div class="parent">run of ${doc.parent} on ${doc.on_node || ''}</div>` : ''}</th>
<td class="node">${doc.node || ''}${doc.server ? html`<div class="server">server ${doc.server}</div>` : ''}</td>
<td class="started">${time(doc.started)}</td>
<td class="completed">${time(doc.completed)}</td>
<td class="duration">${duration(doc.started, doc.completed)}</td>
<td class="status-cell">${statusBadge(status)}${attempt ? html`<div class="attempt">${attempt}</div>` : ''}</td>
<td class="${status === 'waiting' ? 'waiting' : 'reason'}">${reason}${
  again ? html`<div class="ran-again">${again}</div>` : ''}${
  retryAt ? html`<div class="retry-at">runs again at ${time(retryAt)}</div>` : ''}</td>
<td class="details">${attachmentList(doc)}${prunedFiles(doc)}${historyDetails(doc)}${outputs}${doc.results
  ? html`<details class="raw"><summary>raw results</summary><pre>${JSON.stringify(doc.results, null, 2)}</pre></details>`
  : ''}</td></tr>`);
}

/*
 * The record's tasks as a graph when some run after others ("after"): one box per task, coloured by its status, in
 * columns by how many tasks come before it, with an arrow from each task to those that run after it. A broadcast's
 * node runs hang off their parent. Empty when no task of the record names another.
 */
function dependencyGraph(docs) {
  const byId = {};
  docs.forEach((doc) => { byId[doc._id] = doc; });
  const before = (doc) => {
    const ids = [];
    (Array.isArray(doc.after) ? doc.after : []).forEach((entry) => {
      docs.forEach((other) => {
        if (other._id !== doc._id && (other._id === entry || other.name === entry)) { ids.push(other._id); }
      });
    });
    if (typeof doc.parent === 'string' && byId[doc.parent]) { ids.push(doc.parent); }
    return ids;
  };
  if (!docs.some((doc) => before(doc).length > 0)) { return html``; }
  const depth = {};
  const level = (id, visiting) => {
    if (depth[id] !== undefined) { return depth[id]; }
    if (visiting[id]) { return 0; } // a cycle: serve fails its tasks; draw them anyway
    visiting[id] = true;
    let d = 0;
    before(byId[id]).forEach((other) => { d = Math.max(d, level(other, visiting) + 1); });
    visiting[id] = false;
    depth[id] = d;
    return d;
  };
  const columns = [];
  docs.forEach((doc) => {
    const d = level(doc._id, {});
    (columns[d] = columns[d] || []).push(doc._id);
  });
  const W = 180, H = 34, GAP_X = 60, GAP_Y = 14, at = {};
  let rows = 0;
  columns.forEach((ids, x) => {
    ids.forEach((id, y) => { at[id] = {x: 8 + x * (W + GAP_X), y: 8 + y * (H + GAP_Y)}; });
    rows = Math.max(rows, ids.length);
  });
  const edges = [];
  docs.forEach((doc) => {
    before(doc).forEach((id) => {
      const from = at[id], to = at[doc._id];
      edges.push(html`<line class="graph-edge" x1="${from.x + W}" y1="${from.y + H / 2}" x2="${to.x - 2}" y2="${
        to.y + H / 2}" marker-end="url(#arrow)"/>`);
    });
  });
  const boxes = docs.map((doc) => {
    const p = at[doc._id], status = statusOf(doc);
    const label = doc.name + (typeof doc.on_node === 'string' ? ' @ ' + doc.on_node : '');
    return html`<g class="graph-task status-${status}" data-id="${doc._id}"><title>${doc._id + ': ' + status}</title><rect x="${
      p.x}" y="${p.y}" width="${W}" height="${H}" rx="4"/><text x="${p.x + 8}" y="${p.y + H / 2 + 5}">${
      SYMBOLS[status] + ' ' + (label.length > 22 ? label.slice(0, 21) + '\u2026' : label)}</text></g>`;
  });
  const width = columns.length * (W + GAP_X), height = rows * (H + GAP_Y) + 8;
  return html`<svg class="graph" role="img" aria-label="The record's tasks and the order they run in" width="${width}" height="${
    height}" viewBox="0 0 ${width} ${height}"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>${
    edges}${boxes}</svg>`;
}

function load() {
  const id = param('id') || '';
  document.getElementById('record-id').textContent = id;
  if (!id) {
    document.getElementById('description').textContent =
      'No record named in the address (record.html?id=…): open one from the records page.';
    renderRows(document.querySelector('#tasks tbody'), [], 'No record given.', 8);
    return Promise.resolve();
  }
  const recordDoc = getJSON(docUrl(id)).then((doc) => {
    document.getElementById('description').textContent = doc.description || '';
    render(document.getElementById('created'), time(doc.created));
  }, (error) => {
    if (refused(error)) { throw error; }
    document.getElementById('description').textContent = 'No record with this id.';
  });
  const tasks = view('tasks_by_record', {startkey: [id], endkey: [id, {}], include_docs: true, limit: 1000})
    .then((result) => {
      const docs = result.rows.map((row) => row.doc).filter(Boolean);
      return Promise.all(docs.map(taskRow)).then((rows) => {
        renderRows(document.querySelector('#tasks tbody'), rows, 'This record has no tasks.', 8);
        const c = counts([]);
        c.total = docs.length;
        docs.forEach((doc) => { c[statusOf(doc)] += 1; });
        const summary = document.getElementById('summary');
        render(summary, join([countsText(c), bar(c)]));
        sizeBars(summary);
        render(document.getElementById('graph'), dependencyGraph(docs));
      });
    });
  return Promise.all([recordDoc, tasks]);
}

start(load);
