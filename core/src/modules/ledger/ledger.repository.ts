import { inject, injectAll, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { parseText } from "../../i18n/index.js";
import type { ActorContext } from "../../kernel/actor-context.js";
import { actorReferenceScope, type ReferencesInScope } from "../../kernel/service-scope.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import type { Balance, EntryKind, LedgerEntry } from "./ledger-entry.js";

interface EntryRow {
  id: string;
  account_id: string;
  amount: number;
  currency: string;
  kind: EntryKind;
  reference_type: string | null;
  reference_id: string | null;
  description: string;
  description_text?: string | null;
  idempotency_key: string;
  balance_after: number;
  created_at: number;
  payer_id: string | null;
}

const toEntry = (r: EntryRow): LedgerEntry => ({
  id: r.id,
  accountId: r.account_id,
  amount: Number(r.amount),
  currency: r.currency,
  kind: r.kind,
  reference: r.reference_type && r.reference_id ? { type: r.reference_type, id: r.reference_id } : null,
  description: r.description,
  text: parseText(r.description_text),
  idempotencyKey: r.idempotency_key,
  balanceAfter: Number(r.balance_after),
  createdAt: Number(r.created_at),
  payerId: r.payer_id ?? null,
});

const toRow = (entry: LedgerEntry): EntryRow => ({
  id: entry.id,
  account_id: entry.accountId,
  amount: entry.amount,
  currency: entry.currency,
  kind: entry.kind,
  reference_type: entry.reference?.type ?? null,
  reference_id: entry.reference?.id ?? null,
  description: entry.description,
  description_text: entry.text ? JSON.stringify(entry.text) : null,
  idempotency_key: entry.idempotencyKey,
  balance_after: entry.balanceAfter,
  created_at: entry.createdAt,
  payer_id: entry.payerId ?? null,
});

export interface EntryFilter {
  from?: number;
  to?: number;
  kind?: EntryKind;
  beforeId?: string;
  limit?: number;
}

/** The first instant (UTC) of the calendar month of `at`. */
export function monthOf(at: number): number {
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** The `account_balances`, `ledger_entries` and `ledger_monthly` (their rollup) tables; only the ledger module touches them. Entries are never updated or deleted. */
@injectable()
export class LedgerRepository {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Actors) private readonly actors: ActorContext,
    @injectAll(TOKENS.ReferencesInScope) private readonly references: ReferencesInScope[],
  ) {}

  /**
   * A user limited to some services sees the entries about those only: the charges and refunds
   * of a service in their scope, the charge that paid one of their invoices, the payment of
   * their invoices. An entry about nothing they may see — a top-up, a credit by staff, the
   * movements of other services — is left out, in the SQL of every client read (list, export,
   * monthly chart), from the actor (kernel/actor-context.ts), as services and tickets do. The
   * balance itself is not an entry: see GetBalance.
   */
  private get scoped() {
    return actorReferenceScope(this.actors, this.db, "ledger_entries", this.references);
  }

  /** Whether the current actor is limited to some services (and reads the entries, not the monthly rollup). */
  private limited(): boolean {
    return Boolean(this.actors.current().serviceScope);
  }

  async findByIdempotencyKey(key: string, trx: Database = this.db): Promise<LedgerEntry | undefined> {
    const row = await trx<EntryRow>("ledger_entries").where({ idempotency_key: key }).first();
    return row ? toEntry(row) : undefined;
  }

  /**
   * `lock` reads the latest committed row and holds it (MySQL's consistent snapshot would
   * otherwise hide a row another transaction just created); SQLite has one writer anyway.
   */
  async findBalance(accountId: string, trx: Database = this.db, lock = false): Promise<Balance | undefined> {
    const query = trx("account_balances").where({ account_id: accountId }).first();
    if (lock && dialectOf(trx) === "mysql") query.forUpdate();
    const row = await query;
    return row ? { accountId: row.account_id, currency: row.currency, balance: Number(row.balance), creditLimit: Number(row.credit_limit) } : undefined;
  }

  /** Creates the zero balance row of an account if it has none (a no-op when a concurrent call made it). */
  async openBalance(accountId: string, currency: string, now: number, trx: Database = this.db): Promise<void> {
    await trx("account_balances").insert({ account_id: accountId, currency, balance: 0, credit_limit: 0, updated_at: now }).onConflict("account_id").ignore();
  }

  /**
   * Adds `amount` to the balance in one conditional UPDATE: a debit that would take the
   * balance below minus the credit limit changes no row. The UPDATE locks the row until the
   * transaction ends, so concurrent charges against one balance are applied one at a time.
   */
  async applyToBalance(accountId: string, amount: number, now: number, trx: Database, allowOverdraft = false): Promise<boolean> {
    const query = trx("account_balances")
      .where({ account_id: accountId })
      .update({ balance: trx.raw("balance + ?", [amount]), updated_at: now });
    if (amount < 0 && !allowOverdraft) query.whereRaw("balance + ? >= -credit_limit", [amount]);
    return (await query) === 1;
  }

  async insertEntry(entry: LedgerEntry, trx: Database): Promise<void> {
    await trx("ledger_entries").insert(toRow(entry));
    await this.addToMonthly([entry], trx);
  }

  /**
   * Adds entries to the monthly rollup (`ledger_monthly`: per account, UTC month and kind, the
   * total and the count), in the transaction that inserts them: one upsert for a batch, its rows
   * in key order so two transactions lock them in the same order.
   */
  private async addToMonthly(entries: LedgerEntry[], trx: Database): Promise<void> {
    const sums = new Map<string, { account_id: string; month: number; kind: EntryKind; total: number; entries: number }>();
    for (const e of entries) {
      const month = monthOf(e.createdAt);
      const key = `${e.accountId} ${String(month).padStart(15, "0")} ${e.kind}`;
      const row = sums.get(key) ?? { account_id: e.accountId, month, kind: e.kind, total: 0, entries: 0 };
      row.total += e.amount;
      row.entries++;
      sums.set(key, row);
    }
    if (sums.size === 0) return;
    const rows = [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    const added =
      dialectOf(trx) === "mysql"
        ? (column: string) => `ledger_monthly.${column} + VALUES(${column})`
        : (column: string) => `ledger_monthly.${column} + excluded.${column}`;
    await trx("ledger_monthly")
      .insert(rows)
      .onConflict(["account_id", "month", "kind"])
      .merge({ total: trx.raw(added("total")), entries: trx.raw(added("entries")) });

    // The same per payer the entries name (`ledger_payer_monthly`, migration 026): the opening
    // balances of the statements of an account with several payers.
    const perPayer = new Map<string, { account_id: string; month: number; payer_key: string; total: number; entries: number }>();
    for (const e of entries) {
      const month = monthOf(e.createdAt);
      const payerKey = e.payerId ?? "";
      const key = `${e.accountId} ${String(month).padStart(15, "0")} ${payerKey}`;
      const row = perPayer.get(key) ?? { account_id: e.accountId, month, payer_key: payerKey, total: 0, entries: 0 };
      row.total += e.amount;
      row.entries++;
      perPayer.set(key, row);
    }
    const payerAdded =
      dialectOf(trx) === "mysql"
        ? (column: string) => `ledger_payer_monthly.${column} + VALUES(${column})`
        : (column: string) => `ledger_payer_monthly.${column} + excluded.${column}`;
    await trx("ledger_payer_monthly")
      .insert([...perPayer].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row))
      .onConflict(["account_id", "month", "payer_key"])
      .merge({ total: trx.raw(payerAdded("total")), entries: trx.raw(payerAdded("entries")) });
  }

  /**
   * The balance rows of several accounts, locked until the transaction ends on MySQL (in
   * account order, so two batches that share accounts wait for each other instead of
   * deadlocking); SQLite has one writer anyway.
   */
  async lockBalances(accountIds: string[], trx: Database): Promise<Map<string, Balance>> {
    const query = trx("account_balances")
      .whereIn("account_id", [...new Set(accountIds)].sort())
      .orderBy("account_id");
    if (dialectOf(trx) === "mysql") query.forUpdate();
    const rows = await query;
    return new Map(
      rows.map((row: { account_id: string; currency: string; balance: number; credit_limit: number }) => [
        row.account_id,
        { accountId: row.account_id, currency: row.currency, balance: Number(row.balance), creditLimit: Number(row.credit_limit) },
      ]),
    );
  }

  /**
   * Adds each account's delta to its balance in one UPDATE, with the same guard as
   * `applyToBalance`: a row whose debit would go below minus its credit limit is not changed.
   * Returns how many rows changed; fewer than `deltas.size` means the caller must roll back.
   */
  async applyToBalances(deltas: Map<string, number>, now: number, trx: Database): Promise<number> {
    if (deltas.size === 0) return 0;
    const ids = [...deltas.keys()];
    const caseSql = `CASE account_id ${ids.map(() => "WHEN ? THEN ?").join(" ")} END`;
    const caseBindings = ids.flatMap((id) => [id, deltas.get(id)!]);
    return trx("account_balances")
      .whereIn("account_id", ids)
      .whereRaw(`(balance + ${caseSql} >= -credit_limit OR ${caseSql} >= 0)`, [...caseBindings, ...caseBindings])
      .update({ balance: trx.raw(`balance + ${caseSql}`, caseBindings), updated_at: now });
  }

  async findByIdempotencyKeys(keys: string[], trx: Database): Promise<Map<string, LedgerEntry>> {
    if (keys.length === 0) return new Map();
    const rows = await trx<EntryRow>("ledger_entries").whereIn("idempotency_key", keys);
    return new Map(rows.map((row) => [row.idempotency_key, toEntry(row)]));
  }

  /** Several entries in one INSERT (a UNIQUE idempotency key taken meanwhile fails them all). */
  async insertEntries(entries: LedgerEntry[], trx: Database): Promise<void> {
    if (entries.length === 0) return;
    await trx("ledger_entries").insert(entries.map(toRow));
    await this.addToMonthly(entries, trx);
  }

  async setCreditLimit(accountId: string, creditLimit: number, now: number): Promise<void> {
    await this.db("account_balances").where({ account_id: accountId }).update({ credit_limit: creditLimit, updated_at: now });
  }

  /** Newest first. */
  async listEntries(accountId: string, filter: EntryFilter): Promise<LedgerEntry[]> {
    const query = this.db<EntryRow>("ledger_entries").where("account_id", accountId).modify(this.scoped(accountId));
    if (filter.from !== undefined) query.where("created_at", ">=", filter.from);
    if (filter.to !== undefined) query.where("created_at", "<", filter.to);
    if (filter.kind) query.where("kind", filter.kind);
    if (filter.beforeId) query.where("id", "<", filter.beforeId);
    query.orderBy("id", "desc");
    if (filter.limit) query.limit(filter.limit);
    return (await query).map(toEntry);
  }

  /** When the account's first entry was made, or null for an account with none. */
  async firstEntryAt(accountId: string): Promise<number | null> {
    const row = await this.db("ledger_entries").where("account_id", accountId).modify(this.scoped(accountId)).min({ at: "created_at" }).first();
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  }

  /**
   * The account's entries of a period, oldest first — in (created_at, id) order — a page at a
   * time after `after` (the last entry of the page before), over the index (account_id,
   * created_at): each page reads its own rows from the period's start on, however much history
   * lies before it. (Paging along (account_id, id) instead, MariaDB walked every entry of the
   * account from its first to reach the period: 25,000 rows for a 30-day export of a three-year
   * account.)
   */
  async pageEntriesAscending(
    accountId: string,
    filter: Pick<EntryFilter, "from" | "to" | "kind">,
    after: { createdAt: number; id: string } | null,
    limit: number,
  ): Promise<LedgerEntry[]> {
    const query = this.db<EntryRow>("ledger_entries").where("account_id", accountId).modify(this.scoped(accountId));
    if (filter.from !== undefined) query.where("created_at", ">=", filter.from);
    if (filter.to !== undefined) query.where("created_at", "<", filter.to);
    if (filter.kind) query.where("kind", filter.kind);
    if (after !== null)
      query.where((q) => q.where("created_at", ">", after.createdAt).orWhere((same) => same.where("created_at", after.createdAt).where("id", ">", after.id)));
    return (await query.orderBy([{ column: "created_at" }, { column: "id" }]).limit(limit)).map(toEntry);
  }

  /**
   * The account's totals per UTC month and kind for the months starting in [fromMonth, toMonth)
   * (month starts, as `monthOf` gives them), from the monthly rollup: a row per month and kind
   * that has entries — however many entries there are.
   */
  async monthlyTotals(accountId: string, fromMonth: number, toMonth: number): Promise<{ month: number; kind: EntryKind; total: number }[]> {
    if (this.limited()) return this.scopedMonthlyTotals(accountId, fromMonth, toMonth);
    const rows = await this.db("ledger_monthly")
      .where("account_id", accountId)
      .where("month", ">=", fromMonth)
      .where("month", "<", toMonth)
      .select("month", "kind", "total");
    return (rows as { month: number | string; kind: EntryKind; total: number | string }[]).map((r) => ({
      month: Number(r.month),
      kind: r.kind,
      total: Number(r.total),
    }));
  }

  /**
   * `monthlyTotals` of the entries a limited user may see: the rollup holds every entry, so
   * these are summed from the entries themselves, one GROUP BY over the months asked (the
   * month of each entry told by a CASE over the month starts, alike in SQLite and MySQL).
   */
  private async scopedMonthlyTotals(accountId: string, fromMonth: number, toMonth: number): Promise<{ month: number; kind: EntryKind; total: number }[]> {
    const starts: number[] = [];
    for (let m = fromMonth; m < toMonth; m = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 1, 1)) starts.push(m);
    if (starts.length === 0) return [];
    const bounds = [...starts.slice(1), toMonth];
    const monthCase = `CASE ${starts.map(() => "WHEN created_at < ? THEN ?").join(" ")} END`;
    const bindings = starts.flatMap((start, i) => [bounds[i], start]);
    const rows = await this.db("ledger_entries")
      .where("account_id", accountId)
      .modify(this.scoped(accountId))
      .where("created_at", ">=", fromMonth)
      .where("created_at", "<", toMonth)
      .select(this.db.raw(`${monthCase} as month`, bindings), "kind")
      .sum({ total: "amount" })
      .groupByRaw(`${monthCase}, kind`, bindings);
    return (rows as { month: number | string; kind: EntryKind; total: number | string }[]).map((r) => ({
      month: Number(r.month),
      kind: r.kind,
      total: Number(r.total),
    }));
  }

  /**
   * Sum of the account's entries before `before` (the opening balance of a period): the monthly
   * rollup's totals of the months before `before`'s month, and the entries of that month up to
   * `before` — a few dozen rows and at most one month of entries, however long the history.
   */
  async sumBefore(accountId: string, before: number): Promise<number> {
    const month = monthOf(before);
    const months = await this.db("ledger_monthly").where("account_id", accountId).where("month", "<", month).sum({ total: "total" }).first();
    const days = await this.db("ledger_entries")
      .where("account_id", accountId)
      .where("created_at", ">=", month)
      .where("created_at", "<", before)
      .sum({ total: "amount" })
      .first();
    return Number(months?.total ?? 0) + Number(days?.total ?? 0);
  }

  /**
   * The opening balances of a period per named payer (an entry's `payerId`; "" for none): as
   * `sumBefore`, from the payer rollup's months before `before`'s month and that month's entries
   * up to `before` — a row per payer and month, and at most one month of entries.
   */
  async sumBeforeByPayer(accountId: string, before: number): Promise<Map<string, number>> {
    const month = monthOf(before);
    const months = (await this.db("ledger_payer_monthly")
      .where("account_id", accountId)
      .where("month", "<", month)
      .groupBy("payer_key")
      .select("payer_key")
      .sum({ total: "total" })) as { payer_key: string; total: number | string }[];
    const days = (await this.db("ledger_entries")
      .where("account_id", accountId)
      .where("created_at", ">=", month)
      .where("created_at", "<", before)
      .groupBy("payer_id")
      .select("payer_id")
      .sum({ total: "amount" })) as { payer_id: string | null; total: number | string }[];
    const sums = new Map<string, number>();
    for (const { key, total } of [
      ...months.map((r) => ({ key: r.payer_key, total: r.total })),
      ...days.map((r) => ({ key: r.payer_id ?? "", total: r.total })),
    ])
      sums.set(key, (sums.get(key) ?? 0) + Number(total));
    return sums;
  }

  /** Sum of every entry of the account: what the balance must always equal. */
  async sumAll(accountId: string): Promise<number> {
    const row = await this.db("ledger_entries").where("account_id", accountId).sum({ total: "amount" }).first();
    return Number(row?.total ?? 0);
  }
}
