import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import { DEFAULT_LANGUAGE, renderText, type LocalText } from "../../i18n/index.js";
import { newId } from "../../kernel/ids.js";
import { AccountDirectory } from "../accounts/index.js";
import { LedgerRepository } from "./ledger.repository.js";
import { assertEntryAmount, type EntryKind, type LedgerEntry } from "./ledger-entry.js";
import { findOrFail } from "../../kernel/find-or-fail.js";
import { namedPayers, type MovementPayers } from "./movement-payers.js";

export interface LedgerPosting {
  accountId: string;
  /** Signed minor units: positive adds to the balance, negative takes from it. */
  amount: number;
  currency: string;
  kind: EntryKind;
  reference?: { type: string; id: string };
  /** A message key and its parameters (rendered in the reader's language); a plain string is printed as is. */
  description: LocalText | string;
  /** Unique for what this entry pays for: the same key never posts twice. */
  idempotencyKey: string;
  /** A correction by staff may take the balance below the credit limit; a charge may not. */
  allowOverdraft?: boolean;
  /**
   * The payer the movement is for (null: none, the default payer's); absent: the one its
   * reference names (MovementPayers). Given by a poster whose reference is not written yet.
   */
  payerId?: string | null;
}

export type PostingResult =
  | { status: "posted"; entry: LedgerEntry }
  | { status: "duplicate"; entry: LedgerEntry }
  | { status: "insufficient_funds"; balance: number; available: number }
  | { status: "currency_mismatch"; accountCurrency: string };

/** The entry a posting makes, once the balance it leaves is known. */
export function entryOf(posting: LedgerPosting, balanceAfter: number, now: number, payerId: string | null): LedgerEntry {
  return {
    id: newId("led", now),
    accountId: posting.accountId,
    amount: posting.amount,
    currency: posting.currency,
    kind: posting.kind,
    reference: posting.reference ?? null,
    description: (typeof posting.description === "string" ? posting.description : renderText(posting.description, DEFAULT_LANGUAGE)).slice(0, 255),
    text: typeof posting.description === "string" ? null : posting.description,
    idempotencyKey: posting.idempotencyKey,
    balanceAfter,
    createdAt: now,
    payerId,
  };
}

/**
 * Posts one entry and moves the balance with it, inside the caller's transaction, so the entry
 * is committed together with the change it pays for, or not at all. Entries are append-only:
 * a correction is a new entry.
 *
 * @example
 * await inTransaction(db, async (trx) => {
 *   const result = await postEntry.execute(trx, { accountId, amount: -1800, currency: "USD", kind: "charge",
 *     reference: { type: "invoice", id: invoiceId }, description: "Invoice NW-2026-000042", idempotencyKey: `invoice:${invoiceId}:charge` });
 *   if (result.status === "insufficient_funds") …
 * });
 */
@injectable()
export class PostLedgerEntry {
  constructor(
    @inject(LedgerRepository) private readonly ledger: LedgerRepository,
    @inject(AccountDirectory) private readonly accounts: AccountDirectory,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.MovementPayers) private readonly payers: MovementPayers,
  ) {}

  async execute(trx: Database, posting: LedgerPosting): Promise<PostingResult> {
    assertEntryAmount(posting.amount, posting.kind);
    const existing = await this.ledger.findByIdempotencyKey(posting.idempotencyKey, trx);
    if (existing) {
      if (existing.accountId !== posting.accountId || existing.amount !== posting.amount) {
        throw new Error(`Idempotency key ${posting.idempotencyKey} was used for a different entry`);
      }
      return { status: "duplicate", entry: existing };
    }
    const now = this.clock.now();
    let balance = await this.ledger.findBalance(posting.accountId, trx);
    if (!balance) {
      const account = await this.accounts.find(posting.accountId, trx);
      if (!account) throw new Error(`No account ${posting.accountId}`);
      await this.ledger.openBalance(posting.accountId, account.currency, now, trx);
      balance = findOrFail(await this.ledger.findBalance(posting.accountId, trx, true), "balance of account", posting.accountId);
    }
    if (balance.currency !== posting.currency) return { status: "currency_mismatch", accountCurrency: balance.currency };

    const applied = await this.ledger.applyToBalance(posting.accountId, posting.amount, now, trx, posting.allowOverdraft);
    const after = findOrFail(await this.ledger.findBalance(posting.accountId, trx, true), "balance of account", posting.accountId);
    if (!applied) return { status: "insufficient_funds", balance: after.balance, available: after.balance + after.creditLimit };

    const [payerId] = await namedPayers(trx, this.payers, [posting]);
    const entry = entryOf(posting, after.balance, now, payerId);
    // A concurrent transaction that posted the same key first makes this insert fail on the
    // UNIQUE index; the whole transaction then rolls back, the balance update with it.
    await this.ledger.insertEntry(entry, trx);
    return { status: "posted", entry };
  }
}
