// The fleet's % compliant per day (GET /evidence/trend), drawn as an SVG line chart: the overall status as a
// thick line, each check as a thin one that its legend button shows or hides. 30 or 90 days. A missing day
// (no device had a status) breaks the line. Every point carries its date and value as a tooltip.

import { h, s } from './dom.js';
import { checkName } from './format.js';

const W = 720, H = 230, LEFT = 40, RIGHT = 12, TOP = 12, BOTTOM = 26;
const PALETTE = ['#7c3aed', '#0891b2', '#d97706', '#db2777', '#65a30d', '#0d9488', '#9333ea', '#ea580c', '#4f46e5', '#be123c'];
const OVERALL = '$status';

export function trendChart(api) {
  let days = 30;
  let data = null;
  const shown = new Set();
  const figure = h('figure', { class: 'trend', 'aria-busy': 'true' });
  const legend = h('div', { class: 'trend-legend', role: 'group', 'aria-label': 'Checks to draw' });
  const ranges = [30, 90].map(n => h('button', {
    type: 'button', class: 'button small', 'aria-pressed': String(n === days), dataset: { days: n },
    onclick: () => { days = n; ranges.forEach(b => b.setAttribute('aria-pressed', String(Number(b.dataset.days) === n))); load(); },
  }, `${n} days`));
  const status = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const element = h('div', {}, h('div', { class: 'trend-controls', role: 'group', 'aria-label': 'Period' }, ...ranges), figure, legend, status);

  async function load() {
    figure.setAttribute('aria-busy', 'true');
    try {
      data = await api.get(`/evidence/trend?days=${days}`);
      status.textContent = '';
      draw();
    } catch (e) {
      status.textContent = `The trend could not be loaded: ${e.message}`;
    } finally {
      figure.setAttribute('aria-busy', 'false');
    }
  }

  function draw() {
    const points = data.days;
    const x = i => LEFT + (points.length < 2 ? (W - LEFT - RIGHT) / 2 : (i * (W - LEFT - RIGHT)) / (points.length - 1));
    const y = v => TOP + ((100 - v) * (H - TOP - BOTTOM)) / 100;
    const last = [...points].reverse().find(p => p.percentCompliant !== null);
    const summary = last
      ? `Fleet compliance over the last ${days} days; ${last.percentCompliant} % compliant on ${last.date}.`
      : `Fleet compliance over the last ${days} days; no device had a status in that time.`;
    const grid = [0, 25, 50, 75, 100].map(v => s('g', { class: 'trend-grid' },
      s('line', { x1: LEFT, x2: W - RIGHT, y1: y(v), y2: y(v) }),
      s('text', { x: LEFT - 6, y: y(v) + 4, 'text-anchor': 'end' }, `${v}%`)));
    const labels = [0, Math.floor((points.length - 1) / 2), points.length - 1].filter((i, n, all) => all.indexOf(i) === n)
      .map(i => s('text', { class: 'trend-axis', x: x(i), y: H - 6, 'text-anchor': i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle' }, points[i].date));
    const series = [OVERALL, ...data.checks.filter(c => shown.has(c))].map(id => line(id, points, x, y));
    figure.replaceChildren(
      s('svg', { class: 'trend-chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': summary, dataset: { days: points.length } },
        s('title', {}, summary), ...grid, ...labels, ...series.reverse()),
      h('figcaption', { class: 'muted small' }, summary));
    legend.replaceChildren(
      h('span', { class: 'trend-key overall' }, h('span', { class: 'swatch' }), 'Overall'),
      ...data.checks.map(id => h('button', {
        type: 'button', class: 'trend-key', 'aria-pressed': String(shown.has(id)), dataset: { check: id },
        style: `--series:${color(id)}`,
        onclick: () => { shown.has(id) ? shown.delete(id) : shown.add(id); draw(); },
      }, h('span', { class: 'swatch' }), checkName(id))));
  }

  function line(id, points, x, y) {
    const overall = id === OVERALL;
    const value = p => (overall ? p.percentCompliant : p.checks[id]) ?? null;
    let d = '';
    let open = false;
    points.forEach((p, i) => {
      const v = value(p);
      if (v === null) { open = false; return; }
      d += `${open ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      open = true;
    });
    const dots = points.flatMap((p, i) => value(p) === null ? [] : [s('circle', {
      class: 'trend-point', cx: x(i).toFixed(1), cy: y(value(p)).toFixed(1), r: overall ? 3.5 : 2.5,
      dataset: { series: id, date: p.date, value: value(p) },
    }, s('title', {}, `${overall ? 'Overall' : checkName(id)}, ${p.date}: ${value(p)} % compliant`))]);
    return s('g', { class: `trend-series${overall ? ' overall' : ''}`, style: `--series:${color(id)}`, dataset: { series: id } },
      s('path', { class: 'trend-line', d }), ...dots);
  }

  function color(id) {
    if (id === OVERALL) return 'var(--accent)';
    return PALETTE[Math.max(0, data.checks.indexOf(id)) % PALETTE.length];
  }

  load();
  return { element, period: () => data && { from: data.from, to: data.to } };
}

/** Opens the printable evidence report (GET /evidence?format=html) for the period in a new tab. */
export async function openEvidenceReport(api, period) {
  // Opened at once, inside the click, so no popup blocker objects; filled when the report has arrived.
  const tab = window.open('', '_blank');
  const query = period ? `&from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}` : '';
  const html = await api.get(`/evidence?format=html${query}`);
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  if (tab) {
    tab.opener = null;
    tab.location.href = url;
  } else {
    h('a', { href: url, download: 'fleet-evidence.html' }).click();
  }
}
