import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.js";
import { ServiceRepository } from "../../src/modules/services/service.repository.js";
import type { ServiceStatus } from "../../src/modules/services/service.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
let productId: string;
beforeAll(async () => {
  t = await startTestCabinet();
  productId = (await t.cabinet.db("products").where({ code: "vps" }).first()).id;
});
afterAll(() => t.close());

async function addServices(accountId: string, statuses: ServiceStatus[]): Promise<string[]> {
  const repository = t.cabinet.container.resolve(ServiceRepository);
  const ids: string[] = [];
  for (const [i, status] of statuses.entries()) {
    const now = t.clock.now() + i;
    const id = newId("svc", now);
    await repository.insert(
      {
        id,
        accountId,
        productId,
        label: `s-${i}`,
        status,
        parameters: { cpu: 2, os: "debian-12", backups: true },
        price: { amount: 1000 + i, currency: "USD" },
        periodMonths: 1,
        paidUntil: now + 86_400_000,
        autoRenew: i % 2 === 0,
        createdAt: now,
      },
      now,
    );
    ids.push(id);
  }
  return ids;
}

describe("GET /api/v1/services", () => {
  it("needs a session", async () => {
    const response = await t.request("GET", "/api/v1/services");
    expect(response.status).toBe(401);
  });

  it("shows only the caller's own services, newest first, with their product", async () => {
    const mine = await t.signUp();
    const theirs = await t.signUp();
    const myIds = await addServices(mine.accountId, ["active", "suspended"]);
    await addServices(theirs.accountId, ["active", "active", "active"]);

    const response = await t.request("GET", "/api/v1/services", { token: mine.token });
    expect(response.status).toBe(200);
    expect(response.body.items.map((s: { id: string }) => s.id)).toEqual([...myIds].reverse());
    expect(response.body.items[0]).toMatchObject({
      status: "suspended",
      product: { code: "vps", name: "Cloud VPS", type: "vps" },
      price: { amount: 1001, currency: "USD" },
      parameters: { cpu: 2, os: "debian-12", backups: true },
      periodMonths: 1,
      autoRenew: false,
    });
    expect(response.body.nextCursor).toBeNull();
  });

  it("pages with a cursor through every service exactly once", async () => {
    const client = await t.signUp();
    const ids = await addServices(client.accountId, Array(7).fill("active"));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { body: { items: { id: string }[]; nextCursor: string | null } } = await t.request(
        "GET",
        `/api/v1/services?limit=3${cursor ? `&cursor=${cursor}` : ""}`,
        { token: client.token },
      );
      seen.push(...response.body.items.map((s) => s.id));
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it("filters by status and leaves deleted services out unless asked", async () => {
    const client = await t.signUp();
    await addServices(client.accountId, ["active", "suspended", "deleted", "cancelled"]);
    const all = await t.request("GET", "/api/v1/services", { token: client.token });
    expect(all.body.items.map((s: { status: string }) => s.status).sort()).toEqual(["active", "cancelled", "suspended"]);
    const suspended = await t.request("GET", "/api/v1/services?status=suspended", { token: client.token });
    expect(suspended.body.items.map((s: { status: string }) => s.status)).toEqual(["suspended"]);
    const deleted = await t.request("GET", "/api/v1/services?status=deleted", { token: client.token });
    expect(deleted.body.items).toHaveLength(1);
  });

  it("refuses a cursor it did not give", async () => {
    const client = await t.signUp();
    const response = await t.request("GET", "/api/v1/services?cursor=bm90LWEtY3Vyc29y", { token: client.token });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toBe("/cursor");
  });
});

describe("GET /api/v1/services/:id", () => {
  it("shows one of the caller's services", async () => {
    const client = await t.signUp();
    const [id] = await addServices(client.accountId, ["active"]);
    const response = await t.request("GET", `/api/v1/services/${id}`, { token: client.token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id, status: "active", label: "s-0" });
  });

  it("answers another account's service exactly as a missing one: 404", async () => {
    const owner = await t.signUp();
    const stranger = await t.signUp();
    const [id] = await addServices(owner.accountId, ["active"]);
    const foreign = await t.request("GET", `/api/v1/services/${id}`, { token: stranger.token });
    const missing = await t.request("GET", `/api/v1/services/${newId("svc")}`, { token: stranger.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("CAB_ERR_NOT_FOUND");
    expect(missing.status).toBe(404);
  });

  it("answers a malformed id with 400", async () => {
    const client = await t.signUp();
    const response = await t.request("GET", "/api/v1/services/acc_123%27%20OR%201=1", { token: client.token });
    expect(response.status).toBe(400);
  });
});
