import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { Page } from "./api-types.js";

/** A `page-size` attribute as the API takes it: 1 to 100, 10 for nonsense. */
export const clampPageSize = (size: number): number => Math.min(100, Math.max(1, Math.floor(size) || 10));

export type LoadKind = "page" | "more";

/**
 * A cursor-paged list of a widget: the first page (a new filter, a new session, fresh data)
 * and "Load more", one request at a time — a new first page cancels whatever was loading.
 * The host re-renders on every change.
 */
export class PagedList<T> implements ReactiveController {
  items: T[] = [];
  nextCursor: string | null = null;
  /** False until a first page arrived, so "nothing here" is not said too early. */
  loaded = false;
  loading: LoadKind | null = null;
  /** The last failure and what it was loading, for "Try again". */
  error: { cause: unknown; kind: LoadKind } | null = null;

  private inFlight: AbortController | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** `limit`: a size for this one request (a refresh of everything on screen); else the widget's. */
    private readonly fetchPage: (cursor: string | undefined, signal: AbortSignal, limit?: number) => Promise<Page<T>>,
    /** Sees every failure first (the widget turns a 403 into its "no access" state). */
    private readonly onError: (cause: unknown) => void = () => {},
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.inFlight?.abort();
  }

  /**
   * Loads the first page, or the next one; resolves with the index of the first new item
   * (null when the load failed or was overtaken), so the widget can move focus to it.
   * `quiet` keeps the current items on screen while a fresh first page loads; `limit` asks
   * for a page of that size this once.
   */
  async load(kind: LoadKind, quiet = false, limit?: number): Promise<number | null> {
    this.inFlight?.abort();
    const request = (this.inFlight = new AbortController());
    this.loading = quiet ? null : kind;
    this.error = null;
    this.host.requestUpdate();
    const cursor = kind === "more" ? (this.nextCursor ?? undefined) : undefined;
    const firstNew = kind === "more" ? this.items.length : 0;
    try {
      const page = await this.fetchPage(cursor, request.signal, limit);
      if (request.signal.aborted) return null;
      this.items = kind === "more" ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.loaded = true;
      return firstNew;
    } catch (cause) {
      if (request.signal.aborted) return null;
      this.onError(cause);
      this.error = { cause, kind };
      // A failed first page must not leave the previous filter's items under the new filter.
      if (kind === "page" && !quiet) {
        this.items = [];
        this.nextCursor = null;
      }
      return null;
    } finally {
      if (this.inFlight === request) {
        this.inFlight = null;
        this.loading = null;
      }
      this.host.requestUpdate();
    }
  }

  /** Forgets everything (signed out): one client's data never stays on screen for the next. */
  clear(): void {
    this.inFlight?.abort();
    this.inFlight = null;
    this.items = [];
    this.nextCursor = null;
    this.loaded = false;
    this.loading = null;
    this.error = null;
    this.host.requestUpdate();
  }
}
