import { describe, expect, it } from "vitest";
import { ApiClient } from "../src/runtime/api-client.js";
import type { Me } from "../src/runtime/api-types.js";
import { limitedToServices, may } from "../src/runtime/rights.js";
import { SessionStore } from "../src/runtime/session-store.js";
import { accessMessages } from "../src/i18n/access.js";
import { apiError, fakeFetch, json } from "./fake-fetch.js";
import "../src/i18n/russian.js";

const me = (user: Partial<Me["user"]>, session: Partial<Me["session"]> = {}, accountId = "acc_1") =>
  ({
    user: {
      id: "usr_1",
      email: "a@example.com",
      name: "A",
      role: "member",
      permissions: [],
      locale: "en",
      phone: null,
      timezone: "UTC",
      rowsPerPage: 10,
      emailVerified: true,
      ...user,
    },
    account: { id: accountId, name: `Account ${accountId}`, kind: "company", currency: "USD", locale: "en" },
    brand: { slug: "demo", name: "Demo" },
    session: { csrfToken: "csrf", expiresAt: "2030-01-01T00:00:00.000Z", via: "cookie", ...session },
  }) as Me;

describe("may: what a widget shows, from the rights in /me", () => {
  it("an accountant pays and exports in finance, and does nothing with services", () => {
    const accountant = me({ permissions: ["finance", "documents"], rights: { finance: ["view", "pay", "export"], documents: ["view", "pay", "export"] } });
    expect(may(accountant, "finance", "pay")).toBe(true);
    expect(may(accountant, "documents")).toBe(true);
    expect(may(accountant, "services")).toBe(false);
    expect(may(accountant, "services", "order")).toBe(false);
    expect(may(accountant, "audit")).toBe(false);
  });

  it("a user limited to some services is told the whole account's money and papers are not theirs; the owner and an unlimited user are not", () => {
    expect(limitedToServices(me({ serviceScope: ["svc_1"] }))).toBe(true);
    expect(limitedToServices(me({ serviceScope: [] }))).toBe(true);
    expect(limitedToServices(me({ serviceScope: null }))).toBe(false);
    expect(limitedToServices(me({ role: "owner", serviceScope: null }))).toBe(false);
    expect(limitedToServices(null)).toBe(false);
  });

  it("a sysadmin orders and changes services but neither pays nor cancels", () => {
    const sysadmin = me({ permissions: ["services", "support"], rights: { services: ["view", "order", "change"], support: ["view", "order", "change"] } });
    expect(may(sysadmin, "services", "change")).toBe(true);
    expect(may(sysadmin, "services", "delete")).toBe(false);
    expect(may(sysadmin, "finance", "pay")).toBe(false);
    expect(may(sysadmin, "finance")).toBe(false);
  });

  it("the owner may all; a read-only staff session only looks; nobody signed in, nothing", () => {
    expect(may(me({ role: "owner", rights: {} }), "audit", "export")).toBe(true);
    const staffRead = me({ role: "owner" }, { staff: { id: "stf_1", mode: "read" } });
    expect(may(staffRead, "finance")).toBe(true);
    expect(may(staffRead, "finance", "pay")).toBe(false);
    expect(may(null, "finance")).toBe(false);
  });

  it("an older core without rights: a permission grants its section", () => {
    expect(may(me({ permissions: ["support"] }), "support", "change")).toBe(true);
    expect(may(me({ permissions: ["support"] }), "finance")).toBe(false);
  });
});

describe("SessionStore.switchAccount", () => {
  it("switches, then every subscriber sees the other account's session", async () => {
    const { fetch, calls } = fakeFetch(
      json(200, { ...me({ role: "owner" }), token: null }),
      new Response(null, { status: 204 }),
      json(200, me({}, {}, "acc_2")),
    );
    const session = new SessionStore(new ApiClient({ apiBase: "https://my.example.com", fetch }), "cookie");
    await session.signIn("a@example.com", "pw");
    const seen: string[] = [];
    session.subscribe((state) => state.status === "signed-in" && seen.push(state.me.account.id));
    await session.switchAccount("acc_2");
    expect(calls[1].url.pathname).toBe("/api/v1/me/account");
    expect(calls[1].init.method).toBe("PUT");
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ accountId: "acc_2" });
    expect(calls[1].headers["X-CSRF-Token"]).toBe("csrf");
    expect(seen).toEqual(["acc_2"]);
    expect(session.me?.account.id).toBe("acc_2");
  });

  it("a refused switch leaves the session where it was", async () => {
    const { fetch } = fakeFetch(
      json(200, { ...me({ role: "owner" }), token: null }),
      apiError(403, "CAB_ERR_NOT_A_MEMBER", "You do not belong to this account."),
    );
    const session = new SessionStore(new ApiClient({ apiBase: "https://my.example.com", fetch }), "cookie");
    await session.signIn("a@example.com", "pw");
    await expect(session.switchAccount("acc_9")).rejects.toMatchObject({ code: "CAB_ERR_NOT_A_MEMBER" });
    expect(session.me?.account.id).toBe("acc_1");
    expect(session.state.status).toBe("signed-in");
  });
});

describe("access strings", () => {
  it("counts in Russian", () => {
    expect([1, 3, 5].map(accessMessages.ru.users.someServices)).toEqual(["1 услуга", "3 услуги", "5 услуг"]);
    expect(accessMessages.ru.audit.shown(2)).toBe("Показано 2 записи");
  });
});
