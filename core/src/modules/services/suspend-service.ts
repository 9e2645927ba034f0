import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { ServiceLifecycle, type LifecycleStep } from "./service-lifecycle.js";
import type { Actor, Service } from "./service.js";

/** The step that suspends a service, its reason kept in statusReason: shared with the billing run's batches. */
export function suspendStep(service: Service, reason: "unpaid" | "staff" | "client", actor: Actor): LifecycleStep {
  return {
    to: "suspended",
    action: "suspend",
    actor,
    details: { reason },
    changes: { statusReason: reason },
    provision: "suspend",
    events: [{ name: "service.suspended", payload: { accountId: service.accountId, serviceId: service.id, reason } }],
  };
}

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
      return this.lifecycle.apply(trx, service, suspendStep(service, request.reason, request.actor));
    });
  }
}
