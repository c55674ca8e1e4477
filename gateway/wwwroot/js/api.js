// The REST API (/api/v1) with the signed-in account key. Errors become ApiError carrying the
// problem+json body, so pages can show what the server said (and where, for policy and query errors).

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

export function createApi(key, onUnauthorized) {
  async function send(method, path, body, contentType = 'application/json') {
    const headers = { Authorization: `Bearer ${key}`, Accept: 'application/json' };
    const init = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = contentType;
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(`/api/v1${path}`, init);
    } catch (e) {
      throw new ApiError(0, { title: 'The server cannot be reached', detail: 'The Fleet gateway did not answer. Is it running?' });
    }
    const type = response.headers.get('Content-Type') ?? '';
    const payload = response.status === 204 ? null
      : type.includes('json') ? await response.json().catch(() => null)
      : await response.text();
    if (response.status === 401) onUnauthorized?.();
    if (!response.ok) throw new ApiError(response.status, typeof payload === 'object' ? payload : { detail: payload || response.statusText });
    return payload;
  }
  return {
    key,
    get: path => send('GET', path),
    post: (path, body) => send('POST', path, body ?? {}),
    put: (path, body, contentType) => send('PUT', path, body, contentType),
    del: path => send('DELETE', path),
  };
}

/** Every message of a problem+json: detail, validation errors (field → messages) and positioned errors. */
export function problemMessages(error) {
  const problem = error?.problem ?? {};
  const messages = [];
  if (problem.errors && !Array.isArray(problem.errors)) {
    for (const [field, list] of Object.entries(problem.errors)) for (const m of [].concat(list)) messages.push(field ? `${field}: ${m}` : m);
  }
  if (messages.length === 0) messages.push(error?.message ?? 'Something went wrong.');
  return messages;
}
