// Devices: every device of the account in a table with search and filters; rows change in place
// (and flash) when the hub says a device changed. Data comes from the fleet store: no extra request.

import { h } from '../dom.js';
import { idpStatus, idpBadge } from '../idp-status.js';
import { checkName, platformName, ago } from '../format.js';
import { complianceOf, failingOf } from '../fleet-store.js';

export const title = 'Devices';

const STATUS_LABEL = { compliant: 'Compliant', noncompliant: 'Non-compliant', unknown: 'Unknown' };

export function statusBadge(device) {
  const state = complianceOf(device);
  const nudged = state === 'compliant' && device.status === 'NUDGE';
  return h('span', { class: `badge ${state}${nudged ? ' nudge' : ''}` }, nudged ? 'Compliant · nudge' : STATUS_LABEL[state]);
}

export function onlineBadge(device) {
  return device.online === false
    ? h('span', { class: 'presence offline', title: 'Offline' }, 'Offline')
    : h('span', { class: 'presence online', title: 'Online' }, 'Online');
}

function personOf(device) {
  const p = device.person;
  if (!p) return device.personEmail ?? '';
  return typeof p === 'string' ? p : p.name || p.email || '';
}

export function mount(main, { store, api }) {
  let idp = null;
  const search = h('input', { type: 'search', id: 'device-search', placeholder: 'Search hostname, person, OS…', 'aria-label': 'Search devices' });
  const status = h('select', { id: 'device-status', 'aria-label': 'Filter by status' },
    h('option', { value: '' }, 'All statuses'), h('option', { value: 'compliant' }, 'Compliant'),
    h('option', { value: 'noncompliant' }, 'Non-compliant'), h('option', { value: 'unknown' }, 'Unknown'),
    h('option', { value: 'offline' }, 'Offline'));
  const platform = h('select', { id: 'device-platform', 'aria-label': 'Filter by platform' }, h('option', { value: '' }, 'All platforms'));
  const summary = h('p', { class: 'muted', 'aria-live': 'polite' });
  const tbody = h('tbody', {});
  const empty = h('p', { class: 'empty', hidden: true });
  // '#/devices?status=noncompliant' (the overview's cards link here) preselects the filter.
  // '#/devices?q=ann@acme.test' (a person opened from the query console's graph) prefills the search.
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  status.value = params.get('status') ?? '';
  search.value = params.get('q') ?? '';

  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Devices'), summary),
    h('div', { class: 'toolbar' }, search, status, platform),
    h('div', { class: 'card flush' }, h('table', { class: 'table devices-table' },
      h('thead', {}, h('tr', {}, ['Status', 'Device', 'Person', 'Platform', 'OS version', 'Last seen', 'Failing checks']
        .map(label => h('th', { scope: 'col' }, label)))),
      tbody), empty));

  const rows = new Map();

  function matches(d) {
    const q = search.value.trim().toLowerCase();
    if (status.value === 'offline' ? d.online !== false : status.value && complianceOf(d) !== status.value) return false;
    if (platform.value && d.platform !== platform.value) return false;
    if (!q) return true;
    return [d.hostname, personOf(d), d.osVersion, d.osName, platformName(d.platform), d.id, ...failingOf(d).map(checkName)]
      .some(v => v && String(v).toLowerCase().includes(q));
  }

  function row(d) {
    return h('tr', { dataset: { deviceId: d.id, status: complianceOf(d) } },
      h('td', {}, statusBadge(d)),
      h('td', {}, h('a', { href: `#/devices/${encodeURIComponent(d.id)}`, class: 'strong' }, d.hostname ?? d.id), ' ', onlineBadge(d)),
      h('td', {}, personOf(d) || h('span', { class: 'muted' }, '—'), idpBadge(idp, d.person)),
      h('td', {}, platformName(d.platform)),
      h('td', {}, d.osVersion ?? '—'),
      h('td', { title: d.lastSeenOn ?? '' }, d.online === false ? ago(d.lastSeenOn) : d.lastSeenOn ? 'now' : 'never'),
      h('td', { class: 'chips' }, failingOf(d).length
        ? failingOf(d).map(id => h('span', { class: 'chip fail' }, checkName(id)))
        : h('span', { class: 'muted' }, 'none')));
  }

  function sorted() {
    const order = { noncompliant: 0, unknown: 1, compliant: 2 };
    return [...store.devices.values()].sort((a, b) =>
      order[complianceOf(a)] - order[complianceOf(b)] || String(a.hostname).localeCompare(String(b.hostname)));
  }

  function renderAll() {
    const platforms = [...new Set([...store.devices.values()].map(d => d.platform).filter(Boolean))].sort();
    const chosen = platform.value;
    platform.replaceChildren(h('option', { value: '' }, 'All platforms'), ...platforms.map(p => h('option', { value: p }, platformName(p))));
    platform.value = chosen;
    rows.clear();
    const visible = sorted().filter(matches);
    tbody.replaceChildren(...visible.map(d => { const r = row(d); rows.set(d.id, r); return r; }));
    summary.textContent = store.loaded ? `${visible.length} of ${store.devices.size} devices` : 'Loading…';
    empty.hidden = visible.length > 0 || !store.loaded;
    empty.textContent = store.error ? `Devices could not be loaded: ${store.error.message}`
      : store.devices.size === 0 ? 'No devices yet. Invite people from Admin → Invites; their agents enrol with the code they receive.'
        : 'No device matches these filters.';
  }

  function changed(device) {
    const old = rows.get(device.id);
    if (!matches(device)) {
      if (old) { old.remove(); rows.delete(device.id); }
      summary.textContent = `${rows.size} of ${store.devices.size} devices`;
      return;
    }
    const fresh = row(device);
    fresh.classList.add('flash');
    if (old) old.replaceWith(fresh);
    else tbody.prepend(fresh);
    rows.set(device.id, fresh);
    summary.textContent = `${rows.size} of ${store.devices.size} devices`;
    empty.hidden = true;
  }

  search.addEventListener('input', renderAll);
  status.addEventListener('change', renderAll);
  platform.addEventListener('change', renderAll);
  const stop = store.watch(renderAll, changed);
  renderAll();
  // People's IdP status arrives separately; the table shows it as soon as it is there.
  if (api) idpStatus(api).then(status => { if (status) { idp = status; renderAll(); } });
  // "Last seen" is relative: refresh it now and then.
  const timer = setInterval(() => { if (!search.matches(':focus')) renderAll(); }, 60000);
  return () => { stop(); clearInterval(timer); };
}
