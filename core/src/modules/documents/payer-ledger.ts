import { inject, injectable } from "tsyringe";
import type { Brand } from "../brands/index.js";
import { GetLedgerStatement, type LedgerStatement } from "../ledger/index.js";
import { InvoicePayers } from "../invoices/index.js";
import { PaymentInvoices } from "../payments/index.js";
import { ServicePayers } from "../services/index.js";
import { ChoosePayer, LivePayers, type ChosenPayer } from "../payers/index.js";

type Entry = LedgerStatement["entries"][number];

/** A payer's part of an account's ledger over a period: the statement's shape, and the payer with its VAT rule. */
export interface PayerLedgerStatement extends LedgerStatement {
  chosen: ChosenPayer;
}

/**
 * The account's ledger as it concerns one payer — what its reconciliation statements and acts
 * cover. An account has one balance; each movement on it is a payer's by what it is for:
 *  - a charge or refund of an invoice: the invoice's payer;
 *  - of a service (an order, a renewal, an upgrade paid from the balance, a refund): the payer
 *    the service was ordered for;
 *  - a payment: the payer of the invoices it paid; a top-up (no invoice), the default payer's;
 *  - anything else (a staff adjustment, a credit), and whatever names a payer since deleted or
 *    none (records from before payers): the default payer's.
 * So the payers' statements of an account add up to its whole ledger, and an account with one
 * payer gets the account's statement. `payerId` absent: the default payer.
 */
@injectable()
export class PayerLedger {
  constructor(
    @inject(GetLedgerStatement) private readonly ledger: GetLedgerStatement,
    @inject(ChoosePayer) private readonly choosePayer: ChoosePayer,
    @inject(InvoicePayers) private readonly invoicePayers: InvoicePayers,
    @inject(ServicePayers) private readonly servicePayers: ServicePayers,
    @inject(PaymentInvoices) private readonly paymentInvoices: PaymentInvoices,
    @inject(LivePayers) private readonly livePayers: LivePayers,
  ) {}

  async execute(brand: Brand, accountId: string, from: number, to: number, payerId?: string): Promise<PayerLedgerStatement> {
    const chosen = await this.choosePayer.execute(undefined, brand, accountId, payerId);
    // With one payer (most accounts) every movement is its own: the account's statement, read
    // over the monthly rollup like any other (O(period), whatever the history before it).
    if ((await this.livePayers.execute(accountId)).size <= 1) return { chosen, ...(await this.ledger.execute(accountId, from, to)) };
    // With several, whose each movement is must be worked out from the first one on.
    const defaultId = payerId ? (await this.choosePayer.execute(undefined, brand, accountId)).payer.id : chosen.payer.id;
    // Every entry up to `to`: the opening balance is the payer's movements before `from`.
    const all = await this.ledger.execute(accountId, 0, to);
    const payerOf = await this.attribute(accountId, all.entries, defaultId);
    const mine = all.entries.filter((entry) => payerOf(entry) === chosen.payer.id);
    const before = mine.filter((entry) => entry.createdAt < from);
    const entries = mine.filter((entry) => entry.createdAt >= from);
    const opening = before.reduce((sum, entry) => sum + entry.amount, 0);
    return { chosen, currency: all.currency, opening, entries, closing: entries.reduce((sum, entry) => sum + entry.amount, opening) };
  }

  /** Whose each entry is, by the rules above: looked up in one query per kind of reference. */
  private async attribute(accountId: string, entries: Entry[], defaultId: string): Promise<(entry: Entry) => string> {
    const ids = (type: string) => entries.filter((e) => e.reference?.type === type).map((e) => e.reference!.id);
    const payments = await this.paymentInvoices.execute(accountId, ids("payment"));
    const invoiceIds = [...ids("invoice"), ...[...payments.values()].flat()];
    const [invoices, services] = await Promise.all([this.invoicePayers.execute(accountId, invoiceIds), this.servicePayers.execute(accountId, ids("service"))]);
    // A deleted payer's movements fall to the default, as its renewals do.
    const live = await this.livePayers.execute(accountId);
    const or = (payerId: string | null | undefined) => (payerId && live.has(payerId) ? payerId : defaultId);
    return (entry) => {
      const ref = entry.reference;
      if (ref?.type === "invoice") return or(invoices.get(ref.id));
      if (ref?.type === "service") return or(services.get(ref.id));
      if (ref?.type === "payment") return or(invoices.get(payments.get(ref.id)?.[0] ?? ""));
      return defaultId;
    };
  }
}
