import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import type { JobOptions, JobQueue, PluginDefinition, Provisioner } from "../../src/index.js";
import { TOKENS } from "../../src/kernel/tokens.js";
import { DefaultJobQueue } from "../../src/kernel/default-job-queue.js";
import type { Database } from "../../src/db/create-database.js";
import { inTransaction } from "../../src/db/transaction.js";
import { RunRecoverySweep, scheduleRecovery } from "../../src/jobs/recovery-sweep.js";
import { SettleInvoice } from "../../src/modules/invoices/settle-invoice.js";
import { ApplyPaidChanges } from "../../src/modules/services/apply-paid-changes.js";
import type { ServiceRepository } from "../../src/modules/services/service.repository.js";
import { addServices } from "../support/billing-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { TestGateway, testGatewayPlugin } from "../support/test-gateway.js";
import { signInStaff } from "../support/staff-helpers.js";
import { post } from "../support/ledger-helpers.js";
import { addProduct, balanceOf, order, statusBecomes } from "../support/service-helpers.js";

/**
 * What a process killed mid-work leaves behind, made on purpose: the job queue "forgets" the
 * provisioning jobs asked for while `losing` is set (as the in-memory queue does when its
 * process dies after the order committed), and an invoice is paid with no `invoice.paid`
 * handler run (as when the process died right after the commit).
 */
class ForgetfulQueue implements JobQueue {
  readonly id = "forgetful";
  losing = false;
  lost: string[] = [];
  private readonly inner = new DefaultJobQueue({ attempts: 2, backoffMs: 20, logger: pino({ level: "silent" }) });
  enqueue(name: string, payload: Record<string, unknown>, options?: JobOptions) {
    if (this.losing && name === "provision-service") {
      this.lost.push(String(payload.serviceId));
      return Promise.resolve();
    }
    return this.inner.enqueue(name, payload, options);
  }
  process: JobQueue["process"] = (name, handler, options) => this.inner.process(name, handler, options);
  repeat: JobQueue["repeat"] = (name, everyMs) => this.inner.repeat(name, everyMs);
  start = () => this.inner.start();
  stop = () => this.inner.stop();
}

const queue = new ForgetfulQueue();
const gateway = new TestGateway();
const createCalls = new Map<string, number>();
const counting: Provisioner = {
  id: "counting",
  async provision({ serviceId, action, idempotencyKey }) {
    createCalls.set(`${serviceId}:${action}`, (createCalls.get(`${serviceId}:${action}`) ?? 0) + 1);
    return { status: "done", data: { key: idempotencyKey } };
  },
};
const lossyPlugin: PluginDefinition = {
  name: "lossy",
  version: "1.0.0",
  coreRange: "*",
  register: ({ provide }) => {
    provide("job-queue", queue);
    provide("provisioner", counting);
  },
};

const MINUTE = 60_000;
let t: TestCabinet;
let sweep: () => ReturnType<RunRecoverySweep["execute"]>;
beforeAll(async () => {
  t = await startTestCabinet({
    plugins: [lossyPlugin, testGatewayPlugin(gateway)],
    config: {
      plugins: [
        { name: "lossy", options: {} },
        { name: "payment-testpay", options: {} },
      ],
      jobs: { queue: "forgetful" },
      recovery: { provisioningAfterMs: 15 * MINUTE, paymentsAfterMs: 30 * MINUTE, paymentsExpireAfterMs: 24 * 60 * MINUTE },
    },
  });
  sweep = () => t.cabinet.container.resolve(RunRecoverySweep).execute();
});
afterAll(() => t.close());

async function orderLost() {
  const product = await addProduct(t, { provisioner: "counting" });
  const client = await t.signUp();
  await post(t, { accountId: client.accountId, amount: 5000 });
  queue.losing = true;
  const response = await order(t, client.token, [{ productId: product.id, periodMonths: 1 }]);
  queue.losing = false;
  expect(response.status).toBe(201);
  const id = response.body.services[0].id as string;
  expect(queue.lost).toContain(id);
  return { ...client, id };
}

describe("a provisioning job lost with its process", () => {
  it("is left alone while younger than recovery.provisioningAfterMs, then enqueued again and the service becomes active", async () => {
    const c = await orderLost();
    expect((await sweep()).provisioning).toBe(0);
    expect((await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.status).toBe("provisioning");
    expect(createCalls.get(`${c.id}:create`)).toBeUndefined();

    t.clock.advance(15 * MINUTE + 1);
    expect((await sweep()).provisioning).toBeGreaterThanOrEqual(1);
    const active = await statusBecomes(t, c.token, c.id, "active");
    expect(active.statusReason).toBeNull();
    expect(createCalls.get(`${c.id}:create`)).toBe(1);
    // The order's charge was taken once, and not refunded: the service was set up after all.
    expect(await balanceOf(t, c.accountId)).toBe(4000);
    // A sweep right after asks nothing again.
    expect((await sweep()).provisioning).toBe(0);
  });

  it("is finished by the sweep scheduleRecovery runs on the job queue at start, as `cabinet serve` does", async () => {
    const c = await orderLost();
    t.clock.advance(15 * MINUTE + 1);
    expect(await scheduleRecovery(t.cabinet.container)).toBe(true);
    await statusBecomes(t, c.token, c.id, "active");
    expect(createCalls.get(`${c.id}:create`)).toBe(1);
  });

  it("staff may retry a service stuck in provisioning only once it is older than the limit", async () => {
    const c = await orderLost();
    const staff = await signInStaff(t, "support");
    const early = await t.request("POST", `/api/v1/staff/services/${c.id}/retry-provisioning`, { token: staff.token });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("CAB_ERR_ILLEGAL_TRANSITION");

    t.clock.advance(15 * MINUTE + 1);
    const retried = await t.request("POST", `/api/v1/staff/services/${c.id}/retry-provisioning`, { token: staff.token });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe("provisioning");
    await statusBecomes(t, c.token, c.id, "active");
    expect(createCalls.get(`${c.id}:create`)).toBe(1);
    expect(await balanceOf(t, c.accountId)).toBe(4000); // not charged again
    const history = (await t.request("GET", `/api/v1/services/${c.id}/history`, { token: c.token })).body.items.map((h: { action: string }) => h.action);
    expect(history).toContain("retry");
  });
});

describe("a paid invoice whose services never started", () => {
  it("has its services started by the sweep", async () => {
    const product = await addProduct(t, { provisioner: "counting" });
    const client = await t.signUp();
    const ordered = await order(t, client.token, [{ productId: product.id, periodMonths: 1 }]);
    expect(ordered.status).toBe(201);
    expect(ordered.body.status).toBe("awaiting_payment");
    const id = ordered.body.services[0].id as string;
    const invoiceId = ordered.body.invoiceId as string;

    // The money came and the invoice was paid, but the process died before `invoice.paid` was handled.
    const db = t.cabinet.container.resolve<Database>(TOKENS.Database);
    await post(t, { accountId: client.accountId, amount: 1000 });
    const settled = await inTransaction(db, (trx) => t.cabinet.container.resolve(SettleInvoice).execute(trx, client.accountId, invoiceId));
    expect(settled.status).toBe("paid");
    expect((await t.request("GET", `/api/v1/services/${id}`, { token: client.token })).body.status).toBe("pending_payment");

    expect((await sweep()).started).toBeGreaterThanOrEqual(1);
    await statusBecomes(t, client.token, id, "active");
    expect(await balanceOf(t, client.accountId)).toBe(0);
    // Swept again, nothing moves twice.
    expect((await sweep()).started).toBe(0);
  });
});

describe("a paid upgrade invoice whose change was never applied", () => {
  /** A demo VPS (cpu 2, 1800 a month) paid for 30 days, and an upgrade to 4 cores the empty balance leaves waiting for its invoice. */
  async function upgradeWaiting() {
    const client = await t.signUp();
    const vps = await t.cabinet.db("products").where({ code: "vps" }).first();
    const paidUntil = t.clock.now() + 30 * 24 * 60 * MINUTE;
    const [id] = await addServices(t, client.accountId, [{ label: "up-01", paidUntil, price: 1800 }]);
    await t.cabinet
      .db("services")
      .where({ id })
      .update({
        product_id: vps.id,
        period_start: paidUntil - 30 * 24 * 60 * MINUTE,
        parameters: JSON.stringify({ cpu: 2, ram: 4, disk: 80, os: "debian-12", backups: true }),
      });
    const changed = await t.request("POST", `/api/v1/services/${id}/change`, { token: client.token, body: { parameters: { cpu: 4 } } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const invoiceId = changed.body.invoiceId as string;
    expect(invoiceId).toBeTruthy();
    // The money came and the invoice was paid, but the process died before `invoice.paid` was handled.
    const invoice = await t.cabinet.db("invoices").where({ id: invoiceId }).first();
    await post(t, { accountId: client.accountId, amount: Number(invoice.total_amount) });
    const db = t.cabinet.container.resolve<Database>(TOKENS.Database);
    expect((await inTransaction(db, (trx) => t.cabinet.container.resolve(SettleInvoice).execute(trx, client.accountId, invoiceId))).status).toBe("paid");
    return { ...client, id, invoiceId };
  }
  const cpuOf = async (c: { token: string; id: string }) => (await t.request("GET", `/api/v1/services/${c.id}`, { token: c.token })).body.parameters.cpu;
  const refunds = async (accountId: string) => (await t.cabinet.db("ledger_entries").where({ account_id: accountId, kind: "refund" })).length;

  it("is applied by the sweep, once: swept again nothing moves, nothing is given back", async () => {
    const c = await upgradeWaiting();
    expect(await cpuOf(c)).toBe(2);
    expect((await sweep()).changed).toBeGreaterThanOrEqual(1);
    expect(await cpuOf(c)).toBe(4);
    expect((await t.cabinet.db("service_changes").where({ invoice_id: c.invoiceId }).first()).status).toBe("applied");
    expect((await sweep()).changed).toBe(0);
    expect(await cpuOf(c)).toBe(4);
    expect(await refunds(c.accountId)).toBe(0);
    expect(await balanceOf(t, c.accountId)).toBe(0);
  });

  it("applied by the sweep while the late event's handler held the change as waiting, is applied once and never also refunded", async () => {
    const c = await upgradeWaiting();
    const handler = t.cabinet.container.resolve(ApplyPaidChanges);
    // The handler read the change (waiting) just before the sweep applied it…
    const services = (handler as unknown as { services: ServiceRepository }).services;
    const stale = await services.findChangesByInvoice(c.accountId, c.invoiceId);
    expect(stale.map((change) => change.status)).toEqual(["waiting"]);
    expect((await sweep()).changed).toBe(1);
    // …and goes on with what it read: the service has moved on (the upgrade bumped it), yet it is not the handler's to refund.
    services.findChangesByInvoice = async () => stale;
    expect(await handler.execute(c.accountId, c.invoiceId)).toEqual([]);
    expect(await cpuOf(c)).toBe(4);
    expect(await refunds(c.accountId)).toBe(0);
    expect(await balanceOf(t, c.accountId)).toBe(0);
    const changes = (await t.request("GET", `/api/v1/services/${c.id}/history?limit=100`, { token: c.token })).body.items.filter(
      (h: { action: string }) => h.action === "change",
    );
    expect(changes).toHaveLength(1);
  });
});

describe("a pending payment whose webhook never came", () => {
  const returnUrl = "http://localhost:8080/back";

  it("is asked of its gateway once older than recovery.paymentsAfterMs, and settled", async () => {
    const client = await t.signUp();
    const started = await t.request("POST", "/api/v1/payments", { token: client.token, body: { gateway: "testpay", amount: 2500, returnUrl } });
    expect(started.status).toBe(201);
    gateway.status.set(`ref_${started.body.id}`, "succeeded"); // paid at the gateway; the webhook is lost

    expect((await sweep()).payments.settled).toBe(0);
    expect(await balanceOf(t, client.accountId)).toBe(0);

    t.clock.advance(30 * MINUTE + 1);
    expect((await sweep()).payments.settled).toBeGreaterThanOrEqual(1);
    const payment = (await t.request("GET", `/api/v1/payments/${started.body.id}`, { token: client.token })).body;
    expect(payment.status).toBe("succeeded");
    expect(await balanceOf(t, client.accountId)).toBe(2500);
    // Swept again, it is not credited twice.
    expect((await sweep()).payments.settled).toBe(0);
    expect(await balanceOf(t, client.accountId)).toBe(2500);
  });

  it("still pending past recovery.paymentsExpireAfterMs, is cancelled at its gateway and failed as expired", async () => {
    const client = await t.signUp();
    const started = await t.request("POST", "/api/v1/payments", { token: client.token, body: { gateway: "testpay", amount: 1500, returnUrl } });
    expect(started.status).toBe(201);

    t.clock.advance(30 * MINUTE + 1);
    const first = await sweep();
    expect(first.payments.expired).toBe(0);
    expect((await t.request("GET", `/api/v1/payments/${started.body.id}`, { token: client.token })).body.status).toBe("pending");

    t.clock.advance(24 * 60 * MINUTE);
    expect((await sweep()).payments.expired).toBeGreaterThanOrEqual(1);
    const payment = (await t.request("GET", `/api/v1/payments/${started.body.id}`, { token: client.token })).body;
    expect(payment.status).toBe("failed");
    expect(payment.failureReason).toBe("expired");
    expect(gateway.cancelled).toContain(`ref_${started.body.id}`);
    expect(await balanceOf(t, client.accountId)).toBe(0);
  });
});
