import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import { dialectOf, type Database } from "../../db/create-database.js";
import type { Payer, PayerKind } from "./payer.js";

interface PayerRow {
  id: string;
  account_id: string;
  kind: PayerKind;
  name: string;
  address: string;
  country: string | null;
  registration_number: string | null;
  vat_number: string | null;
  email: string | null;
  default_for: string | null;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

const toPayer = (r: PayerRow): Payer => ({
  id: r.id,
  accountId: r.account_id,
  kind: r.kind,
  name: r.name,
  address: r.address,
  country: r.country,
  registrationNumber: r.registration_number,
  vatNumber: r.vat_number,
  email: r.email,
  isDefault: r.default_for !== null,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  deletedAt: r.deleted_at === null ? null : Number(r.deleted_at),
});

/** The editable details, as columns. */
export type PayerDetails = Pick<Payer, "kind" | "name" | "address" | "country" | "registrationNumber" | "vatNumber" | "email">;

const columns = (d: PayerDetails) => ({
  kind: d.kind,
  name: d.name,
  address: d.address,
  country: d.country,
  registration_number: d.registrationNumber,
  vat_number: d.vatNumber,
  email: d.email,
});

/** The `payers` table; only the payers module touches it. Every query names the account. */
@injectable()
export class PayerRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  /** The account's payers that are not deleted, the default first, then oldest first. */
  async listForAccount(accountId: string, trx: Database = this.db): Promise<Payer[]> {
    const rows = await trx<PayerRow>("payers").where({ account_id: accountId }).whereNull("deleted_at").orderBy("created_at").orderBy("id");
    return rows.map(toPayer).sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  }

  /** One payer of the account (deleted ones too when `withDeleted`); `lock` holds its row until the transaction ends (MySQL). */
  async findForAccount(accountId: string, id: string, options: { trx?: Database; withDeleted?: boolean; lock?: boolean } = {}): Promise<Payer | undefined> {
    const trx = options.trx ?? this.db;
    const query = trx<PayerRow>("payers").where({ account_id: accountId, id }).first();
    if (!options.withDeleted) query.whereNull("deleted_at");
    if (options.lock && dialectOf(trx) === "mysql") query.forUpdate();
    const row = await query;
    return row && toPayer(row);
  }

  /**
   * `latest`: a locking read (MySQL), which sees the latest committed row rather than the
   * transaction's snapshot — how a transaction that lost the race to insert the default finds
   * the winner's.
   */
  async findDefault(accountId: string, trx: Database = this.db, latest = false): Promise<Payer | undefined> {
    const query = trx<PayerRow>("payers").where({ default_for: accountId }).first();
    if (latest && dialectOf(trx) === "mysql") query.forShare();
    const row = await query;
    return row && toPayer(row);
  }

  /**
   * In one query: the live payers among `ids` and the default payers of `accountIds` (each
   * row names its account; a caller matches them to the accounts it asked about).
   */
  async findLiveOrDefault(accountIds: string[], ids: string[], trx: Database = this.db): Promise<Payer[]> {
    if (accountIds.length === 0) return [];
    const rows = await trx<PayerRow>("payers")
      .whereIn("account_id", accountIds)
      .where((q) => {
        q.whereIn("default_for", accountIds);
        if (ids.length > 0) q.orWhere((live) => live.whereIn("id", ids).whereNull("deleted_at"));
      });
    return rows.map(toPayer);
  }

  async countLive(accountId: string, trx: Database = this.db): Promise<number> {
    const row = (await trx("payers").where({ account_id: accountId }).whereNull("deleted_at").count({ n: "*" }).first()) as { n: number | string };
    return Number(row.n);
  }

  /**
   * Inserts a payer; as the default when `isDefault`, in which case a concurrent insert of
   * another default for the account makes this one fail on the UNIQUE `default_for` (the caller
   * runs it again and finds the winner).
   */
  async insert(trx: Database, payer: Payer): Promise<void> {
    await trx("payers").insert({
      id: payer.id,
      account_id: payer.accountId,
      ...columns(payer),
      default_for: payer.isDefault ? payer.accountId : null,
      created_at: payer.createdAt,
      updated_at: payer.updatedAt,
      deleted_at: null,
    });
  }

  async update(trx: Database, accountId: string, id: string, details: PayerDetails, now: number): Promise<boolean> {
    return (
      (await trx("payers")
        .where({ account_id: accountId, id })
        .whereNull("deleted_at")
        .update({ ...columns(details), updated_at: now })) === 1
    );
  }

  /** Makes `id` the account's default: the old default gives up the mark first (the UNIQUE index holds one). */
  async setDefault(trx: Database, accountId: string, id: string, now: number): Promise<boolean> {
    await trx("payers").where({ default_for: accountId }).whereNot({ id }).update({ default_for: null, updated_at: now });
    return (await trx("payers").where({ account_id: accountId, id }).whereNull("deleted_at").update({ default_for: accountId, updated_at: now })) === 1;
  }

  /** Deletes a payer that is not the default; false when it is the default, gone or already deleted. */
  async softDelete(trx: Database, accountId: string, id: string, now: number): Promise<boolean> {
    return (
      (await trx("payers")
        .where({ account_id: accountId, id })
        .whereNull("deleted_at")
        .whereNull("default_for")
        .update({ deleted_at: now, updated_at: now })) === 1
    );
  }

  /** The account's payers, deleted ones too (a staff member reads the whole history), newest first. */
  async listAllForAccount(accountId: string): Promise<Payer[]> {
    return (await this.db<PayerRow>("payers").where({ account_id: accountId }).orderBy("created_at", "desc").orderBy("id", "desc")).map(toPayer);
  }
}
