/* The nodes: state and health, facts, what runs there, their last hour and their last day. */
import {html, join, pageUrl} from '../lib/html.js';
import {view} from '../lib/couch.js';
import {bytes, renderRows, start, time} from '../lib/ui.js';

function facts(doc) {
  const info = doc.sys_info || {};
  const os = info.os_name ? info.os_name + (info.os_version ? ' ' + info.os_version : '') : (info.platform || '');
  return {arch: info.architecture, cpus: info.cpu_count, os: os, java: info.java_version || info.version_info,
    probed: doc.probed || info.probed_at};
}

/* A node serve cannot reach now (README "Unreachable nodes"): why, since when, and when serve tries it again. */
function unreachableText(doc) {
  const mark = doc.unreachable;
  if (!mark || typeof mark !== 'object') { return ''; }
  return html`<div class="unreachable"><span class="state state-unreachable">unreachable</span>${
    mark.since ? html` since ${time(mark.since)}` : ''}${mark.retry_at ? html`, next try ${time(mark.retry_at)}` : ''}${
    mark.reason ? html`<div class="unreachable-reason">${mark.reason}</div>` : ''}</div>`;
}

/*
 * A node's environment (README "Secrets"): every variable's name, its value only where [nodes] environ_values lists
 * it; the others are stored as null and shown as "(hidden)".
 */
function environText(info) {
  const environ = info.environ;
  if (!environ || typeof environ !== 'object' || Array.isArray(environ)) { return ''; }
  const names = Object.keys(environ).sort();
  if (!names.length) { return ''; }
  const items = names.map((name) => {
    const value = environ[name];
    return html`<li data-name="${name}"><code>${name}</code> ${value === null || value === undefined
      ? html`<span class="hidden-value">(hidden)</span>` : html`<code>${value}</code>`}</li>`;
  });
  return html`<details class="environ"><summary>environment (${names.length})</summary><ul>${items}</ul></details>`;
}

/* Why a node takes no new work although it is enabled (README "Node health"): quarantined, or its disk is full. */
function healthText(doc) {
  const parts = [];
  const q = doc.quarantined;
  if (q && typeof q === 'object') {
    const evidence = Array.isArray(q.evidence) ? q.evidence : [];
    const items = evidence.map((e) => html`<li><a href="${pageUrl('task.html', {name: e.name})}">${e.name}</a> ${
      e.task} failed here ${time(e.failed)}, passed on ${(Array.isArray(e.passed_on) ? e.passed_on : []).join(', ')}</li>`);
    parts.push(html`<div class="quarantined"><span class="state state-quarantined">quarantined</span>${
      q.since ? html` since ${time(q.since)}` : ''}<div class="quarantine-reason">${q.reason}</div>${items.length
      ? html`<details class="evidence"><summary>evidence (${items.length})</summary><ul>${items}</ul></details>` : ''
    }<div class="hint">dirt nodes release ${doc.name}</div></div>`);
  }
  const full = doc.disk_full;
  if (full && typeof full === 'object') {
    parts.push(html`<div class="disk-full"><span class="state state-disk-full">disk full</span><div class="disk-full-reason">${
      full.reason}</div></div>`);
  }
  return join(parts);
}

/* What changed in the node's facts between probes, newest first (README "Node health"). */
function driftText(doc) {
  const changes = Array.isArray(doc.facts_changed) ? doc.facts_changed.slice().reverse() : [];
  if (!changes.length) { return ''; }
  const shown = (value) => JSON.stringify(value === undefined ? null : value);
  const items = changes.map((c) => html`<li data-what="${c.what}">${time(c.when)} <code>${c.what}</code>: <code>${
    shown(c.from)}</code> \u2192 <code>${shown(c.to)}</code></li>`);
  const open = changes[0].when > Date.now() / 1000 - 86400;
  return html`<details class="drift"${open ? html` open` : ''}><summary>facts changed (${changes.length})</summary><ul>${
    items}</ul></details>`;
}

/* A small line chart of one figure over the node's recent samples; only numbers reach the SVG. */
function sparkline(label, samples, pick, max, format) {
  const points = samples.map((s) => [Number(s[0]), pick(s)])
    .filter((p) => isFinite(p[0]) && typeof p[1] === 'number' && isFinite(p[1]));
  if (points.length === 0) { return ''; }
  const w = 80, h = 20;
  const t0 = points[0][0], t1 = points[points.length - 1][0];
  const top = max || Math.max(...points.map((p) => p[1])) || 1;
  const path = points.map((p, i) => {
    const x = t1 === t0 ? w : (p[0] - t0) / (t1 - t0) * w;
    const y = h - Math.min(1, Math.max(0, p[1] / top)) * (h - 2) - 1;
    return (i ? 'L' : 'M') + x.toFixed(1) + ' ' + y.toFixed(1);
  }).join(' ');
  const last = format(points[points.length - 1][1]);
  return html`<div class="spark" data-figure="${label}"><span class="spark-label">${label}</span> <svg width="${w}" height="${
    h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label + ' over the last samples, now ' + last}"><path d="${
    path}"/></svg> <span class="spark-now">${last}</span></div>`;
}

/* Load, memory in use and free disk of the node's work folder, as serve sampled them (README "Node health"). */
function resourcesText(doc) {
  const r = doc.resources;
  if (!r || !Array.isArray(r.samples) || !r.samples.length) { return ''; }
  const samples = r.samples.filter(Array.isArray);
  const memTotal = Number(r.mem_total);
  return join([
    sparkline('load', samples, (s) => s[1], 0, (v) => v.toFixed(2)),
    memTotal > 0 ? sparkline('memory used', samples, (s) => typeof s[2] === 'number'
      ? (memTotal - s[2]) / memTotal * 100 : null, 100, (v) => v.toFixed(0) + ' %') : '',
    sparkline('disk free', samples, (s) => s[3], Number(r.disk_total) || 0, bytes)]);
}

function nodeRow(doc, name, running, outcomes) {
  const f = facts(doc);
  const tasks = running.rows.map((r) => html`<li><a href="${pageUrl('record.html', {id: r.value.record_id})}">${
    r.value.record_id}</a> ${r.value.name}</li>`);
  const enabled = doc.enabled !== false;
  const unreachable = unreachableText(doc);
  const health = healthText(doc);
  const state = !enabled ? 'disabled' : doc.quarantined ? 'quarantined' : doc.disk_full ? 'disk full' :
    unreachable ? 'unreachable' : 'enabled';
  const enabledBadge = enabled && String(health)
    ? '' : html`<span class="state state-${enabled ? 'enabled' : 'disabled'}">${enabled ? 'enabled' : 'disabled'}</span>`;
  return html`<tr id="node-${name}" data-id="${doc._id}" data-enabled="${String(enabled)}" data-state="${state}"${
    unreachable ? html` data-unreachable="true"` : ''}>
<th scope="row">${name}${environText(doc.sys_info || {})}</th>
<td class="enabled">${enabledBadge}${health}${unreachable}</td>
<td class="slots">${doc.slots === undefined ? f.cpus : doc.slots}</td>
<td class="architecture">${f.arch}</td>
<td class="cpu_count">${f.cpus}</td>
<td class="os">${f.os}</td>
<td class="java">${f.java}</td>
<td class="probed">${time(f.probed)}${driftText(doc)}</td>
<td class="running"><span class="running-count">${running.rows.length}</span>${
  tasks.length ? html`<ul>${tasks}</ul>` : ''}</td>
<td class="resources">${resourcesText(doc)}</td>
<td class="outcomes"><span class="passed-count">${Number(outcomes[0]) || 0} passed</span>, <span class="failed-count">${
  Number(outcomes[1]) || 0} failed</span></td></tr>`;
}

/*
 * The last hour of one node as a timeline, one lane per slot (the slot serve ran each run in; runs stored before
 * slots were kept go to extra lanes below): each run a bar from its start to its end (or now), coloured by how it
 * ended; idle capacity shows as gaps, stragglers as long bars.
 */
function timeline(name, slots, runs, now) {
  const from = now - 3600, LABEL = 48, W = 600, LANE = 14;
  const known = runs.filter((r) => typeof r.started === 'number').sort((a, b) => a.started - b.started);
  const lanes = Math.max(Number(slots) || 1, ...known.map((r) => Number.isInteger(r.slot) && r.slot >= 0 ? r.slot + 1 : 0));
  const extra = [];
  const bars = known.map((run) => {
    const end = typeof run.ended === 'number' ? run.ended : now;
    let lane = Number.isInteger(run.slot) && run.slot >= 0 ? run.slot : -1;
    if (lane < 0) {
      let spare = extra.findIndex((busyUntil) => busyUntil <= run.started);
      if (spare < 0) { spare = extra.length; extra.push(end); } else { extra[spare] = end; }
      lane = lanes + spare;
    }
    const x = LABEL + Math.max(0, (run.started - from) / 3600 * W);
    const w = Math.max(2, (end - Math.max(run.started, from)) / 3600 * W);
    const status = ['passed', 'failed', 'running', 'cancelled'].includes(run.status) ? run.status : 'cancelled';
    return html`<rect class="bar-${status}" data-task="${run.task || ''}" data-slot="${lane < lanes ? lane : ''}" x="${
      x.toFixed(1)}" y="${lane * LANE}" width="${w.toFixed(1)}" height="${LANE - 2}"><title>${run.name + ' (' +
      run.record_id + '): ' + status + ', ' + Math.round(end - run.started) + ' s' + (lane < lanes ? ', slot ' + lane : '')
      }</title></rect>`;
  });
  const rows = lanes + extra.length;
  const labels = Array.from({length: rows}, (_, i) => html`<text class="timeline-slot" x="0" y="${
    i * LANE + LANE - 4}">${i < lanes ? 'slot ' + i : '?'}</text>`);
  const height = rows * LANE;
  return html`<tr data-id="${name}"><th scope="row">${name}</th><td><svg role="img" width="${LABEL + W}" height="${
    height}" viewBox="0 0 ${LABEL + W} ${height}" aria-label="${name + ': ' + bars.length + ' run(s) in the last hour on '
    + lanes + ' slot(s)'}"><rect class="timeline-hour" x="${LABEL}" y="0" width="${W}" height="${height}"/>${labels}${
    bars}</svg></td></tr>`;
}

function timelines(nodes) {
  const now = Date.now() / 1000;
  return Promise.all(nodes.map((node) => view('runs_by_node', {startkey: [node.name, now - 3600],
    endkey: [node.name, {}], limit: 2000}).then((result) => timeline(node.name, node.slots,
    result.rows.map((row) => row.value), now))))
    .then((rows) => renderRows(document.querySelector('#timeline tbody'), rows, 'No nodes yet.', 2));
}

function load() {
  const since = Math.floor(Date.now() / 1000) - 86400;
  return view('nodes', {include_docs: true, limit: 1000}).then((result) => Promise.all(result.rows
    .filter((row) => row.doc).map((row) => Promise.all([
      view('running_by_node', {startkey: [row.key], endkey: [row.key, {}], limit: 100}),
      view('outcomes_by_node', {startkey: [row.key, since], endkey: [row.key, {}], reduce: true, group: false})
    ]).then(([running, outcomes]) => nodeRow(row.doc, row.key, running,
      outcomes.rows.length ? outcomes.rows[0].value : [0, 0]))))
    .then((rows) => {
      renderRows(document.querySelector('#nodes tbody'), rows, 'No nodes yet: add one with dirt updatenodes.', 11);
      return timelines(result.rows.filter((row) => row.doc).map((row) => ({name: row.key,
        slots: row.doc.slots === undefined ? facts(row.doc).cpus : row.doc.slots})));
    }));
}

start(load);
