import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { PaymentRepository } from "./payment.repository.js";

/** What each of an account's payments paid for, for other modules (documents: whose payment it is) that must not read the payments tables. */
@injectable()
export class PaymentInvoices {
  constructor(@inject(PaymentRepository) private readonly payments: PaymentRepository) {}

  /** By payment id: the invoices it was made for (empty for a top-up); unknown ids are absent. */
  execute(accountId: string, paymentIds: string[], trx?: Database): Promise<Map<string, string[]>> {
    return this.payments.invoicesOf(accountId, [...new Set(paymentIds)], trx);
  }
}
