import { inject, injectable } from "tsyringe";
import { TOKENS } from "../kernel/tokens.js";
import type { Database } from "../db/create-database.js";
import type { EventBus } from "../kernel/event-bus.js";
import { inTransaction } from "../db/transaction.js";
import { BillingRunRepository } from "../modules/services/billing-run.repository.js";
import type { OverdueBatch } from "./suspend-overdue-services.js";

/**
 * One batch of the billing run's deletions, in one transaction: services suspended for want of
 * payment whose paid period ended more than the longer grace ago are claimed, cancelled and
 * deleted (a history row for each step), and announced with `service.cancelled` and
 * `service.deleted` once committed — which is what has the provisioner remove them.
 */
@injectable()
export class DeleteExpiredServices {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(BillingRunRepository) private readonly services: BillingRunRepository,
  ) {}

  async execute(input: { now: number; paidBefore: number; afterId: string; limit: number }): Promise<OverdueBatch> {
    const { batch, deleted } = await inTransaction(this.db, async (trx) => {
      const claimed = await this.services.claimOverdue(trx, "suspended", input.paidBefore, input.afterId, input.limit);
      const cancelled = new Set(await this.services.moveStatus(trx, claimed.map((s) => s.id), "suspended", "cancelled", "unpaid", input.now));
      await this.services.moveStatus(trx, [...cancelled], "cancelled", "deleted", "unpaid", input.now);
      const deleted = claimed.filter((s) => cancelled.has(s.id));
      await this.services.insertHistory(
        trx,
        deleted.flatMap((s) => [
          { serviceId: s.id, accountId: s.accountId, fromStatus: "suspended" as const, toStatus: "cancelled" as const, action: "cancel", details: { reason: "unpaid" } },
          { serviceId: s.id, accountId: s.accountId, fromStatus: "cancelled" as const, toStatus: "deleted" as const, action: "delete", details: { reason: "unpaid" } },
        ]),
        input.now,
      );
      return { batch: { claimed: claimed.length, lastId: claimed.at(-1)?.id ?? null, moved: deleted.length }, deleted };
    });
    for (const { id: serviceId, accountId } of deleted) {
      await this.events.publish("service.cancelled", { accountId, serviceId, atPeriodEnd: false });
      await this.events.publish("service.deleted", { accountId, serviceId });
    }
    return batch;
  }
}
