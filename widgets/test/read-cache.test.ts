import { describe, expect, it } from "vitest";
import { ApiClient } from "../src/runtime/api-client.js";
import { ReadCache } from "../src/runtime/read-cache.js";
import { SessionNews } from "../src/runtime/session-news.js";
import { SessionStore } from "../src/runtime/session-store.js";
import { apiError, fakeFetch, json } from "./fake-fetch.js";

const me = {
  user: { id: "usr_1", email: "alice@example.com", name: "Alice Moreau", role: "owner", permissions: ["finance"], locale: "en" },
  account: { id: "acc_1", name: "Alice Moreau", kind: "person", currency: "USD" },
  brand: { slug: "demo", name: "Northwind Hosting" },
  session: { csrfToken: "csrf-1", expiresAt: "2030-01-01T00:00:00.000Z", via: "cookie" },
};
const balance = (amount: number) => ({ available: { amount, currency: "USD" } });
const cookie = { mode: "cookie" as const, csrfToken: "csrf-1" };

/** A fetch whose answers arrive when the test says so, to overlap requests for sure. */
function heldFetch() {
  const calls: { url: URL; method: string; signal?: AbortSignal | null; answer: (r: Response) => void }[] = [];
  const fetch = ((input: RequestInfo | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      init.signal?.addEventListener("abort", () => reject(init.signal!.reason));
      calls.push({ url: new URL(String(input)), method: init.method ?? "GET", signal: init.signal, answer: resolve });
    })) as typeof globalThis.fetch;
  return { fetch, calls };
}

describe("the page's shared reads", () => {
  it("asks the server once for a resource two widgets read at the same time, and once more for another query", async () => {
    const { fetch, calls } = heldFetch();
    const api = new ApiClient({ apiBase: "https://my.example.com", fetch });
    const first = api.balance(cookie);
    const second = api.balance(cookie);
    const catalogUsd = api.catalog("USD", cookie);
    const catalogEur = api.catalog("EUR", cookie);
    expect(calls.map((c) => `${c.url.pathname}${c.url.search}`)).toEqual(["/api/v1/balance", "/api/v1/catalog?currency=USD", "/api/v1/catalog?currency=EUR"]);
    calls[0].answer(json(200, balance(500)));
    calls[1].answer(json(200, { items: [] }));
    calls[2].answer(json(200, { items: [] }));
    const [a, b] = await Promise.all([first, second, catalogUsd, catalogEur]);
    expect(a).toEqual(balance(500));
    // Each widget its own copy: one changing what it got does not change the other's.
    expect(a).not.toBe(b);
    // Later widgets of the page get the kept answer.
    expect(await api.balance(cookie)).toEqual(balance(500));
    expect(calls).toHaveLength(3);
  });

  it("asks again after any write, and keeps what a quote (a read sent as POST) does not change", async () => {
    const { fetch, calls } = fakeFetch(json(200, balance(500)), json(200, { amount: 1 }), json(201, { id: "pay_1" }), json(200, balance(900)));
    const api = new ApiClient({ apiBase: "https://my.example.com", fetch });
    expect(await api.balance(cookie)).toEqual(balance(500));
    await api.quote({ productId: "prd_1", periodMonths: 1, parameters: {} } as never, cookie);
    expect(await api.balance(cookie)).toEqual(balance(500));
    await api.startPayment({ gateway: "sandbox", amount: 100 } as never, "key-1", cookie);
    expect(await api.balance(cookie)).toEqual(balance(900));
    expect(calls.map((c) => `${c.init.method} ${c.url.pathname}`)).toEqual([
      "GET /api/v1/balance",
      "POST /api/v1/catalog/quote",
      "POST /api/v1/payments",
      "GET /api/v1/balance",
    ]);
  });

  it("keeps no failure: the next read (Try again) asks the server", async () => {
    const { fetch, calls } = fakeFetch(apiError(503, "CAB_ERR_UNAVAILABLE", "down"), json(200, balance(1)));
    const api = new ApiClient({ apiBase: "https://my.example.com", fetch });
    await expect(api.balance(cookie)).rejects.toMatchObject({ code: "CAB_ERR_UNAVAILABLE" });
    expect(await api.balance(cookie)).toEqual(balance(1));
    expect(calls).toHaveLength(2);
  });

  it("lets one widget give up without cancelling the request for another; cancels it when all gave up", async () => {
    const { fetch, calls } = heldFetch();
    const api = new ApiClient({ apiBase: "https://my.example.com", fetch });
    const leaving = new AbortController();
    const staying = api.balance(cookie);
    const gone = api.balance(cookie, leaving.signal);
    leaving.abort();
    await expect(gone).rejects.toMatchObject({ name: "AbortError" });
    expect(calls[0].signal?.aborted).toBe(false);
    calls[0].answer(json(200, balance(7)));
    expect(await staying).toEqual(balance(7));

    const cache = new ReadCache();
    const both = [new AbortController(), new AbortController()];
    let loadSignal: AbortSignal | null = null;
    const reads = both.map((c) =>
      cache.read(
        "k",
        (signal) => ((loadSignal = signal), new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)))),
        c.signal,
      ),
    );
    both.forEach((c) => c.abort());
    await Promise.allSettled(reads);
    expect(loadSignal!.aborted).toBe(true);
    expect(cache.size).toBe(0);
  });

  it("forgets everything when the session changes (another user, signed out), and when a widget's news goes out", async () => {
    const { fetch, calls } = fakeFetch(
      json(200, { signedIn: true, me }),
      json(200, balance(100)),
      json(200, balance(200)), // after the news
      json(200, {}), // sign-out
      json(200, { ...me, user: { ...me.user, id: "usr_2" }, token: null }), // another user
      json(200, balance(300)),
    );
    const api = new ApiClient({ apiBase: "https://my.example.com", fetch });
    const session = new SessionStore(api, "cookie");
    await session.restore();
    const read = () => session.call((a, c) => a.balance(c));
    expect(await read()).toEqual(balance(100));
    expect(await read()).toEqual(balance(100));
    new SessionNews<string>(api.reads).notify("money moved");
    expect(await read()).toEqual(balance(200));
    await session.signOut();
    await session.signIn("bob@example.com", "password");
    expect(await read()).toEqual(balance(300));
    expect(calls.filter((c) => c.url.pathname === "/api/v1/balance")).toHaveLength(3);
  });

  it("keeps nothing from a request that was in flight when the session changed", async () => {
    const { fetch, calls } = heldFetch();
    const api = new ApiClient({ apiBase: "https://my.example.com", fetch });
    const before = api.balance(cookie);
    api.reads.clear(); // as the session does when another user signs in
    calls[0].answer(json(200, balance(1)));
    expect(await before).toEqual(balance(1));
    const after = api.balance(cookie);
    expect(calls).toHaveLength(2);
    calls[1].answer(json(200, balance(2)));
    expect(await after).toEqual(balance(2));
  });
});
