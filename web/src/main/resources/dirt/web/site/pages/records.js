/* The records, newest first, with their tasks' counts and a progress bar. */
import {html, pageUrl} from '../lib/html.js';
import {view} from '../lib/couch.js';
import {bar, counts, countsText, fetchPage, pager, renderRows, start, time} from '../lib/ui.js';

function load() {
  return fetchPage('records', [{}], []).then((page) => Promise.all(page.rows.map((row) => {
    const id = row.key[1];
    return view('status_counts', {group_level: 2, startkey: [id], endkey: [id, {}]}).then((result) => {
      const c = counts(result.rows);
      return html`<tr data-id="${id}" data-total="${c.total}">
<th scope="row"><a class="record-link" href="${pageUrl('record.html', {id})}">${id}</a></th>
<td class="description">${row.value.description}</td>
<td class="created">${time(row.value.created)}</td>
<td class="counts">${countsText(c)}</td>
<td class="progress">${bar(c)}</td></tr>`;
    });
  })).then((rows) => {
    renderRows(document.querySelector('#records tbody'), rows, 'No records yet.', 5);
    pager(page, 'records.html');
  }));
}

start(load);
