import type { Knex } from "knex";

// Issue 12: a user limited to some services sees the payments of their invoices only. Which
// invoices a payment pays was a JSON array (`payments.invoice_ids`), which SQL cannot join on
// alike in SQLite and MySQL; this table holds the same pairs (payments module), filled from the
// array for the payments made before it, and written with every new payment from now on.

// And whether a brand's clients are told (a notification) when its staff sign in as them:
// on unless the brand turns it off; the audit log records the sign-in either way.

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("brands", (t) => {
    t.boolean("announce_staff_sign_in").notNullable().defaultTo(true);
  });
  // An invitation accepted by signing in at an external provider: the invitation's token hash,
  // kept with the round trip's state from its start to its callback (identities module).
  await knex.schema.alterTable("external_sign_in_states", (t) => {
    t.string("invitation_hash", 64).nullable();
  });
  await knex.schema.createTable("payment_invoices", (t) => {
    t.string("payment_id", 40).notNullable().references("id").inTable("payments");
    t.string("invoice_id", 40).notNullable();
    t.primary(["payment_id", "invoice_id"]);
    t.index(["invoice_id"]);
  });
  for (let after = ""; ;) {
    const page: { id: string; invoice_ids: string }[] = await knex("payments")
      .where("id", ">", after)
      .where("purpose", "invoices")
      .orderBy("id")
      .limit(500)
      .select("id", "invoice_ids");
    if (page.length === 0) break;
    const pairs = page.flatMap((p) => [...new Set(parseIds(p.invoice_ids))].map((invoiceId) => ({ payment_id: p.id, invoice_id: invoiceId })));
    if (pairs.length > 0) await knex("payment_invoices").insert(pairs);
    after = page[page.length - 1].id;
  }
}

/** MySQL may hand a JSON text column back parsed already; SQLite as text. */
function parseIds(value: unknown): string[] {
  const ids: unknown = typeof value === "string" ? JSON.parse(value) : value;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("payment_invoices");
  await knex.schema.alterTable("brands", (t) => t.dropColumn("announce_staff_sign_in"));
  await knex.schema.alterTable("external_sign_in_states", (t) => t.dropColumn("invitation_hash"));
}
