// The SignalR connection to /hubs/fleet (docs/push-and-alerts.md). One per signed-in tab; pages listen on `live`
// for the server's events and call `live.invoke` for SubscribeQuery/Unsubscribe. The connection
// retries forever (backing off to 15 s) and says so in the top bar; after a reconnect, `reconnected`
// fires so stores reload what they may have missed.

export const EVENTS = ['deviceChanged', 'devicesChanged', 'agentConnectivityChanged', 'alertRaised', 'alertResolved', 'queryResultChanged'];

export class Live extends EventTarget {
  #connection = null;
  #stopped = false;
  #retryTimer = 0;
  state = 'connecting';

  start(key) {
    const signalR = window.signalR;
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/fleet', { accessTokenFactory: () => key })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(500 * 2 ** ctx.previousRetryCount, 15000) })
      .configureLogging(signalR.LogLevel.None)
      .build();
    for (const name of EVENTS) {
      this.#connection.on(name, payload => this.dispatchEvent(new CustomEvent(name, { detail: payload })));
    }
    this.#connection.onreconnecting(() => this.#setState('reconnecting'));
    this.#connection.onreconnected(() => { this.#setState('live'); this.dispatchEvent(new Event('reconnected')); });
    this.#connection.onclose(() => { if (!this.#stopped) this.#retry(0); });
    this.#connect(0);
  }

  async #connect(attempt) {
    try {
      await this.#connection.start();
      this.#setState('live');
      if (attempt > 0) this.dispatchEvent(new Event('reconnected'));
    } catch {
      if (!this.#stopped) this.#retry(attempt + 1);
    }
  }

  #retry(attempt) {
    this.#setState('reconnecting');
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect(attempt), Math.min(1000 * 2 ** attempt, 15000));
  }

  #setState(state) {
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }

  get connected() {
    return this.#connection?.state === 'Connected';
  }

  invoke(method, ...args) {
    if (!this.connected) return Promise.reject(new Error('Not connected to live updates yet; try again in a moment.'));
    return this.#connection.invoke(method, ...args);
  }

  /** Adds a listener and returns the function that removes it (pages call it on unmount). */
  listen(name, handler) {
    const wrapped = e => handler(e.detail, e);
    this.addEventListener(name, wrapped);
    return () => this.removeEventListener(name, wrapped);
  }

  stop() {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    this.#connection?.stop();
  }
}
