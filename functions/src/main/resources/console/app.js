// stmails operator console: plain JavaScript, no dependencies. It speaks only the documented /api
// routes. The credentials live in memory, or in sessionStorage when the user asks to stay signed in
// for the tab; never in a cookie or a URL. Every text from the API goes in through textContent.

const TYPES = ['hard', 'soft', 'complaint'];
const STORE_KEY = 'stmails.console.credentials';
const state = { credentials: null, me: null, sources: [] };

// ---------- DOM helpers ----------
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}
const $ = (id) => document.getElementById(id);
const spinner = (text = 'Loading…') => h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner' }), ' ', text);
const empty = (text) => h('p', { class: 'empty' }, text);

function time(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const date = new Date(iso);
  return h('time', { datetime: iso, title: date.toISOString().replace('.000Z', 'Z') + ' (UTC)' },
    date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
}
const tag = (text, cls = text) => h('span', { class: 'tag ' + cls }, text);
const number = (n) => Number(n || 0).toLocaleString();

function banner(text, bad = true) {
  const el = $('banner');
  el.textContent = text || '';
  el.hidden = !text;
  el.classList.toggle('bad', bad);
}

// ---------- API ----------
class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function authHeader(credentials = state.credentials) {
  return 'token ' + credentials.user + ':' + credentials.token;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (Array.isArray(value)) value.forEach((v) => search.append(key, v));
    else if (value !== undefined && value !== null && value !== '') search.append(key, value);
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

// credentials: 'omit' keeps cookies out and stops the browser's own Basic-auth prompt on a 401.
async function call(method, path, { params, body, credentials, raw } = {}) {
  let response;
  try {
    response = await fetch(path + query(params), {
      method, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer',
      headers: { Authorization: authHeader(credentials), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    banner('No API: the console cannot reach ' + location.origin + '/api. Is the stack (or the local runner) running?');
    throw new ApiError(0, 'The API cannot be reached.');
  }
  banner('');
  if (raw && response.ok) return response;
  const text = await response.text();
  let payload = null;
  try { payload = text ? JSON.parse(text) : null; } catch (e) { payload = null; }
  if (response.status === 401 && !credentials) {
    signOut('Your session is no longer valid: sign in again.');
  }
  if (!response.ok) {
    throw new ApiError(response.status, (payload && payload.message) || ('HTTP ' + response.status));
  }
  return { status: response.status, data: payload ? payload.data : null, message: payload && payload.message };
}

const may = (permission) => Boolean(state.me && state.me.permissions[permission]);

function guarded(button, permission) {
  if (!may(permission)) {
    button.disabled = true;
    button.title = 'Your API user lacks the ' + permission + ' permission.';
    button.setAttribute('aria-description', button.title);
  }
  return button;
}

// ---------- sign-in ----------
async function signIn(credentials, remember) {
  const { data } = await call('GET', '/api/me', { credentials });
  state.credentials = credentials;
  state.me = data;
  if (remember) sessionStorage.setItem(STORE_KEY, JSON.stringify(credentials));
  $('signin').hidden = true;
  $('nav').hidden = false;
  $('signout').hidden = false;
  $('who').hidden = false;
  $('who').textContent = 'Signed in as ' + data.username;
  if (!location.hash || location.hash === '#/') location.hash = '#/overview';
  else route();
}

function signOut(message) {
  state.credentials = null;
  state.me = null;
  sessionStorage.removeItem(STORE_KEY);
  $('nav').hidden = true;
  $('signout').hidden = true;
  $('who').hidden = true;
  $('page').hidden = true;
  $('page').replaceChildren();
  $('signin').hidden = false;
  $('signin-token').value = '';
  const error = $('signin-error');
  error.textContent = message || '';
  error.hidden = !message;
  $('signin-user').focus();
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const submit = $('signin-submit');
  const error = $('signin-error');
  error.hidden = true;
  submit.disabled = true;
  submit.textContent = 'Signing in…';
  try {
    await signIn({ user: $('signin-user').value.trim(), token: $('signin-token').value }, $('signin-remember').checked);
  } catch (e) {
    error.textContent = e.status === 401 ? 'Wrong API user or token.' : e.message;
    error.hidden = false;
  } finally {
    submit.disabled = false;
    submit.textContent = 'Sign in';
  }
});
$('signout').addEventListener('click', () => signOut());

// ---------- routing ----------
const pages = { overview, bounces, subscriber, campaign, settings };

function parseHash() {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const [page, ...rest] = path.split('/');
  return { page: pages[page] ? page : 'overview', arg: rest.join('/') ? decodeURIComponent(rest.join('/')) : '', params: new URLSearchParams(search || '') };
}

function route() {
  if (!state.me) return;
  const { page, arg, params } = parseHash();
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  });
  const root = $('page');
  root.hidden = false;
  root.replaceChildren();
  document.title = page[0].toUpperCase() + page.slice(1) + ' · stmails console';
  pages[page](root, arg, params).catch((e) => showError(root, e));
}
window.addEventListener('hashchange', route);

function showError(root, e) {
  root.append(h('p', { class: 'error', role: 'alert' }, e.status === 403 ? 'Not allowed: ' + e.message : e.message));
}

// ---------- charts ----------
// Bounces recorded before per-type day counts were kept count in a day's total only: they stack as "earlier".
const SERIES = [...TYPES, 'earlier'];
const withEarlier = (d) => ({ ...d, earlier: Math.max(0, (d.count || 0) - TYPES.reduce((sum, t) => sum + (d[t] || 0), 0)) });

function stackedChart(rawDays) {
  const width = 720, height = 220, left = 40, bottom = 24, top = 8;
  const days = rawDays.map(withEarlier);
  // Four gridline steps of whole numbers: the top is the highest day rounded up to a multiple of four.
  const max = Math.ceil(Math.max(1, ...days.map((d) => SERIES.reduce((sum, t) => sum + (d[t] || 0), 0))) / 4) * 4;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  const el = (name, attrs, text) => {
    const node = document.createElementNS('http://www.w3.org/2000/svg', name);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text !== undefined) node.textContent = text;
    svg.append(node);
    return node;
  };
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', 'Bounces per day by type');
  const plot = height - bottom - top;
  el('line', { x1: left, x2: width, y1: top + plot, y2: top + plot, class: 'axis' });
  [0, 0.25, 0.5, 0.75, 1].forEach((f) => {
    const y = top + plot - f * plot;
    el('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, number(max * f));
    if (f > 0) el('line', { x1: left, x2: width, y1: y, y2: y, class: 'axis', 'stroke-dasharray': '3 3' });
  });
  const slot = (width - left) / Math.max(days.length, 1);
  days.forEach((day, i) => {
    let y = top + plot;
    SERIES.forEach((type) => {
      const value = day[type] || 0;
      if (!value) return;
      const barHeight = (value / max) * plot;
      y -= barHeight;
      const bar = el('rect', { x: left + i * slot + slot * 0.15, y, width: Math.max(1, slot * 0.7), height: barHeight, class: 'bar-' + type });
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.textContent = `${day.date}: ${value} ${type}`;
      bar.append(title);
    });
    if (days.length <= 16 || i % Math.ceil(days.length / 8) === 0) {
      el('text', { x: left + i * slot + slot / 2, y: height - 6, 'text-anchor': 'middle' }, day.date.slice(5));
    }
  });
  const series = days.some((d) => d.earlier) ? SERIES : TYPES;
  return h('div', { class: 'chart' }, svg,
    h('div', { class: 'legend' }, series.map((t) => h('span', {}, h('i', { class: t }), t === 'earlier' ? 'type not counted per day (recorded earlier)' : t))));
}

function fillDays(byDay, from, count) {
  const known = new Map(byDay.map((d) => [d.date, d]));
  const days = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(from.getTime() + i * 86400000).toISOString().slice(0, 10);
    days.push(known.get(date) || { date, count: 0, hard: 0, soft: 0, complaint: 0 });
  }
  return days;
}

function barList(entries, onClick) {
  if (!entries.length) return empty('Nothing yet.');
  const max = Math.max(...entries.map((e) => e.count));
  return h('ul', { class: 'bars' }, entries.map((e) => h('li', {},
    onClick ? h('button', { type: 'button', class: 'chip label', onclick: () => onClick(e), title: e.label }, e.label)
      : h('span', { class: 'label', title: e.label }, e.label),
    h('meter', { min: 0, max, value: e.count, 'aria-label': e.label }), h('span', {}, number(e.count)))));
}

function topReasons(topByType) {
  return TYPES.map((type) => {
    const reasons = (topByType && topByType[type]) || [];
    return h('div', {}, h('h3', {}, tag(type), ' top reasons'),
      barList(reasons.map((r) => ({ label: r.reason, count: r.count }))));
  });
}

const utcDay = (offsetDays) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + offsetDays * 86400000);
};

// ---------- Overview ----------
async function overview(root) {
  root.append(h('h1', {}, 'Overview'));
  const body = h('div', {}, spinner());
  root.append(body);
  const from = utcDay(-29);
  const { data } = await call('GET', '/api/bounces/stats', { params: { from: from.toISOString().slice(0, 10) } });
  const days = fillDays(data.by_day || [], from, 30);
  const sum = (list, type) => list.reduce((s, d) => s + (type ? d[type] || 0 : d.count || 0), 0);
  const last7 = days.slice(-7);
  state.sources = Object.keys(data.by_source || {});
  body.replaceChildren(
    h('div', { class: 'kpis' },
      kpi(sum(last7) - sum(last7, 'complaint'), 'bounces, last 7 days'),
      kpi(sum(last7, 'complaint'), 'complaints, last 7 days'),
      kpi(sum(days) - sum(days, 'complaint'), 'bounces, last 30 days'),
      kpi(sum(days, 'complaint'), 'complaints, last 30 days'),
      kpi(data.total, 'recorded, all time')),
    h('section', { class: 'card' }, h('h2', {}, 'Bounces per day by type (UTC days, last 30)'),
      sum(days) ? stackedChart(days) : empty('No bounces in the last 30 days.')),
    h('div', { class: 'grid' },
      h('section', { class: 'card' }, h('h2', {}, 'By type, all time'),
        barList(TYPES.map((t) => ({ label: t, count: data.by_type[t] || 0 })), (e) => { location.hash = '#/bounces?type=' + e.label; })),
      h('section', { class: 'card' }, h('h2', {}, 'By source, all time'),
        barList(Object.entries(data.by_source || {}).map(([label, count]) => ({ label, count })),
          (e) => { location.hash = '#/bounces?source=' + encodeURIComponent(e.label); }))),
    h('section', { class: 'card' }, h('h2', {}, 'Top reasons, all time'), h('div', { class: 'grid' }, topReasons(data.top_reasons))),
    actionsApplied(data.actions),
    ingest(state.sources));
}

const ACTIONS = [['blocklist', 'Blocklisted'], ['unsubscribe', 'Unsubscribed'], ['delete', 'Deleted'], ['reactivate', 'Reactivated']];

// The API's by_day already starts 30 UTC days back (the overview asks from there).
function actionsApplied(actions) {
  const since7 = utcDay(-6).toISOString().slice(0, 10);
  const sumDays = (days, from) => (days || []).filter((d) => !from || d.date >= from).reduce((s, d) => s + d.count, 0);
  const rows = ACTIONS.map(([action, label]) => {
    const counted = (actions && actions[action]) || { total: 0, by_day: [] };
    return h('tr', { 'data-action': action }, h('th', { scope: 'row' }, label),
      h('td', { class: 'num' }, number(sumDays(counted.by_day, since7))),
      h('td', { class: 'num' }, number(sumDays(counted.by_day))),
      h('td', { class: 'num' }, number(counted.total)));
  });
  return h('section', { class: 'card', id: 'actions-applied' }, h('h2', {}, 'Actions applied'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'counts' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Action'), h('th', { class: 'num' }, 'Last 7 days'),
        h('th', { class: 'num' }, 'Last 30 days'), h('th', { class: 'num' }, 'All time'))),
      h('tbody', {}, rows))),
    h('p', { class: 'muted' }, 'Threshold and API actions, counted on the UTC day they were applied. Each subscriber\'s are on the Subscriber page.'));
}

const kpi = (value, label) => h('div', { class: 'kpi' }, h('b', {}, number(value)), h('span', {}, label));

function ingest(sources) {
  const rows = h('tbody', {});
  const scans = h('div', {}, spinner());
  const card = h('section', { class: 'card' }, h('h2', {}, 'Ingest paths'),
    h('div', { class: 'grid' },
      h('div', {}, h('h3', {}, 'Last bounce seen per source'),
        sources.length ? h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Source'), h('th', {}, 'Last bounce'))), rows))
          : empty('No source has reported a bounce yet.')),
      h('div', {}, h('h3', {}, 'POP3 mailboxes: last scan'), scans)));
  call('GET', '/api/mailboxes').then(({ data }) => scans.replaceChildren(mailboxTable(data)))
    .catch((e) => scans.replaceChildren(h('p', { class: 'error' }, e.message)));
  sources.forEach(async (source) => {
    const cell = h('td', {}, h('span', { class: 'spinner' }));
    rows.append(h('tr', {}, h('td', {}, source), cell));
    try {
      const { data } = await call('GET', '/api/bounces', { params: { source, per_page: 1 } });
      cell.replaceChildren(data.results.length ? time(data.results[0].created_at) : '—');
    } catch (e) { cell.replaceChildren(h('span', { class: 'error' }, e.message)); }
  });
  return card;
}

function mailboxTable(mailboxes, details = false) {
  if (!mailboxes.length) return empty('No mailbox is configured.');
  const outcome = (scan) => {
    if (!scan) return h('span', { class: 'muted' }, 'not scanned yet');
    const label = tag(scan.outcome, scan.outcome === 'ok' ? 'enabled' : scan.outcome === 'failed' ? 'hard' : 'list');
    return h('span', {}, label, ' ', time(scan.at), scan.outcome === 'ok' ? ` · ${scan.recorded} recorded of ${scan.examined} examined` : '',
      scan.detail ? h('span', { class: 'muted' }, ' · ' + scan.detail) : '');
  };
  return h('div', { class: 'table-wrap' }, h('table', { class: 'mailboxes stack' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Mailbox'), details ? [h('th', {}, 'Server'), h('th', {}, 'User'), h('th', {}, 'Every')] : null, h('th', {}, 'Last scan'))),
    h('tbody', {}, mailboxes.map((m) => h('tr', {}, h('td', {}, m.name, m.enabled ? '' : [' ', tag('disabled', 'list')]),
      details ? [h('td', {}, `${m.host}:${m.port}`), h('td', {}, m.username || ''), h('td', {}, m.scan_interval_minutes + ' min')] : null,
      h('td', { class: 'wide' }, outcome(m.last_scan)))))));
}

// ---------- Bounces ----------
const FILTERS = ['email', 'type', 'source', 'campaign_uuid', 'from', 'to', 'order_by', 'order', 'per_page'];

async function bounces(root, _arg, params) {
  const filter = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || '']));
  root.append(h('h1', {}, 'Bounces'));
  const field = (name, label, input) => {
    input.name = name;
    input.id = 'f-' + name;
    if (filter[name] || input.tagName !== 'SELECT') input.value = filter[name];
    return h('label', {}, label, input);
  };
  const select = (options) => h('select', {}, options.map(([v, t]) => h('option', { value: v }, t)));
  const form = h('form', { class: 'card filters', id: 'bounce-filters' },
    field('email', 'E-mail', h('input', { type: 'search', placeholder: 'jane@example.com' })),
    field('type', 'Type', select([['', 'any'], ['hard', 'hard'], ['soft', 'soft'], ['complaint', 'complaint']])),
    field('source', 'Source', h('input', { list: 'known-sources', placeholder: 'ses, pop3:…' })),
    h('datalist', { id: 'known-sources' }, state.sources.map((s) => h('option', { value: s }))),
    field('campaign_uuid', 'Campaign UUID', h('input', { placeholder: 'any' })),
    field('from', 'From (day, UTC)', h('input', { type: 'date' })),
    field('to', 'To, exclusive (day, UTC)', h('input', { type: 'date' })),
    field('order_by', 'Sort by', select([['created_at', 'created'], ['email', 'e-mail'], ['source', 'source'], ['type', 'type'], ['campaign', 'campaign']])),
    field('order', 'Order', select([['desc', 'newest / Z first'], ['asc', 'oldest / A first']])),
    field('per_page', 'Per page', select([['20', '20'], ['50', '50']])),
    h('div', { class: 'toolbar' }, h('button', { type: 'submit', id: 'apply-filters' }, 'Apply'),
      h('button', { type: 'button', class: 'secondary', onclick: () => { location.hash = '#/bounces'; } }, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    location.hash = '#/bounces' + query(Object.fromEntries(Object.entries(values).filter(([k, v]) => v && !(k === 'order' && v === 'desc') && !(k === 'order_by' && v === 'created_at') && !(k === 'per_page' && v === '20'))));
  });
  root.append(form);
  const filterParams = Object.fromEntries(Object.entries(filter).filter(([k, v]) => v && ['email', 'type', 'source', 'campaign_uuid', 'from', 'to'].includes(k)));
  const listParams = { ...filterParams, order_by: filter.order_by || undefined, order: filter.order || undefined, per_page: filter.per_page || undefined };
  const list = new BounceList(listParams, filterParams);
  root.append(list.toolbar, list.status, list.table, list.pager);
  await list.load(null);
}

class BounceList {
  constructor(listParams, filterParams) {
    this.listParams = listParams;
    this.filterParams = filterParams;
    this.cursors = [];
    this.selected = new Set();
    this.allMatching = false;
    this.total = 0;
    this.status = h('div', { class: 'muted', id: 'list-status', role: 'status', 'aria-live': 'polite' });
    this.rows = h('tbody', {});
    this.selectPage = h('input', { type: 'checkbox', 'aria-label': 'Select this page', onchange: () => this.togglePage() });
    this.table = h('div', { class: 'table-wrap' }, h('table', { id: 'bounce-table' },
      h('thead', {}, h('tr', {}, h('th', {}, this.selectPage), h('th', {}, 'E-mail'), h('th', { class: 'opt' }, 'Campaign'),
        h('th', {}, 'Source'), h('th', {}, 'Type'), h('th', {}, 'Created'), h('th', {}, h('span', { class: 'muted' }, 'Details')))),
      this.rows));
    this.allToggle = h('button', { type: 'button', class: 'link', id: 'select-all-matching', hidden: true, onclick: () => this.toggleAllMatching() });
    this.selection = h('span', { id: 'selection' });
    this.deleteButton = guarded(h('button', { type: 'button', class: 'danger', id: 'bulk-delete', onclick: () => this.bulk('delete') }, 'Delete'), 'bounces:manage');
    this.blocklistButton = guarded(h('button', { type: 'button', id: 'bulk-blocklist', onclick: () => this.bulk('blocklist') }, 'Blocklist'), 'bounces:manage');
    this.exportProgress = h('span', { class: 'progress', role: 'status', 'aria-live': 'polite' });
    this.toolbar = h('div', { class: 'toolbar' }, this.selection, this.allToggle, h('span', { class: 'grow' }),
      this.deleteButton, this.blocklistButton,
      h('button', { type: 'button', class: 'secondary', id: 'export-csv', onclick: () => this.export('csv') }, 'Export CSV'),
      h('button', { type: 'button', class: 'secondary', id: 'export-jsonl', onclick: () => this.export('jsonl') }, 'Export JSONL'),
      this.exportProgress);
    this.prev = h('button', { type: 'button', class: 'secondary', id: 'prev-page', onclick: () => this.load(this.cursors.length > 1 ? this.cursors[this.cursors.length - 2] : null, true) }, '← Previous');
    this.next = h('button', { type: 'button', class: 'secondary', id: 'next-page', onclick: () => this.load(this.nextCursor) }, 'Next →');
    this.pager = h('div', { class: 'toolbar' }, this.prev, this.next);
    this.updateSelection();
  }

  async load(cursor, back = false) {
    if (back) this.cursors.pop(); else if (cursor || this.cursors.length === 0) this.cursors.push(cursor);
    this.rows.replaceChildren(h('tr', {}, h('td', { colspan: 7 }, spinner())));
    this.prev.disabled = this.next.disabled = true;
    let data;
    try {
      ({ data } = await call('GET', '/api/bounces', { params: { ...this.listParams, cursor: cursor || undefined } }));
    } catch (e) {
      this.rows.replaceChildren(h('tr', {}, h('td', { colspan: 7, class: 'error', role: 'alert' }, e.message)));
      return;
    }
    this.total = data.total;
    this.nextCursor = data.next_cursor;
    this.rows.replaceChildren();
    if (!data.results.length) this.rows.append(h('tr', {}, h('td', { colspan: 7 }, empty('No bounces match these filters.'))));
    data.results.forEach((b) => this.rows.append(...this.row(b)));
    this.status.textContent = data.results.length
      ? `${number(data.total)} matching · page ${this.cursors.length}` : '';
    this.prev.disabled = this.cursors.length <= 1;
    this.next.disabled = !data.next_cursor;
    this.selectPage.checked = false;
    this.updateSelection();
  }

  row(b) {
    const detail = h('tr', { class: 'detail', hidden: true }, h('td', { colspan: 7 }));
    const box = h('input', { type: 'checkbox', value: b.id, 'aria-label': 'Select bounce of ' + b.email, class: 'select-row',
      checked: this.allMatching || this.selected.has(b.id), disabled: this.allMatching,
      onchange: (e) => { if (e.target.checked) this.selected.add(b.id); else this.selected.delete(b.id); this.updateSelection(); } });
    const filterBy = (key, value) => () => { location.hash = '#/bounces' + query({ ...this.filterParams, [key]: value }); };
    const expand = h('button', { type: 'button', class: 'link expand', 'aria-expanded': 'false', onclick: () => this.expand(b, expand, detail) }, 'Show');
    const row = h('tr', { 'data-id': b.id },
      h('td', {}, box),
      h('td', { class: 'email' }, h('a', { href: '#/subscriber/' + b.subscriber_uuid }, b.email || b.subscriber_uuid), ' ',
        b.subscriber_status ? tag(b.subscriber_status) : null, b.cleared_at ? [' ', tag('cleared', 'cleared')] : null),
      h('td', { class: 'opt' }, b.campaign_uuid ? h('button', { type: 'button', class: 'chip', title: 'Filter by this campaign', onclick: filterBy('campaign_uuid', b.campaign_uuid) }, b.campaign_uuid.slice(0, 8) + '…') : h('span', { class: 'muted' }, '—')),
      h('td', {}, h('button', { type: 'button', class: 'chip', title: 'Filter by this source', onclick: filterBy('source', b.source) }, b.source)),
      h('td', {}, h('button', { type: 'button', class: 'chip', title: 'Filter by this type', onclick: filterBy('type', b.type) }, tag(b.type))),
      h('td', {}, time(b.created_at)),
      h('td', {}, expand));
    return [row, detail];
  }

  async expand(b, button, detail) {
    const open = detail.hidden;
    detail.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'Hide' : 'Show';
    if (!open || detail.dataset.loaded) return;
    const cell = detail.firstChild;
    cell.replaceChildren(spinner('Loading evidence…'));
    try {
      const { data } = await call('GET', '/api/bounces/' + encodeURIComponent(b.id));
      detail.dataset.loaded = 'yes';
      cell.replaceChildren(h('dl', { class: 'facts' },
        h('dt', {}, 'Classified as'), h('dd', {}, tag(data.type), ' because ', h('b', { class: 'reason' }, data.reason || 'no reason recorded')),
        h('dt', {}, 'Bounce id'), h('dd', {}, data.id),
        h('dt', {}, 'Campaign'), h('dd', {}, data.campaign_uuid ? h('a', { href: '#/campaign/' + data.campaign_uuid }, data.campaign_uuid) : '—'),
        h('dt', {}, 'Cleared'), h('dd', {}, data.cleared_at ? time(data.cleared_at) : 'no (counts towards thresholds)')),
      h('h3', {}, 'Evidence'), data.evidence ? h('pre', { class: 'evidence' }, JSON.stringify(data.evidence, null, 2)) : empty('The source gave no evidence beyond the metadata.'),
      h('h3', {}, 'Metadata'), h('pre', {}, JSON.stringify(data.meta, null, 2)));
    } catch (e) {
      cell.replaceChildren(h('p', { class: 'error' }, e.message));
    }
  }

  togglePage() {
    this.rows.querySelectorAll('input.select-row').forEach((box) => {
      box.checked = this.selectPage.checked;
      if (box.checked) this.selected.add(box.value); else this.selected.delete(box.value);
    });
    this.updateSelection();
  }

  toggleAllMatching() {
    this.allMatching = !this.allMatching;
    this.rows.querySelectorAll('input.select-row').forEach((box) => { box.checked = this.allMatching || this.selected.has(box.value); box.disabled = this.allMatching; });
    this.updateSelection();
  }

  updateSelection() {
    const count = this.allMatching ? this.total : this.selected.size;
    this.selection.textContent = count ? `${number(count)} selected${this.allMatching ? ' (every bounce matching the filters)' : ''}` : 'Select bounces to act on them';
    this.allToggle.hidden = !(this.allMatching || (this.selected.size && this.total > this.selected.size));
    this.allToggle.textContent = this.allMatching ? 'Select only this page' : `Select all ${number(this.total)} matching`;
    const none = count === 0;
    if (may('bounces:manage')) { this.deleteButton.disabled = none; this.blocklistButton.disabled = none; }
  }

  async bulk(kind) {
    const count = this.allMatching ? this.total : this.selected.size;
    const scope = this.allMatching ? (Object.keys(this.filterParams).length ? 'every bounce matching the filters' : 'EVERY bounce') : count + ' selected bounce(s)';
    const question = kind === 'delete' ? `Delete ${scope} (${number(count)})? This cannot be undone.`
      : `Blocklist the subscribers of ${scope} (${number(count)}) and unsubscribe them from their lists?`;
    if (!window.confirm(question)) return;
    this.status.replaceChildren(spinner(kind === 'delete' ? 'Deleting…' : 'Blocklisting…'));
    try {
      if (kind === 'delete') {
        const params = this.allMatching ? { ...this.filterParams, all: 'true' } : { id: [...this.selected] };
        let result;
        do { result = await call('DELETE', '/api/bounces', { params }); } while (result.status === 202);
      } else if (this.allMatching) {
        let cursor;
        let result;
        do {
          result = await call('PUT', '/api/bounces/blocklist', { params: { ...this.filterParams, cursor } });
          cursor = result.data && result.data.next_cursor;
        } while (result.status === 202);
      } else {
        await call('PUT', '/api/bounces/blocklist', { params: { id: [...this.selected] } });
      }
      this.selected.clear();
      this.allMatching = false;
      this.cursors = [];
      await this.load(null);
      this.status.append(h('span', { class: 'okmsg', id: 'bulk-done' }, ' ' + (kind === 'delete' ? 'Deleted.' : 'Blocklisted.')));
    } catch (e) {
      this.status.replaceChildren(h('span', { class: 'error', role: 'alert' }, e.message));
    }
  }

  async export(format) {
    const chunks = [];
    let cursor;
    let done = 0;
    let total = null;
    const bar = h('progress', { max: 1, value: 0 });
    const label = h('span', {}, 'Exporting…');
    this.exportProgress.replaceChildren(bar, label);
    try {
      do {
        const response = await call('GET', '/api/bounces/export', { params: { ...this.filterParams, format, cursor }, raw: true });
        if (total === null) total = Number(response.headers.get('x-total-count') || 0);
        const text = await response.text();
        chunks.push(text);
        done += format === 'csv' ? text.split('\r\n').filter(Boolean).length - (cursor ? 0 : 1) : text.split('\n').filter(Boolean).length;
        cursor = response.headers.get('x-next-cursor');
        bar.max = Math.max(total, done, 1);
        bar.value = done;
        label.textContent = `${number(done)} of ${number(total)} rows`;
      } while (cursor);
      const blob = new Blob(chunks, { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' });
      const link = h('a', { href: URL.createObjectURL(blob), download: `bounces-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.${format}`, id: 'export-link' }, 'Download again');
      document.body.append(link);
      link.click();
      link.remove();
      label.textContent = `Exported ${number(done)} rows.`;
      label.id = 'export-done';
    } catch (e) {
      label.textContent = 'Export failed: ' + e.message;
      label.className = 'error';
    }
  }
}

// ---------- Subscriber ----------
async function subscriber(root, uuid, params) {
  root.append(h('h1', {}, 'Subscriber'));
  const input = h('input', { type: 'search', id: 'subscriber-email', placeholder: 'e-mail address or UUID', value: params.get('email') || '' });
  const form = h('form', { class: 'card toolbar' }, h('label', { class: 'grow' }, 'Find a subscriber', input), h('button', { type: 'submit' }, 'Find'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (/^[0-9a-f-]{36}$/i.test(value)) { location.hash = '#/subscriber/' + value; return; }
    try {
      const { data } = await call('GET', '/api/subscribers', { params: { email: value } });
      if (data.results.length) location.hash = '#/subscriber/' + data.results[0].uuid;
      else { result.replaceChildren(empty('No subscriber with that e-mail.')); }
    } catch (e) { result.replaceChildren(h('p', { class: 'error' }, e.message)); }
  });
  const result = h('div', {});
  root.append(form, result);
  if (!uuid) { result.append(empty('Look a subscriber up by e-mail, or follow an e-mail link on the Bounces page.')); return; }
  result.append(spinner());
  let sub;
  try {
    ({ data: sub } = await call('GET', '/api/subscribers/' + encodeURIComponent(uuid)));
  } catch (e) {
    result.replaceChildren(h('p', { class: 'error' }, e.status === 404 ? 'No such subscriber (erased or never known).' : e.message));
    return;
  }
  const [history, actions] = await Promise.all([
    call('GET', '/api/subscribers/' + uuid + '/bounces').then((r) => r.data).catch((e) => e),
    call('GET', '/api/subscribers/' + uuid + '/actions').then((r) => r.data).catch((e) => e)]);
  const message = h('p', { id: 'subscriber-message', role: 'status', 'aria-live': 'polite' });
  const force = h('input', { type: 'checkbox', id: 'reactivate-force' });
  const reactivate = guarded(h('button', { type: 'button', id: 'reactivate', onclick: async () => {
    try {
      const { data } = await call('POST', '/api/subscribers/' + uuid + '/reactivate', { body: { force: force.checked } });
      message.className = 'okmsg';
      message.textContent = data.reactivated ? `Reactivated: ${data.bounces_cleared} bounce(s) cleared, lists restored${data.forced ? ' (forced past a complaint)' : ''}.` : 'Nothing to undo: no action is in force.';
      setTimeout(route, 1200);
    } catch (e) {
      message.className = 'error';
      message.textContent = e.status === 409 ? e.message + ' Tick "force" to override.' : e.message;
      if (e.status === 409) force.focus();
    }
  } }, 'Reactivate'), 'subscribers:manage');
  const erase = guarded(h('button', { type: 'button', class: 'danger', id: 'erase', onclick: async () => {
    if (!window.confirm(`Erase ${sub.email}: the subscriber, every bounce, every action record and the suppression entry? This cannot be undone.`)) return;
    try {
      const { data } = await call('DELETE', '/api/subscribers/' + uuid, { params: { erase: 'true' } });
      result.replaceChildren(h('p', { class: 'okmsg' }, `Erased ${data.email}: ${data.removed.bounces} bounce(s), ${data.removed.action_records} action record(s), ${data.removed.suppression_entries} suppression entr(ies).`));
    } catch (e) { message.className = 'error'; message.textContent = e.message; }
  } }, 'Erase (GDPR)'), 'subscribers:manage');
  const deleteBounces = guarded(h('button', { type: 'button', class: 'secondary', id: 'delete-bounces', onclick: async () => {
    if (!window.confirm(`Delete every bounce of ${sub.email}?`)) return;
    try { await call('DELETE', '/api/subscribers/' + uuid + '/bounces'); route(); } catch (e) { message.className = 'error'; message.textContent = e.message; }
  } }, 'Delete bounces'), 'bounces:manage');
  const suppression = actions instanceof Error ? null : actions.suppression;
  result.replaceChildren(
    h('section', { class: 'card' }, h('h2', {}, sub.email, ' ', tag(sub.status)),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Name'), h('dd', {}, sub.name),
        h('dt', {}, 'UUID'), h('dd', {}, sub.uuid),
        h('dt', {}, 'Status'), h('dd', { id: 'subscriber-status' }, sub.status),
        h('dt', {}, 'Lists'), h('dd', {}, sub.lists.length ? sub.lists.map((l) => h('span', {}, l.id, ' ', tag(l.subscription_status, 'list'), ' ')) : 'none'),
        h('dt', {}, 'Bounces'), h('dd', {}, TYPES.map((t) => h('span', {}, tag(t), ' ', number(sub.bounces ? sub.bounces[t] : 0), '  '))),
        h('dt', {}, 'Suppression list'), h('dd', { id: 'suppression-state' }, suppressionText(suppression)),
        h('dt', {}, 'Created'), h('dd', {}, time(sub.created_at)),
        h('dt', {}, 'Updated'), h('dd', {}, time(sub.updated_at))),
      h('div', { class: 'toolbar' }, reactivate,
        h('label', { class: 'check', title: 'A subscriber blocklisted for a complaint is refused unless forced.' }, force, 'Force: reactivate even after a complaint'),
        h('span', { class: 'grow' }), deleteBounces, erase),
      message),
    h('section', { class: 'card' }, h('h2', {}, 'Actions applied'), actionsTable(actions)),
    h('section', { class: 'card' }, h('h2', {}, 'Bounce history'), historyTable(history)));
}

function suppressionText(state) {
  return { suppressed: 'on the suppression list (by stmails\' decision)', pending: 'being added to the suppression list', not_suppressed: 'not suppressed by stmails', not_synchronised: 'suppression sync is off (ses.suppression_sync)' }[state] || 'unknown';
}

function actionsTable(actions) {
  if (actions instanceof Error) return h('p', { class: 'error' }, actions.message);
  if (!actions.actions.length && !actions.reactivations.length) return empty('No action has been applied to this subscriber.');
  const rows = [
    ...actions.actions.map((a) => ({ at: a.applied_at, row: h('tr', {}, h('td', {}, time(a.applied_at)), h('td', {}, tag(a.action, a.action === 'blocklist' ? 'blocklisted' : 'list')),
      h('td', {}, a.bounce_type ? [tag(a.bounce_type), ` ${a.count} of ${a.threshold}`] : 'by API or import'),
      h('td', {}, a.reversed_at ? ['reversed ', time(a.reversed_at)] : (a.in_force ? 'in force' : '—'))) })),
    ...actions.reactivations.map((r) => ({ at: r.reactivated_at, row: h('tr', {}, h('td', {}, time(r.reactivated_at)), h('td', {}, tag('reactivate', 'enabled')),
      h('td', {}, `${r.bounces_cleared} bounce(s) cleared${r.forced ? ', forced past a complaint' : ''}`), h('td', {}, '—')) }))]
    .sort((a, b) => (a.at < b.at ? 1 : -1));
  return h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Action'), h('th', {}, 'Why'), h('th', {}, 'State'))),
    h('tbody', {}, rows.map((r) => r.row))));
}

function historyTable(history) {
  if (history instanceof Error) return h('p', { class: 'error' }, history.message);
  if (!history.length) return empty('No bounces recorded.');
  return h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Created'), h('th', {}, 'Type'), h('th', {}, 'Source'), h('th', { class: 'opt' }, 'Reason'), h('th', {}, 'Counts'))),
    h('tbody', {}, history.map((b) => h('tr', {}, h('td', {}, time(b.created_at)), h('td', {}, tag(b.type)), h('td', {}, b.source),
      h('td', { class: 'opt' }, b.reason || '—'), h('td', {}, b.cleared_at ? ['cleared ', time(b.cleared_at)] : 'yes'))))));
}

// ---------- Campaign ----------
async function campaign(root, uuid) {
  root.append(h('h1', {}, 'Campaign'));
  const input = h('input', { id: 'campaign-uuid', placeholder: 'campaign UUID', value: uuid || '' });
  const form = h('form', { class: 'card toolbar' }, h('label', { class: 'grow' }, 'Campaign UUID', input), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (event) => { event.preventDefault(); location.hash = '#/campaign/' + input.value.trim(); });
  root.append(form);
  if (!uuid) { root.append(empty('Enter a campaign UUID, or follow a campaign link from a bounce.')); return; }
  const body = h('div', {}, spinner());
  root.append(body);
  const { data } = await call('GET', '/api/bounces/stats', { params: { campaign_uuid: uuid } });
  if (!data.total) { body.replaceChildren(empty('No bounces or complaints recorded for this campaign.')); return; }
  const byDay = data.by_day || [];
  const first = new Date(byDay[0].date + 'T00:00:00Z');
  const last = new Date(byDay[byDay.length - 1].date + 'T00:00:00Z');
  const span = Math.min(366, Math.round((last - first) / 86400000) + 1);
  body.replaceChildren(
    h('div', { class: 'kpis' }, kpi(data.total, 'recorded'), TYPES.map((t) => kpi(data.by_type[t], t))),
    h('section', { class: 'card' }, h('h2', {}, 'Bounces and complaints over time (UTC days)'), stackedChart(fillDays(byDay, first, span))),
    h('section', { class: 'card' }, h('h2', {}, 'Top reasons'), h('div', { class: 'grid' }, topReasons(data.top_reasons))),
    h('p', {}, h('a', { href: '#/bounces?campaign_uuid=' + encodeURIComponent(uuid) }, 'See this campaign\'s bounces →')));
}

// ---------- Settings ----------
async function settings(root) {
  root.append(h('h1', {}, 'Settings'));
  if (!may('settings:get')) { root.append(empty('Your API user lacks the settings:get permission.')); return; }
  const body = h('div', {}, spinner());
  root.append(body);
  const [{ data }, mailboxes] = await Promise.all([call('GET', '/api/settings'),
    call('GET', '/api/mailboxes').then((r) => r.data).catch((e) => e)]);
  const s = data.settings;
  const days = (v) => (v ? v + ' days' : '—');
  body.replaceChildren(
    h('p', { class: 'banner', id: 'settings-readonly' }, 'Read-only. These change through ' + data.changed_through + '.'),
    h('section', { class: 'card' }, h('h2', {}, 'Thresholds'),
      h('dl', { class: 'facts' }, h('dt', {}, 'Processing'), h('dd', {}, s.enabled ? 'enabled' : 'disabled (master switch off)'),
        h('dt', {}, 'Unknown subscribers'), h('dd', {}, s.unknown_subscriber), h('dt', {}, 'Blocklisting unsubscribes lists'), h('dd', {}, String(s.blocklist_unsubscribes_lists)),
        h('dt', {}, 'Global count window'), h('dd', {}, s.count_window_days ? s.count_window_days + ' days' : 'all time'),
        h('dt', {}, 'SES suppression sync'), h('dd', {}, String(s.ses.suppression_sync))),
      h('div', { class: 'table-wrap' }, h('table', { id: 'thresholds' }, h('thead', {}, h('tr', {}, ['Type', 'Count', 'Action', 'Window', 'Reset after', 'Retention'].map((t) => h('th', {}, t)))),
        h('tbody', {}, TYPES.map((t) => { const a = s.actions[t]; return h('tr', {}, h('td', {}, tag(t)), h('td', {}, a.count), h('td', {}, a.action), h('td', {}, days(a.count_window_days)), h('td', {}, days(a.reset_after_days)), h('td', {}, days(a.retention_days))); }))))),
    h('section', { class: 'card' }, h('h2', {}, 'Webhook URLs'), h('p', { class: 'muted' }, 'Paste these into each provider\'s dashboard.'),
      h('div', { class: 'table-wrap' }, h('table', { id: 'webhooks', class: 'stack' }, h('thead', {}, h('tr', {}, h('th', {}, 'Source'), h('th', {}, 'State'), h('th', {}, 'URL'))),
        h('tbody', {}, data.webhooks.map((w) => h('tr', {}, h('td', {}, w.source), h('td', {}, w.enabled ? tag('enabled') : tag('off', 'list')),
          h('td', { class: 'wide' }, h('input', { class: 'url', readonly: true, value: w.url, 'aria-label': w.source + ' webhook URL', onfocus: (e) => e.target.select() })))))))),
    h('section', { class: 'card' }, h('h2', {}, 'Mailboxes (POP3)'),
      mailboxes instanceof Error ? h('p', { class: 'error' }, mailboxes.message) : mailboxTable(mailboxes, true)));
}

// ---------- start ----------
const saved = sessionStorage.getItem(STORE_KEY);
if (saved) {
  signIn(JSON.parse(saved), true).catch(() => signOut());
} else {
  signOut();
}
