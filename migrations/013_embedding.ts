import type { Knex } from "knex";

// Embedding (brands and accounts modules): the rest of a brand's profile, set by the provider
// through the CLI or the staff API; a version that every write bumps, so each core process can
// tell cheaply that its cached brands are stale; the provider backend's API keys (stored
// hashed) and the one-time sign-in hand-off codes they mint.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("brands", (t) => {
    t.text("locales").nullable(); // JSON array of offered locales; null: the default locale only
    t.text("currencies").nullable(); // JSON array of offered currencies; null: the default currency only
    t.text("support_contacts").nullable(); // JSON: e-mail, phone, url
    t.text("theme").nullable(); // JSON: --cab-* tokens and a logo URL
    t.text("email_sender").nullable(); // JSON: name and address notifications are sent from
    t.string("template_set", 64).nullable(); // documents' template set; null: the shipped one
    t.text("gateways").nullable(); // JSON array of payment gateway ids; null: every enabled one
    t.boolean("handoff_creates_accounts").notNullable().defaultTo(false);
    t.integer("version").notNullable().defaultTo(1);
    t.bigInteger("updated_at").nullable();
  });

  await knex.schema.createTable("brand_api_keys", (t) => {
    t.string("id", 40).primary(); // key_…; the key itself is `cab_<id>_<secret>`
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("name", 100).notNullable();
    t.string("secret_hash", 64).notNullable(); // SHA-256 of the secret: the key is shown once
    t.bigInteger("created_at").notNullable();
    t.bigInteger("last_used_at").nullable();
    t.bigInteger("revoked_at").nullable();
    t.index(["brand_id"]);
  });

  await knex.schema.createTable("handoff_codes", (t) => {
    t.string("code_hash", 64).primary(); // SHA-256 of the one-time code
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("origin", 200).notNullable(); // the page that may exchange it
    t.string("api_key_id", 40).notNullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("expires_at").notNullable();
    t.bigInteger("used_at").nullable();
    t.index(["expires_at"]);
  });

  // The provider's own id for a customer, so a hand-off finds the same Cabinet user every time
  // (even after the customer changes e-mail on the provider's site).
  await knex.schema.createTable("user_external_ids", (t) => {
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("external_id", 200).notNullable();
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.bigInteger("created_at").notNullable();
    t.primary(["brand_id", "external_id"]);
    t.unique(["user_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("user_external_ids");
  await knex.schema.dropTable("handoff_codes");
  await knex.schema.dropTable("brand_api_keys");
  await knex.schema.alterTable("brands", (t) => {
    for (const column of [
      "locales",
      "currencies",
      "support_contacts",
      "theme",
      "email_sender",
      "template_set",
      "gateways",
      "handoff_creates_accounts",
      "version",
      "updated_at",
    ])
      t.dropColumn(column);
  });
}
