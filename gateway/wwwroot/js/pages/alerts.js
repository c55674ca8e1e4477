// Alerts: the live feed of alert instances (raised / resolved pushed by the hub, dismiss by a
// person) and the rules that raise them, with an editor for new rules. Rules and alerts load in
// parallel (one round trip).

import { h } from '../dom.js';
import { ago } from '../format.js';
import { problemMessages } from '../api.js';
import { CodeEditor } from '../code-editor.js';

export const title = 'Alerts';

export function mount(main, { api, live }) {
  const feed = h('div', {});
  const rulesBody = h('div', {});
  const formHost = h('div', {});
  const newRule = h('button', { type: 'button', class: 'button primary', id: 'new-rule' }, 'New rule');
  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, 'Alerts'), h('p', { class: 'muted' }, 'Rules are saved questions; an alert is raised the moment a rule’s answer meets its condition.')),
    h('section', { class: 'card' }, h('h2', {}, 'Alert feed'), feed),
    h('section', { class: 'card' }, h('div', { class: 'section-head' }, h('h2', {}, 'Rules'), newRule), formHost, rulesBody));

  let alerts = [];
  let rules = [];
  let disposed = false;
  const listOf = answer => answer?.data ?? [];

  async function load() {
    const [a, r] = await Promise.allSettled([api.get('/alerts'), api.get('/alert-rules')]);
    if (disposed) return;
    alerts = a.status === 'fulfilled' ? listOf(a.value) : [];
    rules = r.status === 'fulfilled' ? listOf(r.value) : [];
    renderFeed(a.status === 'rejected' ? a.reason : null);
    renderRules(r.status === 'rejected' ? r.reason : null);
  }

  function ruleName(alert) {
    return alert.rule?.name ?? rules.find(r => r.id === alert.rule?.id)?.name ?? 'Alert';
  }

  function renderFeed(error) {
    if (error) { feed.replaceChildren(h('p', { class: 'banner error' }, problemMessages(error).join(' '))); return; }
    const sorted = [...alerts].sort((x, y) => (x.status === 'ACTIVE' ? 0 : 1) - (y.status === 'ACTIVE' ? 0 : 1)
      || new Date(y.raisedOn) - new Date(x.raisedOn));
    feed.replaceChildren(sorted.length === 0
      ? h('p', { class: 'empty small' }, 'No alerts. New ones appear here live.')
      : h('ul', { class: 'alert-list', 'aria-live': 'polite' }, sorted.map(alert => {
        const status = alert.status ?? 'ACTIVE';
        const dismiss = status === 'ACTIVE'
          ? h('button', { type: 'button', class: 'button small', onclick: async e => {
            e.target.disabled = true;
            try { Object.assign(alert, await api.post(`/alerts/${encodeURIComponent(alert.id)}/dismiss`, {})); renderFeed(); }
            catch (err) { e.target.disabled = false; e.target.title = problemMessages(err).join(' '); }
          } }, 'Dismiss') : null;
        const count = alert.count;
        return h('li', { class: `alert-item ${status.toLowerCase()}`, dataset: { alertId: alert.id } },
          h('span', { class: `badge ${status === 'ACTIVE' ? 'noncompliant' : 'unknown'}` }, status.toLowerCase()),
          h('div', { class: 'alert-text' }, h('strong', {}, ruleName(alert)),
            h('span', { class: 'muted small' }, [
              `raised ${ago(alert.raisedOn)}`,
              alert.endedOn ? `${status === 'DISMISSED' ? 'dismissed' : 'cleared'} ${ago(alert.endedOn)}` : null,
              alert.dismissedBy ? `by ${alert.dismissedBy}` : null,
              count !== undefined ? `${count} matching` : null,
            ].filter(Boolean).join(' · '))),
          dismiss);
      })));
  }

  function renderRules(error) {
    if (error) { rulesBody.replaceChildren(h('p', { class: 'banner error' }, problemMessages(error).join(' '))); return; }
    rulesBody.replaceChildren(rules.length === 0
      ? h('p', { class: 'empty small' }, 'No rules yet.')
      : h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, ['Name', 'Query', 'Condition', 'Actions', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rules.map(rule => h('tr', { dataset: { ruleId: rule.id } },
          h('td', { class: 'strong' }, rule.name),
          h('td', {}, h('code', { class: 'query-snippet' }, rule.query)),
          h('td', {}, rule.condition || 'result count > 0'),
          h('td', {}, ['dashboard', ...(rule.actions ?? []).map(a => a.type === 'WEBHOOK' ? `webhook ${a.endpoint}` : `e-mail ${(a.recipients ?? []).join(', ')}`)].join(' · ')),
          h('td', { class: 'actions' },
            h('button', { type: 'button', class: 'button small', onclick: () => openForm(rule) }, 'Copy'),
            h('button', { type: 'button', class: 'button small danger', onclick: async e => {
              if (!confirm(`Delete rule “${rule.name}”?`)) return;
              e.target.disabled = true;
              try { await api.del(`/alert-rules/${encodeURIComponent(rule.id)}`); rules = rules.filter(r => r !== rule); renderRules(); }
              catch (err) { e.target.disabled = false; alert(problemMessages(err).join(' ')); }
            } }, 'Delete')))))));
  }

  function openForm(template) {
    const name = h('input', { id: 'rule-name', required: true, value: template?.name ? `${template.name} (copy)` : '' });
    const query = new CodeEditor({ id: 'rule-query', label: 'Query', rows: 3, value: template?.query ?? 'FIND HostAgent WITH compliant = false' });
    const condition = h('input', { id: 'rule-condition', placeholder: 'result count > 0', value: template?.condition ?? '' });
    const webhook = h('input', { id: 'rule-webhook', type: 'url', placeholder: 'https://hooks.example.test/fleet (optional)',
      value: template?.actions?.find(a => a.type === 'WEBHOOK')?.endpoint ?? '' });
    const emails = h('input', { id: 'rule-emails', placeholder: 'security@example.test, … (optional)',
      value: (template?.actions?.find(a => a.type === 'EMAIL')?.recipients ?? []).join(', ') });
    const newOnly = h('input', { type: 'checkbox', id: 'rule-new-only', checked: template?.triggerOnNewOnly ?? false });
    const errors = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const form = h('form', { class: 'rule-form' },
      h('div', { class: 'form-grid' },
        field('Name', name), field('Condition', condition), field('Webhook', webhook), field('E-mail recipients', emails)),
      h('label', { for: 'rule-query' }, 'Query'), query.element,
      h('label', { class: 'toggle' }, newOnly, ' Trigger only on new results'),
      errors,
      h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'button primary' }, 'Save rule'),
        h('button', { type: 'button', class: 'button subtle', onclick: () => formHost.replaceChildren() }, 'Cancel')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      const actions = [];
      if (webhook.value.trim()) actions.push({ type: 'WEBHOOK', endpoint: webhook.value.trim() });
      const recipients = emails.value.split(/[\s,;]+/).filter(Boolean);
      if (recipients.length) actions.push({ type: 'EMAIL', recipients });
      const body = { name: name.value.trim(), query: query.value, actions, triggerOnNewOnly: newOnly.checked };
      if (condition.value.trim()) body.condition = condition.value.trim();
      try {
        const created = await api.post('/alert-rules', body);
        const { secret, ...rule } = created;
        rules = [...rules, rule];
        // The webhook signing secret is shown once, as the API returns it once.
        formHost.replaceChildren(actions.some(a => a.type === 'WEBHOOK') && secret
          ? h('p', { class: 'banner info' }, 'Rule saved. Its webhook signing secret (shown only now): ', h('code', {}, secret)) : '');
        renderRules();
        load();
      } catch (err) {
        errors.replaceChildren(...problemMessages(err).map(m => h('span', { class: 'block' }, m)));
        errors.hidden = false;
      }
    });
    formHost.replaceChildren(form);
    name.focus();
  }

  newRule.addEventListener('click', () => openForm(null));
  const upsert = alert => {
    if (!alert?.id) return;
    const i = alerts.findIndex(a => a.id === alert.id);
    if (i >= 0) alerts[i] = { ...alerts[i], ...alert }; else alerts.unshift(alert);
    renderFeed();
  };
  const stops = [live.listen('alertRaised', upsert), live.listen('alertResolved', upsert), live.listen('reconnected', load)];
  load();
  return () => { disposed = true; stops.forEach(stop => stop()); };
}

function field(label, input) {
  return h('div', { class: 'field' }, h('label', { for: input.id }, label), input);
}

