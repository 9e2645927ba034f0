import { newId } from "../../src/kernel/ids.js";
import { SignUp } from "../../src/modules/accounts/sign-up.js";
import { BrandDirectory } from "../../src/modules/brands/brand-directory.js";
import { post } from "./ledger-helpers.js";
import type { TestCabinet } from "./test-cabinet.js";

export const DAY = 86_400_000;

export interface ServiceSeed {
  label: string | null;
  paidUntil: number;
  price?: number;
  autoRenew?: boolean;
  status?: string;
  cancelAtPeriodEnd?: boolean;
  periodMonths?: number;
  /** The payer it was ordered for (null: the account's default). */
  payerId?: string | null;
}

/** A service of the demo VPS product, written straight into its table (the fastest way to have thousands). */
export async function addServices(t: TestCabinet, accountId: string, seeds: ServiceSeed[]): Promise<string[]> {
  const product = await t.cabinet.db("products").where({ code: "vps" }).first();
  const now = t.clock.now();
  const rows = seeds.map((s) => ({
    id: newId("svc"),
    account_id: accountId,
    product_id: product.id,
    label: s.label,
    status: s.status ?? "active",
    parameters: JSON.stringify({ cpu: 2, ram: 4 }),
    price_amount: s.price ?? 1800,
    currency: "USD",
    period_months: s.periodMonths ?? 1,
    paid_until: s.paidUntil,
    auto_renew: s.autoRenew ?? true,
    cancel_at_period_end: s.cancelAtPeriodEnd ?? false,
    payer_id: s.payerId ?? null,
    status_reason: s.status === "suspended" ? "unpaid" : null,
    created_at: now,
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 200) await t.cabinet.db("services").insert(rows.slice(i, i + 200));
  return rows.map((r) => r.id);
}

export async function topUp(t: TestCabinet, accountId: string, amount: number): Promise<void> {
  const result = await post(t, { accountId, amount, kind: "payment" });
  if (result.status !== "posted") throw new Error(`top-up failed: ${result.status}`);
}

export async function serviceRow(t: TestCabinet, id: string) {
  const row = await t.cabinet.db("services").where({ id }).first();
  return { ...row, paid_until: Number(row.paid_until), period_start: row.period_start === null ? null : Number(row.period_start) };
}

/**
 * A fleet of clients for the concurrency and crash tests: `accounts` clients with `perAccount`
 * auto-renewing services each, all due; two in three have the money for every renewal, the
 * others none (so which of an account's renewals a short balance refuses never depends on the
 * order the runs took them in). Labels name accounts and services alike in every database.
 */
export async function seedFleet(t: TestCabinet, options: { accounts: number; perAccount: number; paidUntil: number }) {
  const accounts: { id: string; label: string }[] = [];
  const brand = (await t.cabinet.container.resolve(BrandDirectory).bySlug("demo"))!;
  for (let a = 0; a < options.accounts; a++) {
    const label = `acc-${a}`;
    // In-process, not over HTTP: dozens of sign-ups on a busy machine are where sockets get reset.
    const signedUp = await t.cabinet.container.resolve(SignUp).execute({
      brand,
      email: `${label}-${newId("usr")}@example.org`,
      password: "correct horse battery",
      name: label,
      kind: "person",
      ip: "127.0.0.1",
      userAgent: "billing test",
    });
    if (!signedUp.created) throw new Error("a fresh e-mail was taken");
    const accountId = signedUp.account.id;
    if (a % 3 !== 2) await topUp(t, accountId, options.perAccount * 1800 + 500);
    await addServices(
      t,
      accountId,
      Array.from({ length: options.perAccount }, (_, s) => ({ label: `${label}-svc-${s}`, paidUntil: options.paidUntil + s * 60_000 })),
    );
    accounts.push({ id: accountId, label });
  }
  return accounts;
}

/**
 * The ledger, renewals and invoices of a database with its ids replaced by labels, so two
 * databases that got the same data compare equal when the runs did the same: per account, its
 * balance and entries (kind, amount, key); per service, its paid-until and renewals.
 */
export async function billingOutcome(t: TestCabinet, accounts: { id: string; label: string }[]) {
  const db = t.cabinet.db;
  const services = await db("services").whereIn(
    "account_id",
    accounts.map((a) => a.id),
  );
  const serviceLabel = new Map(services.map((s: { id: string; label: string }) => [s.id, s.label]));
  const relabel = (text: string) => text.replace(/svc_[0-9a-z]+/g, (id) => serviceLabel.get(id) ?? id);
  const outcome: Record<string, unknown> = {};
  for (const account of accounts) {
    const entries = await db("ledger_entries").where({ account_id: account.id }).orderBy("idempotency_key");
    const balance = await db("account_balances").where({ account_id: account.id }).first();
    const invoices = await db("invoices").where({ account_id: account.id, purpose: "renewal" }).count({ n: "*" }).first();
    outcome[account.label] = {
      balance: Number(balance?.balance ?? 0),
      sumOfEntries: entries.reduce((sum: number, e: { amount: number }) => sum + Number(e.amount), 0),
      entries: entries
        .filter((e: { kind: string }) => e.kind !== "payment")
        .map((e: { kind: string; amount: number; idempotency_key: string }) => `${e.kind} ${Number(e.amount)} ${relabel(e.idempotency_key)}`),
      renewalInvoices: Number(invoices?.n ?? 0),
    };
  }
  const renewals = await db("service_renewals").whereIn(
    "service_id",
    services.map((s: { id: string }) => s.id),
  );
  outcome.renewals = renewals
    .map(
      (r: { service_id: string; period_start: number; ledger_entry_id: string | null; invoice_id: string | null }) =>
        `${serviceLabel.get(r.service_id)} ${Number(r.period_start)} ${r.ledger_entry_id ? "charged" : r.invoice_id ? "invoiced" : "?"}`,
    )
    .sort();
  outcome.paidUntil = services.map((s: { label: string; paid_until: number }) => `${s.label} ${Number(s.paid_until)}`).sort();
  return outcome;
}
