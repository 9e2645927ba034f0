import type { Database } from "../../db/create-database.js";

/**
 * Which services an account owns, to check the ids a per-service scope names. The services
 * module answers it under `TOKENS.OwnedServices`, so accounts does not depend on services
 * (services depends on accounts for the caller's rights).
 */
export interface OwnedServices {
  /** The ids among `ids` that are services of the account (deleted ones included). */
  ownedBy(accountId: string, ids: string[], trx?: Database): Promise<string[]>;
  /** What the client calls each of these services of the account: its label, else its product's name (for notification texts). */
  names(accountId: string, ids: string[], trx?: Database): Promise<Map<string, string>>;
}
