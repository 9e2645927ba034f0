import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Database } from "../../db/create-database.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { inTransaction } from "../../db/transaction.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { describeInvoice } from "./describe-invoice.js";
import { InvoiceRepository } from "./invoice.repository.js";
import { SettleInvoice } from "./settle-invoice.js";

/** The client pays an open invoice from the balance. A double click pays once. */
@injectable()
export class PayInvoiceFromBalance {
  constructor(
    @inject(TOKENS.Database) private readonly db: Database,
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(SettleInvoice) private readonly settle: SettleInvoice,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, invoiceId: string) {
    if (!(await this.invoices.findForAccount(auth.accountId, invoiceId))) {
      throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "invoice", id: invoiceId });
    }
    const result = await inTransaction(this.db, (trx) => this.settle.execute(trx, auth.accountId, invoiceId));
    switch (result.status) {
      case "paid":
        await this.events.publish("invoice.paid", { invoiceId, accountId: auth.accountId, purpose: result.invoice.purpose });
        return describeInvoice(result.invoice);
      case "already_paid":
        return describeInvoice(result.invoice);
      case "not_payable":
        throw new CabinetError("CAB_ERR_CONFLICT", { reason: "invoice is not open", status: result.invoice.status }, "This invoice cannot be paid.");
      case "insufficient_funds":
        throw new CabinetError("CAB_ERR_INSUFFICIENT_FUNDS", {
          required: { amount: result.invoice.total, currency: result.invoice.currency },
          available: { amount: result.available, currency: result.invoice.currency },
        });
    }
  }
}
