/* What every page shares: statuses, times, counts, tables that update in place, paging, live updates, signing in. */
import {html, join, render, pageUrl} from './html.js';
import {DB, getJSON, param, refused, view} from './couch.js';

export const PAGE_SIZE = 25;
export const STATUSES = ['passed', 'failed', 'cancelled', 'running', 'waiting'];
export const SYMBOLS = {passed: '\u2714', failed: '\u2718', cancelled: '\u2298', running: '\u25B6', waiting: '\u25CB'};

/* As dirt.task.Task#status and the views: a cancelled task is neither passed nor failed. */
export function statusOf(doc) {
  const results = doc.results || {};
  if (doc.completed) {
    return results.cancelled === true ? 'cancelled' : results.success === true ? 'passed' : 'failed';
  }
  return doc.started ? 'running' : 'waiting';
}

export function knownStatus(status) {
  return Object.prototype.hasOwnProperty.call(SYMBOLS, status) ? status : 'waiting';
}

export function statusBadge(status) {
  const s = knownStatus(status);
  return html`<span class="status status-${s}"><span aria-hidden="true">${SYMBOLS[s]}</span> ${s}</span>`;
}

function pad(n) { return n < 10 ? '0' + n : String(n); }

/* A time in the viewer's zone, from seconds since the epoch (or a date string). */
export function time(value) {
  if (value === undefined || value === null || value === '') { return html``; }
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (isNaN(date.getTime())) { return html`${value}`; }
  const text = date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' ' +
    pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
  return html`<time datetime="${date.toISOString()}">${text}</time>`;
}

/* 512 B, 3.2 MiB, 1.0 GiB. */
export function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i ? n.toFixed(1) : String(n)) + ' ' + units[i];
}

export function duration(started, completed) {
  if (typeof started !== 'number' || typeof completed !== 'number') { return ''; }
  const s = Math.max(0, completed - started);
  if (s < 60) { return (Math.round(s * 10) / 10) + ' s'; }
  if (s < 3600) { return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s'; }
  return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}

export function counts(rows) {
  const result = {passed: 0, failed: 0, cancelled: 0, running: 0, waiting: 0, total: 0};
  rows.forEach((row) => {
    if (Object.prototype.hasOwnProperty.call(SYMBOLS, row.key[1])) { result[row.key[1]] = row.value; }
    result.total += row.value;
  });
  return result;
}

/* The statuses a count shows: cancelled only when a task was cancelled, the others always. */
function shownStatuses(c) {
  return STATUSES.filter((s) => s !== 'cancelled' || c[s] > 0);
}

export function countsText(c) {
  return join(shownStatuses(c).map((s) => html`<span class="count count-${s}">${c[s]} ${s}</span>`),
    html` <span aria-hidden="true">·</span> `);
}

export function bar(c) {
  const label = shownStatuses(c).map((s) => c[s] + ' ' + s).join(', ');
  const parts = STATUSES.filter((s) => c[s] > 0).map((s) =>
    html`<span class="bar-part status-${s}" data-width="${100 * c[s] / c.total}"></span>`);
  return html`<div class="bar" role="img" aria-label="${label}">${parts}</div>`;
}

/* Sets the widths of the bars' parts from their data-width: the site's CSP allows no style attribute in markup. */
export function sizeBars(root) {
  root.querySelectorAll('.bar-part[data-width]').forEach((part) => {
    part.style.width = Number(part.getAttribute('data-width')) + '%';
  });
}

/* Replaces the rows of tbody whose HTML changed, keyed by data-id, keeping the others (and their open details). */
export function renderRows(tbody, rows, emptyText, columns) {
  const template = document.createElement('tbody');
  render(template, rows.length ? join(rows) : html`<tr class="empty"><td colspan="${columns}">${emptyText}</td></tr>`);
  const wanted = Array.from(template.children);
  const existing = {};
  Array.from(tbody.children).forEach((row) => { existing[row.getAttribute('data-id')] = row; });
  const kept = wanted.map((row) => {
    const old = existing[row.getAttribute('data-id')];
    if (old && old.getAttribute('data-html') === row.outerHTML) { return old; }
    row.setAttribute('data-html', row.outerHTML);
    return row;
  });
  while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
  kept.forEach((row) => tbody.appendChild(row));
  sizeBars(tbody);
}

/* Paging by key: ?after=KEY shows the rows after KEY, ?before=KEY the rows before it (keys are unique). */
function pageQuery(first, last) {
  const after = param('after');
  const before = param('before');
  if (after) { return {params: {startkey: JSON.parse(after), endkey: last, descending: true, skip: 1}, reversed: false}; }
  if (before) {
    return {params: {startkey: JSON.parse(before), endkey: first, descending: false, skip: 1}, reversed: true};
  }
  return {params: {startkey: first, endkey: last, descending: true}, reversed: false};
}

export function fetchPage(viewName, first, last) {
  const page = pageQuery(first, last);
  page.params.limit = PAGE_SIZE + 1;
  return view(viewName, page.params).then((result) => {
    let rows = result.rows;
    const more = rows.length > PAGE_SIZE;
    rows = rows.slice(0, PAGE_SIZE);
    if (page.reversed) { rows.reverse(); }
    const newer = page.reversed ? more : Boolean(param('after'));
    const older = page.reversed ? true : more;
    return {rows: rows, newer: newer, older: older};
  });
}

/* Newest / Newer / Older links; {@code params} are the page's own (filters), kept on every link. */
export function pager(page, base, params) {
  const links = [];
  if (page.newer && page.rows.length) {
    links.push(html`<a id="newest" href="${pageUrl(base, params)}">Newest</a>`);
    links.push(html`<a id="newer" rel="prev" href="${pageUrl(base, Object.assign({}, params,
      {before: JSON.stringify(page.rows[0].key)}))}">Newer</a>`);
  }
  if (page.older && page.rows.length) {
    links.push(html`<a id="older" rel="next" href="${pageUrl(base, Object.assign({}, params,
      {after: JSON.stringify(page.rows[page.rows.length - 1].key)}))}">Older</a>`);
  }
  render(document.getElementById('pager'), join(links, ' '));
}

export function showError(error) {
  const box = document.getElementById('error');
  box.hidden = false;
  box.textContent = 'Could not load: ' + error.message;
}

/*
 * Calls reload whenever the database changes (a longpoll of _changes), one reload at a time. The longpoll ends when
 * the viewer leaves the page: a browser opens at most six connections to a host, and longpolls left open by pages
 * clicked through quickly would hold the next page's scripts back for up to 25 s.
 */
function follow(reload) {
  const live = document.getElementById('live');
  const leaving = new AbortController();
  window.addEventListener('pagehide', () => leaving.abort());
  let busy = false;
  let again = false;
  function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    reload().catch(showError).then(() => {
      busy = false;
      if (again) { again = false; refresh(); }
    });
  }
  function poll(since) {
    getJSON(DB + '_changes?feed=longpoll&timeout=25000&since=' + encodeURIComponent(
      typeof since === 'string' ? since : JSON.stringify(since)), leaving.signal).then((changes) => {
      live.textContent = 'live';
      live.className = 'live live-on';
      if (changes.results && changes.results.length) { refresh(); }
      poll(changes.last_seq);
    }, () => {
      if (leaving.signal.aborted) { return; }
      live.textContent = 'reconnecting…';
      live.className = 'live live-off';
      setTimeout(() => poll(since), 3000);
    });
  }
  getJSON(DB).then((info) => {
    live.textContent = 'live';
    live.className = 'live live-on';
    poll(info.update_seq);
  }, () => setTimeout(() => follow(reload), 3000));
}

/* ---------- signing in (CouchDB's cookie session, through /_session) ---------- */

/* Shows "signed in as NAME · sign out" in the header when a session exists. */
function showSession() {
  return getJSON('_session').then((session) => {
    const name = session.userCtx && session.userCtx.name;
    if (!name) { return null; }
    document.getElementById('session-name').textContent = name;
    document.getElementById('session').hidden = false;
    return name;
  }, () => null);
}

function signOut() {
  fetch('_session', {method: 'DELETE', headers: {Accept: 'application/json'}, credentials: 'same-origin'})
    .then(() => window.location.reload(), showError);
}

/* The database refused the viewer: the sign-in form, saying why. */
function askToSignIn(error, name) {
  const form = document.getElementById('sign-in');
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
  const message = document.getElementById('sign-in-error');
  const button = document.getElementById('sign-in-submit');
  message.hidden = true;
  button.disabled = true;
  fetch('_session', {method: 'POST', credentials: 'same-origin',
    headers: {'Content-Type': 'application/json', Accept: 'application/json'},
    body: JSON.stringify({name: document.getElementById('sign-in-name').value,
      password: document.getElementById('sign-in-password').value})
  }).then((response) => response.json().catch(() => ({})).then((body) => {
    if (response.ok) { window.location.reload(); return; }
    throw new Error(body.reason || 'HTTP ' + response.status);
  })).catch((error) => {
    button.disabled = false;
    message.textContent = 'Sign-in failed: ' + error.message;
    message.hidden = false;
  });
}

/* Starts a page: loads it, asks to sign in when the database refuses, then follows the changes. */
export function start(load) {
  const run = () => {
    document.getElementById('sign-in').addEventListener('submit', signIn);
    document.getElementById('sign-out').addEventListener('click', signOut);
    const session = showSession();
    getJSON(DB + '_design/dirt').then((design) => {
      const project = (design.dirt && design.dirt.project) || 'dirt';
      document.getElementById('project-name').textContent = project;
      document.title = document.title.replace(/^dirt\b/, project);
    }).catch(() => {});
    load().then(null, (error) => {
      if (refused(error)) {
        return session.then((name) => { askToSignIn(error, name); throw error; });
      }
      showError(error);
    }).then(() => {
      document.body.setAttribute('data-loaded', 'true');
      follow(load);
    }, () => {});
  };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', run);
  } else {
    run();
  }
}
