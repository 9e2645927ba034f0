import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { RunBilling } from "../../src/modules/services/run-billing.js";
import { BILLING_JOB, scheduleBilling } from "../../src/jobs/schedule-billing.js";
import type { JobQueue } from "../../src/extension-points/job-queue.js";
import { addMonths } from "../../src/modules/services/service-period.js";
import type { EventName } from "../../src/kernel/event-bus.js";
import { TOKENS } from "../../src/kernel/tokens.js";
import type { EventBus } from "../../src/kernel/event-bus.js";
import { balanceAndSum } from "../support/ledger-helpers.js";
import { addServices, DAY, serviceRow, topUp } from "../support/billing-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";

let t: TestCabinet;
const heard: { event: EventName; payload: Record<string, unknown> }[] = [];
beforeAll(async () => {
  t = await startTestCabinet({ config: { billing: { batchSize: 3 } } });
  const events = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus);
  for (const event of [
    "service.renewed",
    "service.renewal_due",
    "service.renewal_failed",
    "service.renewals_invoiced",
    "service.suspended",
    "service.deleted",
    "service.resumed",
  ] as EventName[]) {
    events.subscribe(event, "test", (payload) => void heard.push({ event, payload: payload as Record<string, unknown> }));
  }
});
afterAll(() => t.close());

const run = () => t.cabinet.container.resolve(RunBilling).execute();
const eventsOf = (serviceId: string) =>
  heard
    .filter((h) => h.payload.serviceId === serviceId || (h.payload.services as { id: string }[] | undefined)?.some((s) => s.id === serviceId))
    .map((h) => h.event);

describe("renewals from the balance", () => {
  it("charges each due auto-renewing service one period, once, and moves its paid-until on", async () => {
    const { accountId } = await t.signUp();
    await topUp(t, accountId, 5000);
    const paidUntil = t.clock.now() + 2 * DAY; // within the 3-day lead
    const [due, later, manual, cancelling] = await addServices(t, accountId, [
      { label: "due", paidUntil, price: 1800 },
      { label: "later", paidUntil: t.clock.now() + 10 * DAY },
      { label: "manual", paidUntil, autoRenew: false },
      { label: "cancelling", paidUntil, cancelAtPeriodEnd: true },
    ]);

    const summary = await run();
    expect(summary).toMatchObject({ skipped: null, renewed: 1, invoiced: 0 });
    const entries = await t.cabinet.db("ledger_entries").where({ account_id: accountId, kind: "charge" });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ reference_id: due, idempotency_key: `renewal:${due}:${paidUntil}` });
    expect(Number(entries[0].amount)).toBe(-1800);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 3200, sum: 3200 });
    expect((await serviceRow(t, due)).paid_until).toBe(addMonths(paidUntil, 1));
    const renewal = await t.cabinet.db("service_renewals").where({ service_id: due }).first();
    expect(renewal).toMatchObject({ ledger_entry_id: entries[0].id, invoice_id: null, source: "billing-run" });
    expect(Number(renewal.period_start)).toBe(paidUntil);
    const history = await t.cabinet.db("service_history").where({ service_id: due });
    expect(history.map((h: { action: string; actor: string }) => `${h.action} ${h.actor}`)).toEqual(["renew system"]);
    expect(eventsOf(due)).toEqual(["service.renewed"]);
    for (const id of [later, manual, cancelling]) expect((await serviceRow(t, id)).paid_until).not.toBe(addMonths(paidUntil, 1));

    // Running again finds nothing due: the ledger stays as it is.
    expect(await run()).toMatchObject({ renewed: 0, invoiced: 0 });
    expect(await t.cabinet.db("ledger_entries").where({ account_id: accountId, kind: "charge" })).toHaveLength(1);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 3200, sum: 3200 });
  });

  it("renews as many of an account's services as its balance covers, in order, across batches", async () => {
    const { accountId } = await t.signUp();
    await topUp(t, accountId, 4000);
    const paidUntil = t.clock.now() + DAY;
    const ids = await addServices(
      t,
      accountId,
      Array.from({ length: 5 }, (_, i) => ({ label: `n${i}`, paidUntil, price: 1000 })),
    );
    await run();
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
    const renewed = await t.cabinet.db("service_renewals").whereIn("service_id", ids).orderBy("service_id");
    expect(renewed.map((r: { ledger_entry_id: string | null }) => (r.ledger_entry_id ? "charged" : "invoiced"))).toEqual([
      "charged",
      "charged",
      "charged",
      "charged",
      "invoiced",
    ]);
  });
});

describe("renewals the balance does not cover", () => {
  it("issue one renewal invoice per period, reuse it on later runs, and pay it from the balance once it covers it", async () => {
    const { accountId } = await t.signUp();
    await topUp(t, accountId, 500);
    const paidUntil = t.clock.now() + DAY;
    const [id] = await addServices(t, accountId, [{ label: "short", paidUntil, price: 1800 }]);

    expect(await run()).toMatchObject({ invoiced: 1 });
    const invoices = await t.cabinet.db("invoices").where({ account_id: accountId, purpose: "renewal" });
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ status: "issued" });
    expect(Number(invoices[0].total_amount)).toBe(1800);
    const line = await t.cabinet.db("invoice_lines").where({ invoice_id: invoices[0].id }).first();
    expect(line.service_id).toBe(id);
    expect(await t.cabinet.db("service_renewals").where({ service_id: id }).first()).toMatchObject({ invoice_id: invoices[0].id, ledger_entry_id: null });
    // One announcement for the invoice (not a renewal_due and a renewal_failed per service), heard
    // once the batch commits — maybe a little after the run returned: wait for it.
    await vi.waitFor(() => expect(eventsOf(id)).toEqual(["service.renewals_invoiced"]), { timeout: 5000 });
    expect(heard.find((h) => h.event === "service.renewals_invoiced" && h.payload.invoiceId === invoices[0].id)?.payload).toMatchObject({
      accountId,
      invoiceNumber: invoices[0].number,
      services: [{ id, name: "short" }],
      paidUntil,
    });
    expect((await serviceRow(t, id)).paid_until).toBe(paidUntil);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 500, sum: 500 });

    // Still short: the same invoice waits (as the earlier test's does), nothing new is issued or announced.
    expect(await run()).toMatchObject({ invoiced: 0, awaitingPayment: 2 });
    expect(await t.cabinet.db("invoices").where({ account_id: accountId, purpose: "renewal" })).toHaveLength(1);
    expect(eventsOf(id)).toHaveLength(1);

    // Topped up: the run pays that invoice (one charge, keyed by the invoice) and the period is renewed.
    await topUp(t, accountId, 2000);
    expect(await run()).toMatchObject({ invoicesPaid: 1, invoiced: 0 });
    expect(await t.cabinet.db("invoices").where({ id: invoices[0].id }).first()).toMatchObject({ status: "paid" });
    const charges = await t.cabinet.db("ledger_entries").where({ account_id: accountId, kind: "charge" });
    expect(charges.map((c: { idempotency_key: string }) => c.idempotency_key)).toEqual([`invoice:${invoices[0].id}:charge`]);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 700, sum: 700 });
    expect((await serviceRow(t, id)).paid_until).toBe(addMonths(paidUntil, 1));
  });
});

describe("renewal invoices of several short accounts in one batch", () => {
  it("are issued together: one each, numbered one after the other in the brand's year, each with its own lines, payer and announcement", async () => {
    const clients = [await t.signUp(), await t.signUp(), await t.signUp()];
    const paidUntil = t.clock.now() + DAY;
    const ids = [];
    for (const [i, { accountId }] of clients.entries()) ids.push((await addServices(t, accountId, [{ label: `batch-${i}`, paidUntil, price: 1000 + i }]))[0]);

    // Batches of 3: the second pass takes the three accounts (a service each) in one batch.
    expect(await run()).toMatchObject({ invoiced: 3 });
    const invoices = [];
    for (const { accountId } of clients) invoices.push(...(await t.cabinet.db("invoices").where({ account_id: accountId, purpose: "renewal" })));
    expect(invoices).toHaveLength(3);
    const sequences = invoices.map((i: { sequence: number }) => Number(i.sequence)).sort((a, b) => a - b);
    expect(sequences).toEqual([sequences[0], sequences[0] + 1, sequences[0] + 2]);
    const brand = invoices[0].brand_id;
    const year = Number(invoices[0].year);
    const taken = await t.cabinet.db("invoice_sequences").where({ brand_id: brand, year }).first();
    expect(Number(taken.last_number)).toBe(sequences[2]);
    for (const [i, invoice] of invoices.entries()) {
      expect(Number(invoice.total_amount)).toBe(1000 + i);
      expect(invoice.payer_id).not.toBeNull();
      const lines = await t.cabinet.db("invoice_lines").where({ invoice_id: invoice.id });
      expect(lines.map((l: { service_id: string }) => l.service_id)).toEqual([ids[i]]);
      await vi.waitFor(() => expect(heard.filter((h) => h.event === "service.renewals_invoiced" && h.payload.invoiceId === invoice.id)).toHaveLength(1));
    }
  });
});

describe("suspensions and deletions", () => {
  it("suspend unpaid services past the grace, and cancel and delete those past the longer grace", async () => {
    const { accountId } = await t.signUp();
    const now = t.clock.now();
    const [overdue, inGrace, longOverdue, suspendedRecently] = await addServices(t, accountId, [
      { label: "overdue", paidUntil: now - 4 * DAY, autoRenew: false },
      { label: "in-grace", paidUntil: now - 2 * DAY, autoRenew: false },
      { label: "long-overdue", paidUntil: now - 31 * DAY, autoRenew: false, status: "suspended" },
      { label: "suspended-recently", paidUntil: now - 10 * DAY, autoRenew: false, status: "suspended" },
    ]);
    const summary = await run();
    expect(summary).toMatchObject({ suspended: 1, deleted: 1 });
    expect(await serviceRow(t, overdue)).toMatchObject({ status: "suspended", status_reason: "unpaid" });
    expect(await serviceRow(t, inGrace)).toMatchObject({ status: "active" });
    expect(await serviceRow(t, longOverdue)).toMatchObject({ status: "deleted" });
    expect(await serviceRow(t, suspendedRecently)).toMatchObject({ status: "suspended" });
    expect(eventsOf(overdue)).toEqual(["service.suspended"]);
    expect(eventsOf(longOverdue)).toEqual(["service.deleted"]);
    const history = await t.cabinet.db("service_history").where({ service_id: longOverdue }).orderBy("id");
    expect(history.slice(0, 2).map((h: { from_status: string; to_status: string; actor: string }) => `${h.from_status}>${h.to_status} ${h.actor}`)).toEqual([
      "suspended>cancelled system",
      "cancelled>deleted system",
    ]);

    expect(await run()).toMatchObject({ suspended: 0, deleted: 0 });
  });
});

describe("services cancelled at period end, and suspended ones paid again", () => {
  it("cancels a service at the end of its paid period, and not before", async () => {
    const { accountId } = await t.signUp();
    const now = t.clock.now();
    const [ended, running] = await addServices(t, accountId, [
      { label: "ended", paidUntil: now - 1000, autoRenew: false, cancelAtPeriodEnd: true },
      { label: "running", paidUntil: now + 5 * DAY, autoRenew: false, cancelAtPeriodEnd: true },
    ]);
    expect(await run()).toMatchObject({ cancelled: 1 });
    expect(await serviceRow(t, ended)).toMatchObject({ status: "cancelled" });
    expect(await serviceRow(t, running)).toMatchObject({ status: "active" });
  });

  it("renews a suspended auto-renewing service once the balance covers it, and resumes it", async () => {
    const { accountId } = await t.signUp();
    const paidUntil = t.clock.now() - 5 * DAY;
    const [id] = await addServices(t, accountId, [{ label: "lapsed", paidUntil, status: "suspended", periodMonths: 1 }]);
    await topUp(t, accountId, 1800);
    expect(await run()).toMatchObject({ renewed: 1 });
    expect(await serviceRow(t, id)).toMatchObject({ status: "active", status_reason: null, paid_until: addMonths(paidUntil, 1) });
    expect(eventsOf(id).sort()).toEqual(["service.renewed", "service.resumed"]);
    expect(await balanceAndSum(t, accountId)).toEqual({ balance: 0, sum: 0 });
  });
});

describe("progress", () => {
  it("reports each phase's services done out of those due, ending at the total", async () => {
    const { accountId } = await t.signUp();
    await topUp(t, accountId, 100_000);
    await addServices(
      t,
      accountId,
      Array.from({ length: 7 }, (_, i) => ({ label: `p${i}`, paidUntil: t.clock.now() + DAY })),
    );
    const seen: string[] = [];
    await t.cabinet.container.resolve(RunBilling).execute({ onProgress: (p) => seen.push(`${p.phase} ${p.done}/${p.total}`) });
    // The earlier tests' unpaid renewals are still due, and counted.
    const renewals = seen.filter((s) => s.startsWith("renew"));
    const total = Number(renewals[0].split("/")[1]);
    expect(total).toBeGreaterThanOrEqual(7);
    expect(renewals[0]).toBe(`renew 0/${total}`);
    expect(renewals.at(-1)).toBe(`renew ${total}/${total}`);
    expect(renewals.length).toBeGreaterThanOrEqual(4); // batches of 3
  });
});

describe("the scheduler of cabinet serve", () => {
  // Last: the run it starts may still be busy with its later phases when the test ends (the queue's stop() waits for it).
  it("runs the billing run as a job of the core's queue", async () => {
    const { accountId } = await t.signUp();
    await topUp(t, accountId, 1800);
    const paidUntil = t.clock.now() + DAY;
    const [id] = await addServices(t, accountId, [{ label: "scheduled", paidUntil }]);
    expect(await scheduleBilling(t.cabinet.container)).toBe(true);
    await t.cabinet.container.resolve<JobQueue>(TOKENS.JobQueue).enqueue(BILLING_JOB, {}, { jobId: "now" });
    for (let i = 0; i < 200 && (await serviceRow(t, id)).paid_until === paidUntil; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await serviceRow(t, id)).paid_until).toBe(addMonths(paidUntil, 1));
  });
});
