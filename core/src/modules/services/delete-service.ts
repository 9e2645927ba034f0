import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { ServiceLifecycle, type LifecycleStep } from "./service-lifecycle.js";
import type { Actor, Service } from "./service.js";

/** The step that deletes a cancelled service and has its infrastructure removed: shared with the billing run's batches. */
export function deleteStep(service: Service, actor: Actor, details?: Record<string, unknown>): LifecycleStep {
  return {
    to: "deleted",
    action: "delete",
    actor,
    details,
    provision: "delete",
    events: [{ name: "service.deleted", payload: { accountId: service.accountId, serviceId: service.id } }],
  };
}

/** Deletes a cancelled service (409 from any other status) and has its infrastructure removed. */
@injectable()
export class DeleteService {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
  ) {}

  execute(request: { accountId: string; serviceId: string; actor: Actor }): Promise<Service> {
    return inTransaction(this.db, async (trx) => {
      const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
      return this.lifecycle.apply(trx, service, deleteStep(service, request.actor));
    });
  }
}
