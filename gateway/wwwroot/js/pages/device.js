// One device: who and what it is, each check with its result and the remediation the owner
// follows (Markdown, rendered safely), the facts the agent reported, the history timeline and a
// scan-now button. One GET /devices/{id}; reloaded when the hub says this device changed.

import { h } from '../dom.js';
import { checkName, platformName, ago, when } from '../format.js';
import { renderMarkdown } from '../markdown.js';
import { problemMessages } from '../api.js';
import { statusBadge, onlineBadge } from './devices.js';
import { idpStatus, idpBadge } from '../idp-status.js';

export const title = 'Device';

const RESULT_ORDER = { FAIL: 0, UNKNOWN: 1, NUDGE: 2, PASS: 3, UNSUPPORTED: 4 };

export function mount(main, { api, live }, id) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  main.append(h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/devices' }, 'Devices'), ' / ', h('span', { id: 'crumb' }, id)), body);
  let disposed = false;
  let loading = false;

  async function load() {
    if (loading) return;
    loading = true;
    try {
      const detail = await api.get(`/devices/${encodeURIComponent(id)}`);
      if (!disposed) render(detail);
    } catch (error) {
      if (!disposed) body.replaceChildren(h('p', { class: 'banner error' }, error.status === 404 ? `No device '${id}' in this account.` : problemMessages(error).join(' ')));
    } finally {
      loading = false;
    }
  }

  // detail: {device: summary, enrolledOn, statusChangedOn, policyVersion, facts, results, history}
  function render(detail) {
    const d = detail.device;
    main.querySelector('#crumb').textContent = d.hostname ?? id;
    const scan = h('button', { type: 'button', class: 'button primary', id: 'scan-now' }, 'Scan now');
    const scanNote = h('span', { class: 'muted small', role: 'status' });
    scan.addEventListener('click', async () => {
      scan.disabled = true;
      scanNote.textContent = 'Asking the agent…';
      try {
        await api.post(`/devices/${encodeURIComponent(id)}/scan`);
        scanNote.textContent = 'Scan requested; results appear here when the agent reports.';
      } catch (error) {
        scanNote.textContent = problemMessages(error).join(' ');
      } finally {
        scan.disabled = false;
      }
    });

    // The owner's status in the identity provider (SCIM), when it knows them.
    const idpHolder = h('span', { id: 'device-idp' });
    idpStatus(api).then(status => { const badge = idpBadge(status, d.person); if (badge) idpHolder.replaceChildren(badge); });
    const checks = [...(detail.results ?? [])].sort((a, b) => (RESULT_ORDER[a.status] ?? 9) - (RESULT_ORDER[b.status] ?? 9));
    body.replaceChildren(
      h('div', { class: 'page-head device-head' },
        h('div', {},
          h('h1', {}, d.hostname ?? id, ' ', statusBadge(d), ' ', onlineBadge(d)),
          h('p', { class: 'muted' }, [
            d.person, `${d.osName || platformName(d.platform)} ${d.osVersion ?? ''}`.trim(),
            d.online === false ? `last seen ${ago(d.lastSeenOn)}` : 'connected now',
            d.lastReportOn ? `last report ${ago(d.lastReportOn)}` : null,
            detail.enrolledOn ? `enrolled ${when(detail.enrolledOn)}` : null,
          ].filter(Boolean).join(' · '), ' ', idpHolder)),
        h('div', { class: 'head-actions' }, scanNote, scan)),
      h('div', { class: 'grid-2 device-grid' },
        h('section', { class: 'card' }, h('h2', {}, 'Checks'),
          checks.length ? h('ul', { class: 'checks' }, checks.map(renderCheck)) : h('p', { class: 'empty small' }, 'No results yet.')),
        h('div', { class: 'stack' },
          h('section', { class: 'card' }, h('h2', {}, 'Facts'), renderFacts(detail.facts ?? {})),
          h('section', { class: 'card' }, h('h2', {}, 'History'), renderHistory(detail.history ?? [])))));
  }

  const stop = live.listen('deviceChanged', change => { if (change?.deviceId === id) load(); });
  const stopConnectivity = live.listen('agentConnectivityChanged', change => { if (change?.deviceId === id) load(); });
  load();
  return () => { disposed = true; stop(); stopConnectivity(); };
}

function renderCheck(check) {
  const id = check.checkId;
  const status = check.status ?? 'UNKNOWN';
  const remediation = check.remediation;
  const waived = check.waiver;
  const open = status === 'FAIL' || status === 'UNKNOWN' || status === 'NUDGE';
  const summary = h('summary', {},
    h('span', { class: `result ${status.toLowerCase()}` }, status),
    h('span', { class: 'check-name' }, checkName(id)),
    waived ? h('span', { class: 'chip' }, 'waived') : null,
    check.detail ? h('span', { class: 'check-detail' }, check.detail) : null);
  const content = [];
  if (waived)
    content.push(h('p', { class: 'muted small' }, `Waived${waived.justification ? `: ${waived.justification}` : ''}${waived.expires ? ` (until ${waived.expires})` : ''}`));
  if (remediation && status !== 'PASS' && status !== 'UNSUPPORTED') {
    if (remediation.title) content.push(h('h3', {}, remediation.title));
    if (remediation.why) content.push(h('p', { class: 'why' }, remediation.why));
    if (remediation.directionsMarkdown) {
      const div = h('div', { class: 'markdown' });
      div.innerHTML = renderMarkdown(remediation.directionsMarkdown); // escaped first, then a small Markdown subset
      content.push(div);
    }
    // A deep link opens the right settings pane on the owner's laptop; shown as data, never followed by Fleet.
    if (isSafeLink(remediation.deepLink))
      content.push(h('p', { class: 'small' }, h('a', { class: 'button small', href: remediation.deepLink }, 'Open the setting'),
        h('code', { class: 'muted deep-link' }, remediation.deepLink)));
  }
  return h('li', { class: `check ${status.toLowerCase()}`, dataset: { check: id } },
    content.length ? h('details', { open }, summary, h('div', { class: 'check-body' }, content)) : h('div', { class: 'check-row' }, [...summary.childNodes]));
}

export function isSafeLink(url) {
  return typeof url === 'string' && /^(https?:|x-apple\.systempreferences:|ms-settings:)/i.test(url);
}

const FACT_LABELS = [
  ['hostname', 'Hostname'], ['osName', 'OS'], ['osVersion', 'OS version'], ['osBuild', 'Build'], ['distro', 'Distribution'],
  ['model', 'Model'], ['serial', 'Serial'], ['agentVersion', 'Agent version'],
  ['diskEncryption', 'Disk encryption'], ['firewall', 'Firewall'], ['screenLock', 'Screen lock'],
  ['screenIdleSeconds', 'Screen idle'], ['remoteLogin', 'Remote login'], ['automaticUpdates', 'Automatic updates'],
];

function factText(value) {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'object') return String(value);
  const state = String(value.state ?? '').toUpperCase();
  const label = { ON: 'On', OFF: 'Off', UNKNOWN: 'Unknown', UNSUPPORTED: 'Not supported' }[state] ?? state;
  const number = value.value !== undefined && value.value !== null && state === 'ON' ? ` (${value.value} s)` : '';
  return `${label}${number}${value.reason ? ` — ${value.reason}` : ''}`;
}

function renderFacts(facts) {
  const rows = FACT_LABELS.map(([key, label]) => [label, factText(facts[key])]).filter(([, v]) => v);
  const apps = facts.applications;
  return h('div', {},
    h('dl', { class: 'facts' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
    Array.isArray(apps) && apps.length
      ? h('details', { class: 'apps' }, h('summary', {}, `${apps.length} installed applications`),
        h('ul', { class: 'app-list' }, apps.map(a => h('li', {}, a.name, a.version ? h('span', { class: 'muted' }, ` ${a.version}`) : null))))
      : null);
}

function renderHistory(history) {
  if (!history.length) return h('p', { class: 'empty small' }, 'Nothing has changed since enrolment.');
  const items = [...history].sort((a, b) => new Date(b.at) - new Date(a.at));
  return h('ol', { class: 'timeline' }, items.slice(0, 100).map(item => {
    const at = item.at;
    const status = String(item.newStatus ?? '');
    const text = describe(item);
    return h('li', { class: `timeline-item ${status.toLowerCase()}` },
      h('time', { datetime: at, title: when(at) }, when(at)), h('span', {}, text));
  }));
}

// {checkId, at, oldStatus, newStatus, waived, detail}: a check's transition, or the device's overall one (no checkId).
// checkId "$status" is the overall status, "$online" the agent's connectivity (ONLINE/OFFLINE).
function describe(item) {
  if (item.checkId === '$online') return [h('strong', {}, 'Agent'), item.newStatus === 'ONLINE' ? ' came online' : ' went offline'];
  const subject = item.checkId === '$status' || !item.checkId ? 'Overall' : checkName(item.checkId);
  const transition = item.oldStatus ? `${item.oldStatus} → ${item.newStatus ?? '—'}` : `first result ${item.newStatus ?? '—'}`;
  return [h('strong', {}, subject), ` ${transition}`, item.waived ? ' (waived)' : '',
    item.detail ? h('span', { class: 'muted small block' }, item.detail) : null];
}
