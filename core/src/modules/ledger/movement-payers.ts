import type { Database } from "../../db/create-database.js";
import type { LedgerPosting } from "./post-ledger-entry.js";

/**
 * Which payer what a movement is for names — an invoice its payer, a service the payer it was
 * ordered for, a payment the payer of the first invoice it paid — by `type:id` of the reference;
 * absent or null: none (the account's default payer's). Registered under
 * `TOKENS.MovementPayers` by the module that knows them all (documents), so the ledger depends
 * on none of them. Reads inside the posting's transaction.
 */
export interface MovementPayers {
  execute(trx: Database, accountId: string, references: { type: string; id: string }[]): Promise<Map<string, string | null>>;
}

/**
 * The payer each posting names, in order: its own `payerId` when the poster says (an order's
 * charge is posted before its service is written), else what its reference names — asked once
 * per account of the batch.
 */
export async function namedPayers(trx: Database, payers: MovementPayers, postings: LedgerPosting[]): Promise<(string | null)[]> {
  const asked = new Map<string, { type: string; id: string }[]>();
  for (const p of postings) {
    if (p.payerId === undefined && p.reference) asked.set(p.accountId, [...(asked.get(p.accountId) ?? []), p.reference]);
  }
  const answers = new Map<string, Map<string, string | null>>();
  for (const [accountId, references] of asked) answers.set(accountId, await payers.execute(trx, accountId, references));
  return postings.map((p) => {
    if (p.payerId !== undefined) return p.payerId;
    if (!p.reference) return null;
    return answers.get(p.accountId)?.get(`${p.reference.type}:${p.reference.id}`) ?? null;
  });
}
