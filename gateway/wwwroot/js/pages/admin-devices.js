// Admin → Remove a device (a lost or retired laptop): it leaves lists, graph and standing queries, its agent is
// disconnected and its token refused. Only a new invite enrolls that machine again.

import { h } from '../dom.js';
import { problemMessages } from '../api.js';

export function deviceRemovalSection(api) {
  const status = h('p', { class: 'muted small', role: 'status', id: 'device-removal-status' });
  const body = h('div', {});
  const element = h('section', { class: 'card', id: 'device-removal' }, h('h2', {}, 'Remove a device'),
    h('p', { class: 'muted small' }, 'A removed device disconnects at once and its agent token stops working; only a new invite enrolls it again.'),
    body, status);
  let disposed = false;

  async function load() {
    try {
      const answer = await api.get('/devices');
      if (!disposed) render(answer.devices ?? []);
    } catch (error) {
      if (!disposed) body.replaceChildren(h('p', { class: 'muted small' }, problemMessages(error).join(' ')));
    }
  }

  function render(devices) {
    body.replaceChildren(devices.length === 0 ? h('p', { class: 'empty small' }, 'No devices.')
      : h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'device-removal-table' },
        h('thead', {}, h('tr', {}, ['Device', 'Person', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, devices.map(device => h('tr', { 'data-device-id': device.id },
          h('td', {}, device.hostname),
          h('td', {}, device.person ?? '—'),
          h('td', {}, h('button', { type: 'button', class: 'button small danger', 'aria-label': `Remove device ${device.hostname}`, onclick: () => remove(device) }, 'Remove'))))))));
  }

  async function remove(device) {
    if (!confirm(`Remove ${device.hostname}? Its agent is disconnected and must be enrolled again with a new invite.`)) return;
    status.textContent = 'Removing…';
    try {
      await api.del(`/devices/${encodeURIComponent(device.id)}`);
      status.textContent = `Removed ${device.hostname}.`;
      await load();
    } catch (error) {
      status.textContent = problemMessages(error).join(' ');
    }
  }

  return { element, load, dispose: () => { disposed = true; } };
}
