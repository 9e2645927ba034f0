import { inject, injectable } from "tsyringe";
import { TOKENS } from "../kernel/tokens.js";
import type { Database } from "../db/create-database.js";
import type { EventBus } from "../kernel/event-bus.js";
import { inTransaction } from "../db/transaction.js";
import { BillingRunRepository } from "../modules/services/billing-run.repository.js";

export interface OverdueBatch {
  claimed: number;
  lastId: string | null;
  /** Services this batch moved (a claimed one moved meanwhile by someone else is left as it is). */
  moved: number;
}

/**
 * One batch of the billing run's suspensions, in one transaction: active services whose paid
 * period ended more than the grace ago are claimed, moved to `suspended` (reason "unpaid") with
 * a history row each, and announced with `service.suspended` once committed — which is what
 * sets provisioning going. Paying the renewal invoice resumes them.
 */
@injectable()
export class SuspendOverdueServices {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(BillingRunRepository) private readonly services: BillingRunRepository,
  ) {}

  async execute(input: { now: number; paidBefore: number; afterId: string; limit: number }): Promise<OverdueBatch> {
    const { batch, suspended } = await inTransaction(this.db, async (trx) => {
      const claimed = await this.services.claimOverdue(trx, "active", input.paidBefore, input.afterId, input.limit);
      const moved = new Set(await this.services.moveStatus(trx, claimed.map((s) => s.id), "active", "suspended", "unpaid", input.now));
      const suspended = claimed.filter((s) => moved.has(s.id));
      await this.services.insertHistory(
        trx,
        suspended.map((s) => ({ serviceId: s.id, accountId: s.accountId, fromStatus: "active", toStatus: "suspended", action: "suspend", details: { reason: "unpaid" } })),
        input.now,
      );
      return { batch: { claimed: claimed.length, lastId: claimed.at(-1)?.id ?? null, moved: suspended.length }, suspended };
    });
    for (const { id: serviceId, accountId } of suspended) await this.events.publish("service.suspended", { accountId, serviceId, reason: "unpaid" });
    return batch;
  }
}
