// Query console: a J1QL editor; results as a table, as JSON, and as a graph for RETURN TREE.
// A syntax error is marked at its line and column. "Watch" turns the query into a standing query
// over the hub (SubscribeQuery): the server then pushes only what entered or left the result.

import { h } from '../dom.js';
import { CodeEditor } from '../code-editor.js';
import { renderGraph } from '../graph-view.js';
import { problemMessages } from '../api.js';

export const title = 'Query';

const EXAMPLES = [
  ['People with a non-compliant laptop', 'FIND Person THAT OWNS Device THAT MONITORS HostAgent WITH compliant=false RETURN TREE'],
  ['Non-compliant laptops of people who can reach AWS',
    "FIND HostAgent WITH compliant=false THAT MONITORS Device THAT OWNS Person THAT IS User\n  THAT ASSIGNED Application WITH shortName='aws' RETURN TREE"],
  ['Agents by status', 'FIND HostAgent AS a RETURN a.status, COUNT(a)'],
  ['Devices by platform', 'FIND Device AS d RETURN d.platform, COUNT(d)'],
  ['Offline agents', 'FIND HostAgent WITH online = false'],
  ['People without a device', 'FIND Person !THAT OWNS Device'],
];

let lastQuery = sessionStorage.getItem('fleet.lastQuery') ?? EXAMPLES[0][1];

export function mount(main, { api, live }) {
  const editor = new CodeEditor({ id: 'query-editor', label: 'J1QL query', value: lastQuery, rows: 3, maxRows: 14, onSubmit: () => run(), placeholder: 'FIND Device WITH …' });
  const examples = h('select', { id: 'query-examples', 'aria-label': 'Example questions' },
    h('option', { value: '' }, 'Example questions…'), EXAMPLES.map(([label, q]) => h('option', { value: q }, label)));
  const runButton = h('button', { type: 'button', class: 'button primary', id: 'run-query' }, 'Run');
  const watch = h('input', { type: 'checkbox', id: 'watch-query' });
  const status = h('span', { class: 'muted small', role: 'status', id: 'query-status' });
  const tabs = ['table', 'json', 'graph'].map(view => h('button', {
    type: 'button', role: 'tab', class: 'tab', id: `tab-${view}`, 'aria-selected': 'false', dataset: { view },
    onclick: () => show(view),
  }, { table: 'Table', json: 'JSON', graph: 'Graph' }[view]));
  const output = h('div', { class: 'query-output', role: 'tabpanel' });
  const results = h('section', { class: 'card', hidden: true }, h('div', { class: 'tabs', role: 'tablist' }, tabs), output);

  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Query'), h('p', { class: 'muted' }, 'Ask the graph of people, devices, agents and whatever your identity provider syncs. Ctrl+Enter runs.')),
    h('section', { class: 'card' }, editor.element,
      h('div', { class: 'toolbar' }, runButton, h('label', { class: 'toggle' }, watch, ' Watch live'), examples, status)),
    results);

  let result = null;
  let view = 'table';
  let subscription = null;
  let watchedQuery = '';
  let disposed = false;

  examples.addEventListener('change', () => { if (examples.value) { editor.value = examples.value; examples.value = ''; run(); } });
  runButton.addEventListener('click', () => run());
  watch.addEventListener('change', () => watch.checked ? run() : unsubscribe());

  // POST /query answers a syntax error with 400 {detail: "(line,col): message", line, column, expected[]};
  // the hub's SubscribeQuery with a HubException "... at line L, column C: message".
  function errorPositions(error) {
    const p = error.problem ?? {};
    if (p.line > 0) {
      const message = String(p.detail ?? p.title ?? '').replace(/^\(\d+,\d+\):\s*/, '');
      return [{ line: p.line, column: p.column, message }];
    }
    const hub = /at line (\d+), column (\d+): (.*)$/s.exec(error.message ?? '');
    return hub ? [{ line: Number(hub[1]), column: Number(hub[2]), message: hub[3] }] : [];
  }

  async function run() {
    const text = editor.value.trim();
    if (!text) return;
    lastQuery = editor.value;
    sessionStorage.setItem('fleet.lastQuery', lastQuery);
    await unsubscribe();
    runButton.disabled = true;
    status.textContent = 'Running…';
    const started = performance.now();
    try {
      if (watch.checked) {
        const answer = await live.invoke('SubscribeQuery', text);
        if (disposed) { live.invoke('Unsubscribe', answer.subscriptionId).catch(() => {}); return; }
        subscription = answer.subscriptionId;
        watchedQuery = text;
        result = answer.result;
        status.textContent = `Watching: changes apply as they happen.`;
      } else {
        result = await api.post('/query', { query: text });
        status.textContent = `${countOf(result)} in ${Math.round(performance.now() - started)} ms`;
      }
      editor.clearErrors();
      if (result?.type === 'tree' && view === 'table' && !results.dataset.chosen) view = 'graph';
      if (result?.type !== 'tree' && view === 'graph') view = 'table';
      results.hidden = false;
      show(view);
    } catch (error) {
      const positions = errorPositions(error);
      editor.showErrors(positions.length ? positions : [{ line: 0, message: problemMessages(error).join(' ').replace(/^An unexpected error occurred invoking 'SubscribeQuery' on the server\. (HubException: )?/, '') }]);
      status.textContent = '';
      results.hidden = true;
      if (watch.checked && !positions.length) watch.checked = false;
    } finally {
      runButton.disabled = false;
    }
  }

  async function unsubscribe() {
    if (!subscription) return;
    const id = subscription;
    subscription = null;
    await live.invoke('Unsubscribe', id).catch(() => {});
    if (!disposed) status.textContent = 'Stopped watching.';
  }

  // {subscriptionId, added: [item JSON], removed: [ids]}. A list applies it in place; a tree's or table's
  // change does not carry edges or row identities, so the query runs again (one request) to redraw it whole.
  const stopLive = live.listen('queryResultChanged', async change => {
    if (!subscription || !result || change.subscriptionId !== subscription) return;
    const note = `+${change.added?.length ?? 0} −${change.removed?.length ?? 0} at ${new Date().toLocaleTimeString()}`;
    if (result.type === 'list') applyChange(result, change);
    else {
      try { result = await api.post('/query', { query: watchedQuery }); } catch { return; }
      if (disposed) return;
    }
    status.textContent = `Watching: ${note}`;
    show(view);
  });

  function show(next) {
    view = next;
    if (next !== 'table') results.dataset.chosen = '1';
    for (const tab of tabs) {
      tab.setAttribute('aria-selected', String(tab.dataset.view === view));
      tab.hidden = tab.dataset.view === 'graph' && result?.type !== 'tree';
    }
    output.replaceChildren(view === 'json' ? h('pre', { class: 'json' }, JSON.stringify(result, null, 2))
      : view === 'graph' ? renderGraph(result.data)
        : renderTable(result));
  }

  return () => { disposed = true; stopLive(); unsubscribe(); };
}

function countOf(result) {
  if (result?.type === 'tree') return `${result.data?.vertices?.length ?? 0} entities, ${result.data?.edges?.length ?? 0} relationships`;
  const n = result?.data?.length ?? 0;
  return `${n} row${n === 1 ? '' : 's'}`;
}

/** A standing list query's change: added entities come in, removed ids go out. */
export function applyChange(result, change) {
  const removed = new Set(change.removed ?? []);
  result.data = (result.data ?? []).filter(row => !removed.has(row.id));
  const ids = new Set(result.data.map(row => row.id));
  for (const row of change.added ?? []) if (!ids.has(row.id)) result.data.push(row);
}

function flatten(row) {
  if (row && typeof row === 'object' && ('entity' in row || 'properties' in row))
    return { ...(row.entity ?? {}), ...(row.properties ?? {}) };
  return row;
}

function renderTable(result) {
  const rows = (result?.type === 'tree' ? result.data?.vertices ?? [] : result?.data ?? []).map(flatten);
  if (rows.length === 0) return h('p', { class: 'empty' }, 'No results.');
  const preferred = ['_class', 'displayName'];
  const columns = [...new Set(rows.flatMap(r => Object.keys(r)))]
    .filter(c => result.type === 'table' || !['_id', '_key', '_type'].includes(c))
    .sort((a, b) => (preferred.indexOf(b) - preferred.indexOf(a)) || 0);
  return h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'query-table' },
    h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map(r => h('tr', {}, columns.map(c => h('td', {}, cell(r[c]))))))));
}

function cell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
