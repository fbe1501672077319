/* Data access: the database through dirt web's /db/ proxy, with the viewer's own credentials. */

export const DB = 'db/';
const VIEWS = DB + '_design/dirt/_view/';

export function param(name) {
  return new URLSearchParams(window.location.search).get(name);
}

function query(params) {
  return Object.keys(params).filter((key) => params[key] !== undefined).map((key) => {
    const value = params[key];
    const json = /key$/.test(key) ? JSON.stringify(value) : String(value);
    return encodeURIComponent(key) + '=' + encodeURIComponent(json);
  }).join('&');
}

/* Rejects with an Error that carries the HTTP status and CouchDB's reason when the answer is not 2xx. */
export function getJSON(url, signal) {
  return fetch(url, {headers: {Accept: 'application/json'}, credentials: 'same-origin', signal}).then((response) => {
    if (response.ok) { return response.json(); }
    return response.json().catch(() => ({})).then((body) => {
      const error = new Error(url + ': HTTP ' + response.status + (body.reason ? ' \u2014 ' + body.reason : ''));
      error.status = response.status;
      error.reason = body.reason || '';
      throw error;
    });
  });
}

/* Whether an error means the viewer may not read the database (signed out, or not a member). */
export function refused(error) {
  return error && (error.status === 401 || error.status === 403);
}

export function view(name, params) {
  return getJSON(VIEWS + name + '?' + query(params));
}

export function docUrl(id) {
  return DB + encodeURIComponent(id);
}

export function attachmentUrl(id, name) {
  return DB + encodeURIComponent(id) + '/' + name.split('/').map(encodeURIComponent).join('/');
}

/* A task's attachment as text (stdout.txt, stderr.txt): fetched, never opened as a page of the site. */
export function attachmentText(id, name) {
  return fetch(attachmentUrl(id, name), {credentials: 'same-origin'}).then((response) => response.text());
}
