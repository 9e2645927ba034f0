import type { Knex } from "knex";

// Instants are BIGINT milliseconds since the epoch (UTC) and money is BIGINT minor units
// plus CHAR(3) currency: both mean the same on SQLite and MySQL, with no driver-specific
// date or decimal conversions. JSON is stored as TEXT and mapped in one place (core/src/db/json.ts).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("brands", (t) => {
    t.string("id", 40).primary();
    t.string("slug", 64).notNullable().unique();
    t.string("name", 200).notNullable();
    t.string("default_currency", 3).notNullable();
    t.string("default_locale", 8).notNullable().defaultTo("en");
    t.text("allowed_origins").notNullable(); // JSON array of origins allowed to embed and call the API
    t.boolean("sign_up_open").notNullable().defaultTo(true);
    t.bigInteger("created_at").notNullable();
  });

  await knex.schema.createTable("accounts", (t) => {
    t.string("id", 40).primary();
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("name", 200).notNullable();
    t.string("kind", 16).notNullable(); // person | company
    t.string("currency", 3).notNullable();
    t.string("status", 16).notNullable(); // active | suspended
    t.bigInteger("created_at").notNullable();
    t.index(["brand_id", "id"]);
  });

  await knex.schema.createTable("users", (t) => {
    t.string("id", 40).primary();
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("email", 254).notNullable();
    t.string("name", 200).notNullable();
    t.string("password_hash", 255).nullable(); // null for users who only sign in externally
    t.string("role", 16).notNullable(); // owner | member
    t.text("permissions").notNullable(); // JSON array: services, finance, documents, support
    t.string("status", 16).notNullable(); // active | suspended
    t.string("locale", 8).notNullable().defaultTo("en");
    t.bigInteger("created_at").notNullable();
    t.unique(["brand_id", "email"]);
    t.index(["account_id"]);
  });

  await knex.schema.createTable("sessions", (t) => {
    t.string("id", 40).primary();
    t.string("token_hash", 64).notNullable().unique(); // SHA-256 of the bearer/cookie token
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("csrf_token", 64).notNullable();
    t.string("ip", 64).notNullable();
    t.string("user_agent", 255).notNullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("expires_at").notNullable();
    t.bigInteger("last_seen_at").notNullable();
    t.bigInteger("revoked_at").nullable();
    t.index(["user_id"]);
  });

  await knex.schema.createTable("products", (t) => {
    t.string("id", 40).primary();
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("code", 64).notNullable();
    t.string("name", 200).notNullable();
    t.string("type", 32).notNullable(); // vps | shared_hosting | dedicated | domain | …
    t.text("description").notNullable();
    t.text("parameters").notNullable(); // JSON: parameter definitions
    t.string("status", 16).notNullable(); // active | hidden | retired
    t.bigInteger("created_at").notNullable();
    t.unique(["brand_id", "code"]);
  });

  await knex.schema.createTable("services", (t) => {
    t.string("id", 40).primary();
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("product_id", 40).notNullable().references("id").inTable("products");
    t.string("label", 120).nullable();
    t.string("status", 24).notNullable();
    t.text("parameters").notNullable(); // JSON: chosen parameter values
    t.bigInteger("price_amount").notNullable(); // per period, minor units
    t.string("currency", 3).notNullable();
    t.integer("period_months").notNullable();
    t.bigInteger("paid_until").nullable();
    t.boolean("auto_renew").notNullable().defaultTo(false);
    t.bigInteger("created_at").notNullable();
    t.bigInteger("updated_at").notNullable();
    t.index(["account_id", "status", "id"]);
    t.index(["account_id", "id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["services", "products", "sessions", "users", "accounts", "brands"]) {
    await knex.schema.dropTableIfExists(table);
  }
}
