// Draws a RETURN TREE result ({vertices, edges}, docs/query-language.md) as an SVG graph: a small hand-written
// force layout (repulsion + springs + gravity, deterministic start, run to rest before drawing),
// nodes coloured by _class, non-compliant agents/devices ringed in red, verbs on the edges.
// Wheel zooms, dragging the background pans. Clicking a node (or Enter/Space on it) opens the entity: a device or
// its agent on the device page, a person in the devices list filtered to them, anything else in a panel of its
// properties below the drawing.

import { h, s } from './dom.js';

const KNOWN = { Person: '#2f6fed', Device: '#0f9d8a', HostAgent: '#7c4dde', User: '#e07b12', Application: '#d6337f', Account: '#5b6474' };
const PALETTE = ['#3a86a8', '#8a6d1f', '#4f7d32', '#a8453a', '#55609a', '#8c4f8c', '#2d7f6e', '#9a6a3c'];
const MAX_VERTICES = 600;

export function classColor(cls) {
  if (KNOWN[cls]) return KNOWN[cls];
  let hash = 0;
  for (const c of String(cls)) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  return PALETTE[Math.abs(hash) % PALETTE.length];
}

function isNonCompliant(vertex) {
  const p = vertex.properties ?? {};
  return p.compliant === false || vertex.entity?.compliant === false;
}

function labelOf(vertex) {
  const e = vertex.entity ?? {};
  const p = vertex.properties ?? {};
  return String(e.displayName ?? p.displayName ?? p.hostname ?? p.email ?? p.name ?? e._key ?? vertex.id);
}

/** Runs the layout in place: every node gets x, y. */
export function layout(nodes, links, iterations = 320) {
  const n = nodes.length;
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  // Start on a spiral grouped by class, so equal input gives an equal drawing.
  const classes = [...new Set(nodes.map(node => node.cls))];
  nodes.forEach((node, i) => {
    const angle = i * 2.399963 + classes.indexOf(node.cls);
    const radius = 30 * Math.sqrt(i + 1);
    node.x = Math.cos(angle) * radius;
    node.y = Math.sin(angle) * radius;
  });
  const pairs = links.map(l => [index.get(l.from), index.get(l.to)]).filter(([a, b]) => a !== undefined && b !== undefined);
  const ideal = 70;
  let temperature = 40;
  const dx = new Float64Array(n), dy = new Float64Array(n);
  for (let step = 0; step < iterations; step++) {
    dx.fill(0); dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        let d2 = x * x + y * y;
        if (d2 < 0.01) { x = 0.1 * (i - j); y = 0.1; d2 = x * x + y * y; }
        if (d2 > 16 * ideal * ideal) continue;
        const f = (ideal * ideal) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
    }
    for (const [a, b] of pairs) {
      const x = nodes[a].x - nodes[b].x, y = nodes[a].y - nodes[b].y;
      const d = Math.sqrt(x * x + y * y) || 0.01;
      const f = d / ideal;
      dx[a] -= x * f; dy[a] -= y * f; dx[b] += x * f; dy[b] += y * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] -= nodes[i].x * 0.06; dy[i] -= nodes[i].y * 0.06;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const move = Math.min(d, temperature);
      nodes[i].x += (dx[i] / d) * move;
      nodes[i].y += (dy[i] / d) * move;
    }
    temperature = Math.max(1, temperature * 0.985);
  }
}

/**
 * Lays out each connected component on its own, then packs the components in rows (largest first), so a result
 * of many small trees (a person, a laptop, its agent) fills the drawing instead of drifting apart.
 */
export function layoutPacked(nodes, links) {
  const parent = new Map(nodes.map(n => [n.id, n.id]));
  const find = id => { while (parent.get(id) !== id) { parent.set(id, parent.get(parent.get(id))); id = parent.get(id); } return id; };
  for (const l of links) parent.set(find(l.from), find(l.to));
  const groups = new Map();
  for (const n of nodes) {
    const root = find(n.id);
    if (!groups.has(root)) groups.set(root, { nodes: [], links: [] });
    groups.get(root).nodes.push(n);
  }
  for (const l of links) groups.get(find(l.from)).links.push(l);
  const components = [...groups.values()].sort((a, b) => b.nodes.length - a.nodes.length);
  const gap = 110;
  for (const c of components) {
    layout(c.nodes, c.links);
    const xs = c.nodes.map(n => n.x), ys = c.nodes.map(n => n.y);
    c.x0 = Math.min(...xs); c.y0 = Math.min(...ys);
    c.w = Math.max(...xs) - c.x0; c.h = Math.max(...ys) - c.y0;
  }
  const area = components.reduce((sum, c) => sum + (c.w + gap) * (c.h + gap), 0);
  const rowWidth = Math.max(components[0].w + gap, Math.sqrt(area) * 1.8);
  let x = 0, y = 0, rowHeight = 0;
  for (const c of components) {
    if (x > 0 && x + c.w > rowWidth) { x = 0; y += rowHeight + gap; rowHeight = 0; }
    for (const n of c.nodes) { n.x += x - c.x0; n.y += y - c.y0; }
    x += c.w + gap;
    rowHeight = Math.max(rowHeight, c.h);
  }
}

/** The dashboard page of an entity the dashboard has one for, else null (the panel shows it). */
export function entityRoute(vertex) {
  const e = vertex.entity ?? {};
  const key = String(e._key ?? '');
  const cls = e._class ?? '';
  if (cls === 'Device' && key.startsWith('device:')) return `#/devices/${encodeURIComponent(key.slice('device:'.length))}`;
  if (cls === 'HostAgent' && key.startsWith('agent:')) return `#/devices/${encodeURIComponent(key.slice('agent:'.length))}`;
  const email = vertex.properties?.email ?? (key.startsWith('person:') ? key.slice('person:'.length) : null);
  if (cls === 'Person' && email) return `#/devices?q=${encodeURIComponent(email)}`;
  return null;
}

/** Every property of an entity as text: its class, key and display name first. */
function entityPanel(vertex, onClose) {
  const e = vertex.entity ?? {};
  const rows = [['Class', e._class], ['Key', e._key], ['Name', e.displayName], ...Object.entries(vertex.properties ?? {})]
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => [h('dt', {}, name), h('dd', {}, typeof value === 'object' ? JSON.stringify(value) : String(value))]);
  const heading = h('h3', { tabindex: '-1' }, `${e._class ?? 'Entity'}: ${labelOf(vertex)}`);
  const panel = h('aside', { class: 'entity-panel', 'aria-label': 'Entity details' },
    h('div', { class: 'entity-panel-head' }, heading, h('button', { type: 'button', class: 'button subtle small', onclick: onClose }, 'Close')),
    h('dl', {}, rows));
  queueMicrotask(() => heading.focus());
  return panel;
}

export function renderGraph(tree) {
  const vertices = (tree?.vertices ?? []).slice(0, MAX_VERTICES);
  const nodes = vertices.map(v => ({ id: v.id, cls: v.entity?._class ?? 'Entity', label: labelOf(v), bad: isNonCompliant(v), vertex: v }));
  const known = new Set(nodes.map(node => node.id));
  const links = (tree?.edges ?? [])
    .map(e => ({ from: e.fromVertexId, to: e.toVertexId, verb: e.relationship?._class ?? '' }))
    .filter(l => known.has(l.from) && known.has(l.to));
  if (nodes.length === 0) return h('p', { class: 'empty' }, 'The query returned no entities.');
  layoutPacked(nodes, links);

  const byId = new Map(nodes.map(node => [node.id, node]));
  const xs = nodes.map(node => node.x), ys = nodes.map(node => node.y);
  const padX = 90, padY = 50; // labels are wider than tall
  const box = { x: Math.min(...xs) - padX, y: Math.min(...ys) - padY, w: Math.max(...xs) - Math.min(...xs) + 2 * padX, h: Math.max(...ys) - Math.min(...ys) + 2 * padY };
  box.w = Math.max(box.w, 480); box.h = Math.max(box.h, 200);

  const svg = s('svg', { class: 'graph', viewBox: `${box.x} ${box.y} ${box.w} ${box.h}`, role: 'group',
    style: `aspect-ratio: ${box.w} / ${box.h}`,
    'aria-label': `Graph of ${nodes.length} entities and ${links.length} relationships` },
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '19', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#9aa3b2' }))),
    s('g', { class: 'edges' }, links.map(l => {
      const a = byId.get(l.from), b = byId.get(l.to);
      return s('g', { class: 'edge' },
        s('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, 'marker-end': 'url(#arrow)' }),
        nodes.length <= 80 ? s('text', { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 3, class: 'edge-label' }, l.verb) : null);
    })),
    s('g', { class: 'nodes' }, nodes.map(node => s('g', {
      class: node.bad ? 'node noncompliant' : 'node', transform: `translate(${node.x},${node.y})`,
      dataset: { class: node.cls, id: node.id }, tabindex: '0', role: entityRoute(node.vertex) ? 'link' : 'button',
      'aria-label': `${node.cls}: ${node.label}${node.bad ? ' (non-compliant)' : ''}`,
      onclick: () => open(node),
      onkeydown: e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(node); } },
    },
      s('title', {}, `${node.cls}: ${node.label}${node.bad ? ' (non-compliant)' : ''}`),
      node.bad ? s('circle', { r: 16, class: 'halo' }) : null,
      s('circle', { r: 10, fill: classColor(node.cls) }),
      s('text', { y: 24, class: 'node-label' }, node.label.length > 20 ? node.label.slice(0, 19) + '…' : node.label)))));

  enablePanZoom(svg, box);
  const classes = [...new Set(nodes.map(node => node.cls))].sort();
  const legend = h('ul', { class: 'legend', 'aria-label': 'Legend' },
    classes.map(cls => h('li', {}, h('span', { class: 'swatch', style: `background:${classColor(cls)}` }), cls,
      h('span', { class: 'muted' }, ` ${nodes.filter(node => node.cls === cls).length}`))),
    nodes.some(node => node.bad) ? h('li', {}, h('span', { class: 'swatch ring' }), 'non-compliant') : null);
  const note = (tree?.vertices?.length ?? 0) > MAX_VERTICES
    ? h('p', { class: 'muted' }, `Drawing the first ${MAX_VERTICES} of ${tree.vertices.length} entities; the table and JSON views have all of them.`) : null;
  const details = h('div', { class: 'entity-details' });
  function open(node) {
    const route = entityRoute(node.vertex);
    if (route) { location.hash = route; return; }
    const back = () => { details.replaceChildren(); svg.querySelector(`.node[data-id="${CSS.escape(node.id)}"]`)?.focus(); };
    details.replaceChildren(entityPanel(node.vertex, back));
  }
  const hint = h('p', { class: 'muted small' }, 'Click a node, or Tab to it and press Enter, to open it.');
  return h('div', { class: 'graph-view' }, legend, note, svg, hint, details);
}

function enablePanZoom(svg, box) {
  const view = { ...box };
  const apply = () => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
  svg.addEventListener('wheel', e => {
    e.preventDefault();
    const factor = e.deltaY > 0 ? 1.15 : 1 / 1.15;
    const rect = svg.getBoundingClientRect();
    const px = view.x + ((e.clientX - rect.left) / rect.width) * view.w;
    const py = view.y + ((e.clientY - rect.top) / rect.height) * view.h;
    view.x = px - (px - view.x) * factor; view.y = py - (py - view.y) * factor;
    view.w *= factor; view.h *= factor;
    apply();
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', e => {
    if (e.target.closest?.('.node')) return; // a node is clicked, not dragged: capturing here would steal its click
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y }; svg.setPointerCapture(e.pointerId); });
  svg.addEventListener('pointermove', e => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    view.x = drag.vx - ((e.clientX - drag.x) / rect.width) * view.w;
    view.y = drag.vy - ((e.clientY - drag.y) / rect.height) * view.h;
    apply();
  });
  svg.addEventListener('pointerup', () => { drag = null; });
}
