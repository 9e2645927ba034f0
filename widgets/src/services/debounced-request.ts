/** Timers, passed in so tests can drive them. */
export interface Timers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A server answer that follows what the client is choosing: the live price of an order, the
 * preview of a change. Each `request` waits `delayMs` for the client to stop moving a slider,
 * cancels the one before, and only the answer to the latest input is kept, under the `key` it
 * was asked for — so the widget shows a price only next to the choice it belongs to, and
 * never one the widget worked out itself.
 */
export class DebouncedRequest<I, O> {
  /** The last answer, and the key of the input it answers. */
  value: { key: string; value: O } | null = null;
  /** The last failure, and the key of the input it answers. */
  error: { key: string; cause: unknown } | null = null;
  /** The key of the input being asked about (waiting or in flight); null when idle. */
  pendingKey: string | null = null;

  private timer: unknown = null;
  private inFlight: AbortController | null = null;

  constructor(
    private readonly run: (input: I, signal: AbortSignal) => Promise<O>,
    /** Called after every change of state, to re-render. */
    private readonly onChange: () => void,
    private readonly delayMs = 250,
    private readonly timers: Timers = realTimers,
  ) {}

  /** The answer for `key`, if it is the one on hand. */
  valueFor(key: string): O | null {
    return this.value?.key === key ? this.value.value : null;
  }

  errorFor(key: string): unknown {
    return this.error?.key === key ? this.error.cause : null;
  }

  /**
   * Asks about `input` (known by `key`) once the client pauses. The key already asked about, or
   * answered, asks nothing — unless `now` (a retry, or the first load), which asks at once.
   */
  request(input: I, key: string, now = false): void {
    if (!now && (key === this.pendingKey || (this.pendingKey === null && (this.value?.key === key || this.error?.key === key)))) return;
    this.stop();
    this.pendingKey = key;
    const start = () => void this.fetch(input, key);
    if (now) start();
    else this.timer = this.timers.setTimeout(start, this.delayMs);
    this.onChange();
  }

  /** Forgets the answers and stops what is waiting or in flight. */
  reset(): void {
    this.stop();
    this.pendingKey = null;
    this.value = null;
    this.error = null;
    this.onChange();
  }

  private stop(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.inFlight?.abort();
    this.inFlight = null;
  }

  private async fetch(input: I, key: string): Promise<void> {
    this.timer = null;
    const request = (this.inFlight = new AbortController());
    try {
      const value = await this.run(input, request.signal);
      if (request.signal.aborted) return;
      this.value = { key, value };
      this.error = null;
    } catch (cause) {
      if (request.signal.aborted) return;
      this.error = { key, cause };
    } finally {
      if (this.inFlight === request) {
        this.inFlight = null;
        this.pendingKey = null;
        this.onChange();
      }
    }
  }
}
