import type { Database } from "../../db/create-database.js";

/**
 * What the payers module asks of the invoices module (which answers it, `TOKENS.PayerInvoices`):
 * how many open invoices a payer has, so a payer someone still has to pay as is never deleted.
 * Declared here, the module depended on, so there is no cycle.
 */
export interface PayerInvoices {
  countOpen(accountId: string, payerId: string, trx?: Database): Promise<number>;
}
