import { describe, expect, it } from "vitest";
import { BillingHub, type BillingChange, type HubEnvironment } from "../../src/billing/billing-hub.js";
import { ApiClient } from "../../src/runtime/api-client.js";
import { SessionStore } from "../../src/runtime/session-store.js";
import { apiError, fakeFetch, json, type Answer } from "../fake-fetch.js";

const me = {
  user: { id: "usr_1", email: "alice@example.com", name: "Alice", role: "owner", permissions: ["finance"], locale: "en" },
  account: { id: "acc_1", name: "Alice", kind: "person", currency: "USD" },
  brand: { slug: "demo", name: "Northwind Hosting" },
  session: { csrfToken: "csrf-1", expiresAt: "2030-01-01T00:00:00.000Z", via: "cookie" },
};
const id = "pay_01m8a1zw57277hfntb7rhj";
const payment = (status: "pending" | "succeeded" | "failed") => ({
  id,
  gateway: "sandbox",
  amount: { amount: 2500, currency: "USD" },
  status,
  purpose: "top_up",
  invoiceIds: [],
  nextAction: null,
  failureReason: status === "failed" ? "declined" : null,
  received: status === "succeeded" ? { amount: 2500, currency: "USD" } : null,
  refunded: { amount: 0, currency: "USD" },
  createdAt: "2026-11-25T19:12:47.271Z",
  settledAt: status === "pending" ? null : "2026-11-25T19:12:49.266Z",
});

/** A signed-in session on a page opened at `href`, with the timers under the test's control. */
async function setUp(href: string, ...answers: Answer[]) {
  const { fetch, calls } = fakeFetch(json(200, { ...me, token: null }), ...answers);
  const session = new SessionStore(new ApiClient({ apiBase: "https://my.example.com", fetch }), "cookie");
  await session.signIn("alice@example.com", "pw");
  const timers: (() => void)[] = [];
  const env: HubEnvironment & { location: { href: string } } = {
    location: { href },
    history: {
      state: { page: 1 },
      replaceState(_state: unknown, _title: string, url?: string | URL | null) {
        env.location.href = String(url);
      },
    },
    setTimeout: (callback) => timers.push(callback),
  };
  const hub = new BillingHub(session, env);
  const changes: BillingChange["kind"][] = [];
  hub.subscribe((change) => changes.push(change.kind));
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { hub, env, calls, timers, changes, session, settled };
}

describe("BillingHub: the page's payment return", () => {
  it("checks the payment once, announces it, and takes ?payment= out of the address", async () => {
    const { hub, env, calls, changes, settled } = await setUp(`https://provider.example/billing?tab=2&payment=${id}#top`, json(200, payment("succeeded")));
    hub.checkReturn();
    hub.checkReturn(); // a second widget asking does not ask the server again
    expect(hub.paymentReturn).toEqual({ status: "checking", id });
    await settled();
    expect(calls.map((c) => c.url.pathname)).toEqual(["/api/v1/auth/sign-in", `/api/v1/payments/${id}`]);
    expect(hub.paymentReturn).toMatchObject({ status: "checked", payment: { status: "succeeded" } });
    expect(env.location.href).toBe("https://provider.example/billing?tab=2#top");
    expect(changes).toEqual(["payment-return", "payment-return", "payment-settled"]);
  });

  it("leaves a page without a payment id, or with the host's own `payment` parameter, alone", async () => {
    for (const href of ["https://provider.example/billing", "https://provider.example/billing?payment=monthly"]) {
      const { hub, env, calls } = await setUp(href);
      hub.checkReturn();
      expect(hub.paymentReturn).toEqual({ status: "none" });
      expect(env.location.href).toBe(href);
      expect(calls).toHaveLength(1);
    }
  });

  it("waits for a sign-in: a bearer session does not survive the trip to the gateway", async () => {
    const { fetch, calls } = fakeFetch(json(200, { ...me, token: "tok_abcdefghijkl" }), json(200, payment("failed")));
    const session = new SessionStore(new ApiClient({ apiBase: "https://my.example.com", fetch }), "bearer");
    const env = { location: { href: `https://provider.example/?payment=${id}` }, history: { state: null, replaceState: () => {} }, setTimeout: () => 0 };
    const hub = new BillingHub(session, env);
    hub.checkReturn();
    expect(calls).toHaveLength(0);
    await session.signIn("alice@example.com", "pw");
    hub.checkReturn();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls[1].headers.Authorization).toBe("Bearer tok_abcdefghijkl");
    expect(hub.paymentReturn).toMatchObject({ status: "checked", payment: { status: "failed" } });
  });

  it("checks a pending payment again, a few times, until the gateway decides", async () => {
    const { hub, timers, changes, settled } = await setUp(
      `https://provider.example/?payment=${id}`,
      json(200, payment("pending")),
      json(200, payment("pending")),
      json(200, payment("succeeded")),
    );
    hub.checkReturn();
    await settled();
    expect(hub.paymentReturn).toMatchObject({ status: "checked", payment: { status: "pending" } });
    timers.shift()!();
    await settled();
    expect(hub.paymentReturn).toMatchObject({ payment: { status: "pending" } });
    timers.shift()!();
    await settled();
    expect(hub.paymentReturn).toMatchObject({ payment: { status: "succeeded" } });
    expect(timers).toHaveLength(0);
    expect(changes.filter((c) => c === "payment-settled")).toHaveLength(1);
  });

  it("keeps the parameter after a network failure, so Try again can check it", async () => {
    const { hub, env, settled } = await setUp(`https://provider.example/?payment=${id}`, new TypeError("Failed to fetch"), json(200, payment("succeeded")));
    hub.checkReturn();
    await settled();
    expect(hub.paymentReturn).toMatchObject({ status: "error", id, cause: { code: "CAB_ERR_NETWORK" } });
    expect(env.location.href).toContain("payment=");
    hub.checkReturn();
    await settled();
    expect(hub.paymentReturn).toMatchObject({ status: "checked" });
    expect(env.location.href).toBe("https://provider.example/");
  });

  it("drops the id of a payment that is not this account's", async () => {
    const { hub, env, settled } = await setUp(`https://provider.example/?payment=${id}`, apiError(404, "CAB_ERR_NOT_FOUND", "Not found."));
    hub.checkReturn();
    await settled();
    expect(hub.paymentReturn).toMatchObject({ status: "error", cause: { code: "CAB_ERR_NOT_FOUND" } });
    expect(env.location.href).toBe("https://provider.example/");
  });

  it("forgets the return when the client signs out", async () => {
    const { hub, session, settled } = await setUp(
      `https://provider.example/?payment=${id}`,
      json(200, payment("succeeded")),
      new Response(null, { status: 204 }),
    );
    hub.checkReturn();
    await settled();
    await session.signOut();
    expect(hub.paymentReturn).toEqual({ status: "none" });
  });
});

describe("BillingHub: gateways", () => {
  it("asks once per session, and again after a failure", async () => {
    const gateways = { items: [{ id: "sandbox", displayName: "Test card (sandbox)" }] };
    const { hub, calls } = await setUp("https://provider.example/", new TypeError("offline"), json(200, gateways));
    await expect(hub.gateways()).rejects.toMatchObject({ code: "CAB_ERR_NETWORK" });
    expect(await Promise.all([hub.gateways(), hub.gateways()])).toEqual([gateways.items, gateways.items]);
    expect(calls.filter((c) => c.url.pathname === "/api/v1/payments/gateways")).toHaveLength(2);
  });
});
