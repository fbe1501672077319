/* The schedules: when each runs, its next and last run, and what it skipped. */
import {html, pageUrl} from '../lib/html.js';
import {view} from '../lib/couch.js';
import {SYMBOLS, renderRows, start, statusBadge, time} from '../lib/ui.js';

function every(seconds) {
  if (seconds >= 3600 && seconds % 3600 === 0) { return 'every ' + seconds / 3600 + ' h'; }
  if (seconds >= 60 && seconds % 60 === 0) { return 'every ' + seconds / 60 + ' min'; }
  return 'every ' + seconds + ' s';
}

function load() {
  return view('schedules', {limit: 1000}).then((result) => {
    const rows = result.rows.map((row) => {
      const v = row.value;
      const when = v.crontime !== null ? v.crontime + (v.timezone ? ' (' + v.timezone + ')' : '') :
        (v.frequency !== null ? every(v.frequency) + ' after the last run ends' : '');
      const next = v.next_run !== null ? time(v.next_run) :
        (v.enabled && v.frequency !== null && v.last_record ? 'after the last run ends' : '');
      const queued = v.queued !== null ? html` <span class="queued">(one run queued)</span>` : '';
      const status = v.last_status && SYMBOLS[v.last_status] ? statusBadge(v.last_status) : v.last_status || '';
      const skipped = v.last_skipped ? html`${time(v.last_skipped.run)} ${v.last_skipped.reason}` : '';
      const state = v.enabled ? 'enabled' : 'disabled';
      return html`<tr data-id="${row.id}" data-enabled="${String(Boolean(v.enabled))}"${v.last_status
        ? html` data-status="${v.last_status}"` : ''}>
<th scope="row">${row.key}${v.description ? html`<div class="description">${v.description}</div>` : ''}</th>
<td class="when">${when}</td>
<td class="enabled"><span class="state state-${state}">${state}</span></td>
<td class="next-run">${next}${queued}</td>
<td class="last-run">${v.last_record ? html`<a class="record-link" href="${pageUrl('record.html',
        {id: v.last_record})}">${v.last_record}</a>` : 'not yet'}</td>
<td class="status-cell">${status}</td>
<td class="skipped">${skipped}</td></tr>`;
    });
    renderRows(document.querySelector('#schedules tbody'), rows,
      'No schedules yet: add a [[schedule]] section to settings.toml and run dirt serve.', 7);
  });
}

start(load);
