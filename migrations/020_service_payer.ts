import type { Knex } from "knex";

// Issue 13: a service's renewals are invoiced to the payer chosen when it was ordered, not
// always to the account's default. NULL: no payer was chosen (the account's default at the
// time of each invoice). Services ordered before this migration take the payer of their
// order's invoice, when they had one.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("services", (t) => {
    t.string("payer_id", 40).nullable();
  });
  const ordered = await knex("invoice_lines as l")
    .join("invoices as i", "i.id", "l.invoice_id")
    .where("i.purpose", "order")
    .whereNotNull("i.payer_id")
    .whereNotNull("l.service_id")
    .select("l.service_id", "i.payer_id");
  for (const row of ordered as { service_id: string; payer_id: string }[]) {
    await knex("services").where({ id: row.service_id }).whereNull("payer_id").update({ payer_id: row.payer_id });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("services", (t) => {
    t.dropColumn("payer_id");
  });
}
