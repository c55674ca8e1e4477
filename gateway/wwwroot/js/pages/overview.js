// Fleet overview: compliance counts and failures per check, from the fleet store (one GET /devices),
// re-rendered on every live change, plus a feed of the changes seen since the page opened.

import { h } from '../dom.js';
import { checkName, platformName } from '../format.js';
import { complianceOf, failingOf } from '../fleet-store.js';
import { openEvidenceReport, trendChart } from '../trend-chart.js';

export const title = 'Overview';

const CARDS = [
  ['compliant', 'Compliant', 'Pass or only nudged'],
  ['noncompliant', 'Non-compliant', 'At least one check fails'],
  ['unknown', 'Unknown', 'A check could not be read'],
  ['offline', 'Offline', 'No stream or heartbeat'],
];

export function mount(main, { store, api }) {
  const cards = h('div', { class: 'stats' });
  const chart = h('div', { class: 'bar-chart', role: 'list', 'aria-label': 'Devices failing each check' });
  const platforms = h('div', { class: 'platforms' });
  const feed = h('ol', { class: 'feed', 'aria-live': 'polite' });
  const feedEmpty = h('p', { class: 'empty small' }, 'Changes appear here the moment devices report them.');
  const notice = h('div', {});
  const trend = trendChart(api);
  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Fleet overview'), h('p', { class: 'muted', id: 'overview-total' })),
    notice, cards,
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, 'Failures per check'), chart),
      h('section', { class: 'card' }, h('h2', {}, 'Live changes'), feedEmpty, feed)),
    h('section', { class: 'card' }, h('h2', {}, 'Platforms'), platforms),
    h('section', { class: 'card', 'aria-labelledby': 'trend-heading' },
      h('div', { class: 'card-head' }, h('h2', { id: 'trend-heading' }, 'Compliance over time'),
        h('button', { type: 'button', class: 'button small', onclick: printable }, 'Printable evidence report')),
      trend.element));

  async function printable() {
    try {
      await openEvidenceReport(api, trend.period());
    } catch (e) {
      notice.replaceChildren(h('p', { class: 'banner error' }, `The evidence report could not be made: ${e.message}`));
    }
  }

  function render() {
    notice.replaceChildren(store.error ? h('p', { class: 'banner error' }, `Devices could not be loaded: ${store.error.message}`) : '');
    const counts = store.counts();
    main.querySelector('#overview-total').textContent = store.loaded
      ? `${counts.total} enrolled device${counts.total === 1 ? '' : 's'}` : 'Loading…';
    cards.replaceChildren(...CARDS.map(([key, label, hint]) => h('a', {
      class: `stat stat-${key}`, href: `#/devices?status=${key}`, dataset: { stat: key },
    },
      h('span', { class: 'stat-label' }, label),
      h('span', { class: 'stat-value', dataset: { testid: `count-${key}` } }, store.loaded ? String(counts[key]) : '–'),
      h('span', { class: 'stat-hint' }, counts.total && key !== 'offline' ? `${Math.round((100 * counts[key]) / counts.total)}% of the fleet` : hint))));

    const failures = store.failuresPerCheck();
    const max = Math.max(1, ...failures.map(([, n]) => n));
    chart.replaceChildren(...(failures.length === 0
      ? [h('p', { class: 'empty small' }, store.loaded ? 'No check fails anywhere. ' : 'Loading…')]
      : failures.map(([id, n]) => h('div', { class: 'bar-row', role: 'listitem', dataset: { check: id } },
        h('span', { class: 'bar-label', title: id }, checkName(id)),
        h('span', { class: 'bar-track' }, h('span', { class: 'bar-fill', style: `width:${(100 * n) / max}%` })),
        h('span', { class: 'bar-value' }, String(n))))));

    const perPlatform = new Map();
    for (const d of store.devices.values()) {
      const key = platformName(d.platform);
      const entry = perPlatform.get(key) ?? { total: 0, compliant: 0 };
      entry.total++;
      if (complianceOf(d) === 'compliant') entry.compliant++;
      perPlatform.set(key, entry);
    }
    platforms.replaceChildren(...[...perPlatform.entries()].sort((a, b) => b[1].total - a[1].total).map(([name, e]) =>
      h('div', { class: 'platform' }, h('span', { class: 'platform-name' }, name),
        h('span', { class: 'platform-meter', title: `${e.compliant} of ${e.total} compliant` },
          h('span', { style: `width:${(100 * e.compliant) / e.total}%` })),
        h('span', { class: 'muted' }, `${e.compliant}/${e.total} compliant`))));
    if (perPlatform.size === 0) platforms.append(h('p', { class: 'empty small' }, 'No devices yet. Invite people from Admin → Invites.'));
  }

  let pending = 0;
  const scheduleRender = () => { if (!pending) pending = requestAnimationFrame(() => { pending = 0; render(); }); };
  const stop = store.watch(scheduleRender, (device, kind, change) => {
    scheduleRender();
    feedEmpty.hidden = true;
    const state = complianceOf(device);
    const checks = (change?.changedChecks ?? []).map(checkName).join(', ');
    const text = kind === 'connectivity'
      ? (device.online ? 'came online' : 'went offline')
      : state === 'compliant' ? `is compliant${checks ? ` (${checks} changed)` : ''}`
        : state === 'unknown' ? 'could not be fully checked'
          : `fails ${failingOf(device).map(checkName).join(', ') || 'a check'}`;
    feed.prepend(h('li', { class: `feed-item ${kind === 'connectivity' ? 'neutral' : state}` },
      h('a', { href: `#/devices/${encodeURIComponent(device.id)}` }, device.hostname ?? device.id), ` ${text}`,
      h('time', { datetime: change?.at ?? '' }, new Date(change?.at ?? Date.now()).toLocaleTimeString())));
    while (feed.children.length > 12) feed.lastElementChild.remove();
  });
  render();
  return () => { stop(); cancelAnimationFrame(pending); };
}
