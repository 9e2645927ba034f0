import type { Database } from "./create-database.js";
import { isUniqueViolation } from "./errors.js";

/** Deadlocks and lock-wait time-outs: MySQL rolled the transaction back; running it again is safe. */
export function isRetryableLockError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === "ER_LOCK_DEADLOCK" || code === "ER_LOCK_WAIT_TIMEOUT" || code === "SQLITE_BUSY";
}

/**
 * Runs `work` in a transaction, and runs it again (up to `attempts` times) when it lost a race
 * the database settled for us: a deadlock, or a UNIQUE idempotency key that a concurrent
 * transaction committed first. `work` must re-read what it depends on, so the second run sees
 * the winner's row and answers "already done" instead of doing it twice.
 */
export async function inTransaction<T>(db: Database, work: (trx: Database) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((trx) => work(trx));
    } catch (error) {
      if (attempt >= attempts || !(isRetryableLockError(error) || isUniqueViolation(error))) throw error;
    }
  }
}

/**
 * Runs `work` once the outermost transaction of `trx` commits (at once outside a transaction);
 * a rollback skips it. knex settles a transaction's `executionPromise` on commit or rollback.
 */
export function afterCommit(trx: Database, work: () => Promise<void>): void {
  if (!trx.isTransaction) {
    void work();
    return;
  }
  let outer = trx as Database & { parentTransaction?: Database };
  while (outer.parentTransaction) outer = outer.parentTransaction as typeof outer;
  (outer as unknown as { executionPromise: Promise<unknown> }).executionPromise.then(
    () => work(),
    () => undefined,
  );
}
