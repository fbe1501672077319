/*
 * The front page: the newest records as rows, their task names as columns, each cell the task's status (a link to it
 * on its record's page); the first failure in a column after a pass is marked "broke here". Above it, the tasks
 * completed and failed per hour over the last day. Filters (status, task name, node, free text) are in the URL; with
 * any of them set, the page searches older records until it has a page of matches or has looked at SEARCH_LIMIT
 * records, and its "Older" link goes on searching from there.
 */
import {html, join, pageUrl, render} from '../lib/html.js';
import {param, view} from '../lib/couch.js';
import {PAGE_SIZE, SYMBOLS, fetchPage, knownStatus, pager, renderRows, start} from '../lib/ui.js';

/* A task that did not run because one it runs after did not pass: not a failure of its own. */
const SKIPPED = 'skipped';
const CELL_SYMBOLS = Object.assign({}, SYMBOLS, {skipped: '\u21B7'});

const STATUS_FILTERS = ['failed', 'running', 'waiting', 'passed', 'cancelled', SKIPPED];
/* How many records one filtered page looks at, at most, and how many it reads at once. */
const SEARCH_LIMIT = 500;
const SEARCH_CHUNK = 50;

function filters() {
  const status = param('status');
  return {status: STATUS_FILTERS.includes(status) ? status : '', name: param('name') || '', node: param('node') || '',
    q: param('q') || ''};
}

function filtered(f) {
  return Boolean(f.status || f.name || f.node || f.q);
}

function nameMatches(f, name) {
  return !f.name || name.toLowerCase().includes(f.name.toLowerCase());
}

function textMatches(f, id, description) {
  const q = f.q.toLowerCase();
  return !q || description.toLowerCase().includes(q) || id.toLowerCase().includes(q);
}

/* A record matches when some task of a matching name (on the node asked for) has the status asked for. */
function tasksMatch(f, tasks) {
  if (!f.status && !f.name && !f.node) { return true; }
  return Object.keys(tasks).filter((name) => nameMatches(f, name)).some((name) => tasks[name].some((t) =>
    (!f.status || t.status === f.status) && (!f.node || t.node === f.node)));
}

/* A record's tasks by name: [{id, status}], a broadcast's node runs (ID@NODE) folded into their parent's cell. */
function tasksOf(recordId) {
  return view('tasks_by_record', {startkey: [recordId], endkey: [recordId, {}], limit: 1000}).then((result) => {
    const ids = new Set(result.rows.map((row) => row.id));
    const byName = {};
    result.rows.forEach((row) => {
      const parent = row.id.includes('@') ? row.id.slice(0, row.id.lastIndexOf('@')) : null;
      if (parent && ids.has(parent)) { return; }
      const value = row.value || {};
      const status = value.status === SKIPPED ? SKIPPED : knownStatus(value.status);
      const earlier = Number(value.earlier) > 0 ? Number(value.earlier) : 0;
      const node = typeof value.node === 'string' ? value.node : '';
      (byName[row.key[1]] = byName[row.key[1]] || []).push({id: row.id, status, earlier, node});
    });
    return byName;
  });
}

function cell(recordId, name, tasks, broke) {
  if (!tasks) { return html`<td class="cell cell-none" data-name="${name}"></td>`; }
  const worst = ['failed', 'running', 'waiting', SKIPPED, 'cancelled', 'passed']
    .find((s) => tasks.some((t) => t.status === s));
  const title = tasks.map((t) => t.id + ': ' + t.status + (t.earlier ? ' after ' + t.earlier + ' earlier attempt(s)'
    : '')).join(', ');
  const earlier = tasks.reduce((sum, t) => sum + t.earlier, 0);
  const symbols = tasks.length <= 3 ? tasks.map((t) => CELL_SYMBOLS[t.status]).join('')
    : CELL_SYMBOLS[worst] + ' ' + tasks.length;
  return html`<td class="cell status-${worst}${broke ? ' broke' : ''}" data-status="${worst}" data-name="${name}"><a href="${
    pageUrl('record.html', {id: recordId})}#task-${encodeURIComponent(tasks[0].id)}" title="${title}"><span aria-hidden="true">${
    symbols}</span>${earlier ? html`<span class="retried" title="ran again ${earlier} time(s)">\u21BB${earlier}</span>` : ''
    }<span class="visually-hidden">${name} ${worst}</span>${broke
    ? html`<span class="broke-mark">broke here</span>` : ''}</a></td>`;
}

/* For each name, the record where it first failed after passing in the record before (oldest to newest). */
function brokeAt(rows, names) {
  const broke = {};
  names.forEach((name) => {
    let before = null;
    rows.slice().reverse().forEach((row) => {
      const tasks = row.tasks[name];
      if (!tasks) { return; }
      const failed = tasks.some((t) => t.status === 'failed');
      const passed = tasks.every((t) => t.status === 'passed');
      if (failed && before === 'passed') { broke[row.id + '\u0000' + name] = true; }
      if (failed || passed) { before = failed ? 'failed' : 'passed'; }
    });
  });
  return broke;
}

function throughput() {
  const hour = Math.floor(Date.now() / 3600000);
  return view('completed_by_hour', {startkey: hour - 23, endkey: hour, group: true}).then((result) => {
    const byHour = {};
    result.rows.forEach((row) => { byHour[row.key] = row.value; });
    const hours = Array.from({length: 24}, (_, i) => hour - 23 + i);
    const most = Math.max(1, ...hours.map((h) => (byHour[h] || [0, 0])[0] + (byHour[h] || [0, 0])[1]));
    const W = 12, H = 48;
    let passed = 0, failed = 0;
    const bars = hours.map((h, i) => {
      const [p, f] = byHour[h] || [0, 0];
      passed += p;
      failed += f;
      const ph = p / most * H, fh = f / most * H;
      return html`<g data-hour="${h}"><title>${new Date(h * 3600000).toISOString().slice(11, 16)}: ${p} passed, ${
        f} failed</title><rect class="tp-passed" x="${i * W}" y="${H - ph - fh}" width="${W - 2}" height="${ph}"/><rect class="tp-failed" x="${
        i * W}" y="${H - fh}" width="${W - 2}" height="${fh}"/></g>`;
    });
    render(document.getElementById('throughput'), html`<svg role="img" width="${24 * W}" height="${H}" viewBox="0 0 ${
      24 * W} ${H}" aria-label="${'tasks completed per hour over the last day: ' + passed + ' passed, ' + failed + ' failed'
    }">${bars}</svg> <span class="tp-total"><span class="count count-passed">${passed} passed</span> <span aria-hidden="true">·</span> <span class="count count-failed">${
      failed} failed</span> in the last 24 h</span>`);
  });
}

function filterForm(f) {
  document.getElementById('filter-status').value = f.status;
  document.getElementById('filter-name').value = f.name;
  document.getElementById('filter-node').value = f.node;
  document.getElementById('filter-q').value = f.q;
}

function withTasks(rows) {
  return Promise.all(rows.map((row) => tasksOf(row.key[1]).then((tasks) => ({id: row.key[1], key: row.key, description: row.value.description || '', tasks}))));
}

/*
 * The next page of records that match the filters, newest first, from the record after ?after= (or the newest):
 * reads the records view in chunks, each record's tasks only when its text matches, until a page of matches or
 * SEARCH_LIMIT records looked at. {records, searched, next}: next is the key to go on from, or null at the oldest.
 */
function search(f) {
  const after = param('after');
  const found = [];
  let searched = 0;
  const step = (startkey, skip) => view('records', {startkey, endkey: [], descending: true, skip,
    limit: SEARCH_CHUNK}).then((result) => {
    const rows = result.rows;
    searched += rows.length;
    const textual = rows.filter((row) => textMatches(f, row.key[1], row.value.description || ''));
    return withTasks(textual).then((records) => {
      const matching = new Set(records.filter((r) => tasksMatch(f, r.tasks)).map((r) => r.id));
      for (const r of records) {
        if (!matching.has(r.id)) { continue; }
        found.push(r);
        if (found.length === PAGE_SIZE) {
          searched -= rows.length - 1 - rows.findIndex((row) => row.key[1] === r.id);
          return {records: found, searched, next: r.key};
        }
      }
      const last = rows.length ? rows[rows.length - 1].key : null;
      if (rows.length < SEARCH_CHUNK) { return {records: found, searched, next: null}; }
      if (searched >= SEARCH_LIMIT) { return {records: found, searched, next: last}; }
      return step(last, 1);
    });
  });
  return after ? step(JSON.parse(after), 1) : step([{}], 0);
}

function draw(f, records, emptyText) {
  const names = Array.from(new Set(records.flatMap((r) => Object.keys(r.tasks)))).filter((name) => nameMatches(f, name))
    .sort();
  const broke = brokeAt(records, names);
  render(document.querySelector('#grid thead'), html`<tr><th scope="col">Record</th>${names.map((name) =>
    html`<th scope="col" class="task-name"><a href="${pageUrl('task.html', {name})}">${name}</a></th>`)}</tr>`);
  const rows = records.map((r) => html`<tr data-id="${r.id}"><th scope="row"><a class="record-link" href="${
    pageUrl('record.html', {id: r.id})}">${r.id}</a><div class="description">${r.description}</div></th>${
    names.map((name) => cell(r.id, name, r.tasks[name], broke[r.id + '\u0000' + name]))}</tr>`);
  renderRows(document.querySelector('#grid tbody'), rows, emptyText, names.length + 1);
}

function grid() {
  const f = filters();
  const note = document.getElementById('search-note');
  if (!filtered(f)) {
    note.hidden = true;
    return fetchPage('records', [{}], []).then((page) => withTasks(page.rows).then((records) => {
      draw(f, records, 'No records yet: post some (dirt post test_data.json) and they show here.');
      pager(page, 'index.html', f);
    }));
  }
  return search(f).then((result) => {
    draw(f, result.records, 'No record matches the filters among the ' + result.searched + ' looked at.');
    note.hidden = false;
    render(note, html`<span class="search-count">${result.records.length}</span> matching record(s) among the ${
      result.searched} ${param('after') ? 'older records' : 'newest records'} looked at${
      result.next ? ' \u2014 "Older" goes on searching' : ', down to the oldest'}.`);
    const links = [];
    if (param('after')) { links.push(html`<a id="newest" href="${pageUrl('index.html', f)}">Newest</a>`); }
    if (result.next) {
      links.push(html`<a id="older" rel="next" href="${pageUrl('index.html', Object.assign({}, f,
        {after: JSON.stringify(result.next)}))}">Older</a>`);
    }
    render(document.getElementById('pager'), join(links, ' '));
  });
}

function load() {
  filterForm(filters());
  return Promise.all([grid(), throughput()]);
}

start(load);
