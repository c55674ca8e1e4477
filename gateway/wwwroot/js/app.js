// Entry point: sign-in (the account key lives in sessionStorage only), the hash router, the live
// connection and the fleet store shared by the pages. Each page module exports
// mount(main, context, ...routeParams) and returns its unmount function.

import { createApi, ApiError } from './api.js';
import { Live } from './live.js';
import { FleetStore } from './fleet-store.js';
import { $ } from './dom.js';
import * as overview from './pages/overview.js';
import * as devices from './pages/devices.js';
import * as device from './pages/device.js';
import * as query from './pages/query.js';
import * as alerts from './pages/alerts.js';
import * as admin from './pages/admin.js';

const KEY = 'fleet.apiKey';
const ROUTES = [
  [/^\/overview$/, overview, 'overview'],
  [/^\/devices$/, devices, 'devices'],
  [/^\/devices\/([^/]+)$/, device, 'devices'],
  [/^\/query$/, query, 'query'],
  [/^\/alerts$/, alerts, 'alerts'],
  [/^\/admin$/, admin, 'admin'],
];

let context = null;
let unmount = null;

function showSignIn(message) {
  context?.live.stop();
  context = null;
  unmount?.();
  unmount = null;
  $('#shell').hidden = true;
  $('#sign-in').hidden = false;
  const error = $('#sign-in-error');
  error.textContent = message ?? '';
  error.hidden = !message;
  $('#api-key').focus();
}

function signOut(message) {
  sessionStorage.removeItem(KEY);
  showSignIn(message);
}

async function signIn(key) {
  const api = createApi(key);
  // One cheap authenticated call proves the key before the shell opens.
  await api.get('/settings');
  sessionStorage.setItem(KEY, key);
  start(key);
}

function start(key) {
  const api = createApi(key, () => signOut('Your key was not accepted any more. Sign in again.'));
  const live = new Live();
  const store = new FleetStore(api, live);
  context = { api, live, store };
  const status = $('#live-status');
  const labels = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };
  live.addEventListener('state', e => {
    status.dataset.state = e.detail;
    status.querySelector('.live-text').textContent = labels[e.detail] ?? e.detail;
  });
  live.start(key);
  store.load();
  $('#sign-in').hidden = true;
  $('#shell').hidden = false;
  route();
}

function route() {
  if (!context) return;
  // '#/devices?status=offline': the part after '?' belongs to the page (devices.js reads its filter there).
  const path = location.hash.replace(/^#/, '').split('?')[0] || '/overview';
  const match = ROUTES.map(([pattern, page, nav]) => [pattern.exec(path), page, nav]).find(([m]) => m);
  if (!match) { location.hash = '#/overview'; return; }
  const [m, page, nav] = match;
  unmount?.();
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const main = $('#main');
  main.replaceChildren();
  unmount = page.mount(main, context, ...m.slice(1).map(decodeURIComponent)) ?? null;
  document.title = `${page.title ?? 'Fleet'} · Fleet`;
}

document.addEventListener('DOMContentLoaded', () => {
  $('#sign-in-form').addEventListener('submit', async e => {
    e.preventDefault();
    const key = $('#api-key').value.trim();
    const button = e.submitter ?? $('#sign-in-form button');
    button.disabled = true;
    try {
      await signIn(key);
      $('#api-key').value = '';
    } catch (error) {
      showSignIn(error instanceof ApiError && (error.status === 401 || error.status === 403)
        ? 'That key was not accepted. Use an account API key (not the operator key).'
        : error.message);
    } finally {
      button.disabled = false;
    }
  });
  $('#sign-out').addEventListener('click', () => signOut());
  window.addEventListener('hashchange', route);
  const saved = sessionStorage.getItem(KEY);
  if (saved) start(saved);
  else showSignIn();
});
