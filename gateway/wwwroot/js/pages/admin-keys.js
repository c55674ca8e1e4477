// Admin → API keys: create a key (shown once, to copy), list keys (name, created, last used; never a key),
// delete a key (refused at once everywhere; its open dashboards close). The last key cannot be deleted.

import { h } from '../dom.js';
import { when } from '../format.js';
import { problemMessages } from '../api.js';

export function apiKeysSection(api) {
  const name = h('input', { id: 'api-key-name', placeholder: 'e.g. CI pipeline', maxlength: 100, required: true });
  const status = h('p', { class: 'muted small', role: 'status', id: 'api-keys-status' });
  const shown = h('div', { id: 'api-key-created' });
  const body = h('div', {});
  const form = h('form', { id: 'api-key-form' },
    h('label', { for: 'api-key-name' }, 'New key name'), name,
    h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'button primary' }, 'Create key')), status, shown);
  const element = h('section', { class: 'card', id: 'api-keys' }, h('h2', {}, 'API keys'),
    h('p', { class: 'muted small' }, 'A key is shown once, when it is created. Deleting a key refuses it at once, everywhere.'), form, body);
  let disposed = false;

  async function load() {
    try {
      const keys = await api.get('/api-keys');
      if (!disposed) render(keys);
    } catch (error) {
      if (!disposed) body.replaceChildren(h('p', { class: 'muted small' }, problemMessages(error).join(' ')));
    }
  }

  function render(keys) {
    body.replaceChildren(h('div', { class: 'table-scroll' }, h('table', { class: 'table compact', id: 'api-keys-table' },
      h('thead', {}, h('tr', {}, ['Name', 'Created', 'Last used', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, keys.map(key => h('tr', { 'data-key-id': key.id },
        h('td', {}, key.name),
        h('td', { class: 'nowrap' }, when(key.createdOn)),
        h('td', { class: 'nowrap' }, key.lastUsedOn ? when(key.lastUsedOn) : 'never'),
        h('td', {}, h('button', { type: 'button', class: 'button small danger', 'aria-label': `Delete key ${key.name}`, onclick: () => remove(key) }, 'Delete'))))))));
  }

  async function remove(key) {
    if (!confirm(`Delete the key "${key.name}"? Everything using it stops working at once.`)) return;
    status.textContent = 'Deleting…';
    try {
      await api.del(`/api-keys/${encodeURIComponent(key.id)}`);
      status.textContent = `Deleted "${key.name}".`;
      await load();
    } catch (error) {
      status.textContent = problemMessages(error).join(' ');
    }
  }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    status.textContent = 'Creating…';
    try {
      const created = await api.post('/api-keys', { name: name.value.trim() });
      name.value = '';
      status.textContent = `Created "${created.name}". Copy the key now: it is not shown again.`;
      shown.replaceChildren(h('code', { class: 'secret', id: 'api-key-value' }, created.apiKey));
      await load();
    } catch (error) {
      status.textContent = problemMessages(error).join(' ');
    }
  });

  return { element, load, dispose: () => { disposed = true; } };
}
