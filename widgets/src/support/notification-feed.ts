import type { CabinetContext } from "../runtime/cabinet-context.js";
import type { SessionState } from "../runtime/session-store.js";
import { supportApi, type CabinetNotification } from "./support-api.js";

/** What the feed tells its listeners. */
export type FeedEvent =
  | { kind: "notification"; notification: CabinetNotification }
  /** The unread count changed (or became known: `null` signed out). */
  | { kind: "count"; count: number | null };

export type FeedListener = (event: FeedEvent) => void;

/** The part of `EventSource` the feed uses, so tests can hand in a fake. */
export interface StreamSource {
  readyState: number;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export type OpenStream = (url: string, withCredentials: boolean) => StreamSource;

const CLOSED = 2;

/** How long to wait before opening a stream again that the server closed for good (a 401, a 5xx). */
export const REOPEN_DELAYS_MS = [2_000, 5_000, 15_000, 30_000];

/**
 * The signed-in user's notifications as they happen: one Server-Sent Events stream
 * (`GET /notifications/stream`) per session, shared by every widget configured alike — the
 * bell, a ticket waiting for a reply — and the unread count.
 *
 * With a cookie session the cookie goes along (`withCredentials`); in bearer mode the token
 * goes in the URL (`?access_token=`), as EventSource cannot send headers. EventSource
 * reconnects by itself after a dropped connection and sends `Last-Event-ID`; when the server
 * refuses the stream outright (the browser then gives up), the feed opens a new one after a
 * pause, asking for what came after the last id it saw (`?lastEventId=`).
 */
export class NotificationFeed {
  /** The unread count; null until known or when signed out. */
  count: number | null = null;

  private readonly listeners = new Set<FeedListener>();
  private source: StreamSource | null = null;
  private lastEventId: string | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private unsubscribeSession: (() => void) | null = null;
  private accountId: string | null = null;
  /** Bumped on every start and stop, so a late answer of an earlier session is dropped. */
  private generation = 0;

  constructor(
    private readonly context: CabinetContext,
    private readonly openStream: OpenStream = (url, withCredentials) => new EventSource(url, { withCredentials }),
  ) {}

  /** Listens; the first listener opens the stream (when signed in), the last one to leave closes it. */
  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) {
      this.unsubscribeSession = this.context.session.subscribe((state) => this.sessionChanged(state));
      this.sessionChanged(this.context.session.state);
    }
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      this.unsubscribeSession?.();
      this.unsubscribeSession = null;
      this.stop();
    };
  }

  /** Asks the server for the unread count again (after marking read, say). */
  async refreshCount(): Promise<void> {
    const generation = this.generation;
    try {
      const { count } = await this.context.session.call((api, c) => supportApi.unreadCount(api, c));
      if (generation === this.generation) this.setCount(count);
    } catch {
      // The stream's next `unread` event will say it; the bell keeps what it shows.
    }
  }

  /** Lowers the count at once for what the user just read, before the server confirms it. */
  setCount(count: number | null): void {
    if (count === this.count) return;
    this.count = count;
    this.emit({ kind: "count", count });
  }

  private sessionChanged(state: SessionState): void {
    if (state.status === "signed-in") {
      // Another account (the account switcher): its own notifications, from the start.
      const switched = this.accountId !== null && this.accountId !== state.me.account.id;
      this.accountId = state.me.account.id;
      if (switched) this.lastEventId = null;
      if (switched || (!this.source && this.reopenTimer === null)) this.start();
    } else {
      this.accountId = null;
      this.stop();
      this.lastEventId = null;
      this.setCount(null);
    }
  }

  private start(): void {
    this.stop();
    const generation = this.generation;
    void this.refreshCount();
    void this.context.session
      .call(async (api, credentials) => {
        if (generation !== this.generation) return;
        const bearer = credentials.mode === "bearer";
        const url = api.url("/notifications/stream", {
          access_token: bearer ? (credentials.token ?? undefined) : undefined,
          lastEventId: this.lastEventId ?? undefined,
        });
        this.open(url.href, !bearer);
      })
      .catch(() => {});
  }

  private open(url: string, withCredentials: boolean): void {
    const source = this.openStream(url, withCredentials);
    this.source = source;
    source.addEventListener("notification", (event) => {
      const notification = parse<CabinetNotification>(event.data);
      if (!notification) return;
      this.failures = 0;
      if (event.lastEventId) this.lastEventId = event.lastEventId;
      this.emit({ kind: "notification", notification });
    });
    source.addEventListener("unread", (event) => {
      const count = parse<{ count: number }>(event.data)?.count;
      this.failures = 0;
      if (typeof count === "number") this.setCount(count);
    });
    source.onerror = () => {
      // CONNECTING: the browser is already reconnecting (with Last-Event-ID). CLOSED: it gave up.
      if (source.readyState !== CLOSED || this.source !== source) return;
      this.source = null;
      source.close();
      const delay = REOPEN_DELAYS_MS[Math.min(this.failures++, REOPEN_DELAYS_MS.length - 1)];
      this.reopenTimer = setTimeout(() => {
        this.reopenTimer = null;
        // refreshCount passes through the session: a 401 there signs every widget out.
        if (this.context.session.state.status === "signed-in" && this.listeners.size > 0) this.start();
      }, delay);
    };
  }

  private stop(): void {
    this.generation++;
    if (this.reopenTimer !== null) clearTimeout(this.reopenTimer);
    this.reopenTimer = null;
    this.source?.close();
    this.source = null;
  }

  private emit(event: FeedEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

function parse<T>(data: unknown): T | null {
  try {
    return typeof data === "string" ? (JSON.parse(data) as T) : null;
  } catch {
    return null;
  }
}

const FEED = Symbol("notification-feed");

/** The feed of `context`'s session, made on first use. */
export const notificationFeed = (context: CabinetContext): NotificationFeed => context.shared(FEED, (c) => new NotificationFeed(c));
