import type { Knex } from "knex";

// Notifications (notifications module): what the in-app centre lists, the outbox of deliveries
// to external channels (written in the same transaction as the notification), each user's
// preferences (event × channel), and the devices a user has signed in from (to tell a new one).

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("notifications", (t) => {
    t.string("id", 40).primary(); // ntf_…, time-ordered: the stream's event ids
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("event", 64).notNullable();
    t.string("title", 200).notNullable();
    t.text("body").notNullable();
    t.string("link", 255).nullable();
    t.string("reference_type", 32).nullable();
    t.string("reference_id", 64).nullable();
    // False when the user turned the in-app channel off for this event: the row then only
    // carries the text for the external deliveries and the centre never shows it.
    t.boolean("in_app").notNullable();
    // `invoice.issued:inv_…`: the same event handled twice raises one notification per user.
    t.string("dedupe_key", 160).nullable();
    t.bigInteger("read_at").nullable();
    t.bigInteger("created_at").notNullable();
    t.unique(["user_id", "dedupe_key"]);
    t.index(["user_id", "in_app", "id"]);
    t.index(["user_id", "created_at"]);
  });

  await knex.schema.createTable("notification_deliveries", (t) => {
    t.string("id", 40).primary(); // ndl_…: the channel's idempotency handle
    t.string("notification_id", 40).notNullable().references("id").inTable("notifications");
    t.string("channel", 64).notNullable();
    t.string("status", 16).notNullable(); // pending | delivered | failed
    t.integer("attempts").notNullable().defaultTo(0);
    // When it is due; while a worker holds it, when that worker's lease runs out.
    t.bigInteger("next_attempt_at").notNullable();
    t.string("lease_token", 40).nullable(); // the claim a worker must still hold to mark it
    t.string("last_error", 255).nullable();
    t.string("external_id", 255).nullable();
    t.bigInteger("delivered_at").nullable();
    t.bigInteger("created_at").notNullable();
    t.unique(["notification_id", "channel"]);
    t.index(["status", "next_attempt_at"]);
  });

  await knex.schema.createTable("notification_preferences", (t) => {
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("event", 64).notNullable();
    t.string("channel", 64).notNullable();
    t.boolean("enabled").notNullable();
    t.bigInteger("updated_at").notNullable();
    t.primary(["user_id", "event", "channel"]);
  });

  await knex.schema.createTable("known_devices", (t) => {
    t.string("user_id", 40).notNullable().references("id").inTable("users");
    t.string("fingerprint", 64).notNullable(); // SHA-256 of user agent + IP
    t.bigInteger("first_seen_at").notNullable();
    t.bigInteger("last_seen_at").notNullable();
    t.primary(["user_id", "fingerprint"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["known_devices", "notification_preferences", "notification_deliveries", "notifications"]) {
    await knex.schema.dropTableIfExists(table);
  }
}
