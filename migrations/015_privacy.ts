import type { Knex } from "knex";

// Privacy (privacy module): versioned legal documents per brand and every decision a user made
// on them; personal-data exports; erasure and restriction requests. External sign-in
// (identities module): identities bound to users and the short-lived state of a sign-in
// round trip to an OpenID provider.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("legal_documents", (t) => {
    t.string("id", 40).primary(); // lgd_…
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("kind", 32).notNullable(); // privacy_policy | terms | marketing_email | marketing_sms
    t.integer("version").notNullable();
    t.string("title", 200).notNullable();
    t.text("body").notNullable();
    t.bigInteger("effective_at").notNullable();
    t.boolean("must_agree").notNullable();
    t.boolean("show_on_sign_up").notNullable();
    t.boolean("show_after_sign_in").notNullable();
    t.string("published_by", 64).nullable(); // a staff id, or `cli`
    t.bigInteger("created_at").notNullable();
    // Two staff publishing at once: the index gives one of them the version, the other retries.
    t.unique(["brand_id", "kind", "version"]);
    t.index(["brand_id", "effective_at"]);
  });

  await knex.schema.createTable("consent_decisions", (t) => {
    t.string("id", 40).primary(); // cns_…, time-ordered
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("document_id", 40).notNullable().references("id").inTable("legal_documents");
    t.string("kind", 32).notNullable();
    t.integer("version").notNullable();
    t.string("decision", 16).notNullable(); // accepted | declined
    t.string("ip", 64).notNullable();
    t.string("user_agent", 255).notNullable();
    t.bigInteger("decided_at").notNullable();
    t.index(["user_id", "document_id"]);
    t.index(["user_id", "id"]);
  });

  await knex.schema.createTable("data_exports", (t) => {
    t.string("id", 40).primary(); // dex_…
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("status", 16).notNullable(); // queued | building | ready | failed
    // JSON: the permissions the user held when asking (the owner: all), which decide the account-wide parts.
    t.string("permissions", 255).notNullable();
    t.integer("progress").notNullable().defaultTo(0); // 0..100
    t.string("file_key", 255).nullable();
    t.bigInteger("size").nullable();
    t.string("error", 255).nullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("ready_at").nullable();
    t.bigInteger("expires_at").nullable();
    t.index(["user_id", "id"]);
  });

  await knex.schema.createTable("privacy_requests", (t) => {
    t.string("id", 40).primary(); // prq_…
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("kind", 16).notNullable(); // erasure | restriction
    t.boolean("by_owner").notNullable(); // the owner's request takes the whole account with it
    t.string("status", 16).notNullable(); // pending | approved | refused
    t.text("reason").nullable();
    t.string("staff_id", 40).nullable();
    t.text("staff_note").nullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("decided_at").nullable();
    t.index(["brand_id", "status", "id"]);
    t.index(["user_id", "id"]);
  });

  // An approved erasure or restriction: what the law makes us keep (invoices, ledger,
  // documents) stays, marked restricted by this row, and is processed no further.
  await knex.schema.createTable("account_restrictions", (t) => {
    t.string("account_id", 40).primary().references("id").inTable("accounts");
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("request_id", 40).notNullable().references("id").inTable("privacy_requests");
    t.string("kind", 16).notNullable(); // erasure | restriction
    t.bigInteger("restricted_at").notNullable();
  });

  await knex.schema.createTable("external_identities", (t) => {
    t.string("id", 40).primary(); // xid_…
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("provider", 64).notNullable();
    t.string("subject", 255).notNullable();
    t.string("email", 254).nullable();
    t.bigInteger("created_at").notNullable();
    // One identity, one user per brand; and one identity per provider per user.
    t.unique(["brand_id", "provider", "subject"]);
    t.unique(["user_id", "provider"]);
  });

  await knex.schema.createTable("external_sign_in_states", (t) => {
    t.string("id", 40).primary(); // xst_…
    t.string("state_hash", 64).notNullable().unique(); // SHA-256 of the `state` sent to the provider
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("provider", 64).notNullable();
    t.string("purpose", 16).notNullable(); // sign-in | bind
    t.string("user_id", 40).nullable(); // the user binding (purpose bind)
    t.string("nonce", 128).notNullable();
    t.string("code_verifier", 128).notNullable();
    t.string("return_to", 1000).notNullable();
    t.string("mode", 16).notNullable(); // cookie | bearer
    t.bigInteger("created_at").notNullable();
    t.bigInteger("expires_at").notNullable();
    t.bigInteger("used_at").nullable();
    // The result of a completed round trip, picked up once by the page with a one-time code.
    t.string("result_code_hash", 64).nullable().unique();
    t.text("result").nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    "external_sign_in_states",
    "external_identities",
    "account_restrictions",
    "privacy_requests",
    "data_exports",
    "consent_decisions",
    "legal_documents",
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
