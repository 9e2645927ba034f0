import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiClient } from "../../src/runtime/api-client.js";
import type { CabinetContext } from "../../src/runtime/cabinet-context.js";
import type { SessionMode } from "../../src/runtime/api-types.js";
import { SessionStore } from "../../src/runtime/session-store.js";
import { NotificationFeed, REOPEN_DELAYS_MS, type FeedEvent, type StreamSource } from "../../src/support/notification-feed.js";
import { fakeFetch, json, type Answer } from "../fake-fetch.js";

const me = {
  user: { id: "usr_1", email: "alice@example.com", name: "Alice", role: "owner", permissions: [], locale: "en" },
  account: { id: "acc_1", name: "Alice", kind: "person", currency: "USD" },
  brand: { slug: "demo", name: "Northwind Hosting" },
  session: { csrfToken: "csrf-1", expiresAt: "2030-01-01T00:00:00.000Z", via: "cookie" },
};

const notification = (id: string) => ({
  id,
  event: "ticket.replied",
  title: "Reply from support",
  body: "Support has replied to your ticket.",
  link: "/tickets/tkt_1",
  reference: { type: "ticket", id: "tkt_1" },
  readAt: null,
  createdAt: "2026-11-30T02:00:00.000Z",
});

/** An EventSource the test drives: it delivers events and fails on command. */
class FakeSource implements StreamSource {
  readyState = 1;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(
    readonly url: URL,
    readonly withCredentials: boolean,
  ) {}

  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  deliver(type: string, data: unknown, lastEventId = ""): void {
    for (const listener of this.listeners.get(type) ?? []) listener({ data: JSON.stringify(data), lastEventId } as MessageEvent);
  }

  /** The server answered with an error status: the browser gives up on this source. */
  refuse(): void {
    this.readyState = 2;
    this.onerror?.(new Event("error"));
  }
}

async function setUp(mode: SessionMode, ...answers: Answer[]) {
  const { fetch, calls } = fakeFetch(json(200, { ...me, token: mode === "bearer" ? "tok-1" : null }), ...answers);
  const api = new ApiClient({ apiBase: "https://my.example.com", fetch });
  const session = new SessionStore(api, mode);
  await session.signIn("alice@example.com", "pw");
  const context: CabinetContext = { key: "k", api, session, shared: (_key, create) => create(context) };
  const sources: FakeSource[] = [];
  const feed = new NotificationFeed(context, (url, withCredentials) => {
    const source = new FakeSource(new URL(url), withCredentials);
    sources.push(source);
    return source;
  });
  const events: FeedEvent[] = [];
  return { feed, session, sources, calls, events, listen: () => feed.subscribe((e) => events.push(e)) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe("NotificationFeed", () => {
  it("opens one stream with the cookie for a cookie session, and passes on notifications and the unread count", async () => {
    const { feed, sources, calls, events, listen } = await setUp("cookie", json(200, { count: 2 }));
    listen();
    feed.subscribe(() => {});
    await settle();
    expect(sources).toHaveLength(1);
    expect(sources[0].url.pathname).toBe("/api/v1/notifications/stream");
    expect(sources[0].url.search).toBe("");
    expect(sources[0].withCredentials).toBe(true);
    expect(calls[1].url.pathname).toBe("/api/v1/notifications/unread-count");
    expect(feed.count).toBe(2);

    sources[0].deliver("notification", notification("ntf_2"), "ntf_2");
    sources[0].deliver("unread", { count: 3 });
    expect(events).toEqual([
      { kind: "count", count: 2 },
      { kind: "notification", notification: notification("ntf_2") },
      { kind: "count", count: 3 },
    ]);
  });

  it("in bearer mode puts the token in the URL and sends no cookie", async () => {
    const { sources, listen } = await setUp("bearer", json(200, { count: 0 }));
    listen();
    await settle();
    expect(sources[0].url.searchParams.get("access_token")).toBe("tok-1");
    expect(sources[0].withCredentials).toBe(false);
  });

  it("opens a new stream after the server refused one, from the last notification it saw", async () => {
    vi.useFakeTimers();
    const { sources, listen } = await setUp("cookie", json(200, { count: 0 }), json(200, { count: 1 }));
    listen();
    await vi.advanceTimersByTimeAsync(0);
    sources[0].deliver("notification", notification("ntf_7"), "ntf_7");
    sources[0].refuse();
    expect(sources[0].closed).toBe(true);

    await vi.advanceTimersByTimeAsync(REOPEN_DELAYS_MS[0] - 1);
    expect(sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources).toHaveLength(2);
    expect(sources[1].url.searchParams.get("lastEventId")).toBe("ntf_7");
  });

  it("leaves a dropped connection to the browser, which reconnects by itself", async () => {
    vi.useFakeTimers();
    const { sources, listen } = await setUp("cookie", json(200, { count: 0 }));
    listen();
    await vi.advanceTimersByTimeAsync(0);
    sources[0].readyState = 0; // CONNECTING: EventSource is already trying again
    sources[0].onerror?.(new Event("error"));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sources).toHaveLength(1);
    expect(sources[0].closed).toBe(false);
  });

  it("closes the stream and forgets the count on sign-out, and when the last listener leaves", async () => {
    const first = await setUp("cookie", json(200, { count: 4 }), new Response(null, { status: 204 }));
    first.listen();
    await settle();
    await first.session.signOut();
    expect(first.sources[0].closed).toBe(true);
    expect(first.feed.count).toBeNull();
    expect(first.events.at(-1)).toEqual({ kind: "count", count: null });

    const second = await setUp("cookie", json(200, { count: 0 }));
    const stop = second.listen();
    await settle();
    stop();
    expect(second.sources[0].closed).toBe(true);
  });

  it("ignores what is not JSON", async () => {
    const { sources, events, listen } = await setUp("cookie", json(200, { count: 0 }));
    listen();
    await settle();
    for (const listener of ["notification", "unread"]) {
      (sources[0] as unknown as { listeners: Map<string, ((e: MessageEvent) => void)[]> }).listeners.get(listener)![0]({ data: "not json" } as MessageEvent);
    }
    expect(events).toEqual([{ kind: "count", count: 0 }]);
  });
});
