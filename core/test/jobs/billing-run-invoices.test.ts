import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { RunBilling } from "../../src/modules/services/run-billing.js";
import { addMonths } from "../../src/modules/services/service-period.js";
import type { EventBus, EventName } from "../../src/kernel/event-bus.js";
import { TOKENS } from "../../src/kernel/tokens.js";
import { newId } from "../../src/kernel/ids.js";
import { balanceAndSum } from "../support/ledger-helpers.js";
import { addServices, DAY, serviceRow, topUp } from "../support/billing-helpers.js";
import { startTestCabinet, type TestCabinet } from "../support/test-cabinet.js";
import { addRoleMember } from "../support/access-helpers.js";

// Accounts short of money get one renewal invoice per run, a line per service, however the
// run's batches cut through their services; and a year of past renewals changes nothing.
let t: TestCabinet;
const heard: { event: EventName; serviceId: unknown }[] = [];
beforeAll(async () => {
  // Batches of 2: every account's services are spread over several batches of the first pass.
  t = await startTestCabinet({ config: { billing: { batchSize: 2 } } });
  const events = t.cabinet.container.resolve<EventBus>(TOKENS.EventBus);
  for (const event of ["service.renewal_failed", "service.renewal_due", "service.renewed", "service.renewals_invoiced"] as EventName[]) {
    events.subscribe(event, "test", (payload) => {
      const { serviceId, services } = payload as { serviceId?: string; services?: { id: string }[] };
      for (const id of services?.map((s) => s.id) ?? [serviceId]) heard.push({ event, serviceId: id });
    });
  }
});
afterAll(() => t.close());

const run = () => t.cabinet.container.resolve(RunBilling).execute();

/** Twelve monthly renewals already behind each service: the history a year-old fleet has. */
async function addHistory(accountId: string, serviceIds: string[], paidUntil: number) {
  const rows = serviceIds.flatMap((serviceId) =>
    Array.from({ length: 12 }, (_, m) => ({
      id: newId("rnw"),
      service_id: serviceId,
      account_id: accountId,
      period_start: addMonths(paidUntil, m - 12),
      period_end: addMonths(paidUntil, m - 11),
      periods: 1,
      amount: 1000,
      currency: "USD",
      ledger_entry_id: null,
      invoice_id: null,
      source: "billing-run",
      created_at: t.clock.now(),
    })),
  );
  for (let i = 0; i < rows.length; i += 100) await t.cabinet.db("service_renewals").insert(rows.slice(i, i + 100));
}

describe("renewal invoices of accounts short of money", () => {
  it("issue one invoice per account in a run, a line per service, with gap-free numbers, and settle it whole", async () => {
    const partly = await t.signUp();
    const broke = await t.signUp();
    await topUp(t, partly.accountId, 2500);
    const now = t.clock.now();
    const partlyIds = await addServices(
      t,
      partly.accountId,
      Array.from({ length: 4 }, (_, i) => ({ label: `partly-${i}`, paidUntil: now + DAY + i * 3_600_000, price: 1000 })),
    );
    const brokeIds = await addServices(
      t,
      broke.accountId,
      Array.from({ length: 3 }, (_, i) => ({ label: `broke-${i}`, paidUntil: now + 2 * DAY + i * 60_000, price: 1000 })),
    );
    await addHistory(partly.accountId, partlyIds, now + DAY);
    await addHistory(broke.accountId, brokeIds, now + 2 * DAY);
    // An accountant of `broke` limited to its first service.
    const scoped = await addRoleMember(t, broke, ["accountant"], [brokeIds[0]]);

    const summary = await run();
    expect(summary).toMatchObject({ renewed: 2, invoiced: 5 });

    const invoicesOf = (accountId: string) => t.cabinet.db("invoices").where({ account_id: accountId, purpose: "renewal" });
    const [partlyInvoice] = await invoicesOf(partly.accountId);
    const [brokeInvoice] = await invoicesOf(broke.accountId);
    expect(await invoicesOf(partly.accountId)).toHaveLength(1);
    expect(await invoicesOf(broke.accountId)).toHaveLength(1);
    expect(Number(partlyInvoice.total_amount)).toBe(2000);
    expect(Number(brokeInvoice.total_amount)).toBe(3000);
    const lines = await t.cabinet.db("invoice_lines").where({ invoice_id: brokeInvoice.id });
    expect(lines.map((l: { service_id: string }) => l.service_id).sort()).toEqual([...brokeIds].sort());
    for (const line of lines) expect(line.description).toMatch(/^Renewal of broke-\d, \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d$/);

    // The balance paid the first two of `partly` in order; the last two wait on its invoice.
    const renewals = await t.cabinet.db("service_renewals").whereIn("service_id", partlyIds).where("period_start", ">=", now).orderBy("period_start");
    expect(renewals.map((r: { ledger_entry_id: string | null; invoice_id: string | null }) => (r.ledger_entry_id ? "charged" : r.invoice_id))).toEqual([
      "charged",
      "charged",
      partlyInvoice.id,
      partlyInvoice.id,
    ]);
    expect(await balanceAndSum(t, partly.accountId)).toEqual({ balance: 500, sum: 500 });
    // Each short account hears once, of its invoice and every service on it (not twice per service).
    await vi.waitFor(() => expect(heard.filter((h) => h.event === "service.renewals_invoiced")).toHaveLength(5));
    for (const id of [...partlyIds.slice(2), ...brokeIds])
      expect(heard.filter((h) => h.serviceId === id).map((h) => h.event)).toEqual(["service.renewals_invoiced"]);

    // Its owner gets one notification for the run — the invoice's, naming the services — and no separate "Invoice issued".
    const notificationsOf = (userId: string) => t.cabinet.db("notifications").where({ user_id: userId }).orderBy("id");
    const owned = await notificationsOf(broke.userId);
    expect(owned).toHaveLength(1);
    expect(owned[0]).toMatchObject({
      event: "service.renewals_invoiced",
      title: "Renewals need payment",
      link: `/invoices/${brokeInvoice.id}`,
      reference_id: brokeInvoice.id,
    });
    expect(owned[0].body).toBe(
      `The balance does not cover the renewal of “broke-0”, “broke-1” and “broke-2”. Pay invoice ${brokeInvoice.number} by ${new Date(now + 2 * DAY).toLocaleDateString("en-GB", { timeZone: "UTC", dateStyle: "long" })} to keep them running.`,
    );
    // A user limited to one of the services is not told of an invoice that also bills services
    // outside their scope: they could not open it (the scope rule for invoices, docs/api.md).
    expect(await notificationsOf(scoped.userId)).toHaveLength(0);

    // Numbers: the brand's year has no gap.
    const numbers = (await t.cabinet.db("invoices").where({ brand_id: brokeInvoice.brand_id }).select("number"))
      .map((r: { number: string }) => Number(r.number.split("-").at(-1)))
      .sort((a: number, b: number) => a - b);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers[0] + i));

    // A second run issues nothing new: both invoices (five periods) wait.
    expect(await run()).toMatchObject({ renewed: 0, invoiced: 0, awaitingPayment: 5 });
    expect(await invoicesOf(broke.accountId)).toHaveLength(1);

    // Topped up: the next run pays the whole invoice once, and each of its services is extended.
    await topUp(t, broke.accountId, 3000);
    expect(await run()).toMatchObject({ invoicesPaid: 1, awaitingPayment: 2 });
    for (let i = 0; i < 100 && (await serviceRow(t, brokeIds[2])).paid_until === now + 2 * DAY + 2 * 60_000; i++) await new Promise((r) => setTimeout(r, 50));
    for (const [i, id] of brokeIds.entries()) expect((await serviceRow(t, id)).paid_until).toBe(addMonths(now + 2 * DAY + i * 60_000, 1));
    expect(await balanceAndSum(t, broke.accountId)).toEqual({ balance: 0, sum: 0 });
  });
});
