import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { fromJson, toJson } from "../../db/json.js";
import type { Service, ServiceStatus } from "./service.js";

interface ServiceRow {
  id: string;
  account_id: string;
  product_id: string;
  label: string | null;
  status: ServiceStatus;
  parameters: string;
  price_amount: number;
  currency: string;
  period_months: number;
  paid_until: number | null;
  auto_renew: number | boolean;
  created_at: number;
}

const toService = (r: ServiceRow): Service => ({
  id: r.id,
  accountId: r.account_id,
  productId: r.product_id,
  label: r.label,
  status: r.status,
  parameters: fromJson(r.parameters, {}),
  price: { amount: Number(r.price_amount), currency: r.currency },
  periodMonths: r.period_months,
  paidUntil: r.paid_until === null ? null : Number(r.paid_until),
  autoRenew: Boolean(r.auto_renew),
  createdAt: Number(r.created_at),
});

/**
 * The `services` table; only the services module reads or writes it. Every read takes the
 * account id and filters by it in the SQL itself: a service of another account is never
 * loaded, so it cannot leak by a forgotten check.
 */
@injectable()
export class ServiceRepository {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  /** Newest first; `afterId` continues below the last id of the previous page. */
  async listForAccount(accountId: string, filter: { status?: ServiceStatus; afterId?: string; limit: number }): Promise<Service[]> {
    const query = this.db<ServiceRow>("services").where("account_id", accountId);
    if (filter.status) query.where("status", filter.status);
    else query.whereNot("status", "deleted");
    if (filter.afterId) query.where("id", "<", filter.afterId);
    const rows = await query.orderBy("id", "desc").limit(filter.limit);
    return rows.map(toService);
  }

  async findForAccount(accountId: string, id: string): Promise<Service | undefined> {
    const row = await this.db<ServiceRow>("services").where({ account_id: accountId, id }).first();
    return row ? toService(row) : undefined;
  }

  async findForAccountByLabel(accountId: string, label: string): Promise<Service | undefined> {
    const row = await this.db<ServiceRow>("services").where({ account_id: accountId, label }).first();
    return row ? toService(row) : undefined;
  }

  /** Auto-renewing services of the account that are paid until before `until`. */
  async listAutoRenewingBefore(accountId: string, until: number): Promise<Service[]> {
    const rows = await this.db<ServiceRow>("services")
      .where({ account_id: accountId, auto_renew: true })
      .whereIn("status", ["active", "suspended"])
      .whereNotNull("paid_until")
      .where("paid_until", "<", until);
    return rows.map(toService);
  }

  /** Moves those of `ids` (of the account) that are in `from` to `to`; returns the ids moved. */
  async moveStatus(accountId: string, ids: string[], from: ServiceStatus, to: ServiceStatus, now: number): Promise<string[]> {
    const movable = (await this.db("services").where({ account_id: accountId, status: from }).whereIn("id", ids).select("id")).map((r: { id: string }) => r.id);
    if (movable.length === 0) return [];
    await this.db("services").where({ account_id: accountId, status: from }).whereIn("id", movable).update({ status: to, updated_at: now });
    return movable;
  }

  async insert(service: Service, now: number): Promise<void> {
    await this.db("services").insert({
      id: service.id,
      account_id: service.accountId,
      product_id: service.productId,
      label: service.label,
      status: service.status,
      parameters: toJson(service.parameters),
      price_amount: service.price.amount,
      currency: service.price.currency,
      period_months: service.periodMonths,
      paid_until: service.paidUntil,
      auto_renew: service.autoRenew,
      created_at: service.createdAt,
      updated_at: now,
    });
  }
}
