import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { ServiceLifecycle, type LifecycleStep } from "./service-lifecycle.js";
import type { Actor, Service } from "./service.js";

/** The step that brings a suspended service back: shared by a renewal that pays an unpaid one. */
export function resumeStep(service: Service, actor: Actor): LifecycleStep {
  return {
    to: "active",
    action: "resume",
    actor,
    changes: { statusReason: null },
    provision: "resume",
    events: [{ name: "service.resumed", payload: { accountId: service.accountId, serviceId: service.id } }],
  };
}

/** Resumes a suspended service (staff, or the billing run once it is paid again). */
@injectable()
export class ResumeService {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
  ) {}

  execute(request: { accountId: string; serviceId: string; actor: Actor }): Promise<Service> {
    return inTransaction(this.db, async (trx) => {
      const service = await this.lifecycle.load(trx, request.accountId, request.serviceId);
      return this.lifecycle.apply(trx, service, resumeStep(service, request.actor));
    });
  }
}
