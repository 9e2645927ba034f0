import type { Knex } from "knex";

// The answers of money endpoints under their Idempotency-Key (core/src/http/idempotency.ts):
// written in the same transaction as the work, so a key either has its outcome stored with
// the work done, or neither. The primary key (principal, key) lets one of two racing twins win.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("idempotent_requests", (t) => {
    t.string("principal", 64).notNullable(); // the account (acc_…) or the staff member (stf_…) that sent the key
    t.string("idempotency_key", 100).notNullable();
    t.string("operation", 64).notNullable(); // renewService, changeService, … (for a person reading the table)
    t.string("request_hash", 64).notNullable(); // sha256 of the operation, its target and its body
    t.text("outcome", "mediumtext").nullable(); // JSON; null only inside the transaction that claims the key
    t.bigInteger("created_at").notNullable();
    t.primary(["principal", "idempotency_key"]);
    t.index(["created_at"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("idempotent_requests");
}
