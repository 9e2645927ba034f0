import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { BillingRunRepository, type Overdue, type WalkCursor } from "./billing-run.repository.js";
import { ServiceLifecycle, type LifecycleStep } from "./service-lifecycle.js";
import type { Service } from "./service.js";

export interface OverdueBatch {
  /** Services looked at. */
  scanned: number;
  /** Where the walk goes on (null: no service is left). */
  next: WalkCursor | null;
  /** Services this batch moved. */
  moved: number;
}

export interface OverdueBatchInput {
  now: number;
  cursor: WalkCursor | null;
  limit: number;
}

/**
 * One batch of a billing-run phase that moves services through the services module's
 * lifecycle (cancel, suspend, delete), in one transaction: the next services that match are
 * claimed (locked, skipping another run's), then each takes its steps — with history, events
 * after the commit and the provisioner's job, as any other move of a service.
 */
@injectable()
export class MoveOverdueServices {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(BillingRunRepository) private readonly services: BillingRunRepository,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
  ) {}

  async execute(which: Overdue, input: OverdueBatchInput, steps: (service: Service) => LifecycleStep[]): Promise<OverdueBatch> {
    const { ids, next } = await this.services.nextOverdue(which, input.cursor, input.limit);
    return inTransaction(this.db, async (trx) => {
      const claimed = await this.services.claimOverdue(trx, which, ids);
      for (const { id, accountId } of claimed) {
        let service = await this.lifecycle.load(trx, accountId, id); // already ours: claimed above
        for (const step of steps(service)) service = await this.lifecycle.apply(trx, service, step);
      }
      return { scanned: ids.length, next, moved: claimed.length };
    });
  }
}
