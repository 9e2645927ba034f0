import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { FindInvoice } from "../invoices/index.js";
import { paidPerLine } from "../invoices/index.js";
import { addMonths } from "./service-period.js";
import { ServiceLifecycle } from "./service-lifecycle.js";
import { ServiceRepository } from "./service.repository.js";
import type { Actor } from "./service.js";

/**
 * An order's invoice is paid: the services it was for leave `pending_payment` for
 * `provisioning`, their first period starting now, and a provisioner creates them. Only
 * services of the same account that were still waiting move; a replayed event moves nothing.
 */
@injectable()
export class StartPaidServices {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(FindInvoice) private readonly invoices: FindInvoice,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(accountId: string, invoiceId: string, paidBy: Actor = "client"): Promise<string[]> {
    const invoice = await this.invoices.execute(accountId, invoiceId);
    if (!invoice) return [];
    // What each service cost the client, VAT included: what a failed set-up gives back.
    const paid = paidPerLine(invoice);
    const started: string[] = [];
    for (const [index, { serviceId }] of invoice.lines.entries()) {
      if (serviceId === null) continue;
      const moved = await inTransaction(this.db, async (trx) => {
        const service = await this.services.findForAccount(accountId, serviceId, trx, true);
        if (service?.status !== "pending_payment") return false;
        const now = this.clock.now();
        await this.lifecycle.apply(trx, service, {
          to: "provisioning",
          action: "paid",
          actor: paidBy,
          details: { invoiceId },
          changes: { periodStart: now, paidUntil: addMonths(now, service.periodMonths), orderCharge: paid[index] },
          provision: "create",
        });
        return true;
      });
      if (moved) started.push(serviceId);
    }
    return started;
  }
}
