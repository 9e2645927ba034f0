import type { Knex } from "knex";

// Payers (issue 13): who an account's invoices and documents are made out to. An account has
// one or more payers (a person, a company or a sole proprietor with the legal details their
// invoices need); one is its default. Existing accounts get their default payer lazily, from
// their profile, the first time one is needed (listing payers, issuing an invoice or a
// document): the same path that covers accounts created after this migration, with the brand's
// rules at hand, which a migration does not have.
//
// `default_for` holds the account id on the account's default payer and NULL elsewhere: a
// UNIQUE index on it allows one default per account on SQLite and MySQL alike (both let any
// number of NULLs through), which a partial index could not.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("payers", (t) => {
    t.string("id", 40).primary(); // pyr_…
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("kind", 20).notNullable(); // individual | company | sole_proprietor
    t.string("name", 200).notNullable();
    t.string("address", 500).notNullable();
    t.string("country", 2).nullable(); // ISO 3166-1 alpha-2; null only on a payer made from a profile that had none
    t.string("registration_number", 100).nullable();
    t.string("vat_number", 32).nullable(); // normalised: upper case, no spaces or dots
    t.string("email", 254).nullable(); // where documents go
    t.string("default_for", 40).nullable().unique();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("updated_at").notNullable();
    // Deleted payers stay (their invoices and documents still name them, and filter by them).
    t.bigInteger("deleted_at").nullable();
    t.index(["account_id", "deleted_at"]);
  });

  await knex.schema.alterTable("invoices", (t) => {
    t.string("payer_id", 40).nullable();
    // The payer's details as they were when the invoice was issued (JSON): an invoice never changes.
    t.text("payer_details").nullable();
    // Why the VAT is what it is, when it is not the brand's rate: `reverse_charge`.
    t.string("tax_note", 32).nullable();
    // How it was paid: `balance`, or the payment gateway's id (printed on the paid invoice).
    t.string("paid_method", 40).nullable();
    t.index(["account_id", "payer_id", "id"]);
  });

  await knex.schema.alterTable("invoice_lines", (t) => {
    // What a line pays for, printed under it: the months, and the service period when known (renewals).
    t.integer("period_months").nullable();
    t.bigInteger("period_start").nullable();
    t.bigInteger("period_end").nullable(); // exclusive
  });

  await knex.schema.alterTable("documents", (t) => {
    t.string("payer_id", 40).nullable();
    t.index(["account_id", "payer_id", "id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("documents", (t) => {
    t.dropIndex(["account_id", "payer_id", "id"]);
    t.dropColumn("payer_id");
  });
  await knex.schema.alterTable("invoice_lines", (t) => {
    t.dropColumn("period_months");
    t.dropColumn("period_start");
    t.dropColumn("period_end");
  });
  await knex.schema.alterTable("invoices", (t) => {
    t.dropIndex(["account_id", "payer_id", "id"]);
    t.dropColumn("payer_id");
    t.dropColumn("payer_details");
    t.dropColumn("tax_note");
    t.dropColumn("paid_method");
  });
  await knex.schema.dropTable("payers");
}
