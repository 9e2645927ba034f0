import type { Knex } from "knex";

// Support (support module): a brand's departments and its attachment limits, clients' tickets,
// their messages (staff internal notes among them) and attachments. A message keeps both its
// source text and the HTML rendered from it, so what a client saw can be shown again as it was.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("support_departments", (t) => {
    t.string("id", 40).primary();
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("code", 32).notNullable(); // technical | billing | sales…: how seeding finds it again
    t.string("name", 100).notNullable();
    t.integer("position").notNullable();
    t.bigInteger("created_at").notNullable();
    t.unique(["brand_id", "code"]);
  });

  // A brand's own attachment limits; a null column falls back to the config's default.
  await knex.schema.createTable("support_settings", (t) => {
    t.string("brand_id", 40).primary().references("id").inTable("brands");
    t.integer("attachment_max_bytes").nullable();
    t.integer("attachments_per_message").nullable();
    t.bigInteger("updated_at").notNullable();
  });

  await knex.schema.createTable("tickets", (t) => {
    t.string("id", 40).primary();
    t.string("brand_id", 40).notNullable().references("id").inTable("brands");
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.string("opened_by_user_id", 40).notNullable().references("id").inTable("users");
    t.string("department_id", 40).notNullable().references("id").inTable("support_departments");
    t.string("subject", 200).notNullable();
    t.string("priority", 16).notNullable(); // low | normal | high | urgent
    t.string("status", 16).notNullable(); // open | awaiting_staff | awaiting_client | closed
    t.string("service_id", 40).nullable(); // a service of the same account, checked by the services module
    t.string("assignee_id", 40).nullable(); // a staff member of the brand
    t.bigInteger("last_message_at").notNullable();
    t.bigInteger("last_staff_reply_at").nullable(); // internal notes do not count
    t.bigInteger("client_read_at").nullable(); // when a client last opened it: unread = a staff reply since
    t.bigInteger("closed_at").nullable();
    t.integer("rating").nullable(); // 1..5, once closed
    t.string("rating_comment", 2000).nullable();
    t.bigInteger("created_at").notNullable();
    t.bigInteger("updated_at").notNullable();
    t.index(["account_id", "id"]);
    t.index(["account_id", "status", "id"]);
    t.index(["brand_id", "status", "id"]);
    t.index(["brand_id", "assignee_id", "id"]);
  });

  await knex.schema.createTable("ticket_messages", (t) => {
    t.string("id", 40).primary();
    t.string("ticket_id", 40).notNullable().references("id").inTable("tickets");
    t.string("author_kind", 8).notNullable(); // client | staff
    t.string("author_id", 40).notNullable(); // a user's id, or a staff member's
    t.string("author_name", 200).notNullable(); // as it was when written
    t.boolean("internal").notNullable(); // a staff note the client never sees
    t.text("body", "mediumtext").notNullable(); // the source, as written (MySQL's TEXT holds 64 KB: 20 000 characters of UTF-8 may not fit)
    t.text("body_html", "mediumtext").notNullable(); // rendered from the source, escaped first
    t.bigInteger("created_at").notNullable();
    t.index(["ticket_id", "id"]);
  });

  await knex.schema.createTable("ticket_attachments", (t) => {
    t.string("id", 40).primary();
    t.string("ticket_id", 40).notNullable().references("id").inTable("tickets");
    t.string("message_id", 40).notNullable().references("id").inTable("ticket_messages");
    t.string("file_name", 160).notNullable(); // the client's name, sanitized; never part of `storage_key`
    t.string("media_type", 100).notNullable(); // as found in the bytes, not as declared
    t.bigInteger("size").notNullable();
    t.string("storage_key", 255).notNullable(); // FileStore key: tickets/<ticket>/<attachment>
    t.string("sha256", 64).notNullable();
    t.bigInteger("created_at").notNullable();
    t.index(["message_id"]);
    t.index(["ticket_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("ticket_attachments");
  await knex.schema.dropTableIfExists("ticket_messages");
  await knex.schema.dropTableIfExists("tickets");
  await knex.schema.dropTableIfExists("support_settings");
  await knex.schema.dropTableIfExists("support_departments");
}
