import type { Knex } from "knex";
import type { Database } from "../db/create-database.js";
import type { ActorContext } from "./actor-context.js";
import { CabinetError } from "../errors/cabinet-error.js";

/**
 * The refusal of something that covers the whole account (its balance, its acts and
 * statements) to a user limited to some services: 403 with `details.reason` `service_scope`,
 * so a widget can say why.
 */
export function outsideServiceScope(action: string): CabinetError {
  return new CabinetError("CAB_ERR_FORBIDDEN", { reason: "service_scope", action }, `Your access is limited to some services: you may not ${action}.`);
}

/**
 * A kind of record another module's rows point at (`reference_type` / `reference_id`: a ledger
 * entry's invoice, a document's invoice) and which of them a user limited to some services may
 * see. The module that owns that kind answers, with a subquery of its own tables, so the
 * pointing module filters in its SQL without reading those tables itself. Any number are
 * registered under `TOKENS.ReferencesInScope` (invoices, payments).
 */
export interface ReferencesInScope {
  /** The `reference_type` it answers for: `invoice`, `payment`. */
  readonly type: string;
  /** `SELECT id …` of the records of that type in the account that `serviceScope` covers. */
  ids(db: Database, accountId: string, serviceScope: string[]): Knex.QueryBuilder;
}

/**
 * Keeps the rows (of `table`, with `reference_type` / `reference_id` columns) that point at a
 * service of the scope or at a record of another kind the scope covers: a row that points at
 * nothing, or at something else, is outside every scope.
 */
export function referenceWithinScope(db: Database, table: string, accountId: string, serviceScope: string[], kinds: ReferencesInScope[]) {
  return (query: Knex.QueryBuilder) => {
    query.where((w) => {
      w.where((s) => s.where(`${table}.reference_type`, "service").whereIn(`${table}.reference_id`, serviceScope));
      for (const kind of kinds)
        w.orWhere((k) => k.where(`${table}.reference_type`, kind.type).whereIn(`${table}.reference_id`, kind.ids(db, accountId, serviceScope)));
    });
  };
}

/**
 * {@link referenceWithinScope} for the current actor (kernel/actor-context.ts), as a repository's
 * client reads apply it: nothing for an actor with every service.
 */
export function actorReferenceScope(actors: ActorContext, db: Database, table: string, kinds: ReferencesInScope[]) {
  return (accountId: string) => (query: Knex.QueryBuilder) => {
    const scope = actors.current().serviceScope;
    if (scope) query.modify(referenceWithinScope(db, table, accountId, scope, kinds));
  };
}
