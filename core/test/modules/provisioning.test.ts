import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PluginDefinition } from "../../src/index.js";
import { TOKENS } from "../../src/kernel/tokens.js";
import type { CabinetEvents, EventBus } from "../../src/kernel/event-bus.js";
import type { Provisioner, ProvisioningReports } from "../../src/extension-points/provisioner.js";
import { ProductRepository } from "../../src/modules/catalog/product.repository.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { RetryProvisioning } from "../../src/modules/services/retry-provisioning.js";
import { SuspendService } from "../../src/modules/services/suspend-service.js";
import { ChangeService } from "../../src/modules/services/change-service.js";
import { addBrand, startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { signInStaff } from "../support/staff-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { addProduct, balanceOf, order, statusBecomes } from "../support/service-helpers.js";

/** A provisioner whose answer the product's options choose, counting its calls per service and action. */
const calls = new Map<string, number>();
const scripted: Provisioner = {
  id: "scripted",
  async provision({ serviceId, action, options }) {
    const key = `${serviceId}:${action}`;
    const call = (calls.get(key) ?? 0) + 1;
    calls.set(key, call);
    const mode = action === "create" || options.allActions ? options.mode : "done";
    switch (mode) {
      case "fail":
        return { status: "failed", reason: "HTTP 500 from the panel", retryable: false };
      case "retry-fail":
        return { status: "failed", reason: "HTTP 503 from the panel", retryable: true };
      case "flaky-once":
        return call === 1 ? { status: "failed", reason: "busy", retryable: true } : { status: "done" };
      case "hang":
        return new Promise(() => {}); // never answers
      case "pending":
        return { status: "pending", reference: `task-${serviceId}` };
      default:
        return { status: "done", data: { ip: "192.0.2.10" } };
    }
  },
};
const scriptedPlugin: PluginDefinition = {
  name: "provision-scripted",
  version: "1.0.0",
  coreRange: "*",
  register: (context) => context.provide("provisioner", scripted),
};

let t: TestCabinet;
const failures: CabinetEvents["service.provisioning_failed"][] = [];
beforeAll(async () => {
  t = await startTestCabinet({
    plugins: [scriptedPlugin],
    config: { plugins: [{ name: "provision-scripted", options: {} }], jobs: { attempts: 3, backoffMs: 20 }, services: { provisionTimeoutMs: 300 } },
  });
  t.cabinet.container.resolve<EventBus>(TOKENS.EventBus).subscribe("service.provisioning_failed", "test", (e) => void failures.push(e));
});
afterAll(() => t.close());

/** A client with 5000 on the balance who orders one service of a product provisioned in `mode`. */
async function orderWith(provisioner: string, mode?: string, extra: Record<string, unknown> = {}) {
  const product = await addProduct(t, { provisioner, provisionerOptions: { mode, ...extra } });
  const client = await t.signUp();
  await post(t, { accountId: client.accountId, amount: 5000 });
  const started = Date.now();
  const response = await order(t, client.token, [{ productId: product.id, periodMonths: 1 }]);
  expect(response.status).toBe(201);
  expect(response.body.services[0].status).toBe("provisioning");
  return { ...client, product, id: response.body.services[0].id as string, orderMs: Date.now() - started };
}

describe("a provisioner that answers failed", () => {
  it("leaves the service provisioning_failed with the error, and refunds the order's charge once", async () => {
    const c = await orderWith("scripted", "fail");
    const failed = await statusBecomes(t, c.token, c.id, "provisioning_failed");
    expect(failed.statusReason).toBe("HTTP 500 from the panel");
    expect(failed.actions.cancel).toEqual({ allowed: true, reason: null });
    expect(calls.get(`${c.id}:create`)).toBe(1); // not retryable: asked once
    expect(await balanceOf(t, c.accountId)).toBe(5000);
    // Published once the failure commits: it may come a moment after the status reads.
    await expect.poll(() => failures, { timeout: 10_000 }).toContainEqual({ accountId: c.accountId, serviceId: c.id, reason: "HTTP 500 from the panel" });
    const history = (await t.request("GET", `/api/v1/services/${c.id}/history`, { token: c.token })).body.items;
    expect(history.at(-1)).toMatchObject({
      fromStatus: "provisioning",
      toStatus: "provisioning_failed",
      actor: "system",
      details: { reason: "HTTP 500 from the panel", refunded: 1000 },
    });

    // The client gives up on it: nothing runs, so "at the period's end" is now; nothing is asked of the provisioner.
    const cancelled = await t.request("POST", `/api/v1/services/${c.id}/cancel`, { token: c.token, body: { when: "period_end" } });
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelAtPeriodEnd: false });
    expect((await t.request("DELETE", `/api/v1/services/${c.id}`, { token: c.token })).status).toBe(204);
    await expect.poll(() => calls.get(`${c.id}:delete`)).toBe(1);
    expect(calls.get(`${c.id}:suspend`)).toBe(undefined);
    expect(await balanceOf(t, c.accountId)).toBe(5000);
  });

  it("gives back all an invoiced order cost, the VAT added on top included", async () => {
    // The demo brand's prices include VAT; here it is added on top (21 %), so the invoice's total
    // is more than its line — and a failed set-up must return the total, not the line.
    const brands = t.cabinet.container.resolve(BrandDirectory);
    await t.cabinet.db("brands").where({ slug: "demo" }).update({ vat_inclusive: false });
    brands.invalidate();
    try {
      const product = await addProduct(t, { provisioner: "scripted", provisionerOptions: { mode: "fail" } });
      const client = await t.signUp();
      const ordered = await order(t, client.token, [{ productId: product.id, periodMonths: 1 }]);
      expect(ordered.body.status).toBe("awaiting_payment");
      const invoice = (await t.request("GET", `/api/v1/invoices/${ordered.body.invoiceId}`, { token: client.token })).body;
      expect(invoice.total).toMatchObject({ amount: 1210 });
      await post(t, { accountId: client.accountId, amount: 5000 });
      expect((await t.request("POST", `/api/v1/invoices/${invoice.id}/pay-from-balance`, { token: client.token })).status).toBe(200);
      await statusBecomes(t, client.token, ordered.body.services[0].id, "provisioning_failed");
      const refunds = await t.cabinet.db("ledger_entries").where({ account_id: client.accountId, kind: "refund" });
      expect(refunds.map((r) => Number(r.amount))).toEqual([1210]);
      expect(await balanceOf(t, client.accountId)).toBe(5000);
    } finally {
      await t.cabinet.db("brands").where({ slug: "demo" }).update({ vat_inclusive: true });
      brands.invalidate();
    }
  });

  it("is retried with back-off when retryable, then given up: failed, refunded once", async () => {
    const c = await orderWith("scripted", "retry-fail");
    const failed = await statusBecomes(t, c.token, c.id, "provisioning_failed");
    expect(failed.statusReason).toBe("HTTP 503 from the panel");
    expect(calls.get(`${c.id}:create`)).toBe(3);
    expect(await balanceOf(t, c.accountId)).toBe(5000);
    expect(await t.cabinet.db("ledger_entries").where({ account_id: c.accountId, kind: "refund" })).toHaveLength(1);
  });

  it("succeeds on a retry after a passing failure, charging once and refunding nothing", async () => {
    const c = await orderWith("scripted", "flaky-once");
    await statusBecomes(t, c.token, c.id, "active");
    expect(calls.get(`${c.id}:create`)).toBe(2);
    expect(await balanceOf(t, c.accountId)).toBe(4000);
  });

  it("can be retried once the cause is fixed: charged again, then active", async () => {
    const c = await orderWith("scripted", "fail");
    await statusBecomes(t, c.token, c.id, "provisioning_failed");
    const products = t.cabinet.container.resolve(ProductRepository);
    await products.update({ ...c.product, provisionerOptions: { mode: "done" } }, t.clock.now());
    const finance = await signInStaff(t, "finance");
    expect((await t.request("POST", `/api/v1/staff/services/${c.id}/retry-provisioning`, { token: finance.token })).status).toBe(403);
    const support = await signInStaff(t, "support");
    const retried = await t.request("POST", `/api/v1/staff/services/${c.id}/retry-provisioning`, { token: support.token });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe("provisioning");
    const active = await statusBecomes(t, c.token, c.id, "active");
    expect(active.statusReason).toBe(null);
    expect(await balanceOf(t, c.accountId)).toBe(4000);
    const again = await t.request("POST", `/api/v1/staff/services/${c.id}/retry-provisioning`, { token: support.token });
    expect(again.status).toBe(409);
    expect(again.body.error.details.status).toBe("active");
    await addBrand(t, "elsewhere-provisioning");
    const stranger = await signInStaff(t, "admin", "elsewhere-provisioning");
    expect((await t.request("POST", `/api/v1/staff/services/${c.id}/retry-provisioning`, { token: stranger.token })).status).toBe(404);
  });

  it("is not retried unpaid: 402 when the balance no longer covers the charge", async () => {
    const c = await orderWith("scripted", "fail");
    await statusBecomes(t, c.token, c.id, "provisioning_failed");
    await post(t, { accountId: c.accountId, amount: -4500 });
    await expect(t.cabinet.container.resolve(RetryProvisioning).execute({ accountId: c.accountId, serviceId: c.id, actor: "system" })).rejects.toMatchObject({
      code: "CAB_ERR_INSUFFICIENT_FUNDS",
    });
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.status).toBe("provisioning_failed");
    expect(await balanceOf(t, c.accountId)).toBe(500);
  });
});

describe("a provisioner that never answers", () => {
  it("does not hold up the order, times out on every attempt, and ends failed with the money back", async () => {
    const c = await orderWith("scripted", "hang");
    expect(c.orderMs).toBeLessThan(2000);
    const failed = await statusBecomes(t, c.token, c.id, "provisioning_failed");
    expect(failed.statusReason).toBe("the provisioner did not answer within 300 ms");
    expect(await balanceOf(t, c.accountId)).toBe(5000);
  });
});

describe("a provisioner that is not enabled", () => {
  it("fails the service with a clear reason, not a crash", async () => {
    const c = await orderWith("nowhere");
    const failed = await statusBecomes(t, c.token, c.id, "provisioning_failed");
    expect(failed.statusReason).toBe('provisioner "nowhere" is not enabled');
    expect(await balanceOf(t, c.accountId)).toBe(5000);
  });
});

describe("a provisioner that answers pending", () => {
  it("waits for its report through ProvisioningReports; a repeated or stray report changes nothing", async () => {
    const c = await orderWith("scripted", "pending");
    await expect.poll(() => calls.get(`${c.id}:create`)).toBe(1);
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.status).toBe("provisioning");
    const reports = t.cabinet.container.resolve<ProvisioningReports>(TOKENS.ProvisioningReports);
    await reports.report({ serviceId: c.id, action: "suspend", outcome: { status: "failed", reason: "stray" } });
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.status).toBe("provisioning");

    await reports.report({ serviceId: c.id, action: "create", outcome: { status: "done", data: { ip: "192.0.2.7" } } });
    const active = (await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body;
    expect(active.status).toBe("active");
    await reports.report({ serviceId: c.id, action: "create", outcome: { status: "failed", reason: "late" } });
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body).toMatchObject({ status: "active", statusReason: null });
    expect(await balanceOf(t, c.accountId)).toBe(4000);
    const history = (await t.request("GET", `/api/v1/services/${c.id}/history`, { token: c.token })).body.items;
    expect(history.map((h: { action: string }) => h.action)).toEqual(["order", "provisioned"]);
    expect(history[1].details).toEqual({ data: { ip: "192.0.2.7" } });
  });

  it("reports a failure: failed with the reason and refunded", async () => {
    const c = await orderWith("scripted", "pending");
    await expect.poll(() => calls.get(`${c.id}:create`)).toBe(1);
    await t.cabinet.container
      .resolve<ProvisioningReports>(TOKENS.ProvisioningReports)
      .report({ serviceId: c.id, action: "create", outcome: { status: "failed", reason: "no capacity" } });
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body).toMatchObject({
      status: "provisioning_failed",
      statusReason: "no capacity",
    });
    expect(await balanceOf(t, c.accountId)).toBe(5000);
  });
});

describe("later actions", () => {
  it("each reach the provisioner, even when one follows another at once", async () => {
    const c = await orderWith("scripted", "done", { allActions: true });
    await statusBecomes(t, c.token, c.id, "active");
    const products = t.cabinet.container.resolve(ProductRepository);
    await products.update({ ...c.product, parameters: [{ key: "size", kind: "boolean", label: "Big", default: false, price: { USD: 0 } }] }, t.clock.now());
    await t.cabinet.container.resolve(ChangeService).execute({ accountId: c.accountId, serviceId: c.id, parameters: { size: true }, actor: "client" });
    await t.cabinet.container.resolve(SuspendService).execute({ accountId: c.accountId, serviceId: c.id, reason: "client", actor: "client" });
    await expect.poll(() => [calls.get(`${c.id}:change`), calls.get(`${c.id}:suspend`)]).toEqual([1, 1]);
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body).toMatchObject({ status: "suspended", parameters: { size: true } });
  });
});

describe("a failing call for a later action", () => {
  it("keeps the status and shows the error in statusReason", async () => {
    const c = await orderWith("scripted", "done", { allActions: true });
    await statusBecomes(t, c.token, c.id, "active");
    const products = t.cabinet.container.resolve(ProductRepository);
    await products.update({ ...c.product, provisionerOptions: { mode: "fail", allActions: true } }, t.clock.now());
    await t.cabinet.container.resolve(SuspendService).execute({ accountId: c.accountId, serviceId: c.id, reason: "staff", actor: "staff" });
    await expect
      .poll(async () => (await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.statusReason)
      .toBe("suspend failed: HTTP 500 from the panel");
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.status).toBe("suspended");
    expect(await balanceOf(t, c.accountId)).toBe(4000);
  });
});
