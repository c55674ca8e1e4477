// Display names and formats shared by every page.

const CHECK_NAMES = {
  $status: 'Overall status',
  $online: 'Connectivity',
  osVersion: 'OS version',
  firewall: 'Firewall',
  diskEncryption: 'Disk encryption',
  automaticUpdates: 'Automatic updates',
  screenLock: 'Screen lock',
  screenIdle: 'Screen idle timeout',
  remoteLogin: 'Remote login',
  agentVersion: 'Agent version',
};

export function checkName(id) {
  if (id?.startsWith('app:')) return id.slice(4);
  return CHECK_NAMES[id] ?? id;
}

const PLATFORMS = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

export function platformName(platform) {
  return PLATFORMS[platform] ?? platform ?? '—';
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function ago(value, now = Date.now()) {
  if (!value) return 'never';
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });

export function when(value) {
  return value ? dateTime.format(new Date(value)) : '—';
}

export function plural(n, one, many = one + 's') {
  return `${n} ${n === 1 ? one : many}`;
}
