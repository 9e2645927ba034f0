import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { invoiceTotals } from "../invoices/index.js";
import { entryDescription, type LedgerEntry } from "../ledger/index.js";
import { PayerLedger } from "./payer-ledger.js";
import { IssueDocument } from "./issue-document.js";
import type { StoredDocument } from "./document.js";

/**
 * The act of services rendered for one calendar month (UTC) of an account: the month's
 * charges from the ledger, one line per thing they paid for (an invoice, a service…), with
 * the VAT they include. It is a payer's (`payerId`, else the account's default payer) and covers
 * that payer's charges (PayerLedger says whose each is). Only for a month that has ended, so an
 * act never misses a charge; once per payer and month.
 */
@injectable()
export class IssueActDocument {
  constructor(
    @inject(PayerLedger) private readonly ledger: PayerLedger,
    @inject(IssueDocument) private readonly issue: IssueDocument,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(brand: Brand, accountId: string, month: string, locale?: string, payerId?: string): Promise<StoredDocument> {
    const [year, monthNumber] = month.split("-").map(Number);
    const start = Date.UTC(year, monthNumber - 1, 1);
    const end = Date.UTC(year, monthNumber, 1);
    if (end > this.clock.now())
      throw new CabinetError(
        "CAB_ERR_UNPROCESSABLE",
        { reason: "the month has not ended yet", month },
        "An act can be issued only for a month that has ended.",
      );

    const statement = await this.ledger.execute(brand, accountId, start, end, payerId);
    const { payer, vat } = statement.chosen;
    const groups = new Map<string, { entry: LedgerEntry; count: number; amount: number }>();
    for (const entry of statement.entries) {
      if (entry.kind !== "charge") continue;
      const key = entry.reference ? `${entry.reference.type}:${entry.reference.id}` : `text:${entry.description}`;
      const group = groups.get(key) ?? { entry, count: 0, amount: 0 };
      group.count += 1;
      group.amount -= entry.amount; // charges are negative entries; the act shows what was charged
      groups.set(key, group);
    }
    if (groups.size === 0)
      throw new CabinetError("CAB_ERR_UNPROCESSABLE", { reason: "no charges in that month", month }, "There were no charges in that month.");
    const lines = [...groups.values()];
    // The payer's VAT (the brand's rule: the reverse charge is 0 %). Charges paid invoices whose
    // totals already hold VAT: the act shows the VAT inside the total.
    const totals = invoiceTotals(
      lines.map((l) => l.amount),
      vat.taxRateBp,
      true,
    );

    return this.issue.execute({
      brand,
      accountId,
      kind: "act",
      dedupeKey: `act:${accountId}:${month}:${payer.id}`,
      number: null,
      reference: null,
      period: { start, end },
      locale,
      payer,
      currency: statement.currency,
      data: (language) => ({
        act: {
          month,
          lines: lines.map((l) => ({ description: entryDescription(l.entry, language), count: l.count, amount: l.amount })),
          subtotal: totals.subtotal,
          tax: totals.tax,
          total: totals.total,
          taxRatePercent: vat.taxRateBp / 100,
          reverseCharge: vat.note === "reverse_charge",
        },
      }),
    });
  }
}
