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
  description: string;
  idempotencyKey: string;
  balanceAfter: number;
  createdAt: number;
}

export interface Balance {
  accountId: string;
  currency: string;
  balance: number;
  creditLimit: number;
}

/** The largest amount one entry may move: far above any real payment, far below 2^53. */
export const MAX_ENTRY_AMOUNT = 1_000_000_000_00;
