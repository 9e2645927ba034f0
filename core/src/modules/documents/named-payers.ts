import { inject, injectable } from "tsyringe";
import type { Database } from "../../db/create-database.js";
import { InvoicePayers } from "../invoices/index.js";
import type { MovementPayers } from "../ledger/index.js";
import { PaymentInvoices } from "../payments/index.js";
import { ServicePayers } from "../services/index.js";

/**
 * The payer a movement names, for the ledger to keep on the entry as it is posted (see
 * MovementPayers): an invoice's payer; the payer a service was ordered for; the payer of the
 * first invoice a payment paid; nothing for anything else (a top-up, a staff adjustment). Each
 * of these is fixed once written, so the entry keeps what a statement would work out later —
 * PayerLedger then only maps a payer deleted since to the default. One query per kind of
 * reference, inside the posting's transaction.
 */
@injectable()
export class NamedPayers implements MovementPayers {
  constructor(
    @inject(InvoicePayers) private readonly invoicePayers: InvoicePayers,
    @inject(ServicePayers) private readonly servicePayers: ServicePayers,
    @inject(PaymentInvoices) private readonly paymentInvoices: PaymentInvoices,
  ) {}

  async execute(trx: Database, accountId: string, references: { type: string; id: string }[]): Promise<Map<string, string | null>> {
    const ids = (type: string) => references.filter((r) => r.type === type).map((r) => r.id);
    const payments = await this.paymentInvoices.execute(accountId, ids("payment"), trx);
    const firstInvoice = (paymentId: string) => payments.get(paymentId)?.[0];
    const invoiceIds = [...ids("invoice"), ...ids("payment").flatMap((id) => firstInvoice(id) ?? [])];
    const invoices = await this.invoicePayers.execute(accountId, invoiceIds, trx);
    const services = await this.servicePayers.execute(accountId, ids("service"), trx);
    const named = new Map<string, string | null>();
    for (const ref of references) {
      const payerId =
        ref.type === "invoice"
          ? invoices.get(ref.id)
          : ref.type === "service"
            ? services.get(ref.id)
            : ref.type === "payment"
              ? invoices.get(firstInvoice(ref.id) ?? "")
              : null;
      named.set(`${ref.type}:${ref.id}`, payerId ?? null);
    }
    return named;
  }
}
