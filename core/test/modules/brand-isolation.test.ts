import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManageApiKeys } from "../../src/modules/accounts/manage-api-keys.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { signInStaff } from "../support/staff-helpers.js";

// The demo's two brands in one core: Northwind (demo) and Orbit Cloud (orbit), each on its own
// site. Each sees only its own clients, catalog, services, payments, tickets and staff.
const orbitSite = "http://127.0.0.1:8081";
const northwindSite = "http://localhost:8080";

let t: TestCabinet;
let alice: string;
let orbitClient: string;
beforeAll(async () => {
  t = await startTestCabinet();
  alice = (await t.request("POST", "/api/v1/auth/sign-in", { body: { email: "alice@example.com", password: "northwind-demo", mode: "bearer" } })).body.token;
  const { key } = await t.cabinet.container.resolve(ManageApiKeys).create("orbit", "test");
  const handoff = await t.request("POST", "/api/v1/handoff", {
    body: { customer: { externalId: "o-1", email: "bob@orbit.example", name: "Bob" }, origin: orbitSite },
    headers: { authorization: `Bearer ${key}` },
  });
  orbitClient = (await t.request("POST", "/api/v1/auth/handoff", { body: { code: handoff.body.code }, headers: { origin: orbitSite } })).body.token;
});
afterAll(() => t.close());

describe("two brands in one core", () => {
  it("give each client their own brand, currency and catalog", async () => {
    const orbitMe = await t.request("GET", "/api/v1/me", { token: orbitClient, headers: { origin: orbitSite } });
    expect(orbitMe.body).toMatchObject({ brand: { slug: "orbit", name: "Orbit Cloud" }, account: { currency: "EUR" } });
    const northwindCatalog = await t.request("GET", "/api/v1/catalog", { token: alice, headers: { origin: northwindSite } });
    expect(northwindCatalog.body.items.length).toBeGreaterThan(0);
    const orbitCatalog = await t.request("GET", "/api/v1/catalog", { token: orbitClient, headers: { origin: orbitSite } });
    const northwindIds = new Set(northwindCatalog.body.items.map((p: { id: string }) => p.id));
    expect(orbitCatalog.body.items.filter((p: { id: string }) => northwindIds.has(p.id))).toEqual([]);
    // Asking for Northwind's currency does not show Northwind's products either.
    const inUsd = await t.request("GET", "/api/v1/catalog?currency=USD", { token: orbitClient, headers: { origin: orbitSite } });
    expect(inUsd.body.items.filter((p: { id: string }) => northwindIds.has(p.id))).toEqual([]);
  });

  it("answer another brand's service 404, and its client's session 403 from the other site", async () => {
    const services = await t.request("GET", "/api/v1/services", { token: alice, headers: { origin: northwindSite } });
    const id = services.body.items[0].id;
    expect((await t.request("GET", `/api/v1/services/${id}`, { token: orbitClient, headers: { origin: orbitSite } })).status).toBe(404);
    expect((await t.request("GET", `/api/v1/services/${id}`, { token: alice, headers: { origin: orbitSite } })).status).toBe(403);
  });

  it("show each brand's staff only their own brand's tickets and settings", async () => {
    const orbitAdmin = await signInStaff(t, "admin", "orbit");
    const northwindAdmin = await signInStaff(t, "admin", "demo");
    const northwindTickets = await t.request("GET", "/api/v1/staff/tickets", { token: northwindAdmin.token });
    expect(northwindTickets.body.items.length).toBeGreaterThan(0); // Alice's seeded ticket
    const orbitTickets = await t.request("GET", "/api/v1/staff/tickets", { token: orbitAdmin.token, headers: { "x-cabinet-brand": "orbit" } });
    expect(orbitTickets.status).toBe(200);
    expect(orbitTickets.body.items).toEqual([]);
    const ticketId = northwindTickets.body.items[0].id;
    expect((await t.request("GET", `/api/v1/staff/tickets/${ticketId}`, { token: orbitAdmin.token, headers: { "x-cabinet-brand": "orbit" } })).status).toBe(
      404,
    );
    expect((await t.request("GET", "/api/v1/staff/brand", { token: orbitAdmin.token, headers: { "x-cabinet-brand": "orbit" } })).body).toMatchObject({
      slug: "orbit",
      defaultCurrency: "EUR",
    });
    // A staff token names its brand: asking as another brand is refused.
    expect((await t.request("GET", "/api/v1/staff/brand", { token: orbitAdmin.token, headers: { "x-cabinet-brand": "demo" } })).status).toBe(401);
  });
});
