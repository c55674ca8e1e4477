// The fleet as the dashboard knows it: every device summary, loaded with ONE request (GET /devices)
// and kept current by the hub's deviceChanged / agentConnectivityChanged events. Overview and Devices
// render from here, so switching between them costs no request and both change live.

export function complianceOf(device) {
  if (device.compliant === true) return 'compliant';
  if (!device.status || device.status === 'UNKNOWN') return 'unknown';
  return 'noncompliant';
}

export function failingOf(device) {
  return Array.isArray(device.failing) ? device.failing : [];
}

export class FleetStore extends EventTarget {
  devices = new Map();
  loaded = false;
  error = null;
  #api;
  #loading = null;

  constructor(api, live) {
    super();
    this.#api = api;
    live.listen('deviceChanged', d => this.#apply(d));
    live.listen('agentConnectivityChanged', c => this.#connectivity(c));
    live.listen('reconnected', () => this.reload());
  }

  load() {
    return this.loaded ? Promise.resolve() : (this.#loading ??= this.reload());
  }

  async reload() {
    try {
      const answer = await this.#api.get('/devices');
      const list = Array.isArray(answer) ? answer : answer?.devices ?? answer?.items ?? [];
      this.devices = new Map(list.map(d => [d.id, d]));
      this.loaded = true;
      this.error = null;
    } catch (e) {
      this.error = e;
    } finally {
      this.#loading = null;
    }
    this.dispatchEvent(new CustomEvent('reset'));
  }

  #apply(payload) {
    const device = payload?.device ?? payload;
    if (!device?.id) return;
    const merged = { ...(this.devices.get(device.id) ?? {}), ...device };
    this.devices.set(device.id, merged);
    this.dispatchEvent(new CustomEvent('change', { detail: { device: merged, kind: 'compliance' } }));
  }

  #connectivity(payload) {
    const id = payload?.deviceId ?? payload?.id;
    const known = this.devices.get(id);
    if (!known) return;
    const merged = { ...known, online: payload.online, lastSeenOn: payload.at ?? payload.lastSeenOn ?? known.lastSeenOn };
    this.devices.set(id, merged);
    this.dispatchEvent(new CustomEvent('change', { detail: { device: merged, kind: 'connectivity' } }));
  }

  counts() {
    const counts = { total: 0, compliant: 0, noncompliant: 0, unknown: 0, offline: 0 };
    for (const d of this.devices.values()) {
      counts.total++;
      counts[complianceOf(d)]++;
      if (d.online === false) counts.offline++;
    }
    return counts;
  }

  failuresPerCheck() {
    const perCheck = new Map();
    for (const d of this.devices.values()) for (const id of failingOf(d)) perCheck.set(id, (perCheck.get(id) ?? 0) + 1);
    return [...perCheck.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  /** Adds listeners for reset and change; returns the function that removes them. */
  watch(onReset, onChange) {
    const reset = () => onReset();
    const change = e => onChange(e.detail.device, e.detail.kind);
    this.addEventListener('reset', reset);
    this.addEventListener('change', change);
    return () => { this.removeEventListener('reset', reset); this.removeEventListener('change', change); };
  }
}
