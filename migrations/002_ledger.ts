import type { Knex } from "knex";

// The ledger module's tables. Every balance change is an entry; the balance row is a
// materialized sum kept in the same transaction, so reading a balance is one row and
// concurrent charges serialize on that row.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("account_balances", (t) => {
    t.string("account_id", 40).primary().references("id").inTable("accounts");
    t.string("currency", 3).notNullable();
    t.bigInteger("balance").notNullable().defaultTo(0); // minor units; sum of the account's entries
    t.bigInteger("credit_limit").notNullable().defaultTo(0); // how far below zero charges may go
    t.bigInteger("updated_at").notNullable();
  });

  await knex.schema.createTable("ledger_entries", (t) => {
    t.string("id", 40).primary();
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("currency", 3).notNullable();
    t.bigInteger("amount").notNullable(); // signed minor units: + adds to the balance, − takes from it
    t.string("kind", 16).notNullable(); // payment | charge | refund | adjustment | credit
    t.string("reference_type", 24).nullable(); // payment | invoice | service | refund …
    t.string("reference_id", 40).nullable();
    t.string("description", 255).notNullable();
    t.string("idempotency_key", 160).notNullable().unique(); // a retried request or replayed webhook posts nothing new
    t.bigInteger("balance_after").notNullable();
    t.bigInteger("created_at").notNullable();
    t.index(["account_id", "id"]);
    t.index(["account_id", "created_at"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("ledger_entries");
  await knex.schema.dropTableIfExists("account_balances");
}
