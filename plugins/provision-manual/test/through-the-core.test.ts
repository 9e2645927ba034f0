import { afterAll, beforeAll, describe, expect, it } from "vitest";
import manualPlugin from "../src/index.js";
import { post as postEntry } from "../../../core/test/support/ledger-helpers.js";
import { addProduct, balanceOf, order, statusBecomes } from "../../../core/test/support/service-helpers.js";
import { signInStaff } from "../../../core/test/support/staff-helpers.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../../../core/test/support/test-cabinet.js";

// End to end through the core's own provisioning: a client orders a product provisioned by
// hand, the provisioning job opens a staff task, and what staff mark decides the service's fate.

let t: TestCabinet;
let productId: string;
let admin: string;
let otherAdmin: string;

beforeAll(async () => {
  t = await startTestCabinet({ plugins: [manualPlugin], config: { plugins: [{ name: "provision-manual", options: {} }] } });
  productId = (await addProduct(t, { provisioner: "manual", provisionerOptions: { instructions: "Rack B" } })).id;
  admin = (await signInStaff(t, "admin")).token;
  await addBrand(t, "other");
  otherAdmin = (await signInStaff(t, "admin", "other")).token;
});
afterAll(() => t.close());

const base = "/api/v1/plugins/provision-manual";

/** A client who orders the product from their balance; answers the client and the ordered service. */
async function orderService() {
  const client = await t.signUp();
  await postEntry(t, { accountId: client.accountId, amount: 5000 });
  const response = await order(t, client.token, [{ productId, periodMonths: 1, label: "rack server" }]);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  expect(response.body.status).toBe("paid");
  const [service] = response.body.services;
  expect(service.status).toBe("provisioning");
  return { client, service };
}

/** The open task for the service, once the provisioning job (off-request) has opened it. */
async function taskFor(serviceId: string, token = admin) {
  let task: { id: string; serviceId: string; action: string; options: Record<string, unknown> } | undefined;
  await expect
    .poll(
      async () => {
        const items = (await t.request("GET", `${base}/tasks?status=open&serviceId=${serviceId}`, { token })).body.items;
        expect(items.every((item: { serviceId: string }) => item.serviceId === serviceId)).toBe(true);
        task = items[0];
        return task !== undefined;
      },
      { timeout: 5000 },
    )
    .toBe(true);
  return task!;
}

describe("a service provisioned by hand", () => {
  it("waits in provisioning for the task; marked done, it becomes active", async () => {
    const { client, service } = await orderService();
    const task = await taskFor(service.id);
    expect(task).toMatchObject({ action: "create", options: { instructions: "Rack B" } });
    // Another brand's staff know nothing of it.
    expect((await t.request("GET", `${base}/tasks/${task.id}`, { token: otherAdmin })).status).toBe(404);
    expect((await t.request("GET", `/api/v1/services/${service.id}`, { token: client.token })).body.status).toBe("provisioning");

    const done = await t.request("POST", `${base}/tasks/${task.id}/done`, { token: admin, body: { data: { ipAddress: "203.0.113.7" } } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const active = await statusBecomes(t, client.token, service.id, "active");
    expect(active.statusReason).toBeNull();
    const history = (await t.request("GET", `/api/v1/services/${service.id}/history`, { token: client.token })).body.items;
    expect(history.map((h: { toStatus: string; action: string }) => [h.toStatus, h.action])).toEqual([
      ["provisioning", "order"],
      ["active", "provisioned"],
    ]);

    // Marking it again changes nothing.
    expect((await t.request("POST", `${base}/tasks/${task.id}/done`, { token: admin, body: {} })).status).toBe(200);
    expect((await t.request("GET", `/api/v1/services/${service.id}/history`, { token: client.token })).body.items).toHaveLength(2);
  });

  it("marked failed, shows the reason and gives the client's money back", async () => {
    const { client, service } = await orderService();
    const charged = 5000 - (await balanceOf(t, client.accountId));
    expect(charged).toBeGreaterThan(0);
    const task = await taskFor(service.id);

    const failed = await t.request("POST", `${base}/tasks/${task.id}/failed`, { token: admin, body: { reason: "no server of this size left in stock" } });
    expect(failed.status).toBe(200);
    const shown = await statusBecomes(t, client.token, service.id, "provisioning_failed");
    expect(shown.statusReason).toBe("no server of this size left in stock");
    expect(await balanceOf(t, client.accountId)).toBe(5000);

    // Pressed again: no second refund.
    expect((await t.request("POST", `${base}/tasks/${task.id}/failed`, { token: admin, body: { reason: "again" } })).status).toBe(200);
    expect(await balanceOf(t, client.accountId)).toBe(5000);
  });
});
