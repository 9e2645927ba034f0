import type { Knex } from "knex";

// Issue 8 item 10: an in-app notification keeps what it was made from (the event's payload and
// the names it used) so that it is written out when read, in the reader's language of the day,
// like the ledger's lines; `title` and `body` keep the text it was sent with (the e-mail and the
// Telegram message, already gone out), which is also what rows from before this migration show.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("notifications", (t) => {
    t.text("source").nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("notifications", (t) => {
    t.dropColumn("source");
  });
}
