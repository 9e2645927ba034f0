import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import { CabinetError } from "../../errors/cabinet-error.js";
import type { Brand } from "../brands/index.js";
import { GetLedgerStatement } from "../ledger/index.js";
import { IssueDocument } from "./issue-document.js";
import type { StoredDocument } from "./document.js";
import { DAY_MS } from "../../kernel/time.js";

const DAY = DAY_MS;
const MAX_DAYS = 3 * 366;

/**
 * A reconciliation statement for the days `from`–`to` (UTC, inclusive): the opening balance
 * (every entry before `from`), each movement with the balance after it, and the closing
 * balance. Only for days that have ended, so the statement can never change; once per account
 * and period.
 */
@injectable()
export class IssueReconciliationStatement {
  constructor(
    @inject(GetLedgerStatement) private readonly ledger: GetLedgerStatement,
    @inject(IssueDocument) private readonly issue: IssueDocument,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async execute(brand: Brand, accountId: string, period: { from: string; to: string }, locale?: string, payerId?: string): Promise<StoredDocument> {
    const start = Date.parse(`${period.from}T00:00:00Z`);
    const end = Date.parse(`${period.to}T00:00:00Z`) + DAY;
    const refuse = (reason: string, message: string) => new CabinetError("CAB_ERR_UNPROCESSABLE", { reason, from: period.from, to: period.to }, message);
    if (!(end > start)) throw refuse("the period ends before it starts", "The period must end on or after its first day.");
    if (end - start > MAX_DAYS * DAY) throw refuse("the period is too long", `A statement covers at most ${MAX_DAYS} days.`);
    if (end > this.clock.now()) throw refuse("the period has not ended yet", "A statement can cover only days that have ended; choose yesterday or earlier as the last day.");

    const statement = await this.ledger.execute(accountId, start, end);
    let balance = statement.opening;
    let totalCharged = 0;
    let totalPaid = 0;
    const movements = statement.entries.map((e) => {
      balance += e.amount;
      if (e.amount < 0) totalCharged -= e.amount;
      else totalPaid += e.amount;
      return { date: e.createdAt, description: e.description, kind: e.kind, charged: e.amount < 0 ? -e.amount : null, paid: e.amount > 0 ? e.amount : null, balance };
    });

    return this.issue.execute({
      brand,
      accountId,
      kind: "reconciliation",
      dedupeKey: `reconciliation:${accountId}:${period.from}:${period.to}${payerId ? `:${payerId}` : ""}`,
      number: null,
      reference: null,
      period: { start, end },
      locale,
      payerId,
      currency: statement.currency,
      data: { statement: { opening: statement.opening, closing: statement.closing, movements, totalCharged, totalPaid } },
    });
  }
}
