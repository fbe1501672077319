/*
 * Safe by construction: html`<td>${value}</td>` escapes every value it is given, unless the value is itself Html (made
 * by html`...` or join()), and render() is the only way content reaches the page. So a field written by anyone who may
 * post a task (its name, reason, kwargs, a record's description, a node's facts) is text on the page, never markup.
 */

class Html {
  constructor(text) { this.text = text; }
  toString() { return this.text; }
}

export function escape(value) {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function part(value) {
  if (value instanceof Html) { return value.text; }
  if (Array.isArray(value)) { return value.map(part).join(''); }
  if (value === undefined || value === null || value === false) { return ''; }
  return escape(value);
}

/* A template whose values are escaped; arrays are joined; undefined, null and false are left out. */
export function html(strings, ...values) {
  let text = strings[0];
  values.forEach((value, i) => { text += part(value) + strings[i + 1]; });
  return new Html(text);
}

/* Pieces of Html (or text, escaped) joined by a separator. */
export function join(items, separator) {
  return new Html(items.map(part).join(part(separator === undefined ? '' : separator)));
}

export function isHtml(value) {
  return value instanceof Html;
}

/* Sets an element's content. Only Html is taken: a plain string here is a bug, and fails loudly. */
export function render(element, content) {
  if (!(content instanceof Html)) { throw new TypeError('render() takes html`...`, got ' + typeof content); }
  element.innerHTML = content.text;
}

/* A link target inside the site: a page and its query, every value encoded. Never a URL from a document. */
export function pageUrl(page, params) {
  const query = Object.keys(params || {}).filter((key) => params[key] !== undefined && params[key] !== null &&
    params[key] !== '').map((key) => encodeURIComponent(key) + '=' + encodeURIComponent(params[key])).join('&');
  return page + (query ? '?' + query : '');
}
