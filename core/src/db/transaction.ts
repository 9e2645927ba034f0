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
    track(work());
    return;
  }
  let outer = trx as Database & { parentTransaction?: Database };
  while (outer.parentTransaction) outer = outer.parentTransaction as typeof outer;
  track(
    (outer as unknown as { executionPromise: Promise<unknown> }).executionPromise.then(
      () => work(),
      () => undefined,
    ),
  );
}

/** After-commit work still running: a stopping core waits for it before closing the database. */
const pending = new Set<Promise<unknown>>();

function track(work: Promise<unknown>): void {
  const settled: Promise<unknown> = work.then(
    (): unknown => pending.delete(settled),
    (error: unknown) => {
      pending.delete(settled);
      throw error; // as unhandled as it was before it was tracked
    },
  );
  pending.add(settled);
}

/**
 * Resolves once the after-commit work already under way has ended — not what starts meanwhile,
 * so steady traffic cannot keep the caller waiting: a batch job's back-pressure.
 */
export async function afterCommitCaughtUp(): Promise<void> {
  await Promise.allSettled([...pending]);
}

/**
 * Resolves once every after-commit work of this process has ended (and whatever that work
 * scheduled after its own commits). The billing run's last batch, say, leaves its invoices'
 * documents being written when it returns; `cabinet billing-run` then stops the core — which
 * waits here, so those documents are written rather than cut off by the closing pool.
 */
export async function afterCommitSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
