import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { afterCommit } from "../../db/transaction.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { InvoiceRepository } from "./invoice.repository.js";
import { findOrFail } from "../../kernel/find-or-fail.js";

export type WithdrawInvoiceResult = "voided" | "paid" | "void" | "not_found";

/**
 * A client withdraws what an open invoice was for (an unpaid order): the invoice is voided in
 * the caller's transaction, its number staying used. One paid meanwhile stays paid — the payment
 * wins, and the caller refuses the withdrawal. A payment that arrives after the voiding finds
 * the invoice not payable and stays on the balance.
 */
@injectable()
export class WithdrawInvoice {
  constructor(
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(trx: Database, accountId: string, invoiceId: string): Promise<WithdrawInvoiceResult> {
    const invoice = await this.invoices.findForAccount(accountId, invoiceId, trx, true);
    if (!invoice) return "not_found";
    if (invoice.status !== "issued") return invoice.status;
    if (!(await this.invoices.markVoid(invoice.id, invoice.brandId, this.clock.now(), trx))) {
      return findOrFail(await this.invoices.findForAccount(accountId, invoiceId, trx), "invoice", invoiceId).status === "paid" ? "paid" : "void";
    }
    afterCommit(trx, () => this.events.publish("invoice.voided", { invoiceId: invoice.id, accountId, staffId: null }));
    return "voided";
  }
}
