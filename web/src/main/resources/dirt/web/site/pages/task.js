/* A task name's history: every run, newest first, and the trend of their outcomes. */
import {html, pageUrl, render} from '../lib/html.js';
import {param} from '../lib/couch.js';
import {duration, fetchPage, knownStatus, pager, renderRows, start, statusBadge, time} from '../lib/ui.js';

/* The runs' durations as bars, oldest to newest, coloured by status, with the pass rate of those that ended. */
function durationChart(rows) {
  const runs = rows.map((row) => ({record: row.value.record_id, status: knownStatus(row.value.status),
    seconds: typeof row.value.started === 'number' && typeof row.value.completed === 'number'
      ? Math.max(0, row.value.completed - row.value.started) : null})).filter((run) => run.seconds !== null);
  if (!runs.length) { return html`<p class="no-chart">No run of this task has ended yet.</p>`; }
  const ended = runs.filter((run) => run.status === 'passed' || run.status === 'failed');
  const passed = ended.filter((run) => run.status === 'passed').length;
  const longest = Math.max(...runs.map((run) => run.seconds)) || 1;
  const W = 14, H = 60;
  const bars = runs.map((run, i) => {
    const h = Math.max(1, run.seconds / longest * H);
    return html`<rect class="bar-${run.status}" x="${i * W}" y="${H - h}" width="${W - 3}" height="${h}"><title>${
      run.record + ': ' + run.status + ', ' + duration(0, run.seconds)}</title></rect>`;
  });
  const rate = ended.length ? Math.round(100 * passed / ended.length) + ' % passed' : 'none ended';
  return html`<svg role="img" width="${runs.length * W}" height="${H}" viewBox="0 0 ${runs.length * W} ${H}" aria-label="${
    'duration of the last ' + runs.length + ' runs, the longest ' + duration(0, longest)}">${bars}</svg> <span class="pass-rate">${
    rate} (${passed} of ${ended.length} that ended), longest ${duration(0, longest)}</span>`;
}

function load() {
  const name = param('name') || '';
  document.getElementById('task-name').textContent = name;
  return fetchPage('tasks_by_name', [name, {}], [name]).then((page) => {
    const rows = page.rows.map((row) => {
      const v = row.value;
      const status = knownStatus(v.status);
      const reason = v.status === 'waiting' ? (v.waiting || '') : (v.reason || '');
      return html`<tr data-id="${row.id}" data-status="${status}">
<th scope="row"><a class="record-link" href="${pageUrl('record.html', {id: v.record_id})}">${v.record_id}</a></th>
<td class="created">${time(row.key[1])}</td>
<td class="node">${v.node || ''}</td>
<td class="duration">${duration(v.started, v.completed)}</td>
<td class="status-cell">${statusBadge(status)}</td>
<td class="reason">${reason}</td></tr>`;
    });
    renderRows(document.querySelector('#history tbody'), rows, 'No runs of this task.', 6);
    const trend = page.rows.slice().reverse().map((row) => {
      const s = knownStatus(row.value.status);
      return html`<li class="trend-item status-${s}" title="${row.value.record_id + ': ' + s}"><span class="visually-hidden">${
        row.value.record_id} ${s}</span></li>`;
    });
    render(document.getElementById('trend'), html`${trend}`);
    render(document.getElementById('durations'), durationChart(page.rows.slice().reverse()));
    pager(page, 'task.html', {name});
  });
}

start(load);
