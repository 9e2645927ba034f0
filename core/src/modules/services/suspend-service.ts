import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { ServiceLifecycle } from "./service-lifecycle.js";
import type { Actor, Service } from "./service.js";

/** Suspends an active service (the billing run: unpaid; staff), its reason kept in statusReason. */
@injectable()
export class SuspendService {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
  ) {}

  execute(request: { accountId: string; serviceId: string; reason: "unpaid" | "staff" | "client"; actor: Actor }): Promise<Service> {
    return inTransaction(this.db, async (trx) => {
      const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
      return this.lifecycle.apply(trx, service, {
        to: "suspended",
        action: "suspend",
        actor: request.actor,
        details: { reason: request.reason },
        changes: { statusReason: request.reason },
        provision: "suspend",
        events: [{ name: "service.suspended", payload: { accountId: service.accountId, serviceId: service.id, reason: request.reason } }],
      });
    });
  }
}
