import type { Knex } from "knex";

// The billing run walks the services due (renewal, suspension, deletion) one status at a time
// in (paid_until, id) order, resuming after the last one it took: with (status, paid_until, id)
// each batch reads only its own rows from the index. Over (status, paid_until) alone the
// databases sorted every due service again for each batch (SQLite: a temporary B-tree of the
// whole due set per batch), which made a large run quadratic.
//
// The spending chart (GET /ledger/monthly) sums an account's entries per month and kind in
// SQL; (account_id, created_at, kind, amount) lets it read the index alone.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("services", (t) => {
    t.index(["status", "paid_until", "id"], "services_billing_walk_index");
  });
  await knex.schema.alterTable("ledger_entries", (t) => {
    t.index(["account_id", "created_at", "kind", "amount"], "ledger_entries_monthly_index");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("ledger_entries", (t) => {
    t.dropIndex(["account_id", "created_at", "kind", "amount"], "ledger_entries_monthly_index");
  });
  await knex.schema.alterTable("services", (t) => {
    t.dropIndex(["status", "paid_until", "id"], "services_billing_walk_index");
  });
}
