import type { Knex } from "knex";

// Issue 8 item 10: a product's name and description, and a support department's name, in the
// brand's other locales, set by the provider. JSON maps by locale (`{"ru": "…"}`); the plain
// columns keep the name in the brand's default locale, which a locale without its own falls
// back to. A parameter's and an option's labels live in the product's `parameters` JSON already.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("products", (t) => {
    t.text("names"); // JSON: locale → name; null: none
    t.text("descriptions"); // JSON: locale → description
  });
  await knex.schema.alterTable("support_departments", (t) => {
    t.text("names"); // JSON: locale → name
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("support_departments", (t) => {
    t.dropColumn("names");
  });
  await knex.schema.alterTable("products", (t) => {
    t.dropColumn("descriptions");
    t.dropColumn("names");
  });
}
