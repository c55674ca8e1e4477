// Admin: the policy (YAML editor; an invalid policy is refused whole and every error is marked at
// its line), the agent settings, and invites (enter e-mail addresses, see each invite's status).
// Policy, settings and invites load in parallel (one round trip).

import { h } from '../dom.js';
import { when } from '../format.js';
import { problemMessages } from '../api.js';
import { CodeEditor } from '../code-editor.js';
import { apiKeysSection } from './admin-keys.js';
import { deviceRemovalSection } from './admin-devices.js';
import { scimSection } from './admin-scim.js';

export const title = 'Admin';

export function mount(main, { api }) {
  const policyEditor = new CodeEditor({ id: 'policy-editor', label: 'Policy (YAML or JSON)', rows: 12, maxRows: 28 });
  const policyStatus = h('span', { class: 'muted small', role: 'status', id: 'policy-status' });
  const savePolicy = h('button', { type: 'button', class: 'button primary', id: 'save-policy' }, 'Save policy');

  const scan = h('input', { id: 'scan-interval', type: 'number', min: 60, max: 86400, step: 1 });
  const offline = h('input', { id: 'offline-after', type: 'number', min: 30, max: 86400, step: 1 });
  const minAgent = h('input', { id: 'min-agent-version', placeholder: 'e.g. 1.4.0 (optional)' });
  const settingsStatus = h('p', { class: 'muted small', role: 'status' });
  const settingsForm = h('form', { class: 'settings-form', id: 'settings-form' },
    field('Scan interval (seconds)', scan, 'How often agents collect and report, 60 – 86,400.'),
    field('Offline after (seconds)', offline, 'A device without stream or heartbeat this long is offline.'),
    field('Minimum agent version', minAgent, 'Older agents are told to upgrade.'),
    h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'button primary' }, 'Save settings')), settingsStatus);

  const emails = h('textarea', { id: 'invite-emails', rows: 3, placeholder: 'ann@example.test, bob@example.test', 'aria-describedby': 'invite-hint' });
  const inviteStatus = h('p', { class: 'muted small', role: 'status' });
  const inviteForm = h('form', { id: 'invite-form' },
    h('label', { for: 'invite-emails' }, 'E-mail addresses'), emails,
    h('p', { class: 'hint', id: 'invite-hint' }, 'One invite per address, separated by commas, spaces or new lines. Each person gets an e-mail with a one-time enrolment code.'),
    h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'button primary' }, 'Send invites')), inviteStatus);
  const invitesBody = h('div', {});
  const keys = apiKeysSection(api);
  const removal = deviceRemovalSection(api);

  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Admin')),
    h('section', { class: 'card', id: 'policy' },
      h('div', { class: 'section-head' }, h('h2', {}, 'Policy'), h('div', { class: 'head-actions' }, policyStatus, savePolicy)),
      h('p', { class: 'muted small' }, 'Stethoscope-compatible YAML or JSON. Saving re-evaluates every device at once.'),
      policyEditor.element),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card', id: 'settings' }, h('h2', {}, 'Settings'), settingsForm),
      h('section', { class: 'card', id: 'invites' }, h('h2', {}, 'Invites'), inviteForm, invitesBody)),
    h('div', { class: 'grid-2' }, keys.element, removal.element),
    scimSection(api));

  let disposed = false;


  async function load() {
    const [policy, settings, invites] = await Promise.allSettled([api.get('/policy'), api.get('/settings'), api.get('/invites')]);
    if (disposed) return;
    if (policy.status === 'fulfilled') {
      // {version, policy: the text as saved, format, updatedOn}
      policyEditor.value = policy.value.policy ?? '';
      policyStatus.textContent = policy.value.version ? `Version ${policy.value.version}${policy.value.updatedOn ? `, saved ${when(policy.value.updatedOn)}` : ''}` : 'No policy saved yet';
    } else policyStatus.textContent = problemMessages(policy.reason).join(' ');
    if (settings.status === 'fulfilled') {
      scan.value = settings.value.scanIntervalSeconds ?? '';
      offline.value = settings.value.offlineAfterSeconds ?? '';
      minAgent.value = settings.value.minAgentVersion ?? '';
    } else settingsStatus.textContent = problemMessages(settings.reason).join(' ');
    renderInvites(invites.status === 'fulfilled' ? invites.value : null, invites.status === 'rejected' ? invites.reason : null);
  }

  savePolicy.addEventListener('click', async () => {
    savePolicy.disabled = true;
    policyStatus.textContent = 'Saving…';
    const text = policyEditor.value;
    const json = text.trimStart().startsWith('{');
    try {
      const answer = await api.put('/policy', text, json ? 'application/json' : 'application/yaml');
      policyEditor.clearErrors();
      policyStatus.textContent = answer?.version !== undefined ? `Saved: version ${answer.version}` : 'Saved';
    } catch (error) {
      const positioned = Array.isArray(error.problem?.errors) ? error.problem.errors : [];
      policyEditor.showErrors(positioned.length ? positioned : [{ line: 0, message: problemMessages(error).join(' ') }]);
      policyStatus.textContent = positioned.length ? `Not saved: ${positioned.length} problem${positioned.length === 1 ? '' : 's'}` : 'Not saved';
      if (positioned[0]) policyEditor.focusAt(positioned[0].line, positioned[0].column);
    } finally {
      savePolicy.disabled = false;
    }
  });

  settingsForm.addEventListener('submit', async e => {
    e.preventDefault();
    settingsStatus.textContent = 'Saving…';
    try {
      await api.put('/settings', {
        scanIntervalSeconds: Number(scan.value), offlineAfterSeconds: Number(offline.value),
        minAgentVersion: minAgent.value.trim() || null,
      });
      settingsStatus.textContent = 'Saved. Connected agents get the new settings now.';
    } catch (error) {
      settingsStatus.textContent = problemMessages(error).join(' ');
    }
  });

  inviteForm.addEventListener('submit', async e => {
    e.preventDefault();
    const list = emails.value.split(/[\s,;]+/).map(x => x.trim()).filter(Boolean);
    if (!list.length) { inviteStatus.textContent = 'Enter at least one e-mail address.'; return; }
    inviteStatus.textContent = 'Sending…';
    try {
      const created = await api.post('/invites', { emails: list });
      const unmailed = created.filter(i => !i.mailed);
      inviteStatus.textContent = `Created ${created.length} invite${created.length === 1 ? '' : 's'}.` +
        (unmailed.length ? ` ${unmailed.length} could not be e-mailed: ${unmailed.map(i => `${i.email} (${i.mailError ?? 'mail failed'})`).join('; ')}` : '');
      emails.value = '';
      const invites = await api.get('/invites');
      if (!disposed) renderInvites(invites, null);
    } catch (error) {
      inviteStatus.textContent = problemMessages(error).join(' ');
    }
  });

  function renderInvites(answer, error) {
    if (error) { invitesBody.replaceChildren(h('p', { class: 'muted small' }, problemMessages(error).join(' '))); return; }
    const invites = Array.isArray(answer) ? answer : [];
    invitesBody.replaceChildren(invites.length === 0 ? h('p', { class: 'empty small' }, 'No invites yet.')
      : h('div', { class: 'table-scroll invites-scroll' }, h('table', { class: 'table compact', id: 'invites-table' },
        h('thead', {}, h('tr', {}, ['E-mail', 'Status', 'Used / expires'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, invites.map(invite => h('tr', {},
          h('td', { title: `sent ${short(invite.createdAt)}` }, invite.email),
          h('td', {}, h('span', { class: `badge ${inviteClass(invite.status)}` }, invite.status)),
          h('td', { class: 'nowrap' }, invite.status === 'used' && invite.deviceId
            ? h('a', { href: `#/devices/${encodeURIComponent(invite.deviceId)}` }, `used ${short(invite.usedAt)}`)
            : `expires ${short(invite.expiresAt)}`)))))),
      h('p', { class: 'hint' }, `${invites.filter(i => i.status === 'pending').length} pending · ${invites.filter(i => i.status === 'used').length} used · ${invites.filter(i => i.status === 'expired').length} expired`));
  }

  load();
  keys.load();
  removal.load();
  return () => { disposed = true; keys.dispose(); removal.dispose(); };
}

const shortDate = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

function short(value) {
  return value ? shortDate.format(new Date(value)) : '—';
}

function inviteClass(status) {
  return status === 'used' ? 'compliant' : status === 'expired' ? 'noncompliant' : 'unknown';
}

function field(label, input, hint) {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input, hint ? h('span', { class: 'hint' }, hint) : null);
}
