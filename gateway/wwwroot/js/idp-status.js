// People's status in the identity provider (SCIM, docs/scim.md): one GET /scim/status, shared by the pages
// for a short while, and a badge that says "IdP: active" or "IdP: deactivated" next to a person.

import { h } from './dom.js';

const FRESH_MS = 15000;
let cached = null;

/** {endpoint, users, groups, people: Map(email → {userName, active, lastModifiedOn})}; null when it cannot be read. */
export async function idpStatus(api, { fresh = false } = {}) {
  if (!fresh && cached && cached.key === api.key && Date.now() - cached.at < FRESH_MS) return cached.value;
  const promise = api.get('/scim/status').then(answer => ({
    ...answer,
    people: new Map((answer.people ?? []).map(p => [String(p.email).toLowerCase(), p])),
  })).catch(() => null);
  cached = { key: api.key, at: Date.now(), value: promise };
  return promise;
}

/** The badge for one e-mail, or nothing when the IdP does not know the person. */
export function idpBadge(status, email) {
  const person = status?.people?.get(String(email ?? '').toLowerCase());
  if (!person) return null;
  return person.active
    ? h('span', { class: 'idp-badge active', title: `In the identity provider as ${person.userName}` }, 'IdP: active')
    : h('span', { class: 'idp-badge inactive', title: `Deactivated in the identity provider (${person.userName})` }, 'IdP: deactivated');
}
