import { inject, injectable } from "tsyringe";
import { localText } from "../../i18n/index.js";
import type { Database } from "../../db/create-database.js";
import { inTransaction } from "../../db/transaction.js";
import { TOKENS } from "../../kernel/tokens.js";
import { PostLedgerEntry } from "../ledger/index.js";
import { ServiceLifecycle } from "./service-lifecycle.js";
import { ServiceRepository } from "./service.repository.js";
import type { Actor } from "./service.js";

/**
 * An upgrade's invoice is paid: the change it was for applies, if the service is still as it was
 * priced (active, not moved on by another change or a cancellation). Otherwise what the invoice
 * took from the balance goes back to it, once. A replayed event — or the recovery sweep, running
 * alongside the event's handler — finds the change settled and does nothing: whichever moves it
 * off `waiting` first does the work, and the other neither applies nor refunds it.
 */
@injectable()
export class ApplyPaidChanges {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(ServiceRepository) private readonly services: ServiceRepository,
    @inject(ServiceLifecycle) private readonly lifecycle: ServiceLifecycle,
    @inject(PostLedgerEntry) private readonly postEntry: PostLedgerEntry,
  ) {}

  async execute(accountId: string, invoiceId: string, paidBy: Actor = "client"): Promise<string[]> {
    const applied: string[] = [];
    for (const change of await this.services.findChangesByInvoice(accountId, invoiceId)) {
      if (change.status !== "waiting" && change.status !== "void") continue;
      const done = await inTransaction(this.db, async (trx) => {
        const service = await this.lifecycle.load(trx, accountId, change.serviceId);
        const fits = change.status === "waiting" && service.status === "active" && !service.cancelAtPeriodEnd && service.provisionSeq === change.provisionSeq;
        if (!fits) {
          // Paid for a change that can no longer apply: the money back to the balance — unless
          // another handler settled it meanwhile (it applied it, which moved the service on).
          if (change.status === "waiting" && !(await this.services.settleChange(change.id, "refunded", trx))) return false;
          await this.postEntry.execute(trx, {
            accountId,
            amount: change.amount,
            currency: change.currency,
            kind: "refund",
            reference: { type: "service", id: service.id },
            description: localText("ledger.refund_change_not_applied", { service: service.label ?? service.id }),
            idempotencyKey: `change-refund:${change.id}`,
          });
          return false;
        }
        if (!(await this.services.settleChange(change.id, "applied", trx))) return false;
        await this.lifecycle.apply(trx, service, {
          action: "change",
          actor: paidBy,
          details: { kind: "upgrade", from: service.parameters, to: change.parameters, invoiceId },
          changes: { parameters: change.parameters, nextParameters: null, price: { amount: change.newPrice, currency: change.currency } },
          provision: "change",
          events: [{ name: "service.changed", payload: { accountId, serviceId: service.id } }],
        });
        return true;
      });
      if (done) applied.push(change.serviceId);
    }
    return applied;
  }
}
