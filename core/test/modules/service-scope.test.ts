import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addServices, DAY } from "../support/billing-helpers.js";
import { listed, publish } from "../support/notification-helpers.js";
import { addRoleMember, expectRefused } from "../support/access-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
beforeAll(async () => {
  t = await startTestCabinet();
});
afterAll(() => t.close());

const cursorOf = (id: string) => Buffer.from(id).toString("base64url");

describe("a user limited to chosen services", () => {
  it("sees and acts on those only: paths, bodies, filters and cursors answer as for another account's ids", async () => {
    const owner = await t.signUp();
    const [mine, other] = await addServices(t, owner.accountId, [
      { label: "mine", paidUntil: t.clock.now() + 10 * DAY },
      { label: "other", paidUntil: t.clock.now() + 10 * DAY },
    ]);
    const admin = await addRoleMember(t, owner, ["sysadmin"], [mine]);
    const get = (path: string) => t.request("GET", `/api/v1${path}`, { token: admin.token });

    expect((await get("/services")).body.items.map((s: { id: string }) => s.id)).toEqual([mine]);
    expect((await get("/services?q=other")).body.items).toEqual([]);
    // A cursor made from the other service's id pages below it, but never shows it.
    expect((await get(`/services?cursor=${cursorOf(other)}`)).body.items.map((s: { id: string }) => s.id)).not.toContain(other);
    expect((await get(`/services/${mine}`)).status).toBe(200);
    for (const [method, path, body] of [
      ["GET", `/services/${other}`],
      ["GET", `/services/${other}/history`],
      ["PATCH", `/services/${other}`, { label: "taken" }],
      ["POST", `/services/${other}/renew`, { periods: 1 }],
    ] as const) {
      expectRefused(
        await t.request(method, `/api/v1${path}`, { token: admin.token, body, headers: { "idempotency-key": `scope-${Math.random()}` } }),
        404,
        "CAB_ERR_NOT_FOUND",
      );
    }
    expect((await t.cabinet.db("services").where({ id: other }).first()).label).toBe("other");
    // The owner still sees both.
    expect((await t.request("GET", "/api/v1/services", { token: owner.token })).body.items).toHaveLength(2);
    expect((await get("/me")).body.user.serviceScope).toEqual([mine]);
  });

  it("sees the tickets about their services and their own, not the others'", async () => {
    const owner = await t.signUp();
    const [mine, other] = await addServices(t, owner.accountId, [
      { label: "mine", paidUntil: t.clock.now() + 10 * DAY },
      { label: "other", paidUntil: t.clock.now() + 10 * DAY },
    ]);
    const admin = await addRoleMember(t, owner, ["sysadmin"], [mine]);
    const departmentId = (await t.request("GET", "/api/v1/support/departments", { token: owner.token })).body.items[0].id;
    const open = (token: string, serviceId?: string) =>
      t.request("POST", "/api/v1/tickets", {
        token,
        body: { subject: "Help", departmentId, priority: "normal", body: "text", ...(serviceId && { serviceId }) },
      });
    const aboutMine = (await open(owner.token, mine)).body.id;
    const aboutOther = (await open(owner.token, other)).body.id;
    const general = (await open(owner.token)).body.id;
    const ownTicket = await open(admin.token);
    expect(ownTicket.status).toBe(201);

    const list = await t.request("GET", "/api/v1/tickets", { token: admin.token });
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual([aboutMine, ownTicket.body.id].sort());
    for (const id of [aboutOther, general]) {
      expectRefused(await t.request("GET", `/api/v1/tickets/${id}`, { token: admin.token }), 404, "CAB_ERR_NOT_FOUND");
      expectRefused(await t.request("POST", `/api/v1/tickets/${id}/messages`, { token: admin.token, body: { body: "hi" } }), 404, "CAB_ERR_NOT_FOUND");
      expectRefused(await t.request("POST", `/api/v1/tickets/${id}/close`, { token: admin.token }), 404, "CAB_ERR_NOT_FOUND");
    }
    // Naming the other service in a new ticket's body is refused as another account's service is.
    expectRefused(await open(admin.token, other), 422, "CAB_ERR_UNPROCESSABLE");
  });

  it("is told only of their services", async () => {
    const owner = await t.signUp();
    const [mine, other] = await addServices(t, owner.accountId, [
      { label: "mine", paidUntil: t.clock.now() + 10 * DAY },
      { label: "other", paidUntil: t.clock.now() + 10 * DAY },
    ]);
    const admin = await addRoleMember(t, owner, ["sysadmin"], [mine]);
    await publish(t, "service.suspended", { accountId: owner.accountId, serviceId: other, reason: "unpaid" });
    await publish(t, "service.suspended", { accountId: owner.accountId, serviceId: mine, reason: "unpaid" });
    expect((await listed(t, admin.token)).map((n) => n.reference.id)).toEqual([mine]);
    expect(await listed(t, owner.token)).toHaveLength(2);
  });
});
