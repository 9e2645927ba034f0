import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { ApiClient, Credentials } from "./api-client.js";

/** How a resource asks the API: the session's client and credentials, and the load's signal. */
export type ResourceFetch<T> = (api: ApiClient, credentials: Credentials, signal: AbortSignal) => Promise<T>;

/**
 * One thing a widget loads (a balance, a contract, a ticket): loading, loaded, failed; a new
 * load cancels the one in flight, and so does the widget leaving the page. The widgets made on
 * {@link GatedElement} get theirs from `this.resource(…)`, which also forgets them when the
 * session or the account changes, before the widget loads again. The host re-renders on every
 * change; {@link renderFailure} says a failure with "Try again".
 */
export class Resource<T> implements ReactiveController {
  /** The last value loaded; null before the first (or after `clear`). */
  value: T | null = null;
  /** The last load's failure; cleared when a load starts (unless quiet) or succeeds. */
  error: unknown = null;
  loading = false;

  private inFlight: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetch: (signal: AbortSignal) => Promise<T>,
    /** Sees every failure first (a widget turns a 403 into its "no access" state). */
    private readonly onError: (cause: unknown) => void = () => {},
    /**
     * Sees every value loaded, before the host re-renders: what the widget works out from it (the
     * order form's chosen product) is then in the same render, rather than in a second one
     * that an `await load()` would cause.
     */
    private readonly onLoaded: (value: T) => void = () => {},
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort();
  }

  /**
   * Loads (again); resolves with the value, or null when the load failed or was overtaken.
   * `quiet` (fresh data behind the scenes) keeps the last failure on screen until it succeeds.
   */
  async load(quiet = false): Promise<T | null> {
    this.inFlight?.abort();
    const request = (this.inFlight = new AbortController());
    this.loading = true;
    if (!quiet) this.error = null;
    this.host.requestUpdate();
    try {
      const value = await this.fetch(request.signal);
      if (request.signal.aborted) return null;
      this.value = value;
      this.error = null;
      this.onLoaded(value);
      return value;
    } catch (cause) {
      if (request.signal.aborted) return null;
      this.onError(cause);
      this.error = cause;
      return null;
    } finally {
      if (this.inFlight === request) {
        this.inFlight = null;
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }

  /** Replaces the value with one the widget got otherwise (the answer to its own write). */
  set(value: T | null): void {
    this.value = value;
    this.error = null;
    this.host.requestUpdate();
  }

  /** Forgets everything (signed out, another account): one client's data never stays on screen for the next. */
  clear(): void {
    this.abort();
    this.value = null;
    this.error = null;
    this.host.requestUpdate();
  }

  private abort(): void {
    this.inFlight?.abort();
    this.inFlight = null;
    this.loading = false;
  }
}
