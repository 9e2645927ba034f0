import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { entryDescription } from "../ledger/index.js";
import { PayerLedger } from "./payer-ledger.js";
import { IssueDocument } from "./issue-document.js";
import type { StoredDocument } from "./document.js";
import { DAY_MS } from "../../kernel/time.js";

const DAY = DAY_MS;

/**
 * A reconciliation statement for the days `from`–`to` (UTC, inclusive): the opening balance
 * (every entry before `from`), each movement with the balance after it, and the closing
 * balance. The last day may be today: the statement then runs up to now and says so ("as of");
 * a later day is refused, as is a period longer than the brand's `statementMaxDays`.
 * It is a payer's (`payerId`, else the account's default payer): the movements of the account's
 * balance that are that payer's (PayerLedger says whose each is), so a payer's statement covers
 * its invoices, its services' charges and its payments.
 * Once per payer and period — for a period that runs to today, once per state of the
 * ledger: asking again before anything moved answers the same document, after a movement a
 * new one (a stored document never changes).
 */
@injectable()
export class IssueReconciliationStatement {
  constructor(
    @inject(PayerLedger) private readonly ledger: PayerLedger,
    @inject(IssueDocument) private readonly issue: IssueDocument,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(brand: Brand, accountId: string, period: { from: string; to: string }, locale?: string, payerId?: string): Promise<StoredDocument> {
    const start = Date.parse(`${period.from}T00:00:00Z`);
    const end = Date.parse(`${period.to}T00:00:00Z`) + DAY;
    const refuse = (reason: string, message: string) => new CabinetError("CAB_ERR_UNPROCESSABLE", { reason, from: period.from, to: period.to }, message);
    if (!(end > start)) throw refuse("the period ends before it starts", "The period must end on or after its first day.");
    const now = this.clock.now();
    const today = Math.floor(now / DAY) * DAY;
    if (end - DAY > today) throw refuse("the period is in the future", "A statement can cover days up to today; choose today or earlier as the last day.");
    const maxDays = brand.statementMaxDays;
    if (end - start > maxDays * DAY) {
      throw new CabinetError(
        "CAB_ERR_UNPROCESSABLE",
        { reason: "the period is too long", from: period.from, to: period.to, maxDays },
        `A statement covers at most ${maxDays} days.`,
      );
    }
    // A period that runs to today stops at this instant: what has happened so far.
    const asOf = end > now ? now : null;

    const statement = await this.ledger.execute(brand, accountId, start, asOf === null ? end : now + 1, payerId);
    const { payer } = statement.chosen;
    let balance = statement.opening;
    let totalCharged = 0;
    let totalPaid = 0;
    const movements = statement.entries.map((e) => {
      balance += e.amount;
      if (e.amount < 0) totalCharged -= e.amount;
      else totalPaid += e.amount;
      return { date: e.createdAt, entry: e, kind: e.kind, charged: e.amount < 0 ? -e.amount : null, paid: e.amount > 0 ? e.amount : null, balance };
    });

    return this.issue.execute({
      brand,
      accountId,
      kind: "reconciliation",
      dedupeKey: `reconciliation:${accountId}:${period.from}:${period.to}:${payer.id}${asOf === null ? "" : `:${statement.entries.at(-1)?.id ?? "none"}`}`,
      number: null,
      reference: null,
      period: { start, end },
      locale,
      payer,
      currency: statement.currency,
      data: (language) => ({
        statement: {
          opening: statement.opening,
          closing: statement.closing,
          movements: movements.map(({ entry, ...m }) => ({ ...m, description: entryDescription(entry, language) })),
          totalCharged,
          totalPaid,
          asOf,
        },
      }),
    });
  }
}
