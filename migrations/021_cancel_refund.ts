import type { Knex } from "knex";

// Issue 13: what cancelling a service now gives back is the product's rule — nothing (`none`,
// as before) or the days left of the paid period, prorated, credited to the balance.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("products", (t) => {
    t.string("cancel_refund", 16).notNullable().defaultTo("none"); // none | prorated
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("products", (t) => {
    t.dropColumn("cancel_refund");
  });
}
