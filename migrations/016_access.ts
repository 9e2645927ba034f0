import type { Knex } from "knex";

// Shared access (issue 12): the audit log (audit module), and the accounts module's people
// and rights — memberships of a person in accounts other than their own, roles and the rights
// they grant, per-service scopes, invitations, and what a session is (which account it acts
// in, and whether a staff member opened it "as the client").
//
// A `users` row stays what it was: a person's login in a brand plus their membership of the
// account they were created in (their "home"). `account_members` holds their memberships of
// other accounts of the same brand, with the same columns, so both read alike.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("audit_entries", (t) => {
    t.string("id", 40).primary(); // aud_…, time-ordered: the cursor of the log
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.bigInteger("at").notNullable();
    t.string("actor_kind", 16).notNullable(); // user | staff | system | handoff
    t.string("actor_id", 40).nullable(); // usr_… or stf_…; null for the system
    t.string("actor_name", 200).notNullable();
    // A staff member acting inside the client's area ("sign in as client"): who, for the log.
    t.string("staff_id", 40).nullable();
    t.string("ip", 64).nullable();
    t.string("user_agent", 255).nullable();
    t.string("action", 64).notNullable(); // service.cancelled, user.invited, …
    t.string("target_type", 32).nullable();
    t.string("target_id", 64).nullable();
    t.text("details").notNullable(); // JSON object
    t.index(["account_id", "id"]);
    t.index(["account_id", "action", "id"]);
  });

  await knex.schema.alterTable("users", (t) => {
    // Created by the owner with a password to hand over: must choose their own first.
    t.boolean("must_change_password").notNullable().defaultTo(false);
    // True: sees and acts on the services in `member_services` only (home membership).
    t.boolean("service_scoped").notNullable().defaultTo(false);
  });

  await knex.schema.createTable("account_members", (t) => {
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("role", 16).notNullable(); // owner | member
    t.text("permissions").notNullable(); // JSON array, as users.permissions
    t.string("status", 16).notNullable(); // active | suspended
    t.boolean("service_scoped").notNullable().defaultTo(false);
    t.bigInteger("created_at").notNullable();
    t.primary(["account_id", "user_id"]);
    t.index(["user_id"]);
  });

  await knex.schema.createTable("account_roles", (t) => {
    t.string("id", 40).primary(); // rol_…
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("name", 80).notNullable();
    t.text("rights").notNullable(); // JSON: { section: [action, …] }
    t.bigInteger("created_at").notNullable();
    t.unique(["account_id", "name"]);
  });

  await knex.schema.createTable("member_roles", (t) => {
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("role", 40).notNullable(); // accountant | sysadmin | viewer | rol_…
    t.primary(["account_id", "user_id", "role"]);
  });

  await knex.schema.createTable("member_services", (t) => {
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("service_id", 40).notNullable().references("id").inTable("services");
    t.primary(["account_id", "user_id", "service_id"]);
  });

  await knex.schema.createTable("invitations", (t) => {
    t.string("id", 40).primary(); // ivt_…
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("email", 254).notNullable();
    t.string("token_hash", 64).notNullable().unique(); // SHA-256 of the link's token
    t.text("roles").notNullable(); // JSON array of role keys
    t.text("service_ids").nullable(); // JSON array: the scope, null for every service
    t.string("invited_by", 40).notNullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("expires_at").notNullable();
    t.bigInteger("accepted_at").nullable();
    t.string("accepted_by", 40).nullable();
    t.bigInteger("revoked_at").nullable();
    t.index(["account_id", "id"]);
  });

  await knex.schema.alterTable("sessions", (t) => {
    // "Sign in as client": the staff member behind the session and whether they may act.
    t.string("staff_id", 40).nullable();
    t.string("staff_mode", 8).nullable(); // read | act
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("sessions", (t) => {
    t.dropColumn("staff_mode");
    t.dropColumn("staff_id");
  });
  for (const table of ["invitations", "member_services", "member_roles", "account_roles", "account_members", "audit_entries"]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.schema.alterTable("users", (t) => {
    t.dropColumn("service_scoped");
    t.dropColumn("must_change_password");
  });
}
