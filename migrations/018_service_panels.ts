import type { Knex } from "knex";

// Service pages that provisioners enrich (issue 13): the one-time "log in to the control panel"
// links (service-panels module), and each brand's limit on a reconciliation statement's length
// (brands module; before this it was fixed at three years, which stays the default).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("service_panel_links", (t) => {
    t.string("id", 40).primary(); // spl_…
    // Only the SHA-256 of the link's secret is kept: the table alone opens no panel.
    t.string("token_hash", 64).notNullable().unique();
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("service_id", 40).notNullable();
    t.string("user_id", 40).notNullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("expires_at").notNullable();
    // Set by the one request that opens it: a second one finds it used.
    t.bigInteger("used_at").nullable();
    t.index(["expires_at"]);
  });
  await knex.schema.alterTable("brands", (t) => {
    t.integer("statement_max_days").notNullable().defaultTo(1098);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("brands", (t) => t.dropColumn("statement_max_days"));
  await knex.schema.dropTableIfExists("service_panel_links");
}
