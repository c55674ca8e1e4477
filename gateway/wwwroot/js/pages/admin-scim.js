// Admin → Identity provider (SCIM): the endpoint to give Okta or Entra ID, what the directory holds, and the steps
// to connect each (docs/scim.md). Its own section, so the rest of the admin page does not depend on it.

import { h } from '../dom.js';
import { idpStatus } from '../idp-status.js';

export function scimSection(api) {
  const endpoint = h('code', { id: 'scim-endpoint' }, '…');
  const copy = h('button', { type: 'button', class: 'button', id: 'scim-copy' }, 'Copy');
  const counts = h('p', { class: 'muted small', role: 'status', id: 'scim-counts' }, 'Loading…');

  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(endpoint.textContent);
      copy.textContent = 'Copied';
    } catch {
      copy.textContent = 'Select and copy';
    }
  });

  idpStatus(api, { fresh: true }).then(status => {
    if (!status) { counts.textContent = 'The directory could not be read.'; return; }
    endpoint.textContent = status.endpoint;
    const inactive = [...status.people.values()].filter(p => !p.active).length;
    counts.textContent = status.users === 0
      ? 'No identity provider has provisioned anyone yet.'
      : `${status.users} user${status.users === 1 ? '' : 's'} (${inactive} deactivated), ${status.groups} group${status.groups === 1 ? '' : 's'} provisioned.`;
  });

  return h('section', { class: 'card', id: 'scim' },
    h('h2', {}, 'Identity provider (SCIM)'),
    h('p', { class: 'muted small' }, 'Your identity provider keeps Fleet\'s people current: it creates, updates and deactivates users here, and each becomes a User linked to the person who owns the devices.'),
    h('div', { class: 'scim-endpoint' }, h('span', { class: 'strong' }, 'SCIM base URL '), endpoint, ' ', copy),
    h('p', { class: 'small' }, 'Authentication: an API key of this account as the bearer token (Authorization: Bearer <key>).'),
    counts,
    h('div', { class: 'grid-2' },
      h('div', { id: 'scim-okta' }, h('h3', {}, 'Okta'), h('ol', { class: 'small' },
        h('li', {}, 'Open (or create) the Fleet app integration and enable SCIM provisioning on General.'),
        h('li', {}, 'Provisioning → Integration: SCIM connector base URL as above, unique identifier field userName, actions Push New Users, Push Profile Updates, Push Groups, authentication HTTP Header with the key.'),
        h('li', {}, 'Provisioning → To App: enable Create Users, Update User Attributes, Deactivate Users.'),
        h('li', {}, 'Assign people or groups to the app.'))),
      h('div', { id: 'scim-entra' }, h('h3', {}, 'Microsoft Entra ID'), h('ol', { class: 'small' },
        h('li', {}, 'Enterprise applications → New application → Create your own application (non-gallery).'),
        h('li', {}, 'Provisioning → Automatic: Tenant URL as above, Secret Token the key; Test Connection.'),
        h('li', {}, 'Keep the default attribute mappings (userPrincipalName → userName, mail → work e-mail, active, objectId → externalId).'),
        h('li', {}, 'Assign users and groups and turn Provisioning Status on.')))),
    h('p', { class: 'small' }, 'Then ask the query console: ', h('code', {}, 'FIND Person THAT IS User WITH active=false THAT OWNS Device'), ' — people the IdP deactivated who still have a laptop.'));
}
