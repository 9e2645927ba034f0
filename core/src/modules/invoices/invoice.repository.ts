import type { Knex } from "knex";
import { parseText } from "../../i18n/index.js";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { ActorContext } from "../../kernel/actor-context.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import { newId } from "../../kernel/ids.js";
import type { Invoice, InvoiceLine, InvoiceStatus } from "./invoice.js";
import { fromJson, toJson } from "../../db/json.js";
import type { PayerSnapshot } from "../payers/index.js";

interface InvoiceRow {
  id: string;
  brand_id: string;
  account_id: string;
  number: string;
  status: InvoiceStatus;
  purpose: Invoice["purpose"];
  currency: string;
  subtotal_amount: number;
  tax_amount: number;
  total_amount: number;
  tax_rate_bp: number;
  tax_inclusive: number | boolean;
  issued_at: number;
  due_at: number;
  paid_at: number | null;
  voided_at: number | null;
  payer_id: string | null;
  payer_details: string | null;
  tax_note: Invoice["taxNote"];
  paid_method: string | null;
}

interface LineRow {
  invoice_id: string;
  description: string;
  description_text?: string | null;
  quantity: number;
  unit_amount: number;
  amount: number;
  service_id: string | null;
  period_months: number | null;
  period_start: number | null;
  period_end: number | null;
}

const toInvoice = (r: InvoiceRow, lines: InvoiceLine[]): Invoice => ({
  id: r.id,
  brandId: r.brand_id,
  accountId: r.account_id,
  number: r.number,
  status: r.status,
  purpose: r.purpose,
  currency: r.currency,
  subtotal: Number(r.subtotal_amount),
  tax: Number(r.tax_amount),
  total: Number(r.total_amount),
  taxRateBp: Number(r.tax_rate_bp),
  taxInclusive: Boolean(r.tax_inclusive),
  issuedAt: Number(r.issued_at),
  dueAt: Number(r.due_at),
  paidAt: r.paid_at === null ? null : Number(r.paid_at),
  voidedAt: r.voided_at === null ? null : Number(r.voided_at),
  lines,
  payer: fromJson<PayerSnapshot | null>(r.payer_details, null),
  taxNote: r.tax_note ?? null,
  paidMethod: r.paid_method ?? null,
});

const toLine = (r: LineRow): InvoiceLine => ({
  description: r.description,
  text: parseText(r.description_text),
  quantity: Number(r.quantity),
  unitAmount: Number(r.unit_amount),
  amount: Number(r.amount),
  serviceId: r.service_id,
  months: r.period_months === null ? null : Number(r.period_months),
  period: r.period_start === null || r.period_end === null ? null : { start: Number(r.period_start), end: Number(r.period_end) },
});

/** The `invoices`, `invoice_lines` and `invoice_sequences` tables; only the invoices module touches them. */
/**
 * A user limited to some services sees only the invoices whose every line is about one of
 * them: an invoice that also bills another service (or something that is no service, a
 * top-up) is as unknown to them as another account's (404), so no line, amount or total of a
 * service outside their scope reaches them, and they never pay for one. In the SQL itself.
 */
const withinScope = (scope: string[] | null | undefined) => (query: Knex.QueryBuilder) => {
  if (!scope) return;
  query.whereNotExists(function outside(this: Knex.QueryBuilder) {
    this.select(1).from("invoice_lines as l").whereRaw("l.invoice_id = invoices.id");
    if (scope.length === 0) return;
    this.andWhere((w) => w.whereNull("l.service_id").orWhereNotIn("l.service_id", scope));
  });
  // An invoice with no lines at all bills nothing in the scope either.
  query.whereExists(function inside(this: Knex.QueryBuilder) {
    this.select(1).from("invoice_lines as l").whereRaw("l.invoice_id = invoices.id");
  });
};

@injectable()
export class InvoiceRepository {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Actors) private readonly actors: ActorContext,
  ) {}

  /** The current actor's service scope (kernel/actor-context.ts), as every query by account applies it. */
  private scoped = () => withinScope(this.actors.current().serviceScope);

  /** `SELECT id` of the account's invoices that `serviceScope` covers, for other modules' SQL (kernel/service-scope.ts). */
  idsWithinScope(db: Database, accountId: string, serviceScope: string[]): Knex.QueryBuilder {
    return db("invoices").where("invoices.account_id", accountId).modify(withinScope(serviceScope)).select("invoices.id");
  }

  /**
   * The next number of the brand's year, taken inside the caller's transaction: the sequence
   * row stays locked until it commits, and a rollback gives the number back, so numbers have
   * no gaps and no repeats (never MAX()+1, which two transactions could read alike).
   */
  async takeNextNumber(brandId: string, year: number, trx: Database): Promise<number> {
    return this.takeNextNumbers(brandId, year, 1, trx);
  }

  /** `count` consecutive numbers of the brand's year at once (a batch of invoices): the first of them. */
  async takeNextNumbers(brandId: string, year: number, count: number, trx: Database): Promise<number> {
    // One statement creates the year's row or takes its next numbers, locking the row
    // exclusively at once. (INSERT … IGNORE then UPDATE would take a shared lock first, which
    // two concurrent transactions then both try to upgrade: a deadlock on MySQL.)
    await trx("invoice_sequences")
      .insert({ brand_id: brandId, year, last_number: count })
      .onConflict(["brand_id", "year"])
      .merge({ last_number: trx.raw("?? + ?", ["invoice_sequences.last_number", count]) });
    const query = trx("invoice_sequences").where({ brand_id: brandId, year }).first("last_number");
    if (dialectOf(trx) === "mysql") query.forUpdate();
    return Number((await query).last_number) - count + 1;
  }

  async insert(invoice: Invoice, sequence: number, trx: Database): Promise<void> {
    await this.insertMany([{ invoice, sequence }], trx);
  }

  /** Invoices and their lines, in one insert each (in chunks under SQLite's cap on a statement's values). */
  async insertMany(invoices: { invoice: Invoice; sequence: number }[], trx: Database): Promise<void> {
    const rows = invoices.map(({ invoice, sequence }) => this.invoiceRow(invoice, sequence));
    for (let i = 0; i < rows.length; i += 500) await trx("invoices").insert(rows.slice(i, i + 500));
    const lines = invoices.flatMap(({ invoice }) =>
      invoice.lines.map((line, position) => ({
        id: newId("inl", invoice.issuedAt),
        invoice_id: invoice.id,
        position,
        description: line.description,
        description_text: line.text ? JSON.stringify(line.text) : null,
        quantity: line.quantity,
        unit_amount: line.unitAmount,
        amount: line.amount,
        service_id: line.serviceId,
        period_months: line.months ?? null,
        period_start: line.period?.start ?? null,
        period_end: line.period?.end ?? null,
      })),
    );
    for (let i = 0; i < lines.length; i += 1000) await trx("invoice_lines").insert(lines.slice(i, i + 1000));
  }

  private invoiceRow(invoice: Invoice, sequence: number) {
    return {
      id: invoice.id,
      brand_id: invoice.brandId,
      account_id: invoice.accountId,
      number: invoice.number,
      year: new Date(invoice.issuedAt).getUTCFullYear(),
      sequence,
      status: invoice.status,
      purpose: invoice.purpose,
      currency: invoice.currency,
      subtotal_amount: invoice.subtotal,
      tax_amount: invoice.tax,
      total_amount: invoice.total,
      tax_rate_bp: invoice.taxRateBp,
      tax_inclusive: invoice.taxInclusive,
      issued_at: invoice.issuedAt,
      due_at: invoice.dueAt,
      paid_at: invoice.paidAt,
      voided_at: invoice.voidedAt,
      payer_id: invoice.payer?.id ?? null,
      payer_details: invoice.payer ? toJson(invoice.payer) : null,
      tax_note: invoice.taxNote,
      paid_method: invoice.paidMethod,
    };
  }

  /**
   * `lock` holds the invoice row until the transaction ends and reads its latest committed
   * state (not the transaction's snapshot): two payments of one invoice then queue up, and the
   * second sees it paid. A user limited to some services: see {@link withinScope}.
   */
  async findForAccount(accountId: string, id: string, trx: Database = this.db, lock = false): Promise<Invoice | undefined> {
    const query = trx<InvoiceRow>("invoices").where({ account_id: accountId, id }).modify(this.scoped()).first();
    if (lock && dialectOf(trx) === "mysql") query.forUpdate();
    const row = await query;
    if (!row) return undefined;
    return (await this.withLines([row], trx))[0];
  }

  /** Newest first. */
  async listForAccount(
    accountId: string,
    filter: { status?: InvoiceStatus; payerId?: string; beforeId?: string; ids?: string[]; limit?: number },
    trx: Database = this.db,
  ): Promise<Invoice[]> {
    const query = trx<InvoiceRow>("invoices").where("account_id", accountId).modify(this.scoped());
    if (filter.status) query.where("status", filter.status);
    if (filter.payerId) query.where("payer_id", filter.payerId);
    if (filter.beforeId) query.where("id", "<", filter.beforeId);
    if (filter.ids) query.whereIn("id", filter.ids);
    query.orderBy("id", "desc");
    if (filter.limit) query.limit(filter.limit);
    return this.withLines(await query, trx);
  }

  /** The account's issued (unpaid) invoices in `currency`: their total and how many. */
  async sumOpen(accountId: string, currency: string): Promise<{ amount: number; count: number }> {
    const row = (await this.db("invoices")
      .where({ account_id: accountId, currency, status: "issued" })
      .modify(this.scoped())
      .sum({ amount: "total_amount" })
      .count({ count: "*" })
      .first()) as { amount?: number | string | null; count?: number | string } | undefined;
    return { amount: Number(row?.amount ?? 0), count: Number(row?.count ?? 0) };
  }

  /** The paid ones among these (account, invoice) pairs; each pair is matched on both columns. */
  async listPaidAmong(pairs: { accountId: string; invoiceId: string }[]): Promise<{ accountId: string; invoiceId: string }[]> {
    const rows = await this.db("invoices")
      .where("status", "paid")
      .whereIn(
        "id",
        pairs.map((p) => p.invoiceId),
      )
      .select("account_id", "id");
    return rows.map((r: { account_id: string; id: string }) => ({ accountId: r.account_id, invoiceId: r.id }));
  }

  /** An invoice of the brand, for its staff; another brand's answers undefined. */
  async findForBrand(brandId: string, id: string): Promise<Invoice | undefined> {
    const row = await this.db<InvoiceRow>("invoices").where({ brand_id: brandId, id }).first();
    return row ? (await this.withLines([row], this.db))[0] : undefined;
  }

  /** Voids an issued invoice; false when it was not `issued` (paid or already void). */
  async markVoid(id: string, brandId: string, voidedAt: number, trx: Database = this.db): Promise<boolean> {
    return (await trx("invoices").where({ id, brand_id: brandId, status: "issued" }).update({ status: "void", voided_at: voidedAt })) === 1;
  }

  /** Marks an issued invoice paid; false when it was not `issued` any more (paid or voided meanwhile). */
  async markPaid(id: string, paidAt: number, trx: Database, method = "balance"): Promise<boolean> {
    return (
      (await trx("invoices")
        .where({ id, status: "issued" })
        .update({ status: "paid", paid_at: paidAt, paid_method: method.slice(0, 40) })) === 1
    );
  }

  /** The payer each of these invoices of the account is made out to (null: from before payers). */
  async payersOf(accountId: string, ids: string[], trx: Database = this.db): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const rows = await trx("invoices").where("account_id", accountId).whereIn("id", ids).select("id", "payer_id");
    return new Map(rows.map((r: { id: string; payer_id: string | null }) => [r.id, r.payer_id]));
  }

  /** How many of the account's invoices made out to the payer are still open. */
  async countOpenForPayer(accountId: string, payerId: string, trx: Database = this.db): Promise<number> {
    const row = (await trx("invoices").where({ account_id: accountId, payer_id: payerId, status: "issued" }).count({ n: "*" }).first()) as {
      n: number | string;
    };
    return Number(row.n);
  }

  /** Lines of many invoices in one query, not one per invoice. */
  private async withLines(rows: InvoiceRow[], trx: Database): Promise<Invoice[]> {
    if (rows.length === 0) return [];
    const lines = await trx<LineRow>("invoice_lines")
      .whereIn(
        "invoice_id",
        rows.map((r) => r.id),
      )
      .orderBy(["invoice_id", "position"]);
    const byInvoice = new Map<string, InvoiceLine[]>();
    for (const line of lines) {
      const list = byInvoice.get(line.invoice_id) ?? [];
      list.push(toLine(line));
      byInvoice.set(line.invoice_id, list);
    }
    return rows.map((r) => toInvoice(r, byInvoice.get(r.id) ?? []));
  }
}
