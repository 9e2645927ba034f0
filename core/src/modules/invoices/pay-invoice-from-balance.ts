import { inject, injectable } from "tsyringe";
import { AccountLanguage } from "../accounts/index.js";
import { TOKENS } from "../../kernel/tokens.js";
import type { EventBus } from "../../kernel/event-bus.js";
import { IdempotencyLog, type IdempotentCall } from "../../http/idempotency.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { AuthContext } from "../accounts/index.js";
import { describeInvoice } from "./describe-invoice.js";
import { InvoiceRepository } from "./invoice.repository.js";
import { SettleInvoice } from "./settle-invoice.js";

/**
 * The client pays an open invoice from the balance. A double click pays once (paying a paid
 * invoice changes nothing); with an Idempotency-Key the same request answers the first outcome.
 */
@injectable()
export class PayInvoiceFromBalance {
  constructor(
    @inject(InvoiceRepository) private readonly invoices: InvoiceRepository,
    @inject(SettleInvoice) private readonly settle: SettleInvoice,
    @inject(TOKENS.EventBus) private readonly events: EventBus,
    @inject(IdempotencyLog) private readonly idempotency: IdempotencyLog,
    @inject(AccountLanguage) private readonly language: AccountLanguage,
  ) {}

  async execute(auth: Pick<AuthContext, "accountId">, invoiceId: string, idempotency?: IdempotentCall) {
    if (!(await this.invoices.findForAccount(auth.accountId, invoiceId))) {
      throw new CabinetError("CAB_ERR_NOT_FOUND", { resource: "invoice", id: invoiceId });
    }
    const locale = await this.language.of(auth.accountId);
    const { outcome, replayed } = await this.idempotency.run(idempotency, async (trx) => {
      const result = await this.settle.execute(trx, auth.accountId, invoiceId);
      switch (result.status) {
        case "paid":
        case "already_paid":
          return { status: result.status, invoice: describeInvoice(result.invoice, locale) };
        // Thrown inside, so that no outcome is stored: the same key may try again once it can pay.
        case "not_payable":
          throw new CabinetError("CAB_ERR_CONFLICT", { reason: "invoice is not open", status: result.invoice.status }, "This invoice cannot be paid.");
        case "insufficient_funds":
          throw new CabinetError("CAB_ERR_INSUFFICIENT_FUNDS", {
            required: { amount: result.invoice.total, currency: result.invoice.currency },
            available: { amount: result.available, currency: result.invoice.currency },
          });
      }
    });
    if (outcome.status === "paid" && !replayed)
      await this.events.publish("invoice.paid", { invoiceId, accountId: auth.accountId, purpose: outcome.invoice.purpose });
    return outcome.invoice;
  }
}
