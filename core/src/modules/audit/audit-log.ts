import { inject, injectable } from "tsyringe";
import { TOKENS } from "../../kernel/tokens.js";
import type { Clock } from "../../kernel/clock.js";
import type { Database } from "../../db/create-database.js";
import type { ActorContext } from "../../kernel/actor-context.js";
import { newId } from "../../kernel/ids.js";
import { AuditRepository } from "./audit.repository.js";
import type { AuditEntry, NewAuditEntry } from "./audit-entry.js";

/**
 * Writes the audit log. Call `record` with the transaction of the change it describes, so the
 * entry commits with the change or not at all; the actor (who, from which IP and browser) is
 * the current request's unless the entry names one.
 *
 * @example
 * await inTransaction(db, async (trx) => {
 *   await roles.update(trx, role);
 *   await audit.record(trx, { accountId, action: "role.changed", target: { type: "role", id: role.id }, details: { rights } });
 * });
 */
@injectable()
export class AuditLog {
  constructor(
    @inject(AuditRepository) private readonly entries: AuditRepository,
    @inject(TOKENS.Actors) private readonly actors: ActorContext,
    @inject(TOKENS.Clock) private readonly clock: Clock,
  ) {}

  async record(trx: Database | undefined, entry: NewAuditEntry): Promise<AuditEntry> {
    const [written] = await this.recordMany(trx, [entry]);
    return written;
  }

  /** Several entries in one insert (the billing run records a batch of renewals at once). */
  async recordMany(trx: Database | undefined, entries: NewAuditEntry[]): Promise<AuditEntry[]> {
    const written = entries.map((entry) => this.build(entry));
    if (written.length > 0) await this.entries.insertMany(written, trx);
    return written;
  }

  private build(entry: NewAuditEntry): AuditEntry {
    const now = this.clock.now();
    const current = this.actors.current();
    const actor = entry.actor
      ? { staffId: null, ip: current.ip, userAgent: current.userAgent, ...entry.actor }
      : { kind: current.kind, id: current.id, name: current.name, staffId: current.staffId, ip: current.ip, userAgent: current.userAgent };
    const details = { ...entry.details };
    // A staff member inside the client's area: whatever they do is marked, money above all.
    if (actor.staffId) details.staffAction = true;
    return { id: newId("aud", now), accountId: entry.accountId, at: now, actor, action: entry.action, target: entry.target ?? null, details };
  }
}
