import type { LocalText } from "../../i18n/index.js";

/** Why money moved. Payments and credits add to the balance; charges take from it; refunds give money back out. */
export const entryKinds = ["payment", "charge", "refund", "adjustment", "credit"] as const;
export type EntryKind = (typeof entryKinds)[number];

export interface LedgerEntry {
  id: string;
  accountId: string;
  amount: number; // signed minor units
  currency: string;
  kind: EntryKind;
  reference: { type: string; id: string } | null;
  /** The English sentence: what a row from before keyed texts shows. */
  description: string;
  /** The same text as a message key: rendered in the reader's language (see core/src/i18n). */
  text: LocalText | null;
  idempotencyKey: string;
  balanceAfter: number;
  createdAt: number;
  /**
   * The payer the movement names — its invoice's, its service's, the invoice a payment paid —
   * or null (none: the account's default payer's). Whose statement it is on (see PayerLedger).
   * Always read from the table; absent on an entry made outside a posting (seeded in bulk): none.
   */
  payerId?: string | null;
}

export interface Balance {
  accountId: string;
  currency: string;
  balance: number;
  creditLimit: number;
}

/** The largest amount one entry may move: far above any real payment, far below 2^53. */
export const MAX_ENTRY_AMOUNT = 1_000_000_000_00;

/**
 * The sign each kind must have: a charge only takes money, a payment or a credit only adds it.
 * (A refund goes either way — back out to the card, or back onto the balance when a service
 * could not be set up — and so does a staff adjustment.) A "charge" that adds to the balance is
 * how a negative price would turn into free money: the ledger refuses it whatever priced it.
 */
const entrySign: Record<EntryKind, 1 | -1 | 0> = { charge: -1, payment: 1, credit: 1, refund: 0, adjustment: 0 };

/** Callers validate amounts at the edge; an amount that reaches the ledger malformed is a bug, not a client's mistake. */
export function assertEntryAmount(amount: number, kind?: EntryKind): void {
  if (!Number.isSafeInteger(amount) || amount === 0 || Math.abs(amount) > MAX_ENTRY_AMOUNT) {
    throw new Error(`Ledger amount must be a non-zero integer of minor units within ±${MAX_ENTRY_AMOUNT}, got ${amount}`);
  }
  const sign = kind === undefined ? 0 : entrySign[kind];
  if (sign !== 0 && Math.sign(amount) !== sign) throw new Error(`A ledger ${kind} must be ${sign < 0 ? "negative" : "positive"}, got ${amount}`);
}
