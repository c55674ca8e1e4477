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

// deviceChanged carries only {deviceId, oldStatus, newStatus, compliant, changedChecks, failing, at}: the store fetches
// the changed device's summary (GET /devices/{id}), a few at a time; when more than BULK changes queue up at
// once, one GET /devices is cheaper than many single reads. devicesChanged ({changes: [...]}) is many changes at once
// (a policy change re-evaluating the fleet): known devices take the new status, compliance and failing checks in place,
// so the counts follow the re-evaluation as it converges; only devices the store does not know yet are read.
const BULK = 25;
const PARALLEL = 4;

export class FleetStore extends EventTarget {
  devices = new Map();
  loaded = false;
  error = null;
  #api;
  #loading = null;
  #queue = new Map(); // deviceId -> last deviceChanged payload
  #inFlight = 0;

  constructor(api, live) {
    super();
    this.#api = api;
    live.listen('deviceChanged', change => this.#changed(change));
    live.listen('devicesChanged', bulk => this.#changedTogether(bulk?.changes ?? []));
    live.listen('agentConnectivityChanged', c => this.#connectivity(c));
    live.listen('reconnected', () => this.reload());
  }

  load() {
    return this.loaded ? Promise.resolve() : (this.#loading ??= this.reload());
  }

  async reload() {
    try {
      const answer = await this.#api.get('/devices');
      this.devices = new Map((answer?.devices ?? []).map(d => [d.id, d]));
      this.loaded = true;
      this.error = null;
    } catch (e) {
      this.error = e;
    } finally {
      this.#loading = null;
    }
    this.dispatchEvent(new CustomEvent('reset'));
  }

  #changed(change) {
    if (!change?.deviceId) return;
    this.#queue.set(change.deviceId, change);
    if (this.#queue.size > BULK) {
      this.#queue.clear();
      this.reload();
      return;
    }
    this.#pump();
  }

  #changedTogether(changes) {
    let unknown = false;
    for (const change of changes) {
      const known = this.devices.get(change?.deviceId);
      if (!known) { unknown = true; continue; }
      this.devices.set(known.id, {
        ...known, status: change.newStatus, compliant: change.compliant, failing: change.failing ?? known.failing,
      });
    }
    // New devices: one reload (it redraws too), never several at once.
    if (unknown && !this.#loading) {
      this.#loading = this.reload();
      return;
    }
    this.dispatchEvent(new CustomEvent('reset'));
  }

  #pump() {
    while (this.#inFlight < PARALLEL && this.#queue.size > 0) {
      const [id, change] = this.#queue.entries().next().value;
      this.#queue.delete(id);
      this.#inFlight++;
      this.#api.get(`/devices/${encodeURIComponent(id)}`)
        .then(detail => this.#apply(detail.device, change))
        .catch(() => { /* gone or not visible: the next reload settles it */ })
        .finally(() => { this.#inFlight--; this.#pump(); });
    }
  }

  #apply(device, change) {
    if (!device?.id) return;
    this.devices.set(device.id, device);
    this.dispatchEvent(new CustomEvent('change', { detail: { device, kind: 'compliance', change } }));
  }

  #connectivity(payload) {
    const known = this.devices.get(payload?.deviceId);
    if (!known) return;
    const merged = { ...known, online: payload.online, lastSeenOn: payload.at ?? known.lastSeenOn };
    this.devices.set(known.id, merged);
    this.dispatchEvent(new CustomEvent('change', { detail: { device: merged, kind: 'connectivity', change: payload } }));
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
    const change = e => onChange(e.detail.device, e.detail.kind, e.detail.change);
    this.addEventListener('reset', reset);
    this.addEventListener('change', change);
    return () => { this.removeEventListener('reset', reset); this.removeEventListener('change', change); };
  }
}
