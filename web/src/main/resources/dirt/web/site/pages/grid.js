/*
 * The front page: the newest records as rows, their task names as columns, each cell the task's status (a link to it
 * on its record's page); the first failure in a column after a pass is marked "broke here". Above it, the tasks
 * completed and failed per hour over the last day. Filters (status, task name, free text) are in the URL.
 */
import {html, pageUrl, render} from '../lib/html.js';
import {param, view} from '../lib/couch.js';
import {SYMBOLS, fetchPage, knownStatus, pager, renderRows, start} from '../lib/ui.js';

/* A task that did not run because one it runs after did not pass: not a failure of its own. */
const SKIPPED = 'skipped';
const CELL_SYMBOLS = Object.assign({}, SYMBOLS, {skipped: '\u21B7'});

const STATUS_FILTERS = ['failed', 'running', 'waiting', 'passed', 'cancelled'];

function filters() {
  const status = param('status');
  return {status: STATUS_FILTERS.includes(status) ? status : '', name: param('name') || '', q: param('q') || ''};
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
      (byName[row.key[1]] = byName[row.key[1]] || []).push({id: row.id, status, earlier});
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
  document.getElementById('filter-q').value = f.q;
}

function grid() {
  const f = filters();
  return fetchPage('records', [{}], []).then((page) => Promise.all(page.rows.map((row) =>
    tasksOf(row.key[1]).then((tasks) => ({id: row.key[1], description: row.value.description || '', tasks}))))
    .then((records) => {
      const q = f.q.toLowerCase();
      const shown = records.filter((r) => (!q || r.description.toLowerCase().includes(q) || r.id.toLowerCase().includes(q))
        && (!f.status || Object.values(r.tasks).some((tasks) => tasks.some((t) => t.status === f.status))));
      const names = Array.from(new Set(shown.flatMap((r) => Object.keys(r.tasks))))
        .filter((name) => !f.name || name.toLowerCase().includes(f.name.toLowerCase())).sort();
      const broke = brokeAt(shown, names);
      render(document.querySelector('#grid thead'), html`<tr><th scope="col">Record</th>${names.map((name) =>
        html`<th scope="col" class="task-name"><a href="${pageUrl('task.html', {name})}">${name}</a></th>`)}</tr>`);
      const rows = shown.map((r) => html`<tr data-id="${r.id}"><th scope="row"><a class="record-link" href="${
        pageUrl('record.html', {id: r.id})}">${r.id}</a><div class="description">${r.description}</div></th>${
        names.map((name) => cell(r.id, name, r.tasks[name], broke[r.id + '\u0000' + name]))}</tr>`);
      renderRows(document.querySelector('#grid tbody'), rows, records.length ? 'No record on this page matches the filters.'
        : 'No records yet: post some (dirt post test_data.json) and they show here.', names.length + 1);
      pager(page, 'index.html', f);
    }));
}

function load() {
  filterForm(filters());
  return Promise.all([grid(), throughput()]);
}

start(load);
