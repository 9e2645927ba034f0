import type { Knex } from "knex";

// The staff module's tables: the provider's own people (admin, finance, support), each of one
// brand, and their sessions. Kept apart from `users` and `sessions` so a client's token can
// never be looked up as a staff member's, nor the other way round.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("staff_users", (t) => {
    t.string("id", 40).primary();
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("email", 254).notNullable(); // stored lower-cased
    t.string("name", 200).notNullable();
    t.string("password_hash", 255).notNullable(); // argon2id
    t.string("role", 16).notNullable(); // admin | finance | support
    t.string("status", 16).notNullable(); // active | suspended
    t.bigInteger("created_at").notNullable();
    t.unique(["brand_id", "email"]);
  });

  await knex.schema.createTable("staff_sessions", (t) => {
    t.string("id", 40).primary();
    t.string("token_hash", 64).notNullable().unique(); // SHA-256 of the bearer token
    t.string("staff_id", 40).notNullable().references("id").inTable("staff_users");
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("ip", 64).notNullable();
    t.string("user_agent", 255).notNullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("expires_at").notNullable();
    t.bigInteger("last_seen_at").notNullable();
    t.bigInteger("revoked_at").nullable();
    t.index(["staff_id"]);
  });

  // The staff console lists a brand's payments by status, newest first (pending bank transfers
  // to confirm); without this the query scans every brand's payments.
  await knex.schema.alterTable("payments", (t) => {
    t.index(["brand_id", "status", "id"], "payments_brand_status_id_index");
  });
}

export async function down(knex: Knex): Promise<void> {
  if (knex.client.config.client === "mysql2") {
    // MySQL drops the index it made for the brand_id foreign key once ours can serve it, and
    // then refuses to drop ours: give the foreign key an index of its own first.
    const [indexes] = await knex.raw("SHOW INDEX FROM payments WHERE Column_name = 'brand_id' AND Seq_in_index = 1");
    if ((indexes as { Key_name: string }[]).every((i) => i.Key_name === "payments_brand_status_id_index")) {
      await knex.schema.alterTable("payments", (t) => t.index(["brand_id"], "payments_brand_id_foreign"));
    }
  }
  await knex.schema.alterTable("payments", (t) => {
    t.dropIndex(["brand_id", "status", "id"], "payments_brand_status_id_index");
  });
  await knex.schema.dropTableIfExists("staff_sessions");
  await knex.schema.dropTableIfExists("staff_users");
}
