import type { Knex } from "knex";

// Issue 13: what cancelling a service now gives back is the product's rule — nothing (`none`,
// as before) or the days left of the paid period, prorated, credited to the balance. And an
// upgrade the balance does not cover waits for an invoice, as a renewal does: the change it
// pays for is kept in `service_changes` (services module) until the invoice is paid or voided.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("products", (t) => {
    t.string("cancel_refund", 16).notNullable().defaultTo("none"); // none | prorated
  });
  await knex.schema.createTable("service_changes", (t) => {
    t.string("id", 40).primary(); // chg_…
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("service_id", 40).notNullable().references("id").inTable("services");
    t.string("invoice_id", 40).notNullable();
    t.text("parameters").notNullable(); // JSON: every parameter after the change
    t.bigInteger("new_price").notNullable(); // minor units per period
    t.bigInteger("amount").notNullable(); // the invoice's total: what a change that cannot apply gives back
    t.string("currency", 3).notNullable();
    t.integer("provision_seq").notNullable(); // the service's state it was priced for
    t.string("status", 16).notNullable(); // waiting | applied | refunded | void
    t.bigInteger("created_at").notNullable();
    t.index(["account_id", "invoice_id"]);
    t.index(["service_id", "status"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("service_changes");
  await knex.schema.alterTable("products", (t) => {
    t.dropColumn("cancel_refund");
  });
}
