import type { Knex } from "knex";

// Statements per payer (issue 13) of an account with several payers, without its whole history.
// Whose a movement of the account's one balance is depends on what it is for (its invoice's
// payer, the payer its service was ordered for, the payer of the invoices a payment paid; else
// none, the default payer's). That payer — the one the movement names, fixed when it is posted
// since an invoice's, a service's and a payment's payer never change — is now kept on the entry
// (`payer_id`), and summed per account, UTC month and named payer in `ledger_payer_monthly`,
// in the transaction that posts it, like `ledger_monthly` (migration 023). A statement for a
// payer reads the rollup's months before its period, the entries of the period's first month,
// and maps each named payer to the payer it counts for today (a deleted one: the default's).
//
// Existing entries are given the payer they name by the same rules, then summed as 023 does:
// per (account, payer, UTC day) by the database, then per month.

const DAY = 86_400_000;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("ledger_entries", (t) => {
    t.string("payer_id", 40).nullable(); // the payer the movement names; null: none (the default payer's)
  });
  await knex.schema.createTable("ledger_payer_monthly", (t) => {
    t.string("account_id", 40).notNullable().references("id").inTable("accounts");
    t.bigInteger("month").notNullable();
    t.string("payer_key", 40).notNullable(); // the payer's id, '' for none (a primary key takes no NULL)
    t.bigInteger("total").notNullable();
    t.integer("entries").notNullable();
    t.primary(["account_id", "month", "payer_key"]);
  });
  await backfillLedgerPayers(knex);
}

/** Names the payer of every existing entry and sums them into `ledger_payer_monthly` (empty before). */
export async function backfillLedgerPayers(knex: Knex): Promise<void> {
  // An invoice's movements name its payer; a service's, the payer it was ordered for.
  for (const [type, table] of [
    ["invoice", "invoices"],
    ["service", "services"],
  ]) {
    await knex("ledger_entries")
      .where("reference_type", type)
      .update({ payer_id: knex(table).select("payer_id").whereRaw(`${table}.id = ledger_entries.reference_id`).limit(1) });
  }
  // A payment's, the payer of the first invoice it paid (payments.invoice_ids, JSON): read in pages.
  let after = "";
  for (;;) {
    const payments = (await knex("payments").where("id", ">", after).whereNot("invoice_ids", "[]").orderBy("id").limit(1000).select("id", "invoice_ids")) as {
      id: string;
      invoice_ids: string | null;
    }[];
    if (payments.length === 0) break;
    after = payments[payments.length - 1].id;
    const firstInvoice = new Map<string, string>();
    for (const p of payments) {
      const ids = p.invoice_ids ? (JSON.parse(p.invoice_ids) as string[]) : [];
      if (ids.length > 0) firstInvoice.set(p.id, ids[0]);
    }
    const invoices = (await knex("invoices")
      .whereIn("id", [...new Set(firstInvoice.values())])
      .whereNotNull("payer_id")
      .select("id", "payer_id")) as {
      id: string;
      payer_id: string;
    }[];
    const payerOf = new Map(invoices.map((i) => [i.id, i.payer_id]));
    const byPayer = new Map<string, string[]>();
    for (const [paymentId, invoiceId] of firstInvoice) {
      const payerId = payerOf.get(invoiceId);
      if (payerId) byPayer.set(payerId, [...(byPayer.get(payerId) ?? []), paymentId]);
    }
    for (const [payerId, paymentIds] of byPayer) {
      await knex("ledger_entries").where("reference_type", "payment").whereIn("reference_id", paymentIds).update({ payer_id: payerId });
    }
  }

  const dayOf = knex.client.config.client === "mysql2" ? "created_at DIV 86400000" : "created_at / 86400000";
  const days = (await knex("ledger_entries")
    .select("account_id", "payer_id", knex.raw(`${dayOf} AS day`))
    .sum({ total: "amount" })
    .count({ entries: "*" })
    .groupBy("account_id", "payer_id", "day")) as unknown as {
    account_id: string;
    payer_id: string | null;
    day: number | string;
    total: number | string;
    entries: number | string;
  }[];
  const months = new Map<string, { account_id: string; month: number; payer_key: string; total: number; entries: number }>();
  for (const d of days) {
    const at = new Date(Number(d.day) * DAY);
    const month = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
    const payerKey = d.payer_id ?? "";
    const key = `${d.account_id} ${month} ${payerKey}`;
    const row = months.get(key) ?? { account_id: d.account_id, month, payer_key: payerKey, total: 0, entries: 0 };
    row.total += Number(d.total);
    row.entries += Number(d.entries);
    months.set(key, row);
  }
  const rows = [...months.values()];
  for (let i = 0; i < rows.length; i += 1000) await knex("ledger_payer_monthly").insert(rows.slice(i, i + 1000));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("ledger_payer_monthly");
  await knex.schema.alterTable("ledger_entries", (t) => {
    t.dropColumn("payer_id");
  });
}
