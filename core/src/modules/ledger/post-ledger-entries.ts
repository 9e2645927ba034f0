import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { AccountDirectory } from "../accounts/index.js";
import { LedgerRepository } from "./ledger.repository.js";
import { assertEntryAmount, type LedgerEntry } from "./ledger-entry.js";
import { namedPayers, type MovementPayers } from "./movement-payers.js";
import { entryOf, type LedgerPosting, type PostingResult } from "./post-ledger-entry.js";

/**
 * Posts many entries at once inside the caller's transaction, with the rules of
 * `PostLedgerEntry` (the balance is the sum of the entries, a charge never takes it below minus
 * the credit limit, an idempotency key posts once) in a few statements whatever the count: the
 * balances are locked and read together, the entries inserted in one INSERT, the balances moved
 * in one guarded UPDATE. Postings of one account are applied in the order given, so which of
 * them a short balance refuses is decided the same way every time. For bulk work such as the
 * billing run; a single payment or charge uses `PostLedgerEntry`.
 *
 * @example
 * const results = await postEntries.execute(trx, dueServices.map((s) => ({ accountId: s.accountId, amount: -s.price,
 *   currency: s.currency, kind: "charge", description: "Renewal", idempotencyKey: `renewal:${s.id}:${s.paidUntil}` })));
 */
@injectable()
export class PostLedgerEntries {
  constructor(
    @inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.MovementPayers) private readonly payers: MovementPayers,
  ) {}

  /** One result per posting, in the same order. */
  async execute(trx: Database, postings: LedgerPosting[]): Promise<PostingResult[]> {
    for (const posting of postings) assertEntryAmount(posting.amount, posting.kind);
    if (new Set(postings.map((p) => p.idempotencyKey)).size !== postings.length) throw new Error("Two postings of one batch share an idempotency key");
    // The one guarded UPDATE cannot let some rows overdraw and not others: staff corrections go one by one.
    if (postings.some((p) => p.allowOverdraft)) throw new Error("PostLedgerEntries takes no overdraft postings; use PostLedgerEntry");
    const now = this.clock.now();
    const existing = await this.ledger.findByIdempotencyKeys(
      postings.map((p) => p.idempotencyKey),
      trx,
    );
    const accountIds = [...new Set(postings.map((p) => p.accountId))];
    let balances = await this.ledger.lockBalances(accountIds, trx);
    const unopened = accountIds.filter((id) => !balances.has(id));
    if (unopened.length > 0) {
      for (const accountId of unopened) {
        const account = await this.accounts.find(accountId, trx);
        if (!account) throw new Error(`No account ${accountId}`);
        await this.ledger.openBalance(accountId, account.currency, now, trx);
      }
      balances = await this.ledger.lockBalances(accountIds, trx);
    }

    const payerIds = await namedPayers(trx, this.payers, postings);
    const running = new Map([...balances].map(([id, b]) => [id, b.balance]));
    const deltas = new Map<string, number>();
    const entries: LedgerEntry[] = [];
    const results = postings.map((posting, index): PostingResult => {
      const duplicate = existing.get(posting.idempotencyKey);
      if (duplicate) {
        if (duplicate.accountId !== posting.accountId || duplicate.amount !== posting.amount) {
          throw new Error(`Idempotency key ${posting.idempotencyKey} was used for a different entry`);
        }
        return { status: "duplicate", entry: duplicate };
      }
      const balance = balances.get(posting.accountId)!;
      if (balance.currency !== posting.currency) return { status: "currency_mismatch", accountCurrency: balance.currency };
      const before = running.get(posting.accountId)!;
      const after = before + posting.amount;
      if (posting.amount < 0 && after < -balance.creditLimit) {
        return { status: "insufficient_funds", balance: before, available: before + balance.creditLimit };
      }
      running.set(posting.accountId, after);
      deltas.set(posting.accountId, (deltas.get(posting.accountId) ?? 0) + posting.amount);
      const entry = entryOf(posting, after, now, payerIds[index]);
      entries.push(entry);
      return { status: "posted", entry };
    });

    // The rows are locked, so the guarded UPDATE changes every one of them; if it does not, the
    // balances moved under us (a bug, or a database without row locks) and nothing may be kept.
    const changed = await this.ledger.applyToBalances(deltas, now, trx);
    if (changed !== deltas.size) throw new Error(`Balances moved while a batch of entries was posted (${changed} of ${deltas.size} updated)`);
    // A UNIQUE idempotency key committed by a concurrent transaction fails this INSERT, and the
    // caller's transaction rolls back with the balances.
    await this.ledger.insertEntries(entries, trx);
    return results;
  }
}
