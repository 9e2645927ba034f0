import { inject, injectable } from "tsyringe";
import { localText } from "../../i18n/index.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { RenewalPricer } from "./renewal-pricer.js";
import { renewedStep } from "./renewal-planner.js";
import { ServiceLifecycle } from "./service-lifecycle.js";
import { ServiceRepository } from "./service.repository.js";
import type { Actor } from "./service.js";

/**
 * A renewal invoice is paid: each service it renews is paid until the renewal's period end.
 * A service already moved past that period's start (a replayed event) is left alone, so a
 * period extends a service once; a cancelled or deleted one is not revived.
 */
@injectable()
export class ExtendRenewedServices {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(RenewalPricer) private readonly pricer: RenewalPricer,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
  ) {}

  async execute(accountId: string, invoiceId: string, paidBy: Actor = "client"): Promise<string[]> {
    const extended: string[] = [];
    for (const renewal of await this.services.findRenewalsByInvoice(accountId, invoiceId)) {
      const done = await inTransaction(this.db, async (trx) => {
        const service = await this.lifecycle.load(trx, accountId, renewal.serviceId);
        const due = (service.paidUntil ?? renewal.periodStart) === renewal.periodStart;
        if (!due) return false;
        if (service.status !== "active" && service.status !== "suspended") {
          // Cancelled while the invoice waited: the money goes back to the balance, once.
          await this.postEntry.execute(trx, {
            accountId,
            amount: renewal.amount,
            currency: renewal.currency,
            kind: "refund",
            reference: { type: "service", id: service.id },
            description: localText("ledger.refund_renewal", { service: service.label ?? service.id, status: localText(`service.status.${service.status}`) }),
            idempotencyKey: `renewal-refund:${renewal.id}`,
          });
          return false;
        }
        const pricing = await this.pricer.pricePerPeriod(trx, service);
        const renewed = await this.lifecycle.apply(trx, service, renewedStep(service, renewal, pricing, paidBy));
        await this.pricer.resumeIfPaid(trx, renewed, paidBy, this.clock.now());
        return true;
      });
      if (done) extended.push(renewal.serviceId);
    }
    return extended;
  }
}
