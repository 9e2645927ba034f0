import type { Knex } from "knex";

// Issue 8 item 10: what the server writes for a client is stored as a message key with its
// parameters (JSON of a LocalText, core/src/i18n) and rendered when read, in the account's
// language. `description` keeps the English sentence: what rows from before this migration
// show, and what a reader with no catalogue falls back to.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("ledger_entries", (t) => {
    t.text("description_text").nullable();
  });
  await knex.schema.alterTable("invoice_lines", (t) => {
    t.text("description_text").nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("invoice_lines", (t) => {
    t.dropColumn("description_text");
  });
  await knex.schema.alterTable("ledger_entries", (t) => {
    t.dropColumn("description_text");
  });
}
