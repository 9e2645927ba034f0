import { inject, injectable } from "tsyringe";
import type { Brand } from "../brands/index.js";
import { GetLedgerStatement, type LedgerStatement } from "../ledger/index.js";
import { ChoosePayer, LivePayers, type ChosenPayer } from "../payers/index.js";

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
    @inject(LivePayers) private readonly livePayers: LivePayers,
  ) {}

  async execute(brand: Brand, accountId: string, from: number, to: number, payerId?: string): Promise<PayerLedgerStatement> {
    const chosen = await this.choosePayer.execute(undefined, brand, accountId, payerId);
    // With one payer (most accounts) every movement is its own: the account's statement, read
    // over the monthly rollup like any other (O(period), whatever the history before it).
    const live = await this.livePayers.execute(accountId);
    if (live.size <= 1) return { chosen, ...(await this.ledger.execute(accountId, from, to)) };
    // With several: each entry keeps the payer it names from when it was posted (NamedPayers),
    // and the payer rollup sums them per month, so the period's entries and an opening figure
    // per named payer are all it takes — as bounded by the period as the one-payer statement.
    // Today's payers decide whose a named payer's movements are: a deleted one's fall to the
    // default, as its renewals do; none named, the default's.
    const defaultId = payerId ? (await this.choosePayer.execute(undefined, brand, accountId)).payer.id : chosen.payer.id;
    const payerOf = (named: string | null | undefined) => (named && live.has(named) ? named : defaultId);
    const statement = await this.ledger.byPayer(accountId, from, to);
    let opening = 0;
    for (const [named, total] of statement.openingByPayer) if (payerOf(named || null) === chosen.payer.id) opening += total;
    const entries = statement.entries.filter((entry) => payerOf(entry.payerId) === chosen.payer.id);
    return { chosen, currency: statement.currency, opening, entries, closing: entries.reduce((sum, entry) => sum + entry.amount, opening) };
  }
}
