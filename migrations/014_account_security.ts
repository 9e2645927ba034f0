import type { Knex } from "knex";

// Account settings and security (accounts module): the profile's new fields, e-mail
// verification, one-time tokens by e-mail (password reset, e-mail change, verification), the
// second-factor step of a sign-in, TOTP with recovery codes, and passkeys. Brands gain their
// security switches; notifications may go to an address other than the user's (the new
// address of an e-mail change) and may be e-mail-only (a reset link never sits in the centre).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("users", (t) => {
    t.string("phone", 32).nullable();
    t.string("timezone", 64).notNullable().defaultTo("UTC");
    t.integer("rows_per_page").notNullable().defaultTo(20);
    t.bigInteger("email_verified_at").nullable();
  });
  await knex.schema.alterTable("accounts", (t) => {
    t.string("locale", 8).nullable(); // documents and account-wide messages; null: the brand's default
  });
  await knex.schema.alterTable("brands", (t) => {
    t.boolean("require_two_factor").notNullable().defaultTo(false);
    t.boolean("email_verification_required").notNullable().defaultTo(false);
  });
  await knex.schema.alterTable("notifications", (t) => {
    t.string("recipient_email", 254).nullable(); // null: the user's own address
  });

  // Single-use links sent by e-mail. Only the SHA-256 of the token is kept.
  await knex.schema.createTable("user_tokens", (t) => {
    t.string("id", 40).primary();
    t.string("token_hash", 64).notNullable().unique();
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("purpose", 16).notNullable(); // reset | email-change | verify-email
    t.string("new_email", 254).nullable(); // email-change only
    t.bigInteger("created_at").notNullable();
    t.bigInteger("expires_at").notNullable();
    t.bigInteger("used_at").nullable(); // used, or superseded by a newer token / a password change
    t.index(["user_id", "purpose"]);
  });

  // A sign-in whose password (or passkey) was right and which waits for its second factor.
  await knex.schema.createTable("sign_in_challenges", (t) => {
    t.string("id", 40).primary();
    t.string("token_hash", 64).notNullable().unique();
    t.string("user_id", 40).nullable().references("id").inTable("users"); // null: a passkey-first challenge
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("purpose", 16).notNullable(); // second-factor | passkey | passkey-register
    t.string("webauthn_challenge", 128).nullable();
    t.string("mode", 8).notNullable(); // cookie | bearer
    t.bigInteger("created_at").notNullable();
    t.bigInteger("expires_at").notNullable();
    t.bigInteger("used_at").nullable();
  });

  await knex.schema.createTable("user_totp", (t) => {
    t.string("user_id", 40).primary().references("id").inTable("users");
    t.string("secret", 64).notNullable();
    t.bigInteger("confirmed_at").nullable(); // null while being set up
    t.bigInteger("last_used_step").nullable(); // a code is accepted once: steps at or before this are refused
    t.bigInteger("created_at").notNullable();
  });

  await knex.schema.createTable("recovery_codes", (t) => {
    t.string("id", 40).primary();
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("code_hash", 64).notNullable();
    t.bigInteger("used_at").nullable();
    t.bigInteger("created_at").notNullable();
    t.index(["user_id"]);
  });

  await knex.schema.createTable("passkeys", (t) => {
    t.string("id", 40).primary();
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("credential_id", 512).notNullable();
    t.text("public_key").notNullable(); // base64url COSE key
    t.bigInteger("counter").notNullable().defaultTo(0);
    t.string("transports", 200).notNullable().defaultTo("[]");
    t.string("name", 100).notNullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("last_used_at").nullable();
    t.index(["user_id"]);
    t.unique(["brand_id", "credential_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["passkeys", "recovery_codes", "user_totp", "sign_in_challenges", "user_tokens"]) await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable("notifications", (t) => t.dropColumn("recipient_email"));
  await knex.schema.alterTable("brands", (t) => {
    t.dropColumn("require_two_factor");
    t.dropColumn("email_verification_required");
  });
  await knex.schema.alterTable("accounts", (t) => t.dropColumn("locale"));
  await knex.schema.alterTable("users", (t) => {
    t.dropColumn("phone");
    t.dropColumn("timezone");
    t.dropColumn("rows_per_page");
    t.dropColumn("email_verified_at");
  });
}
