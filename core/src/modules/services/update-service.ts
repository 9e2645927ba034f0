import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { serviceActions } from "./describe-service.js";
import { GetService, type ServiceCaller } from "./get-service.js";
import { illegalTransition, ServiceLifecycle } from "./service-lifecycle.js";

/** The client renames a service or turns auto-renewal on or off (not on a cancelled one). */
@injectable()
export class UpdateService {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(GetService) private readonly view: GetService,
  ) {}

  async execute(auth: ServiceCaller, serviceId: string, input: { label?: string | null; autoRenew?: boolean }) {
    const updated = await inTransaction(this.db, async (trx) => {
      const service = await this.lifecycle.load(trx, auth.accountId, serviceId);
      const autoRenewChanges = input.autoRenew !== undefined && input.autoRenew !== service.autoRenew;
      if (autoRenewChanges && !serviceActions(service, true).autoRenew.allowed) throw illegalTransition(service, "auto_renew");
      return this.lifecycle.apply(trx, service, {
        action: "auto_renew",
        actor: "client",
        details: autoRenewChanges ? { autoRenew: input.autoRenew } : undefined,
        // Only what was sent: an absent field must not overwrite the service's value with undefined.
        changes: { ...(input.label !== undefined && { label: input.label }), ...(input.autoRenew !== undefined && { autoRenew: input.autoRenew }) },
        quiet: !autoRenewChanges, // a new label is not a lifecycle event
      });
    });
    return this.view.describe(auth, updated);
  }
}
