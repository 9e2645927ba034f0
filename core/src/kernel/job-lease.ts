import { randomBytes } from "node:crypto";
import { inject, injectable } from "tsyringe";
import { TOKENS } from "./tokens.js";
import type { Database } from "../db/create-database.js";

/**
 * A named lease in `job_leases`: at most one holder at a time, until it releases it or stops
 * renewing it (a killed process) and it expires. The billing run takes one on SQLite, where
 * rows cannot be claimed with `SKIP LOCKED`. Leases run on the wall clock, not the core's
 * clock: they measure whether a process is alive, not billing time.
 */
@injectable()
export class JobLease {
  constructor(@inject(TOKENS.Database) private readonly db: Database) {}

  /** The holder id when the lease was free (or expired) and is now ours; null when another holds it. */
  async acquire(name: string, ttlMs: number): Promise<string | null> {
    const holder = randomBytes(12).toString("hex");
    const now = Date.now();
    return this.db.transaction(async (trx) => {
      await trx("job_leases").where({ name }).where("expires_at", "<", now).delete();
      await trx("job_leases")
        .insert({ name, holder, expires_at: now + ttlMs })
        .onConflict("name")
        .ignore();
      const row = await trx("job_leases").where({ name }).first("holder");
      return row?.holder === holder ? holder : null;
    });
  }

  /** Extends a lease still held; false when it expired and another process took it. */
  async renew(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return (
      (await this.db("job_leases")
        .where({ name, holder })
        .update({ expires_at: Date.now() + ttlMs })) === 1
    );
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db("job_leases").where({ name, holder }).delete();
  }
}
